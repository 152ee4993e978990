"""Key decisions are flagged to the partners a set number of days in advance.

Advises when `decision_making.key_decision_notice_days` is not given.

Why:
When a major decision is announced ahead of the meeting, each partner can discuss it in its own governance
first and send a representative who is able to agree to it (briefing: Structures > Authority to make
decisions).

Fails:
    decision_making:
      method: Consensus of the partners present.

Passes:
    decision_making:
      method: Consensus of the partners present.
      key_decision_notice_days: 28

Fix:
Add `key_decision_notice_days` under `decision_making`: how many days ahead a key decision is announced.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB203"
NAME = "key-decision-notice"
SEVERITY = Severity.ADVICE
SOURCE = "Structures > Authority to make decisions"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("decision_making"), "key_decision_notice_days"):
        yield Issue(("decision_making", "key_decision_notice_days"), "Say how far ahead key decisions are made known "
                    "to the partners.", hint="add `decision_making.key_decision_notice_days`")
