"""The integration scheme sets out its financial arrangements beyond the payment methods.

Checks `finance.overspends_and_underspends` (who bears an overspend, what happens to an underspend) and
`finance.performance_reporting` (how and to whom the financial position is reported). The methods for the
payments and the set-aside, which the Act itself requires, are checked by SI104.

Why:
Among the matters the regulations prescribe for every integration scheme is finance: beyond the payments, the
scheme says how the budget is managed and reported during the year and how an overspend or underspend is dealt
with (SSI 2014/341 reg. 2 and schedule, Finance; Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f)).

Fails:
    finance:
      payment_method: Last year's budgets for the delegated functions, adjusted for pay and prices.

Passes:
    finance:
      payment_method: Last year's budgets for the delegated functions, adjusted for pay and prices.
      overspends_and_underspends: A recovery plan for a forecast overspend; what it cannot meet is shared in
        proportion to the payments; an underspend goes to the board's reserves.
      performance_reporting: The chief finance officer reports the financial position to each board meeting.

Fix:
Add `overspends_and_underspends` and `performance_reporting` under `finance`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI111"
NAME = "scheme-finance"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Finance")


def check(agreement: Agreement) -> Iterator[Issue]:
    finance = agreement.child("finance")
    if not filled(finance, "overspends_and_underspends"):
        yield Issue(("finance", "overspends_and_underspends"), "Say who bears an overspend on the delegated "
                    "functions and what happens to an underspend.", hint="add `finance.overspends_and_underspends`")
    if not filled(finance, "performance_reporting"):
        yield Issue(("finance", "performance_reporting"), "Say how the financial position is reported during the "
                    "year, and to whom.", hint="add `finance.performance_reporting`")
