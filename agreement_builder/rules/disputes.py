"""The agreement has a dispute protocol that escalates in stages and ends short of the courts.

Checks that a `disputes` section exists (or an additional clause covers it). When it does, warns where it has
no escalation stages, where its first stage is litigation, where a stage has no timescale, and where the
protocol never reaches mediation or another independent resolution. A court as the last resort, after
mediation or another independent stage, is sound drafting and is not reported.

Why:
Partners will disagree; what matters is that they have agreed in advance how a disagreement climbs, step by
step and within set times, to someone independent, so that going to law is never needed (briefing:
Structures > Have a partnership agreement; Cultural).

Fails:
    disputes:
      stages:
        - name: Either partner may start court proceedings

Passes:
    disputes:
      stages:
        - name: Discussion between the lead officers
          timescale_days: 14
        - name: Meeting of the partners' chief executives
          timescale_days: 21
      final_resolution: Mediation by an independent mediator the partners choose together.

Fix:
List the `stages` in order, each with `timescale_days`, and end with a `final_resolution` by mediation,
arbitration or another independent person rather than the courts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement, Node
from .base import Issue, filled, label, missing

ID = "AB108"
NAME = "disputes"
ELEMENT = "disputes"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Cultural"

_LITIGATION = re.compile(r"\b(courts?|litigat\w*|legal (proceedings|action)|lawsuit|sue|"
                         r"judicial review|tribunal)\b", re.I)
_NEGATION = re.compile(r"\b(without|avoid\w*|not|never|no|rather than|instead of|short of)\b", re.I)
_INDEPENDENT = re.compile(r"\b(mediat\w*|arbitrat\w*|independent|conciliat\w*|adjudicat\w*|"
                          r"expert determination)\b", re.I)


def litigates(text: str) -> bool:
    """Whether ``text`` sends a dispute to law (a mention like "without going to court" does not)."""
    for match in _LITIGATION.finditer(text):
        clause = re.split(r"[.;:,]", text[:match.start()])[-1]
        if not _NEGATION.search(clause[-40:]):
            return True
    return False


def _words(stage: Node) -> str:
    return " ".join(stage.text(k) for k in ("name", "description", "escalation_to"))


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "a protocol for resolving disputes between the partners in stages, each "
                       "with a time limit, ending in mediation or another independent resolution",
                       "It escalates a dispute in stages, each with a time limit, and reaches mediation or another "
                       "independent resolution before any court.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    stages = section.children("stages")
    if not stages:
        yield Issue(section.at("stages"), "Set out the stages a dispute goes through, in order, each with who deals "
                    "with it and how long it may take.", Severity.WARNING, hint="list them under `disputes.stages`")
    elif litigates(_words(stages[0])):
        yield Issue(stages[0].path, "Begin the dispute protocol with discussion between the partners, not with "
                    "litigation.", Severity.WARNING, hint="reorder or reword `disputes.stages`")
    for stage in stages:
        if not filled(stage, "timescale_days"):
            yield Issue(stage.at("timescale_days"), f"Say how long the dispute stage '{label(stage.text('name'))}' "
                        "may take.", Severity.WARNING, hint="add its `timescale_days`")
    final = section.text("final_resolution")
    # A court as the last resort is sound drafting once an independent stage has been tried; only a protocol
    # that reaches no independent person at all falls short.
    if not _INDEPENDENT.search(" ".join([final, *map(_words, stages)])):
        message = ("The dispute protocol ends in court without trying mediation or another independent resolution "
                   "first: add one before it." if litigates(final) else
                   "End the dispute protocol with mediation or another independent resolution.")
        yield Issue(section.at("final_resolution"), message, Severity.WARNING,
                    hint="add `disputes.final_resolution`, such as independent mediation")
