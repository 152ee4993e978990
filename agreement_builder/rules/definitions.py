"""The agreement defines the terms partners might read differently.

Advises when the agreement has no `definitions`.

Why:
Each profession and organisation has its own jargon; agreeing plain meanings for the key terms lets every
partner read the agreement the same way (briefing: Processes > Communicate; People > Behave!).

Fails:
    agreement:
      title: Northvale Health and Care Partnership Agreement

Passes:
    definitions:
      - term: Reablement
        meaning: Short-term support at home to help a person regain the skills of daily living.

Fix:
Add `definitions`: each term and what it means in this agreement.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB217"
NAME = "definitions"
SEVERITY = Severity.ADVICE
SOURCE = "Processes > Communicate; People > Behave!"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not agreement.children("definitions"):
        yield Issue(("definitions",), "Define the terms the partners might read differently.",
                    hint="add `definitions`")
