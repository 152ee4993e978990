"""The integration scheme sets out how claims, liability and indemnity are handled.

Checks `risk.liability_and_indemnity` (in words) or `legal.liability` (the choice of clause).

Why:
Among the matters the regulations prescribe for every integration scheme is claims handling, liability and
indemnity: which partner handles a claim about a delegated service, and how the cost falls between the
partners and the board (in Scotland, through CNORIS for NHS bodies and the board) (SSI 2014/341 reg. 2 and
schedule, Claims handling, liability and indemnity; Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f)).

Fails:
    risk:
      approach: The board keeps a strategic risk register.

Passes:
    risk:
      liability_and_indemnity: Each partner handles claims about the services it delivers, through CNORIS or its
        insurers; the board is a member of CNORIS.

Fix:
Add `risk.liability_and_indemnity`, or choose `legal.liability`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI115"
NAME = "scheme-claims-and-liability"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Claims handling, liability and indemnity")


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("risk"), "liability_and_indemnity") and not filled(agreement.child("legal"),
                                                                                     "liability"):
        yield Issue(("risk", "liability_and_indemnity"), "Set out how claims about the delegated services are "
                    "handled, and how liability and indemnity fall between the partners and the board.",
                    hint="add `risk.liability_and_indemnity`, or `legal.liability`", gap="/legal/liability")
