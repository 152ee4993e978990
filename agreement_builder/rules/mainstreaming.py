"""A time-limited project plans from the start how to mainstream what works.

Applies when `agreement.time_limited` is true or `agreement.arrangement_type` is `project`. Notes when
`mainstreaming.plan` is not given.

Why:
Short projects are a sensible way to try a change, but unless the partners agree at the outset how a
success will pass into their ordinary services and budgets, the work stops when the money does
(briefing: Processes > Mainstream).

Fails:
    agreement:
      title: Northvale Falls Pilot
      time_limited: true

Passes:
    agreement:
      title: Northvale Falls Pilot
      time_limited: true
    mainstreaming:
      plan: If the pilot meets its targets, the Health Board funds the falls team from its community budget
        from April 2028.

Fix:
Add `mainstreaming.plan`: how successful work becomes part of the partners' own services and budgets.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB214"
NAME = "mainstreaming"
SEVERITY = Severity.INFO
SOURCE = "Processes > Mainstream"


def applies(agreement: Agreement) -> bool:
    return agreement.meta.get("time_limited") is True or agreement.meta.get("arrangement_type") == "project"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("mainstreaming"), "plan"):
        yield Issue(("mainstreaming", "plan"), "This is a time-limited project: plan how what works is carried into "
                    "the partners' mainstream services.", hint="add `mainstreaming.plan`")
