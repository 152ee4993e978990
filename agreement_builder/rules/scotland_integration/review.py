"""The integration scheme says how it is reviewed, at least every five years.

Checks `term.review` and `term.review_interval_months`, which must be 60 or fewer.

Why:
The partners to an integration scheme must review it at least once every five years and may then revise or
replace it (Public Bodies (Joint Working) (Scotland) Act 2014 s.44). Because a scheme cannot simply be
ended by one partner, this review is also its timetable for evaluation and its way of deciding to continue
or change, which the briefing asks for where exit is not appropriate (briefing: Structures > Have a
partnership agreement); the briefing's exit-strategy rule accepts it as such.

Fails:
    term:
      review: The partners review the scheme when either asks.
      review_interval_months: 120

Passes:
    term:
      review: The partners review the scheme together every three years, drawing on the board's annual
        performance reports and an independent evaluation, and decide whether to revise it.
      review_interval_months: 36

Fix:
Add `review` and `review_interval_months` (60 or fewer) under `term`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import REVIEW_MONTHS, SCOTLAND_INTEGRATION

ID = "SI107"
NAME = "scheme-review"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = "Public Bodies (Joint Working) (Scotland) Act 2014 s.44"


def check(agreement: Agreement) -> Iterator[Issue]:
    term = agreement.child("term")
    if not filled(term, "review"):
        yield Issue(("term", "review"), "Say how the partners review the scheme.", hint="add `term.review`")
    interval = term.get("review_interval_months") if term is not None else None
    if interval is None:
        yield Issue(("term", "review_interval_months"), "Say how often the scheme is reviewed: at least every five "
                    "years.", hint="add `term.review_interval_months` (60 or fewer)")
    elif interval > REVIEW_MONTHS:
        yield Issue(("term", "review_interval_months"), f"Review the scheme at least every five years: it says every "
                    f"{interval} months.", hint="set `term.review_interval_months` to 60 or fewer")
