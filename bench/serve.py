"""`agreement serve` speed: the first page from a cold start, a field edit's lint round trip, and the preview.

Run: python bench/serve.py [--runs N]

Each sample is copied to a temporary folder; the command is started cold, as a user starts it, and timed
over HTTP on the loopback address. The edit round trip is one POST that rewrites a field, writes the file,
checks it and lints it, answered with the findings (what the page does as a person types).
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import ROOT, compiled, machine, table, tool

SAMPLES = ["complete.yaml", "first-draft.yaml", "pooled-budget.json", "scotland-2002.yaml"]
TARGETS = {"first page": 1.0, "page again": 1.0, "edit + lint": 0.1, "preview": 0.5}


def _get(port: int, path: str, token: str, body: dict[str, object] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": f"127.0.0.1:{port}", "X-Agreement-Token": token, "Content-Type": "application/json"}
    connection.request("POST" if body is not None else "GET", path, json.dumps(body) if body else None, headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def measure(sample: Path, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in TARGETS}
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / sample.name
        shutil.copyfile(sample, copy)
        for _ in range(runs):
            started = time.perf_counter()
            process = subprocess.Popen([tool("agreement"), "serve", "--no-browser", str(copy)],
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                line = process.stdout.readline() if process.stdout else ""
                found = re.search(r"127\.0\.0\.1:(\d+)/\?token=(\S+)", line)
                if found is None:
                    raise SystemExit(f"bench: `agreement serve` printed {line!r}")
                port, token = int(found.group(1)), found.group(2)
                status, _ = _get(port, "/", token)
                times["first page"].append(time.perf_counter() - started)
                assert status == 200
                begun = time.perf_counter()
                status, _ = _get(port, "/", token)
                times["page again"].append(time.perf_counter() - begun)
                _, state = _get(port, "/api/state", token)
                revision = json.loads(state)["revision"]
                for value in ("0.9", "1.0"):  # a change, and back, so the file ends as it began
                    begun = time.perf_counter()
                    status, reply = _get(port, "/api/edit", token, {"op": "set", "path": "/agreement/version",
                                                                   "value": value, "revision": revision})
                    times["edit + lint"].append(time.perf_counter() - begun)
                    assert status == 200, reply
                    revision = json.loads(reply)["revision"]
                begun = time.perf_counter()
                status, _ = _get(port, "/preview", token)
                times["preview"].append(time.perf_counter() - begun)
            finally:
                process.terminate()
                process.wait()
        shutil.copyfile(sample, copy)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compiled()
    rows = []
    missed = []
    for name in SAMPLES:
        times = measure(ROOT / "samples" / name, args.runs)
        cells = []
        for what, limit in TARGETS.items():
            median = statistics.median(times[what])
            cells.append(f"{median * 1000:.0f} ms (max {max(times[what]) * 1000:.0f})")
            if median > limit:
                missed.append(f"{what} on {name}: {median * 1000:.0f} ms, target {limit * 1000:.0f} ms")
        rows.append([name, *cells])
    print(f"`agreement serve`, median of {args.runs} cold starts per sample; {machine()}\n")
    print(table(["sample", "first page (cold start)", "page again", "edit + lint round trip", "preview"], rows))
    print("\nTargets: first page under 1 s (from starting the command); edit + lint under 100 ms; "
          "preview under 500 ms.")
    print("All met." if not missed else "MISSED: " + "; ".join(missed))


if __name__ == "__main__":
    main()
