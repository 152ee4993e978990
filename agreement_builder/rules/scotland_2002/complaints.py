"""The agreement says how complaints from people affected by the arrangement are handled.

Checks `complaints.public.route`; an additional clause that covers `complaints` satisfies the rule.

Why:
People who use, or are affected by, services under the arrangement need a way to complain, and the agreement
has to set out how their complaints are dealt with (SSI 2002/533 reg. 11(j)).

Fails:
    complaints:
      staff:
        route: Staff raise concerns with their line manager.

Passes:
    complaints:
      public:
        route: Complaints go to the partner that provides the service, which answers within 20 working days
          and tells the other partner where the complaint touches its work.

Fix:
Add `route` under `complaints.public`, saying who handles a complaint and how.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_2002

ID = "SC109"
NAME = "reg11-complaints"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(j)"


def check(agreement: Agreement) -> Iterator[Issue]:
    complaints = agreement.child("complaints")
    public = complaints.child("public") if complaints is not None else None
    if not filled(public, "route"):
        yield Issue(("complaints", "public", "route"), "Say how complaints from the people affected by the "
                    "arrangement are handled.", hint="add `complaints.public.route`")
