"""A pooled fund agreement names the host partner and the pooled fund manager.

Applies to pooled funds (`arrangement_type: pooled_budget`). Checks `finance.pooled_fund.host` (a party) and
`finance.pooled_fund.manager` (a person).

Why:
Under the pooled fund regulation one partner hosts the fund and answers for its accounts and audit, and an
officer is appointed to manage it (SI 2000/617 reg. 7(4)–(6); the wording of these paragraphs is unverified:
this summary was not checked against the text of the regulation).

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
SOURCE = "SI 2000/617 reg. 7(4)–(6) (wording unverified)"

_CITE = "SI 2000/617 reg. 7(4)–(6)"


def applies(agreement: Agreement) -> bool:
    return arrangement(agreement) == "pooled_budget"


def check(agreement: Agreement) -> Iterator[Issue]:
    finance = agreement.child("finance")
    fund = finance.child("pooled_fund") if finance is not None else None
    if not filled(fund, "host"):
        yield Issue(("finance", "pooled_fund", "host"), "the agreement does not name the host partner responsible "
                    f"for the pooled fund's accounts and audit ({_CITE}); add `host` under `finance.pooled_fund`")
    if not filled(fund, "manager"):
        yield Issue(("finance", "pooled_fund", "manager"), "the agreement does not name the pooled fund manager "
                    f"({_CITE}); add `manager` under `finance.pooled_fund`")
