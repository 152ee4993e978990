"""What every rule shares: the issue a check yields, the rule record, and the missing-element check."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from ..findings import Severity
from ..model import Agreement
from ..source import JsonPath


@dataclass(frozen=True)
class Issue:
    """What a rule's check yields: where, what, and a severity when it differs from the rule's default."""

    path: JsonPath
    message: str
    severity: Severity | None = None


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

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = inspect.cleandoc(module.__doc__ or "")
        return cls(
            id=module.ID, name=module.NAME, severity=module.SEVERITY, pack=getattr(module, "PACK", "briefing"),
            source=module.SOURCE, summary=doc.splitlines()[0] if doc else "", doc=doc, check=module.check,
            element=getattr(module, "ELEMENT", None), applies=getattr(module, "applies", None),
        )

    def part(self, heading: str) -> str:
        """One part of the documentation: ``Why``, ``Fails``, ``Passes`` or ``Fix`` (empty when absent)."""
        match = re.search(rf"^{heading}:\n?(.*?)(?=^(?:Why|Fails|Passes|Fix):|\Z)", self.doc, re.S | re.M)
        return inspect.cleandoc(match.group(1)) if match else ""


def missing(agreement: Agreement, element: str, what: str) -> Iterator[Issue]:
    """An error when ``element`` is neither a section nor covered by an additional clause."""
    if agreement.section(element) is None and element not in agreement.covered():
        yield Issue((element,), f"{what} is missing: add a `{element}` section, or an additional clause "
                                f"that covers it")
