"""The `scotland-integration` pack: what an integration scheme under the Public Bodies (Joint Working) (Scotland)
Act 2014 sets out: the matters of s.1(3)(a)–(e), each matter prescribed under s.1(3)(f) by the Integration
Scheme Regulations (SSI 2014/341, regulation 2 and the schedule, each cited by its title there), and the scheme's
review at least every five years (s.44).

Chosen by default for an agreement with `jurisdiction: scotland` that names an `integration_model`, whose
arrangement type is `integration_joint_board` or `lead_agency`, or whose `kind` is `integration_scheme`. An
integration scheme has no exit clause: its statutory review stands for the briefing's evaluation-and-
continuation branch of the exit element, so the briefing's exit-strategy rule (AB111) accepts a scheme whose
`term` sets a review at least every five years. A prescribed matter that the briefing also asks for (finance,
complaints, risk, disputes) is reported once, citing both.
"""

from __future__ import annotations

from types import ModuleType

from ..statutory import SCOTLAND_INTEGRATION
from . import (
    chief_officer,
    claims,
    clinical_governance,
    complaints,
    delegated_functions,
    disputes,
    finance,
    functions_alongside,
    governance,
    information_sharing,
    integration_model,
    operational_delivery,
    participation,
    payments,
    review,
    risk,
    workforce,
)

PACK = SCOTLAND_INTEGRATION
DESCRIPTION = ("What the Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3) and the Integration Scheme "
               "Regulations (SSI 2014/341) require of an integration scheme, and its five-yearly review (default "
               "for Scottish integration schemes).")

MODULES: tuple[ModuleType, ...] = (
    integration_model, delegated_functions, functions_alongside, payments, governance, operational_delivery, review,
    clinical_governance, chief_officer, workforce, finance, participation, information_sharing, complaints, claims,
    risk, disputes,
)
