"""An agreement that sets up a fund under the 2002 Act s.15(1)(c) says who manages it and what contributors learn.

Applies to a pooled budget (`arrangement_type: pooled_budget`). Checks `finance.pooled_fund.manager` (who
manages the fund) and `finance.pooled_fund.monitoring` (the reports and information the contributors receive).

Why:
Regulation 11 asks the agreement to include terms as to the matters regulations 6 to 10 require, where they
apply. Regulation 10 applies to a fund made up of the parties' contributions under section 15(1)(c) of the
Community Care and Health (Scotland) Act 2002; among the responsibilities it sets is preparing the information
each contributor reasonably needs to monitor how effective the arrangements are (SSI 2002/533 reg. 10, as
amended by SSI 2012/65). This pack checks regulation 10; the terms of regulations 6 to 9 are not checked.

Fails:
    agreement:
      title: Strathmoor Learning Disability Services Agreement
      jurisdiction: scotland
      arrangement_type: pooled_budget
    finance:
      pooled_fund:
        host: nvc

Passes:
    agreement:
      title: Strathmoor Learning Disability Services Agreement
      jurisdiction: scotland
      arrangement_type: pooled_budget
    posts:
      - id: fund-manager
        title: Head of Finance, Adult Services
        employer: nvc
    finance:
      pooled_fund:
        host: nvc
        manager: fund-manager
        monitoring: The fund manager reports spending and activity to both partners every quarter.

Fix:
Name the fund's `manager` and say under `monitoring` what each contributor receives, under `finance.pooled_fund`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_2002, arrangement

ID = "SC110"
NAME = "reg10-fund"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 10 and 11"


def applies(agreement: Agreement) -> bool:
    return arrangement(agreement) == "pooled_budget"


def check(agreement: Agreement) -> Iterator[Issue]:
    finance = agreement.child("finance")
    fund = finance.child("pooled_fund") if finance is not None else None
    if not filled(fund, "manager"):
        yield Issue(("finance", "pooled_fund", "manager"), "Name who manages the fund the partners contribute to.",
                    hint="add `finance.pooled_fund.manager` (a person or a post)")
    if not filled(fund, "monitoring"):
        yield Issue(("finance", "pooled_fund", "monitoring"), "Say what information each contributor receives to "
                    "monitor how effective the arrangements are.", hint="add `finance.pooled_fund.monitoring`")
