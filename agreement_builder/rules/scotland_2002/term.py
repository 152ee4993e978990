"""The agreement says how long it lasts and how it is reviewed, varied, ended and enforced.

Checks, one finding each: duration (`term.duration` or `agreement.end_date`), review (`term.review` or
`agreement.review_date`), variation (`variation`), termination (`term.termination` or a notice period under
`exit_strategy`) and breach (`term.breach`).

Why:
The agreement has to cover its own life cycle: how long it runs, how it is reviewed and changed, how it can be
ended, and what happens if a party breaks it (SSI 2002/533 reg. 11(h)).

Fails:
    term:
      duration: Five years from 1 April 2026.

Passes:
    term:
      duration: Five years from 1 April 2026.
      review: The Joint Board reviews the agreement every year, and in full before its third anniversary.
      termination: Either partner may end the agreement on twelve months' written notice ending on 31 March.
      breach: The partner in breach is told in writing and has 30 days to put it right; if it does not, the
        matter goes to the dispute resolution procedure.
    variation: Changes are made only in writing, agreed by the Joint Board and signed by both partners.

Fix:
Add a `term` section with `duration`, `review`, `termination` and `breach`, and a `variation` clause.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import SCOTLAND_2002, TERM_PARTS, term_gaps

ID = "SC107"
NAME = "reg11-term"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(h)"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from term_gaps(agreement, TERM_PARTS, SOURCE)
