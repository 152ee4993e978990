"""The integration scheme sets out how risk is managed.

Checks the `risk` section: an `approach` or a `register`.

Why:
Among the matters the regulations prescribe for every integration scheme is risk management: how the partners
and the board identify, record and manage the risks of the delegated functions, and report them to each other
(SSI 2014/341 reg. 2 and schedule, Risk management; Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f)).

Fails:
    risk:
      review: The audit committee reviews risks twice a year.

Passes:
    risk:
      approach: The partners agree a shared risk management strategy; the board keeps a risk register and reports
        any risk to a partner that affects it.

Fix:
Add a `risk` section with its `approach`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI116"
NAME = "scheme-risk-management"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Risk management")


def check(agreement: Agreement) -> Iterator[Issue]:
    section = agreement.section("risk")
    message = ("Set out how risk is managed: how the partners and the board identify, record and manage the risks "
               "of the delegated functions, and report them to each other.")
    if section is None:
        yield Issue(("risk",), message, hint="add a `risk` section", whole=True)
    elif not filled(section, "approach") and not section.children("register"):
        yield Issue(section.at("approach"), message, hint="add `risk.approach`")
