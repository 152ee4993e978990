"""The agreement states the aims and outcomes it is meant to achieve.

Checks that `purpose` has a `vision` (the aims) and at least one outcome; an additional clause that covers
`purpose` satisfies the rule.

Why:
A written agreement under the Community Care and Health (Scotland) Act 2002 has to set out what it is
intended to achieve, as aims and as outcomes (SSI 2002/533 reg. 11(e)).

Fails:
    purpose:
      vision: Adults with a learning disability in Strathmoor live the lives they choose, close to home.

Passes:
    purpose:
      vision: Adults with a learning disability in Strathmoor live the lives they choose, close to home.
      outcomes:
        - statement: Fewer adults with a learning disability live in placements outside Strathmoor.
          beneficiary: Adults with a learning disability and their families

Fix:
Add a `vision` and `outcomes` under `purpose`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import SCOTLAND_2002, aims_and_outcomes

ID = "SC104"
NAME = "reg11-aims-and-outcomes"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(e)"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from aims_and_outcomes(agreement, SOURCE)
