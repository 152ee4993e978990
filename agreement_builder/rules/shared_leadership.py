"""Leadership is shared: the chair rotates, or lead agencies are named for different issues.

Advises when no group in `accountability.groups` states a `chair_rotation` and `roles.lead_agencies` is empty.

Why:
Rotating the chair, or giving different partners the lead on different issues, spreads influence round the
table and uses each partner's expertise, so that the largest partner does not run everything (briefing:
Structures > Involve the right partners; Cultural).

Fails:
    roles:
      individuals:
        - title: Partnership Chair
          holder: nv-chief-exec
          description: Chairs the board.

Passes:
    roles:
      lead_agencies:
        - issue: Housing adaptations
          party: nvc
        - issue: Hospital discharge
          party: nv-health

Fix:
Name `lead_agencies` under `roles`, or say under a group's `chair_rotation` how the chair passes between
partners.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, groups

ID = "AB205"
NAME = "shared-leadership"
SEVERITY = Severity.ADVICE
SOURCE = "Structures > Involve the right partners; Cultural"


def check(agreement: Agreement) -> Iterator[Issue]:
    if any(filled(group, "chair_rotation") for group in groups(agreement)):
        return
    if filled(agreement.child("roles"), "lead_agencies"):
        return
    yield Issue(("roles", "lead_agencies"), "Consider sharing leadership: a chair that rotates between the partners, "
                "or a lead partner for each issue.", hint="add a group's `chair_rotation`, or `roles.lead_agencies`")
