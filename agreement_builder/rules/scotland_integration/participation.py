"""The integration scheme sets out how people take part in the integrated services and are engaged.

Checks `engagement.methods` (or `membership.public_involvement`).

Why:
Among the matters the regulations prescribe for every integration scheme is participation and engagement: the
scheme has to say how those affected by the scheme were consulted, and how a participation and engagement
strategy involves service users, carers, staff and communities (SSI 2014/341 reg. 2 and schedule, Participation
and engagement; Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f)).

Fails:
    engagement:
      publicity: An annual performance report.

Passes:
    engagement:
      methods:
        - A locality forum in each of the three localities, open to anyone

Fix:
Add `engagement.methods`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI112"
NAME = "scheme-participation-and-engagement"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Participation and engagement")


def check(agreement: Agreement) -> Iterator[Issue]:
    if not (filled(agreement.child("engagement"), "methods")
            or filled(agreement.child("membership"), "public_involvement")):
        yield Issue(("engagement", "methods"), "Set out how people who use services, carers, staff and communities "
                    "take part in planning the integrated services.",
                    hint="add `engagement.methods`, or `membership.public_involvement`")
