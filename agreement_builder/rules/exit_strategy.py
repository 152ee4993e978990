"""The agreement says how the partnership ends, or how it is evaluated and continued where ending is not right.

Checks that an `exit_strategy` section exists (or an additional clause covers it). When it does, warns where
it does not say which branch it takes; for the `exit` branch, where it has no trigger, no notice period, or
no arrangements for staff, assets, data and service users; for the `continuation` branch, where it has no
evaluation timetable or does not say how the decision to continue is made.
A Scottish integration scheme whose `term` sets its review at least every five years meets the element
through that statutory review (Public Bodies (Joint Working) (Scotland) Act 2014 s.44; see SI107).

Why:
A partnership set up to reach a goal should know in advance when and how it will wind up, and who inherits
what; one meant to last should instead be evaluated on a fixed timetable and renewed, changed or ended on
the evidence (briefing: Structures > Have a partnership agreement; Processes > Monitor for outcomes).

Fails:
    exit_strategy:
      approach: exit
      triggers:
        - The partners agree the outcomes have been met.

Passes:
    exit_strategy:
      approach: exit
      triggers:
        - The partners agree the outcomes have been met.
        - A partner gives notice to leave and the others decide not to continue.
      notice_months: 12
      arrangements: Seconded staff return to their employers; shared equipment passes to the Council; case
        records go to the partner providing each person's continuing care.

Fix:
Set `approach`. For `exit`, add `triggers`, `notice_months` and `arrangements`; for `continuation`, add an
`evaluation_timetable` and say under `continuation` how the partners decide to continue, change or end.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement, Node
from .base import Issue, filled, missing
from .statutory import scheme_review

ID = "AB111"
NAME = "exit-strategy"
ELEMENT = "exit_strategy"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Processes > Monitor for outcomes"

_BRANCHES: dict[str, tuple[tuple[str, str], ...]] = {
    "exit": (("triggers", "what events start the exit"),
             ("notice_months", "how much notice a partner gives to leave"),
             ("arrangements", "what happens on exit to staff, assets, data and service users")),
    "continuation": (("evaluation_timetable", "when the partnership is evaluated"),
                     ("continuation", "how the partners decide, after an evaluation, to continue, change or end")),
}


def _branch(section: Node) -> str | None:
    """The branch the strategy takes: as stated, else the one it states most of (a complete one if any)."""
    stated = section.text("approach")
    if stated in _BRANCHES:
        return stated
    scores = {name: sum(filled(section, key) for key, _ in fields) / len(fields)
              for name, fields in _BRANCHES.items()}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] else None


def check(agreement: Agreement) -> Iterator[Issue]:
    if scheme_review(agreement) is not None:
        return  # a scheme cannot simply be left; its statutory review is its evaluation and continuation
    yield from missing(agreement, ELEMENT, "an exit strategy: when and how the partnership ends and who takes on "
                       "what, or, if it is meant to last, when it is evaluated and how the partners decide to go on",
                       "It says when and how the partnership ends (triggers, notice, and what happens to staff, "
                       "assets, data and service users), or when it is evaluated and how the partners decide to "
                       "continue.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    branch = _branch(section)
    if branch is None:
        yield Issue(section.at("approach"), "Say whether the partnership ends once its goals are met, or is "
                    "evaluated and continued.", Severity.WARNING,
                    hint="set `exit_strategy.approach` to `exit` or `continuation`")
        return
    for key, what in _BRANCHES[branch]:
        if not filled(section, key):
            yield Issue(section.at(key), f"Say {what}.", Severity.WARNING, hint=f"add `exit_strategy.{key}`")
