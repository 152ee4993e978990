"""The integration scheme sets out how complaints are made and handled.

Checks `complaints.public.route`.

Why:
Among the matters the regulations prescribe for every integration scheme is complaints: the scheme has to set out how
a complaint about a delegated service, or about the board, is made and handled (SSI 2014/341 reg. 2 and schedule,
Complaints; Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f)).

Fails:
    complaints:
      joint_handling: The partner first contacted coordinates one joint reply.

Passes:
    complaints:
      public:
        route: A complaint goes to the partner that provided the service, under its own procedure.

Fix:
Add `complaints.public.route`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement, Node
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI114"
NAME = "scheme-complaints"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Complaints")


def _public(agreement: Agreement) -> Node | None:
    complaints = agreement.child("complaints")
    return complaints.child("public") if complaints is not None else None


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(_public(agreement), "route"):
        yield Issue(("complaints", "public", "route"), "Set out how complaints about the delegated services are "
                    "made and handled.", hint="add `complaints.public.route`")
