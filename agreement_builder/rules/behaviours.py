"""The partners write down the behaviours they expect of each other.

Advises when the agreement lists no `behaviours`.

Why:
Much of what goes wrong between partners is behaviour: respect for other views, equality round the table,
plain language, open sharing of information and each representative speaking consistently for their
organisation are easier to expect once they are agreed in writing (briefing: People > Behave!).

Fails:
    agreement:
      title: Northvale Health and Care Partnership Agreement

Passes:
    behaviours:
      - Every partner has an equal voice at the table, whatever its size or contribution.
      - We use plain language and explain professional terms.

Fix:
Add `behaviours`: the conduct the partners agree to.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB220"
NAME = "behaviours"
SEVERITY = Severity.ADVICE
SOURCE = "People > Behave!"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not agreement.strings("behaviours"):
        yield Issue(("behaviours",), "Consider agreeing the behaviours the partners expect of each other, such as "
                    "respect for other views, plain language and open sharing of information.", hint="add `behaviours`")
