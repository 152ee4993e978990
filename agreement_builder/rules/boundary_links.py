"""The agreement names the services outside its boundary that it must link to.

Applies when the agreement has a `boundaries` section. Advises when it lists no `links_to_other_services`.

Why:
Wherever a partnership draws its line, some services fall just outside it, and what the partnership changes
can unsettle them; naming those services and how the partnership will work with them avoids new gaps
(briefing: Unintended consequences).

Fails:
    boundaries:
      geography: The Northvale council area

Passes:
    boundaries:
      geography: The Northvale council area
      links_to_other_services:
        - GP practices, through the practice-attached social worker

Fix:
Add `boundaries.links_to_other_services`: the services outside the partnership it must work with, and how.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB223"
NAME = "boundary-links"
SEVERITY = Severity.ADVICE
SOURCE = "Unintended consequences"


def applies(agreement: Agreement) -> bool:
    return agreement.section("boundaries") is not None


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.section("boundaries"), "links_to_other_services"):
        yield Issue(("boundaries", "links_to_other_services"), "Name the services outside the partnership it must "
                    "link to.", hint="add `boundaries.links_to_other_services`")
