"""The agreement says how information flows inside the partnership and how key issues are told outside it.

Advises when `communication` does not say how partners keep each other informed (`internal`), or how agreed
key issues are communicated beyond the partnership (`external`).

Why:
Poor communication is among the commonest complaints about partnerships; agreeing how partners keep each
other informed, and how agreed messages reach people outside, heads it off (briefing: Processes >
Communicate).

Fails:
    communication:
      internal: Board papers are circulated a week before each meeting.

Passes:
    communication:
      internal: Board papers are circulated a week before each meeting.
      external: After each board meeting the chair agrees a short briefing for staff and the public.

Fix:
Add `communication.internal` and `communication.external`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, unstated

ID = "AB221"
NAME = "communication"
SEVERITY = Severity.ADVICE
SOURCE = "Processes > Communicate"

_PARTS = (
    ("internal", "how partners keep each other informed"),
    ("external", "how agreed key issues are communicated outside the partnership"),
)


def check(agreement: Agreement) -> Iterator[Issue]:
    return unstated(agreement, "communication", _PARTS)
