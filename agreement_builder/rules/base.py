"""What every rule shares: the issue a check yields, the rule record, and the missing-element check."""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from ..findings import Severity
from ..model import Agreement, Node
from ..source import JsonPath


@dataclass(frozen=True)
class Issue:
    """What a rule's check yields.

    ``message`` says in plain words what to add or put right, with no YAML keys (a drafter working in Word reads
    it too); ``hint`` names the keys to edit in the input file. ``gap`` names the gap when it is not simply the
    node at ``path``, so that two rules reporting one gap (a briefing element and a statutory term) make one
    finding. ``whole`` says the issue is that the node at ``path`` is absent altogether: issues about parts of
    it fold into it. ``cite`` is the exact provision when narrower than the rule's source. ``confirm`` says,
    for a free clause that covers the gap, what to make sure its wording does (default: the message).
    """

    path: JsonPath
    message: str
    severity: Severity | None = None
    hint: str = ""
    gap: str = ""
    whole: bool = False
    cite: str = ""
    confirm: str = ""


@dataclass(frozen=True)
class Rule:
    """A rule as the linter, the reports and `agreement rules` see it."""

    id: str
    name: str
    severity: Severity
    pack: str
    source: str
    summary: str
    doc: str
    check: Callable[[Agreement], Iterator[Issue]] | None
    element: str | None = None
    applies: Callable[[Agreement], bool] | None = None
    noted: bool = True  # whether a drafted agreement carries its findings as drafting notes

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = inspect.cleandoc(module.__doc__ or "")
        return cls(
            id=module.ID, name=module.NAME, severity=module.SEVERITY, pack=getattr(module, "PACK", "briefing"),
            source=module.SOURCE, summary=doc.splitlines()[0] if doc else "", doc=doc, check=module.check,
            element=getattr(module, "ELEMENT", None), applies=getattr(module, "applies", None),
            noted=getattr(module, "NOTED", True),
        )

    @property
    def citation(self) -> str:
        """The rule's source as a finding cites it: a briefing section is marked as the briefing's."""
        return f"briefing: {self.source}" if self.pack == "briefing" else self.source

    def part(self, heading: str) -> str:
        """One part of the documentation: ``Why``, ``Fails``, ``Passes`` or ``Fix`` (empty when absent)."""
        match = re.search(rf"^{heading}:\n?(.*?)(?=^(?:Why|Fails|Passes|Fix):|\Z)", self.doc, re.S | re.M)
        return textwrap.dedent(match.group(1)).strip() if match else ""


def missing(agreement: Agreement, element: str, what: str, confirm: str) -> Iterator[Issue]:
    """An error when ``element`` is not a section: ``what`` it should set out; ``confirm`` is what a free clause
    that covers it must say instead."""
    if agreement.section(element) is None:
        article = "an" if element[0] in "aeiou" else "a"
        yield Issue((element,), f"Add {what}.", hint=f"add {article} `{element}` section, or an additional clause that "
                    f"covers `{element}`", whole=True, confirm=confirm)


def filled(node: Node | None, key: str) -> bool:
    """Whether ``node`` states something at ``key``: not absent, blank or an empty list or mapping."""
    value = None if node is None else node.get(key)
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (bool, int, float)):
        return True
    return bool(value)  # None, or a list or mapping: stated when not empty


def groups(agreement: Agreement) -> list[Node]:
    """The partnership's boards and groups (from the accountability section)."""
    accountability = agreement.section("accountability")
    return accountability.children("groups") if accountability is not None else []


def top_group(agreement: Agreement) -> Node | None:
    """The overarching body: the group named as such, else the only group that reports to no other."""
    accountability = agreement.section("accountability")
    named = accountability.text("overarching_body") if accountability is not None else ""
    found = groups(agreement)
    if named:
        return next((g for g in found if g.get("id") == named), None)
    tops = [g for g in found if not g.text("reports_to")]
    return tops[0] if len(tops) == 1 else None


def name_of(agreement: Agreement, ref: str) -> str:
    """How a message names a party, person, post, body or group: its short name or name, else its id."""
    node = (agreement.party(ref) or agreement.person(ref) or agreement.post(ref) or agreement.body(ref)
            or next((g for g in groups(agreement) if g.get("id") == ref), None))
    return ref if node is None else called(node)


def called(node: Node) -> str:
    """How a message names a party, person or group node: its short name, else its name (or title), else its id."""
    return node.text("short_name") or node.text("name") or node.text("title") or str(node.get("id", ""))


def label(text: str, limit: int = 60) -> str:
    """A short quotation of free text for a message."""
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def listed(names: list[str]) -> str:
    """Names joined as a sentence does: "A", "A and B", "A, B and C"."""
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def unstated(agreement: Agreement, name: str, parts: tuple[tuple[str, str], ...]) -> Iterator[Issue]:
    """An issue for each ``(key, what it says)`` the section ``name`` leaves unstated (or lacks altogether)."""
    section = agreement.section(name)
    for key, what in parts:
        if not filled(section, key):
            yield Issue((name, key), f"Say {what}.", hint=f"add `{name}.{key}`")
