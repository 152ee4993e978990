"""The section 75 agreement says how long it lasts and how it is reviewed, varied or ended.

Checks, one finding each: duration (`term.duration` or `agreement.end_date`), review (`term.review` or
`agreement.review_date`), variation (`variation`) and termination (`term.termination` or a notice period
under `exit_strategy`).

Why:
The agreement has to state how long the arrangements last and make provision for reviewing, varying and
ending them (SI 2000/617 reg. 7(3)(f) for pooled funds; reg. 9(3)(f) for integrated provision).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
      end_date: 2027-03-31

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
      end_date: 2027-03-31
    term:
      review: The partnership board reviews the agreement each January, before the next year's plan.
      termination: Either partner may end the agreement on six months' written notice ending on 31 March.
    variation: Changes are made only by a written variation signed by both partners.

Fix:
Add `duration` (or `agreement.end_date`), `review` and `termination` under `term`, and a `variation` clause.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import ENGLAND_S75, at_severity, s75_citation, term_gaps

ID = "EN106"
NAME = "s75-term"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(f); reg. 9(3)(f)"


def check(agreement: Agreement) -> Iterator[Issue]:
    cite, severity = s75_citation(agreement, "f")
    parts = ("duration", "review", "variation", "termination")
    yield from at_severity(term_gaps(agreement, parts, cite), severity)
