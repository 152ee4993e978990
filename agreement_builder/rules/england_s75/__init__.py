"""The `england-s75` pack: what SI 2000/617 requires of a written section 75 partnership agreement in England.

Chosen by default for an agreement with `jurisdiction: england` and arrangement type `pooled_budget`,
`integrated_provision`, `integrated_team` or `lead_commissioning`.

- Terms common to pooled funds (reg. 7(3)(a)–(f)) and integrated provision (reg. 9(3)(a)–(f)): EN101–EN106.
  An `integrated_team` is treated as integrated provision. For lead commissioning, whose own regulation this
  pack does not cover (unverified), the common terms are reported as warnings.
- Pooled funds only (`pooled_budget`): how the fund is managed and monitored (reg. 7(3)(g)), and its host
  partner and pooled fund manager (reg. 7(4)–(6), wording unverified): EN107–EN108.
- Integrated provision only (`integrated_provision`, `integrated_team`): how the exercise of the functions is
  monitored (reg. 9(3)(g)), and quarterly and annual reports (reg. 9(4)): EN109–EN110.
"""

from __future__ import annotations

from types import ModuleType

from ..statutory import ENGLAND_S75
from . import (
    aims,
    contributions,
    functions,
    functions_monitoring,
    fund_management,
    host_and_manager,
    persons_and_services,
    reports,
    resources,
    term,
)

PACK = ENGLAND_S75
DESCRIPTION = ("What SI 2000/617 requires of a section 75 agreement in England: pooled funds (reg. 7) and "
               "integrated provision (reg. 9) (default for English pooled budgets, integrated provision and "
               "lead commissioning).")

MODULES: tuple[ModuleType, ...] = (
    aims, contributions, functions, persons_and_services, resources, term, fund_management, host_and_manager,
    functions_monitoring, reports,
)
