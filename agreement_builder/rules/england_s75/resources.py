"""The section 75 agreement says what staff, goods, services or accommodation the partners provide.

Checks that `resources` lists something, or that `finance.contributions` includes a contribution of staff,
premises, goods or services.

Why:
The agreement has to record the staff, goods, services or accommodation the partners provide in connection
with the arrangements (SI 2000/617 reg. 7(3)(e) for pooled funds; reg. 9(3)(e) for integrated provision).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    resources: []

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    resources:
      - party: nvc
        kind: staff
        description: The pooled fund manager and a finance business partner

Fix:
List under `resources` what each partner provides, by `kind` (staff, goods, services or accommodation).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import ENGLAND_S75, at_severity, resources_provided, s75_citation

ID = "EN105"
NAME = "s75-resources"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(e); reg. 9(3)(e)"


def check(agreement: Agreement) -> Iterator[Issue]:
    cite, severity = s75_citation(agreement, "e")
    yield from at_severity(resources_provided(agreement, cite), severity)
