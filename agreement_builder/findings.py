"""Findings: what the checks report, and the result object that collects them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place in one input file."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    path: str = ""
    waived: str | None = field(default=None, compare=False)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class Result:
    """Every finding of one run, across all files; reporters format it, the CLI judges it."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, file: str, findings: list[Finding]) -> None:
        self.files.append(file)
        self.findings.extend(sorted(findings))

    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.waived is None]

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.active()), default=None)

    def fails(self, threshold: Severity | None) -> bool:
        """Whether any unwaived finding is at or above ``threshold`` (``None``: never fail)."""
        worst = self.worst()
        return threshold is not None and worst is not None and worst >= threshold
