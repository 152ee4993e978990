"""Where payments are made under the agreement, it states their level and when they may be varied or ended.

Applies when the agreement records a contribution of money, or is a pooled budget. Checks that there is at
least one payment, that each payment states its `amount`, and that `finance.variation` says when payments
may be varied or ended.

Why:
Where one partner pays the other in connection with delegated functions, the agreement has to fix how much is
paid and the circumstances in which the payment can change or stop (SSI 2002/533 reg. 11(d)).

Fails:
    finance:
      contributions:
        - party: nv-health
          kind: money
          description: Payment to the Council for the learning disability home care service

Passes:
    finance:
      contributions:
        - party: nv-health
          kind: money
          description: Payment to the Council for the learning disability home care service
          amount: 1250000
          period: each year from 2026/27
      variation: The payment is reviewed each December for the next year; it changes only by written agreement
        of both partners, and ends with this agreement.

Fix:
Give each money contribution its `amount` (and `period`), and say under `finance.variation` when payments may
be varied or ended.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement, Node
from ..base import Issue, filled, name_of
from ..statutory import SCOTLAND_2002, arrangement

ID = "SC103"
NAME = "reg11-payments"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(d)"


def _payments(agreement: Agreement) -> list[Node]:
    finance = agreement.child("finance")
    contributions = finance.children("contributions") if finance is not None else []
    return [c for c in contributions if c.get("kind") == "money"]


def applies(agreement: Agreement) -> bool:
    return bool(_payments(agreement)) or arrangement(agreement) == "pooled_budget"


def check(agreement: Agreement) -> Iterator[Issue]:
    payments = _payments(agreement)
    if not payments:
        yield Issue(("finance", "contributions"), "State the payments made under the agreement.",
                    hint="add each partner's `money` contribution, with its `amount`, under `finance.contributions`")
    for payment in payments:
        if payment.get("amount") is None:
            yield Issue(payment.at("amount"), f"State the level of the payment "
                        f"{name_of(agreement, payment.text('party'))} makes.", hint="add its `amount`")
    if not filled(agreement.child("finance"), "variation"):
        yield Issue(("finance", "variation"), "Say when the payments may be varied or ended.",
                    hint="add `finance.variation`")
