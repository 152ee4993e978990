"""A pooled fund agreement says how the fund is managed and monitored.

Applies to pooled funds (`arrangement_type: pooled_budget`). Checks `finance.pooled_fund.management` and
`finance.pooled_fund.monitoring`.

Why:
A pooled fund agreement has to set out how the fund will be run and how its use will be kept under watch
(SI 2000/617 reg. 7(3)(g)).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    finance:
      pooled_fund:
        management: The fund is a ring-fenced budget in the Council's ledger, spent on the approved plan.

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    finance:
      pooled_fund:
        management: The fund is a ring-fenced budget in the Council's ledger, spent on the approved plan.
        monitoring: The pooled fund manager reports spending against plan to each partnership board meeting.

Fix:
Add `management` and `monitoring` under `finance.pooled_fund`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import ENGLAND_S75, arrangement

ID = "EN107"
NAME = "s75-fund-management"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(g)"


def applies(agreement: Agreement) -> bool:
    return arrangement(agreement) == "pooled_budget"


def check(agreement: Agreement) -> Iterator[Issue]:
    finance = agreement.child("finance")
    fund = finance.child("pooled_fund") if finance is not None else None
    if not filled(fund, "management"):
        yield Issue(("finance", "pooled_fund", "management"), "Say how the pooled fund is managed.",
                    hint="add `finance.pooled_fund.management`")
    if not filled(fund, "monitoring"):
        yield Issue(("finance", "pooled_fund", "monitoring"), "Say how the pooled fund is monitored.",
                    hint="add `finance.pooled_fund.monitoring`")
