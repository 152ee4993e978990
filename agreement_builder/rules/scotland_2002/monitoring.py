"""The agreement says how the parties monitor its performance.

Checks `monitoring.framework`.

Why:
The parties have to agree how they will keep track of whether the agreement is delivering, and the agreement
has to say so (SSI 2002/533 reg. 11(i)).

Fails:
    monitoring:
      users_views: An annual survey of people using the service and their families.

Passes:
    monitoring:
      framework: A quarterly performance report to the Joint Board against each outcome's indicators, and
        an annual report to both partners' governing bodies.

Fix:
Add `framework` under `monitoring`: what is measured, how often, and who looks at it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_2002

ID = "SC108"
NAME = "reg11-monitoring"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(i)"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("monitoring"), "framework"):
        yield Issue(("monitoring", "framework"), "Say how the parties monitor the performance of the agreement.",
                    hint="add `monitoring.framework`")
