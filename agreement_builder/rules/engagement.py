"""The agreement says how users' and carers' views are weighed and how achievements are made public.

Advises when the agreement does not say, under `engagement`, how the views of service users and carers are
weighed in decisions, or how the partnership publicises what it achieves.

Why:
Gathering views is not enough: users' and carers' perspectives need real weight when decisions are made,
and telling the public what the partnership has done and how it is performing keeps people engaged
(briefing: Processes > Engage users and carers).

Fails:
    engagement:
      methods:
        - Feedback cards given out at the end of each care package

Passes:
    engagement:
      methods:
        - Feedback cards given out at the end of each care package
      weight: The board hears a summary of feedback before every decision on services and records how it
        was taken into account.
      publicity: An annual report and a summary in the council's free newspaper.

Fix:
Add `engagement.weight` and `engagement.publicity`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, unstated

ID = "AB219"
NAME = "engagement"
SEVERITY = Severity.ADVICE
SOURCE = "Processes > Engage users and carers"

_PARTS = (
    ("weight", "how the views of service users and carers are weighed in decisions"),
    ("publicity", "how the partnership's achievements and performance are made public"),
)


def check(agreement: Agreement) -> Iterator[Issue]:
    return unstated(agreement, "engagement", _PARTS)
