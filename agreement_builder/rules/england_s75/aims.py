"""The section 75 agreement states its aims and the outcomes it is meant to achieve.

Checks that `purpose` has a `vision` (the aims) and at least one outcome; an additional clause that covers
`purpose` satisfies the rule.

Why:
A pooled fund agreement, and an agreement for a local authority to exercise NHS functions, must be written
down and must state the aims and outcomes the partners have agreed for it (SI 2000/617 reg. 7(3)(a) for pooled
funds; reg. 9(3)(a) for integrated provision).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    purpose:
      vision: Older people in Eastbury stay well and independent at home.

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    purpose:
      vision: Older people in Eastbury stay well and independent at home.
      outcomes:
        - statement: Fewer older people are admitted to hospital in an emergency.
          beneficiary: People aged 65 and over living in Eastbury

Fix:
Add a `vision` and `outcomes` under `purpose`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import ENGLAND_S75, aims_and_outcomes, at_severity, s75_citation

ID = "EN101"
NAME = "s75-aims-and-outcomes"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(a); reg. 9(3)(a)"


def check(agreement: Agreement) -> Iterator[Issue]:
    cite, severity = s75_citation(agreement, "a")
    yield from at_severity(aims_and_outcomes(agreement, cite), severity)
