"""The integration scheme sets out its workforce arrangements.

Checks `roles.workforce`.

Why:
Among the matters the regulations prescribe for every integration scheme is workforce: the scheme has to set out how
the staff who deliver the delegated functions are planned for, developed and supported, and which employer they
stay with (SSI 2014/341 reg. 2 and schedule, Workforce; Public Bodies (Joint Working) (Scotland) Act 2014
s.1(3)(f)).

Fails:
    roles:
      individuals:
        - title: Chief Officer
          description: Leads the integrated services.

Passes:
    roles:
      workforce: A joint workforce plan each year; staff stay with their own employer on its own terms.

Fix:
Add `roles.workforce`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI110"
NAME = "scheme-workforce"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Workforce")


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("roles"), "workforce"):
        yield Issue(("roles", "workforce"), "Set out the workforce arrangements: how the partners plan, develop and "
                    "support the staff who deliver the delegated services.", hint="add `roles.workforce`")
