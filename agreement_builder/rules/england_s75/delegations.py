"""Each delegation between the partners to a section 75 agreement names the regulation it is made under.

Checks each entry of `legal_powers.delegated_functions` that passes a function between an NHS party and a
council: its `statutory_basis` must be stated. A council's function exercised by an NHS body is made under
regulation 8 of SI 2000/617; an NHS body's function exercised by a council (integrated provision, or lead
commissioning by the council) under regulation 9.

Why:
The regulations allow different arrangements, and the agreement must show which one each delegation is: it
decides the terms the agreement must contain (for regulation 9, quarterly and annual reports by the council:
reg. 9(4)) and what a court or auditor reads the delegation as (SI 2000/617 reg. 8 and 9).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    legal_powers:
      delegated_functions:
        - function: Commissioning community equipment
          from: nv-health
          to: nvc

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    legal_powers:
      delegated_functions:
        - function: Commissioning community equipment
          from: nv-health
          to: nvc
          statutory_basis: SI 2000/617 reg. 9 (the council exercises the ICB's functions)

Fix:
Add the `statutory_basis` of each delegation: the regulation, and the provision that confers the function.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled, label
from ..statutory import ENGLAND_S75, delegations

ID = "EN112"
NAME = "s75-delegations"
SEVERITY = Severity.WARNING
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 8 and 9"

_DIRECTIONS = (
    ("local_authority", "health", "8", "an NHS body exercises the council's function"),
    ("health", "local_authority", "9", "the council exercises the NHS body's function"),
)


def check(agreement: Agreement) -> Iterator[Issue]:
    for source, target, regulation, what in _DIRECTIONS:
        for function in delegations(agreement, source, target):
            if not filled(function, "statutory_basis"):
                yield Issue(function.at("statutory_basis"), f"Say that the delegation of "
                            f"'{label(function.text('function'))}' is made under regulation {regulation} of SI "
                            f"2000/617 ({what}), and cite the provision that confers the function.",
                            hint="add its `statutory_basis`", cite=f"SI 2000/617 reg. {regulation}")
