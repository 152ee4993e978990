"""The agreement recognises that the partners work to different budget cycles and constraints.

Applies when the agreement has a `finance` section. Advises when it does not say how the partners' budget
cycles are handled (`budget_cycles`).

Why:
Partners set budgets at different times and under different rules; an agreement that plans around those
differences avoids money arriving late or being committed before a partner can approve it (briefing:
Resources > Money).

Fails:
    finance:
      audit: The Council's internal auditors audit the accounts each year.

Passes:
    finance:
      audit: The Council's internal auditors audit the accounts each year.
      budget_cycles: Contributions for the next year are agreed by December, before either partner sets
        its budget.

Fix:
Add `finance.budget_cycles`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB224"
NAME = "budget-cycles"
SEVERITY = Severity.ADVICE
SOURCE = "Resources > Money"


def applies(agreement: Agreement) -> bool:
    return agreement.section("finance") is not None


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.section("finance"), "budget_cycles"):
        yield Issue(("finance", "budget_cycles"), "Say how the partners' different budget cycles and constraints are "
                    "handled.", hint="add `finance.budget_cycles`")
