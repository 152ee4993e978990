"""People in partnership roles get feedback on how they are doing.

Applies when the agreement has a `roles` section. Advises when it does not say how feedback on performance
is given (`performance_feedback`).

Why:
Alongside a written role, people need to hear how well they are fulfilling it, and successes deserve to be
marked, both for individuals and for their organisations (briefing: People > Agree roles).

Fails:
    roles:
      individuals:
        - title: Partnership Chair
          description: Chairs the board.

Passes:
    roles:
      individuals:
        - title: Partnership Chair
          description: Chairs the board.
      performance_feedback: The chair and vice-chair hold a yearly review with each role holder and report
        achievements to the board.

Fix:
Add `roles.performance_feedback`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB226"
NAME = "performance-feedback"
SEVERITY = Severity.ADVICE
SOURCE = "People > Agree roles"


def applies(agreement: Agreement) -> bool:
    return agreement.section("roles") is not None


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.section("roles"), "performance_feedback"):
        yield Issue(("roles", "performance_feedback"), "Say how people in partnership roles get feedback on their "
                    "performance.", hint="add `roles.performance_feedback`")
