"""Where a council exercises NHS functions, the agreement says how its exercise of them is monitored.

Applies where regulation 9 does: to integrated provision (`arrangement_type: integrated_provision` or
`integrated_team`), and to any agreement whose `legal_powers.delegated_functions` has an NHS party's function
exercised by a council. Checks `monitoring.framework`.

Why:
Where a local authority exercises NHS functions alongside its own, the agreement has to set out the
arrangements for monitoring how it exercises them (SI 2000/617 reg. 9(3)(g)).

Fails:
    agreement:
      title: Eastbury Community Equipment Agreement
      jurisdiction: england
      arrangement_type: integrated_provision
    monitoring:
      users_views: A yearly survey of people who receive equipment.

Passes:
    agreement:
      title: Eastbury Community Equipment Agreement
      jurisdiction: england
      arrangement_type: integrated_provision
    monitoring:
      framework: Delivery times, stock levels and recycling rates, reviewed monthly by the joint commissioning
        group against the service specification.

Fix:
Add `framework` under `monitoring`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import ENGLAND_S75, reg9_applies

ID = "EN109"
NAME = "s75-monitoring"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 9(3)(g)"


def applies(agreement: Agreement) -> bool:
    return reg9_applies(agreement)


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("monitoring"), "framework"):
        yield Issue(("monitoring", "framework"), "Say how the council's exercise of the NHS functions is monitored.",
                    hint="add `monitoring.framework`")
