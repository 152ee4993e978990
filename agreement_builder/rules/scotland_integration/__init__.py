"""The `scotland-integration` pack: what the Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3) requires
an integration scheme to set out, and the scheme's review at least every five years (s.44).

Chosen by default for an agreement with `jurisdiction: scotland` that names an `integration_model`, or whose
arrangement type is `integration_joint_board` or `lead_agency`. An integration scheme has no exit clause: its
statutory review stands for the briefing's evaluation-and-continuation branch of the exit element, so the
briefing's exit-strategy rule (AB111) accepts a scheme whose `term` sets a review at least every five years.
"""

from __future__ import annotations

from types import ModuleType

from ..statutory import SCOTLAND_INTEGRATION
from . import delegated_functions, functions_alongside, governance, integration_model, other_matters, payments, review

PACK = SCOTLAND_INTEGRATION
DESCRIPTION = ("What the Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3) requires of an integration "
               "scheme, and its five-yearly review (default for Scottish integration schemes).")

MODULES: tuple[ModuleType, ...] = (
    integration_model, delegated_functions, functions_alongside, payments, governance, other_matters, review,
)
