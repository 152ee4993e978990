"""What a run collected and skipped: no test file is ever left out unnoticed, and the summary says what ran.

A pytest plugin (tests/conftest.py imports its hooks). pytest passes over some folders without a word (its
default `norecursedirs` holds `build`, which hid `tests/build/` from every CI run for months), so after
collection each test file under a folder the run was given is compared with the files pytest opened; one left
out stops the run (exit 4, pytest's code for a usage error) naming it. Running one file, a `-k` selection, an
explicit `--ignore` or `--last-failed` (which skips files with no failures on purpose) is not affected.

The summary at the end gives the collected count as distinct test functions and parametrised items, and every
skip with its reason.
"""

from __future__ import annotations

import fnmatch
from collections import Counter, defaultdict
from pathlib import Path

import pytest

VISITED = pytest.StashKey[set[Path]]()
ITEMS = pytest.StashKey[list[pytest.Item]]()


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.Module):
        collector.config.stash.setdefault(VISITED, set()).add(collector.path.resolve())


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    config.stash[ITEMS] = list(session.items)
    left_out = uncollected(config, config.stash.get(VISITED, set()))
    if left_out:
        root = config.rootpath
        names = "\n".join(f"  {_relative(path, root)}" for path in left_out)
        pytest.exit(f"{len(left_out)} test file(s) were not collected, so none of their tests would run:\n{names}\n"
                    "Check `norecursedirs` and `python_files` in pyproject.toml (pytest skips folders named "
                    "`build`, `dist`, `venv` and hidden ones by default).", returncode=pytest.ExitCode.USAGE_ERROR)


def uncollected(config: pytest.Config, visited: set[Path]) -> list[Path]:
    """Test files under the folders this run was given that pytest did not open, in path order."""
    if config.getoption("lf", False):
        return []
    patterns = config.getini("python_files")
    ignored = [Path(p).resolve() for p in config.getoption("ignore") or []]
    ignored_globs = config.getoption("ignore_glob") or []
    expected: set[Path] = set()
    for arg in config.args:
        folder = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).parts
            if (any(fnmatch.fnmatch(path.name, p) for p in patterns)
                    and not any(part.startswith(".") or part == "__pycache__" for part in parts[:-1])
                    and not any(path == i or i in path.parents for i in ignored)
                    and not any(fnmatch.fnmatch(str(path), g) for g in ignored_globs)):
                expected.add(path)
    return sorted(expected - visited)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    items = config.stash.get(ITEMS, [])
    if not items:
        return
    write = terminalreporter.write_line
    terminalreporter.section("what ran", sep="-")
    write(counts(items))
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if isinstance(r, pytest.TestReport)]
    by_reason: dict[str, list[str]] = defaultdict(list)
    for report in skipped:
        by_reason[_reason(report)].append(report.nodeid)
    for reason, nodeids in sorted(by_reason.items()):
        write(f"skipped {len(nodeids)}: {reason}")
        for nodeid in nodeids:
            write(f"    {nodeid}")


def counts(items: list[pytest.Item]) -> str:
    """``collected N tests from M files: F test functions, P of them parametrised into K items``."""
    functions: Counter[tuple[str, str]] = Counter()
    parametrised: set[tuple[str, str]] = set()
    for item in items:
        function = (str(item.path), getattr(item, "originalname", item.name))
        functions[function] += 1
        if "[" in item.name:
            parametrised.add(function)
    return (f"collected {len(items)} tests from {len({i.path for i in items})} files: {len(functions)} test "
            f"functions, {len(parametrised)} of them parametrised into {sum(functions[f] for f in parametrised)} "
            "items")


def _reason(report: pytest.TestReport) -> str:
    if isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    return str(report.longrepr)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
