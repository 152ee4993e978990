"""Growth: `agreement` on agreements with many parties, many references to ids that do not exist, and many
waivers over many findings, at 10, 1,000 and 10,000 of each; each of these used to take time that grew with the
square of the count (security review, defects D10, D2 and D11).

Run: python bench/scale.py [--sizes 10,1000,10000] [--runs 3] [--baseline PATH] [--timeout 120]

Each workload is one cold command on a generated agreement: `build -o x.docx` for the parties, `validate` for
the references (each one letter off an id that exists, so each has a suggestion to look for), `lint` for the
waivers (each matching none of the findings). CPU time (user + system) is the median of --runs runs, and is what
the verdict on growth uses: a busy machine stretches wall time much more. --baseline names another
installation's `agreement` command (for example one of the code before this change, in a venv of its own), run
side by side on the same files; a run past --timeout seconds is stopped and shown as such.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from common import compiled, machine, table, tool

NOISE = 0.1  # seconds of CPU time


def _parties(n: int) -> list[dict[str, str]]:
    return [{"id": f"party-{i:06}", "name": f"Partner number {i}", "sector": "health"} for i in range(max(n, 2))]


def parties(n: int) -> dict[str, object]:
    return {"agreement": {"title": "Many partners", "status": "draft"}, "parties": _parties(n)}


def references(n: int) -> dict[str, object]:
    return {"agreement": {"title": "Many references"}, "parties": _parties(n),
            "actions": [{"description": f"Action {i}", "owner": f"parti-{i:06}"} for i in range(n)]}


def waivers(n: int) -> dict[str, object]:
    return {"agreement": {"title": "Many waivers"}, "parties": _parties(2),
            "actions": [{"description": f"Action {i}"} for i in range(n)],
            "waivers": [{"rule": "AB210", "path": f"/nowhere/{i}", "reason": "r"} for i in range(n)]}


WORKLOADS: dict[str, tuple[Callable[[int], dict[str, object]], list[str]]] = {
    "parties, build .docx": (parties, ["build", "{file}", "-o", "{folder}/out.docx", "--force"]),
    "dangling references, validate": (references, ["validate", "{file}"]),
    "waivers over findings, lint": (waivers, ["lint", "--fail-on", "never", "{file}"]),
}


def once(command: list[str], timeout: float) -> tuple[float, float] | None:
    """Wall and CPU seconds of one cold run, or None when it was stopped at ``timeout``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, _, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return time.perf_counter() - start, usage.ru_utime + usage.ru_stime
        if time.perf_counter() - start > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            return None
        time.sleep(0.01)


def measure(program: str, arguments: list[str], runs: int, timeout: float) -> tuple[float, float] | None:
    """Median wall and CPU seconds over ``runs`` runs; None if any run was stopped."""
    results = []
    for _ in range(runs):
        result = once([program, *arguments], timeout)
        if result is None:
            return None
        results.append(result)
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def shown(result: tuple[float, float] | None, timeout: float) -> tuple[str, str]:
    if result is None:
        return f"> {timeout:g} s", "-"
    return f"{result[1]:.2f} s", f"{result[0]:.2f} s"


def growth(cpu: dict[int, float]) -> str:
    """Linear when each item from the middle size to the largest costs no more than 1.5 times what each item
    cost from the smallest to the middle one (the smallest stands for the fixed cost of a run), counting at
    least NOISE seconds for the latter: below that, the difference is the noise of starting a process."""
    sizes = sorted(cpu)
    if len(sizes) < 3:
        return "-"
    small, middle, large = sizes[0], sizes[-2], sizes[-1]
    before = max(cpu[middle] - cpu[small], NOISE) / (middle - small)
    after = (cpu[large] - cpu[middle]) / (large - middle)
    verdict = "linear" if after <= 1.5 * before else "NOT LINEAR"
    return f"{verdict} ({before * 1000:.2f} then {after * 1000:.2f} ms an item)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="another installation's `agreement` command, run side by side")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is stopped")
    args = parser.parse_args()
    compiled()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    programs = {"now": tool("agreement"), **({"baseline": args.baseline} if args.baseline else {})}
    rows, verdicts = [], []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for workload, (make, template) in WORKLOADS.items():
            cpu: dict[str, dict[int, float]] = {label: {} for label in programs}
            for n in sizes:
                path = folder / f"{workload.split(',')[0].replace(' ', '-')}-{n}.yaml"
                path.write_text(yaml.safe_dump(make(n), sort_keys=False, width=10_000), encoding="utf-8")
                arguments = [a.format(file=path, folder=folder) for a in template]
                row = [workload, f"{n:,}", f"{path.stat().st_size // 1024:,} KB"]
                for label, program in programs.items():
                    result = measure(program, arguments, args.runs, args.timeout)
                    row += list(shown(result, args.timeout))
                    if result is not None:
                        cpu[label][n] = result[1]
                rows.append(row)
            verdicts += [f"- {workload}, {label}: {growth(cpu[label])}" for label in programs]
    headers = ["workload", "count", "file"]
    for label in programs:
        headers += [f"CPU ({label})", f"wall ({label})"]
    print(f"Median of {args.runs} cold runs each; {machine()}; load average {os.getloadavg()[0]:.1f}\n")
    print(table(headers, rows))
    print("\n" + "\n".join(verdicts))


if __name__ == "__main__":
    main()
