"""Findings: what the checks report, and the result object that collects them."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

# What an XML 1.0 document cannot hold: C0 controls but tab, LF and CR; surrogates; U+FFFE and U+FFFF. (Written
# as the characters refused rather than the complement of those allowed, which takes 10 ms to compile.)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO > ADVICE``.

    error: a required element or statutory term is absent; warning: present but short of what the briefing or
    the statute asks; info: worth a look; advice: good practice that a legal agreement need not contain.
    """

    ADVICE = 0
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
    """One gap or problem at one place in one input file.

    ``message`` says in plain words what to add or put right (for a drafter as much as for the person editing
    the file); ``hint`` says where that goes in the input file (its YAML keys). When several rules report the same
    gap, the finding keeps one ``rule`` and lists the others in ``also``; ``sources`` holds the citation of each
    rule it cites, its own first.
    """

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    path: str = ""
    hint: str = field(default="", compare=False)
    also: tuple[str, ...] = field(default=(), compare=False)
    sources: tuple[str, ...] = field(default=(), compare=False)
    waived: str | None = field(default=None, compare=False)

    @property
    def location(self) -> str:
        return f"{printable(self.file)}:{self.line}:{self.column}"

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule that reported this gap: its own first."""
        return (self.rule, *self.also)


def printable(text: str) -> str:
    """``text`` as any report or terminal can show it: each character that does not print (a control or
    formatting character, such as an escape or a right-to-left override) as a ``\\xNN`` or ``\\uNNNN``
    escape, and each byte of a file name that was not UTF-8 (which Python keeps as a lone surrogate) as
    ``\\xNN``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escaped(c) for c in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as the file system's decoding keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass
class Result:
    """Every finding of one run, across all files; reporters format it, the CLI judges it."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    packs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the rule packs run on each file

    def add(self, file: str, findings: list[Finding], packs: tuple[str, ...] = ()) -> None:
        self.files.append(file)
        self.findings.extend(sorted(findings))
        self.packs[file] = packs

    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.waived is None]

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.active()), default=None)

    def fails(self, threshold: Severity | None) -> bool:
        """Whether any unwaived finding is at or above ``threshold`` (``None``: never fail)."""
        worst = self.worst()
        return threshold is not None and worst is not None and worst >= threshold
