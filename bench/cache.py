"""What the on-disk cache of compiled clause templates saves: a cold `agreement build` of the complete sample
with the cache filled against the same build with the cache off, side by side.

Run: python bench/cache.py [--runs N]

Both run as cold processes, interleaved so that noise from the rest of the machine hits both alike, after a
warm-up that fills the cache (in a temporary folder given as XDG_CACHE_HOME, so the user's own cache is left
alone). Wall time is the median of the runs; CPU time (user + system) the median too, since it is what the
cache saves and drifts less than wall time on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import ROOT, compiled, machine, table, tool

SAMPLE = ROOT / "samples" / "complete.yaml"


def once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one cold run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"bench: {' '.join(command)} failed (status {status})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=31, help="runs of each (default 31)")
    args = parser.parse_args()
    compiled()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cache = folder / "cache"
        cache.mkdir(mode=0o700)
        command = [tool("agreement"), "build", str(SAMPLE), "-o", str(folder / "out.docx"), "--force"]
        base = {k: v for k, v in os.environ.items() if k != "AGREEMENT_BUILDER_NO_CACHE"}
        contenders = {"cache filled": {**base, "XDG_CACHE_HOME": str(cache)},
                      "cache off": {**base, "XDG_CACHE_HOME": str(cache), "AGREEMENT_BUILDER_NO_CACHE": "1"}}
        for env in contenders.values():
            once(command, env)  # fills the cache, the page cache and the .pyc files
        entries = len(list(cache.rglob("*.cache")))
        if not entries:
            raise SystemExit("bench: the build wrote no cache entries; is the cache in use?")
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
        for _ in range(args.runs):
            for label, env in contenders.items():
                times[label].append(once(command, env))
    wall = {label: statistics.median(w for w, _ in runs) for label, runs in times.items()}
    cpu = {label: statistics.median(c for _, c in runs) for label, runs in times.items()}
    off = "cache off"
    print(f"`agreement build {SAMPLE.name}`, cold, median of {args.runs}; {machine()}; {entries} cache entries\n")
    print(table(["cache", "wall", "CPU", "CPU vs cache off"],
                [[label, f"{wall[label] * 1000:.0f} ms", f"{cpu[label] * 1000:.0f} ms",
                  f"{cpu[label] / cpu[off]:.2f}x"] for label in contenders]))
    saved = cpu[off] - cpu["cache filled"]
    print(f"\nThe cache saves {saved * 1000:.0f} ms of CPU a build ({saved / cpu[off]:.0%}), "
          f"{(wall[off] - wall['cache filled']) * 1000:.0f} ms of wall time.")


if __name__ == "__main__":
    main()
