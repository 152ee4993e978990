"""The integration scheme sets out its local operational delivery arrangements.

Checks `accountability.operational_delivery`.

Why:
Among the matters the regulations prescribe for every integration scheme is local operational delivery
arrangements: the scheme has to set out how the services within the delegated functions are run day to day, who
manages them, and how their performance is reported to the board and to the partners (SSI 2014/341 reg. 2 and
schedule, Local operational delivery arrangements; Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f)).

Fails:
    accountability:
      groups:
        - id: ijb
          name: Strathmoor Integration Joint Board
          kind: board

Passes:
    accountability:
      operational_delivery: The chief officer directs both partners' operational services for the delegated
        functions through one senior management team, and reports on them to each board meeting.

Fix:
Add `accountability.operational_delivery`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI106"
NAME = "scheme-operational-delivery"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Local operational delivery arrangements")


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("accountability"), "operational_delivery"):
        yield Issue(("accountability", "operational_delivery"), "Set out the local operational delivery "
                    "arrangements: how the delegated services are run day to day, by whom, and how they answer for "
                    "it.", hint="add `accountability.operational_delivery`")
