"""Shared benchmark helpers: timing cold processes side by side and printing a table."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def compiled() -> None:
    """Time what users run: a package whose .pyc files exist (pip writes them when it installs). Some
    environments set PYTHONDONTWRITEBYTECODE, which would make every cold run recompile the package."""
    import compileall

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(ROOT / "agreement_builder"), quiet=1)


def tool(name: str) -> str:
    """The path of a command-line tool, preferring the one installed beside this Python."""
    local = BIN / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"bench: `{name}` is not installed; run: pip install -e '.[bench]'")
    return found


def run_once(command: Sequence[str], cwd: Path = ROOT) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MB of one cold run of ``command``."""
    start = time.perf_counter()
    pid = subprocess.Popen(list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
    _, _, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss // 1024


def median_runs(commands: dict[str, Sequence[str]], runs: int, cwd: Path = ROOT) -> dict[str, tuple[float, int]]:
    """Run each command ``runs`` times, interleaved so that machine noise hits all alike; median time, max memory."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for command in commands.values():  # one warm-up each: page cache and .pyc files
        run_once(command, cwd)
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, peak = run_once(command, cwd)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(times[name]), peaks[name]) for name in commands}


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, so the output can be pasted into bench/README.md as it is."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}"


__all__ = ["ROOT", "compiled", "machine", "median_runs", "run_once", "table", "tool"]
