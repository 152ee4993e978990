"""Lint speed: `agreement lint` against check-jsonschema and yamllint on the same file, cold, side by side.

Run: python bench/lint.py [--runs N] [--files N] [--many-runs N]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from common import ROOT, compiled, machine, median_runs, run_once, table, tool

SAMPLE = ROOT / "samples" / "complete.yaml"
SCHEMA = ROOT / "schemas" / "agreement.schema.json"


def generate(folder: Path, count: int) -> None:
    """``count`` agreements derived from the complete sample; every third one leaves out a section."""
    text = SAMPLE.read_text(encoding="utf-8")
    sections = re.findall(r"^(\w+):", text, re.M)
    for i in range(count):
        variant = text.replace("title: ", f"title: Copy {i} of ", 1)
        if i % 3 == 0:
            key = sections[i % len(sections)]
            variant = re.sub(rf"^{key}:.*?(?=^\S|\Z)", "", variant, count=1, flags=re.M | re.S)
        (folder / f"agreement-{i:04d}.yaml").write_text(variant, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--many-runs", type=int, default=3, help="runs over the generated files (default 3)")
    args = parser.parse_args()
    compiled()

    single = {
        "agreement lint": [tool("agreement"), "lint", str(SAMPLE)],
        "check-jsonschema": [tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(SAMPLE)],
        "yamllint": [tool("yamllint"), str(SAMPLE)],
    }
    results = median_runs(single, args.runs)
    ours = results["agreement lint"][0]
    rows = [[name, f"{t * 1000:.0f} ms", f"{t / ours:.2f}x", f"{mb} MB"] for name, (t, mb) in results.items()]
    print(f"Cold runs on {SAMPLE.name} ({SAMPLE.stat().st_size:,} bytes), median of {args.runs}; {machine()}\n")
    print(table(["command", "median", "vs agreement lint", "peak memory"], rows))

    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.files)
        command = [tool("agreement"), "lint", "--fail-on", "never", folder]
        run_once(command)  # warm-up: the page cache
        runs = sorted(run_once(command) for _ in range(args.many_runs))
    elapsed, peak = runs[len(runs) // 2][0], max(r[1] for r in runs)
    print(f"\n{args.files:,} generated agreements in one `agreement lint` run, median of {args.many_runs}: "
          f"{elapsed:.2f} s (runs: {', '.join(f'{r[0]:.2f}' for r in runs)} s), {peak} MB peak\n")
    print("Targets: no slower than yamllint; under half of check-jsonschema; 1,000 files under 5 s.")
    print(f"yamllint: {'met' if ours <= results['yamllint'][0] else 'MISSED'}; "
          f"half of check-jsonschema: {'met' if ours < results['check-jsonschema'][0] / 2 else 'MISSED'}; "
          f"1,000 files: {'met' if elapsed < 5 else 'MISSED'}")


if __name__ == "__main__":
    main()
