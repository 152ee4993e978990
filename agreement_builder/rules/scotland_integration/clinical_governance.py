"""The integration scheme sets out its clinical and care governance.

Checks `accountability.clinical_and_care_governance`.

Why:
Among the matters the regulations prescribe for every integration scheme is clinical and care governance: the
scheme has to say how the quality and safety of health and care services within the delegated functions are
overseen, and how professional advice (the chief social work officer, medical and nursing leads) reaches the
board (SSI 2014/341 reg. 2 and schedule, Clinical and care governance; Public Bodies (Joint Working) (Scotland)
Act 2014 s.1(3)(f)).

Fails:
    accountability:
      operational_delivery: The chief officer runs the delegated services through one management team.

Passes:
    accountability:
      clinical_and_care_governance: A clinical and care governance group, led by the medical director and the
        chief social work officer, reports to the board twice a year.

Fix:
Add `accountability.clinical_and_care_governance`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI108"
NAME = "scheme-clinical-and-care-governance"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Clinical and care governance")


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("accountability"), "clinical_and_care_governance"):
        yield Issue(("accountability", "clinical_and_care_governance"), "Set out the clinical and care governance: "
                    "how the quality and safety of the delegated services are overseen, and who gives the board "
                    "professional advice.", hint="add `accountability.clinical_and_care_governance`")
