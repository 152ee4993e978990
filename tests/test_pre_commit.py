"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run by pre-commit itself in a scratch repository that also
holds other YAML and JSON: only agreements are checked, a good one passes, a broken one blocks the commit; the
README's set-up works as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import PRE_COMMIT, ROOT, SAMPLES, find_tool


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment to run pre-commit in: its own cache (hook environments built once for this module), and
    this interpreter's scripts first on PATH, so that a `language: system` hook finds `agreement`."""
    scripts = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])  # the venv's, then PATH's
    program = find_tool(PRE_COMMIT, which=lambda command: shutil.which(command, path=scripts))["pre-commit"]
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
            "PATH": os.pathsep.join([str(Path(program).parent), str(Path(sys.executable).parent),
                                     os.environ["PATH"]]),
            "NO_COLOR": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture(scope="module")
def hooks_repository(pre_commit: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """This checkout as pre-commit meets it: a repository with a commit holding the working tree's files (the
    way `pre-commit try-repo` does, but once, so that both hooks share one installed environment)."""
    copy = tmp_path_factory.mktemp("agreement-builder")
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, pre_commit)
    for name in filter(None, listed.stdout.split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "tool"]):
        _run(command, copy, pre_commit)
    return str(copy), _run(["git", "rev-parse", "HEAD"], copy, pre_commit).stdout.strip()


def _repository(root: Path, environment: dict[str, str], config: str) -> Path:
    """A git repository with an agreement and the other YAML and JSON a real repository holds."""
    files = {
        "agreements/northvale.yaml": (SAMPLES / "complete.yaml").read_text(encoding="utf-8"),
        ".pre-commit-config.yaml": config,
        ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
        ".gitlab-ci.yml": "test:\n  script: [make]\n",
        "package.json": '{"name": "site", "version": "1.0.0"}\n',
        "mkdocs.yml": "site_name: Partnership\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _run(["git", "init", "-q"], root, environment)
    _run(["git", "add", "-A"], root, environment)
    return root


def _run(command: list[str], where: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=where, env=environment, capture_output=True, text=True, timeout=600,
                          check=False)


def _break(repository: Path, environment: dict[str, str]) -> None:
    plan = repository / "agreements" / "northvale.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"effective_date: \S+", "effective_date: 1/4/2025", text, count=1), encoding="utf-8")
    _run(["git", "add", "-A"], repository, environment)


@pytest.mark.parametrize("hook", ["agreement-lint", "agreement-validate"])
def test_the_hook_checks_agreements_only_and_blocks_a_broken_one(pre_commit, hooks_repository, tmp_path: Path,
                                                                  hook: str):
    tool, rev = hooks_repository
    config = (f"repos:\n  - repo: {tool}\n    rev: {rev}\n    hooks:\n      - id: agreement-lint\n"
              "      - id: agreement-validate\n")
    repository = _repository(tmp_path, pre_commit, config)
    command = ["pre-commit", "run", hook, "--all-files", "--verbose"]
    passed = _run(command, repository, pre_commit)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"agreement (lint|validate)\.+Passed", passed.stdout), passed.stdout
    _break(repository, pre_commit)
    failed = _run(command, repository, pre_commit)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "agreements/northvale.yaml:" in failed.stdout and "is not a date written as YYYY-MM-DD" in failed.stdout
    for other in (".pre-commit-config.yaml", "ci.yml", ".gitlab-ci.yml", "package.json", "mkdocs.yml"):
        assert other not in failed.stdout.replace("Passed", ""), failed.stdout


def _readme_config() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"As a pre-commit hook.*?```yaml\n(.*?)```", readme, re.S)
    assert found, "the README's pre-commit set-up is not where this test looks for it"
    return found.group(1)


def test_the_readme_pre_commit_set_up_works_as_written(pre_commit, tmp_path: Path):
    repository = _repository(tmp_path, pre_commit, _readme_config())
    passed = _run(["pre-commit", "run", "--all-files"], repository, pre_commit)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    _break(repository, pre_commit)
    failed = _run(["pre-commit", "run", "--all-files"], repository, pre_commit)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "agreements/northvale.yaml:" in failed.stdout
