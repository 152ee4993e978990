"""The `england-s75` pack: what SI 2000/617 and section 75 of the National Health Service Act 2006 require of a
written partnership agreement in England.

Chosen by default for an agreement with `jurisdiction: england` and arrangement type `pooled_budget`,
`integrated_provision`, `integrated_team` or `lead_commissioning`. Which regulations apply is read from the
input: a pooled budget falls under reg. 7; an NHS body's functions exercised by a council (integrated provision,
or a delegation from an NHS party to a council in `legal_powers.delegated_functions`) under reg. 9; a council's
functions exercised by an NHS body under reg. 8.

- Terms common to pooled funds (reg. 7(3)(a)–(f)) and to the exercise of NHS functions by a council (reg.
  9(3)(a)–(f)): EN101–EN106, citing each regulation that applies. Where the input shows neither (lead
  commissioning with no delegation, or only reg. 8), they are reported as warnings citing reg. 8 and 9.
- Pooled funds: how the fund is managed and monitored (reg. 7(3)(g)), its host partner and pooled fund manager
  (reg. 7(4)–(6)): EN107–EN108.
- Where reg. 9 applies: how the council's exercise of the functions is monitored (reg. 9(3)(g)), and its
  quarterly and annual reports (reg. 9(4)): EN109–EN110.
- The schedule of schemes (reg. 7(3)(c)–(d), 9(3)(c)–(d)): EN111; the regulation each delegation is made under
  (reg. 8 and 9): EN112; the conditions for making the arrangements (the 2006 Act s.75(1), reg. 4(2)): EN113.
"""

from __future__ import annotations

from types import ModuleType

from ..statutory import ENGLAND_S75
from . import (
    aims,
    contributions,
    delegations,
    functions,
    functions_monitoring,
    fund_management,
    host_and_manager,
    persons_and_services,
    preconditions,
    reports,
    resources,
    schemes,
    term,
)

PACK = ENGLAND_S75
DESCRIPTION = ("What SI 2000/617 and the 2006 Act s.75 require of a section 75 agreement in England: pooled funds "
               "(reg. 7), functions exercised by an NHS body (reg. 8) or a council (reg. 9), the schedule of schemes "
               "(default for English pooled budgets, integrated provision and lead commissioning).")

MODULES: tuple[ModuleType, ...] = (
    aims, contributions, functions, persons_and_services, resources, term, fund_management, host_and_manager,
    functions_monitoring, reports, schemes, delegations, preconditions,
)
