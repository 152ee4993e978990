"""Lint on the corpus of real-world-shaped agreements: recall of the expected gaps, false alarms, findings.

Run: python bench/corpus.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys

from common import ROOT

sys.path.insert(0, str(ROOT / "tests" / "corpus"))

from scoring import MOST_ELEMENT_FALSE_ALARMS, MOST_PER_HEADING_DOCUMENT, documents, score  # noqa: E402

SEVERITIES = ("error", "warning", "info", "advice")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list each missed gap and each false alarm")
    args = parser.parse_args()
    scores = [score(name) for name in documents()]
    print("| document | gaps | found | recall | false alarms | element-level | errors | warnings | info | advice |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in scores:
        counts = " | ".join(str(s.counts[k]) for k in SEVERITIES)
        print(f"| {s.name} | {len(s.gaps)} | {s.found} | {s.recall:.0%} | {len(s.false_alarms)} | "
              f"{len(s.element_false_alarms)} | {counts} |")
    gaps = sum(len(s.gaps) for s in scores)
    found = sum(s.found for s in scores)
    alarms = sum(len(s.false_alarms) for s in scores)
    element = sum(len(s.element_false_alarms) for s in scores)
    worst = max(s.errors_and_warnings for s in scores if s.level == "heading")
    print(f"\nrecall {found}/{gaps}; false alarms {alarms} (element-level {element}, target at most "
          f"{MOST_ELEMENT_FALSE_ALARMS}); most errors and warnings in a heading-level document {worst} (target at "
          f"most {MOST_PER_HEADING_DOCUMENT})")
    if args.verbose:
        for s in scores:
            for gap in s.missed:
                print(f"{s.name}: missed {gap}")
            for f in s.false_alarms:
                print(f"{s.name}: false alarm {f.rule} [{f.severity}] {f.path} {f.message}")


if __name__ == "__main__":
    main()
