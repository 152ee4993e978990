"""The agreement states a shared purpose: a vision and outcomes for the people the partnership serves.

Checks that a `purpose` section exists (or an additional clause covers it). When it does, warns where the
vision is missing, where there are no outcomes, and where an outcome names no beneficiary or reads as a
process ("working together", "producing a strategy") rather than a change for people.

Why:
A clear purpose shared by every partner is the first thing an agreement should set out, and the purpose
should be about what changes for service users, patients and citizens, not about how the partners work
together (briefing: Structures > Have a partnership agreement; Processes > Picture the future).

Fails:
    purpose:
      vision: The partners will work well together.

Passes:
    purpose:
      vision: Older people in Northvale live at home safely for longer.
      outcomes:
        - statement: Fewer older people are admitted to hospital after a fall.
          beneficiary: Older people living at home
          indicators:
            - measure: Emergency admissions after a fall, people aged 65+
              target: 10% fewer by March 2028

Fix:
Add a `purpose` section with a `vision` and at least one outcome that names who benefits (an additional clause
that covers `purpose` also satisfies the rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, label, missing

ID = "AB101"
NAME = "purpose"
ELEMENT = "purpose"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Processes > Picture the future"

_PROCESS = re.compile(r"\b(work(ing)? (well )?together|collaborat\w*|partnership working|produc\w* a strategy|"
                      r"develop\w* a strategy|meet\w* regularly)\b", re.I)


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "the partnership's purpose: the future it wants for the people it "
                       "serves, and the outcomes it works towards for them",
                       "It states a vision, and outcomes for service users, patients or citizens that each name who "
                       "benefits.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not section.text("vision"):
        yield Issue(section.at("vision"), "Say what the future looks like for the people the partnership serves.",
                    Severity.WARNING, hint="add `purpose.vision`")
    elif _PROCESS.search(section.text("vision")) and not section.children("outcomes"):
        yield Issue(section.at("vision"), "The vision says how the partners will work, not what changes for "
                    "people: state outcomes for service users.", Severity.WARNING, hint="add `purpose.outcomes`")
    if not section.children("outcomes"):
        yield Issue(section.at("outcomes"), "List the outcomes the partnership works towards for service users, "
                    "patients or citizens.", Severity.WARNING, hint="add `purpose.outcomes`")
    for outcome in section.children("outcomes"):
        if _PROCESS.search(outcome.text("statement")):
            yield Issue(outcome.at("statement"), f"Restate the outcome '{label(outcome.text('statement'))}' as a "
                        "change for people: as written it describes a process.", Severity.WARNING,
                        hint="reword its `statement`")
        if not outcome.text("beneficiary"):
            yield Issue(outcome.at("beneficiary"), f"Say who benefits from the outcome "
                        f"'{label(outcome.text('statement'))}'.", Severity.WARNING, hint="add its `beneficiary`")
