"""The integration scheme says how payments for delegated functions, and the amounts set aside, are worked out.

Checks `finance.payment_method` (the method for payments by the delegating partner) and `finance.set_aside`
(the method for amounts the Health Board makes available for functions of the kind s.1(14) describes, or a
statement that no delegated function is of that kind).

Why:
A scheme has to carry a method for fixing what the delegating partner pays for delegated functions, and, for
functions within s.1(14), a method for fixing the amounts the Health Board makes available for them (Public
Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(d) and (e)). This pack does not work out which functions
s.1(14) covers, so it asks for `set_aside` in every scheme.

Fails:
    finance:
      payment_method: Each partner's payment is last year's budget for the delegated functions, adjusted for
        pay and price changes.

Passes:
    finance:
      payment_method: Each partner's payment is last year's budget for the delegated functions, adjusted for
        pay and price changes, agreed by the partners' finance directors by 31 January.
      set_aside: The set-aside amount for unscheduled hospital care is the Health Board's budget for the
        relevant specialties, adjusted each year for activity, agreed with the chief finance officer.

Fix:
Add `payment_method` and `set_aside` under `finance`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION

ID = "SI104"
NAME = "scheme-payments-and-set-aside"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = "Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(d)–(e)"

_ACT = "Public Bodies (Joint Working) (Scotland) Act 2014"


def check(agreement: Agreement) -> Iterator[Issue]:
    finance = agreement.child("finance")
    if not filled(finance, "payment_method"):
        yield Issue(("finance", "payment_method"), "Set out the method for working out the payments for the "
                    "delegated functions.", hint="add `finance.payment_method`", cite=f"{_ACT} s.1(3)(e)")
    if not filled(finance, "set_aside"):
        yield Issue(("finance", "set_aside"), "Set out the method for working out the amounts the Health Board makes "
                    "available for the delegated hospital functions (the set-aside), or say that none is needed.",
                    hint="add `finance.set_aside`", cite=f"{_ACT} s.1(3)(d)")
