"""Build speed: `agreement build` against pandoc on the agreement's own Markdown, cold, side by side; then the
same two on agreements grown to 10, 100, 1,000 and 10,000 parties and risk-register rows.

Run: python bench/build.py [--runs N] [--scale-runs N] [--sizes 10,100,1000,10000]

pandoc converts the Markdown that `agreement build --format md` writes for the same agreement, so both
produce a .docx of the same text. Wall times are medians of cold processes (hyperfine when installed for
the side-by-side run); CPU time (user + system, the least of the runs) and peak resident memory (the largest)
come from the kernel's accounting of each finished child. On a busy machine wall time grows with the load
much more than CPU time does, so the report gives the load average too.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from common import ROOT, machine, table, tool

from agreement_builder.source import load

SAMPLE = ROOT / "samples" / "complete.yaml"

# Targets from the build issue.
COLD_LIMIT = 0.6  # seconds, the complete sample
PANDOC_FACTOR = 2.0  # the complete sample within 2x of pandoc
FASTER_FROM = 1_000  # rows: from here on, faster than pandoc
LARGEST_LIMIT = 10.0  # seconds, 10,000 rows
MEMORY_LIMIT = 300  # MB


def grown(rows: int) -> dict[str, Any]:
    """The complete sample with ``rows`` parties and ``rows`` risk-register entries in all.

    New parties and risks are copies of the sample's own, with fresh ids; risks keep owners that exist, so
    the agreement stays valid. Copies carry the fields a schedule row shows, not every optional one, which
    keeps 10,000 of each inside the loader's size limit.
    """
    data: dict[str, Any] = load(str(SAMPLE)).data
    parties, risks = data["parties"], data["risk"]["register"]
    originals, original_risks = list(parties), list(risks)
    for k in range(len(parties), rows):
        party = originals[k % len(originals)]
        parties.append({"id": f"{party['id']}-{k}", "name": f"{party['name']}, locality {k}",
                        "short_name": f"{party.get('short_name', party['name'])} ({k})",
                        "sector": party["sector"], "address": party.get("address", "")})
    for k in range(len(risks), rows):
        risk = original_risks[k % len(original_risks)]
        risks.append({"id": f"{risk['id']}-{k}", "description": f"{risk['description']} (area {k})",
                      "owner": risk["owner"], "likelihood": risk["likelihood"], "impact": risk["impact"],
                      "mitigation": risk["mitigation"].split("; ")[0].rstrip(".") + "."})
    del parties[rows:], risks[rows:]
    return data


def write(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def commands(source: Path, folder: Path) -> dict[str, list[str]]:
    """The two contenders on one agreement; the Markdown pandoc reads is written first, outside the timing."""
    markdown = folder / f"{source.stem}.md"
    subprocess.run([tool("agreement"), "build", str(source), "--format", "md", "-o", str(markdown), "--force"],
                   check=True, capture_output=True)
    return {
        "agreement build": [tool("agreement"), "build", str(source), "-o", str(folder / "ours.docx"), "--force"],
        "pandoc": [tool("pandoc"), str(markdown), "-o", str(folder / "pandoc.docx")],
    }


@dataclass(frozen=True)
class Timing:
    wall: float  # median seconds
    cpu: float  # user + system seconds, the least of several runs: other work on the machine inflates it least
    peak: int  # MB


def once(command: Sequence[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident MB of one cold run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        sys.exit(f"bench: {shlex.join(command)} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def side_by_side(contenders: dict[str, list[str]], runs: int, folder: Path) -> dict[str, Timing]:
    """Median wall time over ``runs`` cold runs after a warm-up (hyperfine when installed), then one more
    run of each for CPU time and peak memory."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine is None:
        return series_of(contenders, runs, warm_up=True)
    report = folder / "hyperfine.json"
    subprocess.run([hyperfine, "-N", "--warmup", "1", "--runs", str(runs), "--export-json", str(report),
                    *(arg for name in contenders for arg in ("-n", name)),
                    *(shlex.join(command) for command in contenders.values())],
                   check=True, capture_output=True)
    walls = {r["command"]: float(r["median"]) for r in json.loads(report.read_text())["results"]}
    extra = series_of(contenders, 3)
    return {name: Timing(walls[name], extra[name].cpu, extra[name].peak) for name in contenders}


def series_of(contenders: dict[str, list[str]], runs: int, warm_up: bool = False) -> dict[str, Timing]:
    """Median wall time, least CPU time and largest peak memory over ``runs`` runs of each command,
    interleaved so that noise from the rest of the machine hits both alike."""
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in contenders}
    for command in contenders.values() if warm_up else ():
        once(command)
    for _ in range(runs):
        for name, command in contenders.items():
            results[name].append(once(command))
    return {name: Timing(statistics.median(r[0] for r in measured), min(r[1] for r in measured),
                         max(r[2] for r in measured)) for name, measured in results.items()}


def measure(source: Path, runs: int, side: bool) -> dict[str, Timing]:
    """The two contenders on ``source``: side by side with a warm-up, or (for the large series, where one run
    can take minutes) each run measured in full and no warm-up beyond writing the Markdown."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        contenders = commands(source, folder)
        return side_by_side(contenders, runs, folder) if side else series_of(contenders, runs)


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def report(single: dict[str, Timing], series: dict[int, dict[str, Timing]], runs: Sequence[int],
           load: tuple[float, float]) -> list[str]:
    ours, pandoc = single["agreement build"], single["pandoc"]
    lines = [f"{SAMPLE.name} ({SAMPLE.stat().st_size:,} bytes), cold, median of {runs[0]}; {machine()}; "
             f"load average {load[0]:.1f} before, {load[1]:.1f} after", "",
             table(["command", "median", "vs pandoc", "CPU", "peak memory"],
                   [[name, f"{t.wall * 1000:.0f} ms", f"{t.wall / pandoc.wall:.2f}x", f"{t.cpu * 1000:.0f} ms",
                     f"{t.peak} MB"] for name, t in single.items()]),
             "", f"Grown agreements (parties = risk-register rows), median of {runs[1]}:", "",
             table(["rows", "agreement build", "CPU", "peak", "pandoc", "CPU", "peak", "ours / pandoc"],
                   [[f"{n:,}", f"{r['agreement build'].wall:.2f} s", f"{r['agreement build'].cpu:.2f} s",
                     f"{r['agreement build'].peak} MB", f"{r['pandoc'].wall:.2f} s", f"{r['pandoc'].cpu:.2f} s",
                     f"{r['pandoc'].peak} MB", f"{r['agreement build'].wall / r['pandoc'].wall:.2f}x"]
                    for n, r in series.items()]), ""]
    memory = max([ours.peak] + [r["agreement build"].peak for r in series.values()])
    lines += [f"- complete sample under {COLD_LIMIT} s cold: {verdict(ours.wall < COLD_LIMIT)} ({ours.wall:.2f} s)",
              f"- within {PANDOC_FACTOR:g}x of pandoc: {verdict(ours.wall <= PANDOC_FACTOR * pandoc.wall)} "
              f"({ours.wall / pandoc.wall:.2f}x)"]
    large = {n: r for n, r in series.items() if n >= FASTER_FROM}
    if large:
        slower = [f"{n:,}" for n, r in large.items() if r["agreement build"].wall >= r["pandoc"].wall]
        lines.append(f"- faster than pandoc from {FASTER_FROM:,} rows: {verdict(not slower)}"
                     + (f" (slower at {', '.join(slower)})" if slower else ""))
    if 10_000 in series:
        largest = series[10_000]["agreement build"].wall
        lines.append(f"- 10,000 rows under {LARGEST_LIMIT:g} s: {verdict(largest < LARGEST_LIMIT)} ({largest:.2f} s)")
    lines += _growth(series)
    lines.append(f"- peak memory under {MEMORY_LIMIT} MB: {verdict(memory < MEMORY_LIMIT)} ({memory} MB)")
    return lines


def _growth(series: dict[int, dict[str, Timing]]) -> list[str]:
    """Linear growth: the CPU time each row adds between the two largest agreements is no more than each row
    added between the smallest and the second largest, with room for noise.

    CPU time, not wall time, so that other work on the machine does not decide the verdict.
    """
    sizes = sorted(series)
    if len(sizes) < 3:
        return []

    def per_row(a: int, b: int) -> float:
        return (series[b]["agreement build"].cpu - series[a]["agreement build"].cpu) / (b - a) * 1000

    before, last = per_row(sizes[0], sizes[-2]), per_row(sizes[-2], sizes[-1])
    linear = last <= 1.5 * max(before, 0.05)
    return [f"- linear growth: {verdict(linear)} (CPU time per added row: {before:.2f} ms from {sizes[0]:,} to "
            f"{sizes[-2]:,} rows, {last:.2f} ms from {sizes[-2]:,} to {sizes[-1]:,})"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="runs for the complete sample (default 21)")
    parser.add_argument("--scale-runs", type=int, default=3, help="runs per grown agreement (default 3)")
    parser.add_argument("--sizes", default="10,100,1000,10000", help="rows of the grown agreements")
    args = parser.parse_args()
    # An installed copy has its bytecode compiled; let the warm-up runs write it here too, or every timed run
    # would pay for compiling the package's modules again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    before = os.getloadavg()[0]
    single = measure(SAMPLE, args.runs, side=True)
    series: dict[int, dict[str, Timing]] = {}
    with tempfile.TemporaryDirectory() as name:
        for rows in (int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",")):
            source = write(grown(rows), Path(name) / f"grown-{rows}.yaml")
            series[rows] = measure(source, args.scale_runs, side=False)
    print("\n".join(report(single, series, (args.runs, args.scale_runs), (before, os.getloadavg()[0]))))


if __name__ == "__main__":
    main()
