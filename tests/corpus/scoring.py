"""Scores the linter against the corpus: which expected gaps it finds, and which errors and warnings it raises
that are no gap (false alarms). Used by `tests/test_corpus.py` and `bench/corpus.py`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agreement_builder.findings import Finding, Severity
from agreement_builder.lint import lint

CORPUS = Path(__file__).resolve().parent
MOST_PER_HEADING_DOCUMENT = 20  # errors and warnings in a document encoded at heading level
MOST_ELEMENT_FALSE_ALARMS = 1  # across the whole corpus


@dataclass
class Score:
    """How lint did on one document."""

    name: str
    level: str
    gaps: list[str]
    missed: list[str] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def found(self) -> int:
        return len(self.gaps) - len(self.missed)

    @property
    def recall(self) -> float:
        return self.found / len(self.gaps) if self.gaps else 1.0

    @property
    def errors_and_warnings(self) -> int:
        return self.counts["error"] + self.counts["warning"]

    @property
    def element_false_alarms(self) -> list[Finding]:
        """False alarms about a whole section: a top-level key reported missing."""
        return [f for f in self.false_alarms if f.path.count("/") == 1]


def expected() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
    return loaded


def documents() -> list[str]:
    return sorted(expected())


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def matches(finding: Finding, where: str) -> bool:
    """Whether a finding reports the gap at ``where``: at it, at a section containing it, or inside it."""
    found, gap = _segments(finding.path), _segments(where)
    if not found:
        return False
    shorter = min(len(found), len(gap))
    return found[:shorter] == gap[:shorter]


def score(name: str) -> Score:
    entry = expected()[name]
    gaps = [g["where"] if isinstance(g["where"], list) else [g["where"]] for g in entry["gaps"]]
    findings = [f for f in lint(str(CORPUS / name)) if f.waived is None]
    result = Score(name, entry.get("level", ""), [" | ".join(g) for g in gaps])
    result.counts = Counter(str(f.severity) for f in findings)
    serious = [f for f in findings if f.severity >= Severity.WARNING]
    for alternatives, label in zip(gaps, result.gaps, strict=True):
        if not any(matches(f, where) for f in serious for where in alternatives):
            result.missed.append(label)
    result.false_alarms = [f for f in serious if not any(matches(f, w) for g in gaps for w in g)]
    return result
