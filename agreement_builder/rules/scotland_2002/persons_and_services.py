"""The agreement says which people and which kinds of service it covers.

Checks `boundaries.persons_covered` and `boundaries.services_covered`.

Why:
The agreement has to identify the people it is about and the kinds of service it concerns, so that each
partner knows whose care falls within it (SSI 2002/533 reg. 11(f)).

Fails:
    boundaries:
      geography: The Strathmoor Council area

Passes:
    boundaries:
      geography: The Strathmoor Council area
      persons_covered: Adults aged 18 and over with a learning disability who live in Strathmoor
      services_covered:
        - Home care and housing support
        - Community learning disability nursing

Fix:
Add `persons_covered` and `services_covered` under `boundaries`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import SCOTLAND_2002, persons_and_services

ID = "SC105"
NAME = "reg11-persons-and-services"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(f)"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from persons_and_services(agreement, SOURCE)
