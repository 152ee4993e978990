"""The integration scheme sets out how information is shared and data handled.

Checks `information_sharing.protocol`.

Why:
Among the matters the regulations prescribe for every integration scheme is information sharing and data
handling: the scheme has to set out the information sharing accord between the partners (and the board), and how
personal data is handled (SSI 2014/341 reg. 2 and schedule, Information sharing and data handling; Public Bodies
(Joint Working) (Scotland) Act 2014 s.1(3)(f)).

Fails:
    information_sharing:
      systems: Each partner keeps its own case records.

Passes:
    information_sharing:
      protocol: The Strathmoor information sharing protocol, with a data sharing agreement for each service.

Fix:
Add `information_sharing.protocol`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI113"
NAME = "scheme-information-sharing"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Information sharing and data handling")


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("information_sharing"), "protocol"):
        yield Issue(("information_sharing", "protocol"), "Set out the information sharing accord or protocol the "
                    "partners and the board follow.", hint="add `information_sharing.protocol`")
