"""A pooled fund agreement names the host partner and the pooled fund manager.

Applies to pooled funds (`arrangement_type: pooled_budget`). Checks `finance.pooled_fund.host` (a party) and
`finance.pooled_fund.manager` (a person or a post).

Why:
One partner hosts a pooled fund and answers for its accounts and audit, and an officer of that partner is
appointed to manage it and report on it to the partners (SI 2000/617 reg. 7(4)–(6)).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    finance:
      pooled_fund:
        host: nvc

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    people:
      - id: rpatel
        name: Ravi Patel
        position: Head of Integrated Commissioning, Eastbury Borough Council
    finance:
      pooled_fund:
        host: nvc
        manager: rpatel

Fix:
Name the `host` partner and the `manager` under `finance.pooled_fund`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import ENGLAND_S75, arrangement

ID = "EN108"
NAME = "s75-host-and-manager"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(4)–(6)"


def applies(agreement: Agreement) -> bool:
    return arrangement(agreement) == "pooled_budget"


def check(agreement: Agreement) -> Iterator[Issue]:
    finance = agreement.child("finance")
    fund = finance.child("pooled_fund") if finance is not None else None
    if not filled(fund, "host"):
        yield Issue(("finance", "pooled_fund", "host"), "Name the host partner, responsible for the pooled fund's "
                    "accounts and audit.", hint="add `finance.pooled_fund.host`")
    if not filled(fund, "manager"):
        yield Issue(("finance", "pooled_fund", "manager"), "Name the pooled fund manager, an officer of the host "
                    "partner.", hint="add `finance.pooled_fund.manager` (a person or a post)")
