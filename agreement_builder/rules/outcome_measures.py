"""Each outcome has an indicator, and each indicator a target.

Notes, for each outcome in `purpose.outcomes` with no `indicators`, and for each indicator with no `target`.

Why:
An outcome nobody measures cannot show whether the partnership is making a difference; indicators and
targets drawn from the shared outcomes, built in from the start, let the partners chart progress and
change course (briefing: Processes > Monitor for outcomes; Processes > Picture the future).

Fails:
    purpose:
      vision: Older people in Northvale live at home safely for longer.
      outcomes:
        - statement: Fewer older people are admitted to hospital after a fall.
          beneficiary: Older people living at home

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
Give each outcome at least one indicator with a `measure` and a `target` (the value, and by when).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, label

ID = "AB208"
NAME = "outcome-measures"
SEVERITY = Severity.INFO
SOURCE = "Processes > Monitor for outcomes; Processes > Picture the future"


def check(agreement: Agreement) -> Iterator[Issue]:
    purpose = agreement.section("purpose")
    for outcome in purpose.children("outcomes") if purpose is not None else ():
        indicators = outcome.children("indicators")
        if not indicators:
            yield Issue(outcome.at("indicators"), f"Say how progress towards the outcome "
                        f"'{label(outcome.text('statement'))}' is measured.",
                        hint="add `indicators`, each with a `measure` and a `target`")
        for indicator in indicators:
            if not indicator.text("target"):
                yield Issue(indicator.at("target"), f"Set a target for '{label(indicator.text('measure'))}': the "
                            "value to reach, and by when.", hint="add its `target`")
