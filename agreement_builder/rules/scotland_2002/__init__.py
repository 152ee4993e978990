"""The `scotland-2002` pack: the terms SSI 2002/533 reg. 11 requires in a written agreement under the
Community Care and Health (Scotland) Act 2002.

Chosen by default for an agreement with `jurisdiction: scotland` and arrangement type `pooled_budget`,
`lead_commissioning` or `integrated_team` (and no integration model, which would make it an integration
scheme). Regulation 11 also requires the terms of regs. 6 to 10 where they apply: this pack checks regulation
10 for a fund under s.15(1)(c) of the Act (SC110); the terms of regulations 6 to 9 are not checked.
"""

from __future__ import annotations

from types import ModuleType

from ..statutory import SCOTLAND_2002
from . import aims, complaints, functions, fund, monitoring, parties, payments, persons_and_services, resources, term

PACK = SCOTLAND_2002
DESCRIPTION = ("Terms SSI 2002/533 reg. 11 (and reg. 10, for a fund) requires of an agreement under the Community "
               "Care and Health (Scotland) Act 2002 (default for Scottish pooled budgets, lead commissioning and "
               "integrated teams).")

MODULES: tuple[ModuleType, ...] = (
    parties, functions, payments, aims, persons_and_services, resources, term, monitoring, complaints, fund,
)
