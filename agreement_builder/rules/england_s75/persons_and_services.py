"""The section 75 agreement says which people and which kinds of service the functions are exercised for.

Checks `boundaries.persons_covered` and `boundaries.services_covered`.

Why:
The agreement has to identify the people for whom, and the kinds of service for which, the functions it
covers may be exercised (SI 2000/617 reg. 7(3)(d) for pooled funds; reg. 9(3)(d) for integrated provision).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    boundaries:
      persons_covered: Adults aged 65 and over registered with an Eastbury GP

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    boundaries:
      persons_covered: Adults aged 65 and over registered with an Eastbury GP
      services_covered:
        - Intermediate care and reablement
        - Disabled facilities grants

Fix:
Add `persons_covered` and `services_covered` under `boundaries`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import ENGLAND_S75, at_severity, persons_and_services, s75_citation

ID = "EN104"
NAME = "s75-persons-and-services"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(d); reg. 9(3)(d)"


def check(agreement: Agreement) -> Iterator[Issue]:
    cite, severity = s75_citation(agreement, "d")
    yield from at_severity(persons_and_services(agreement, cite), severity)
