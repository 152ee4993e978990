"""The integration scheme sets out the arrangements for the chief officer.

Applies to an integration joint board model. Checks `accountability.chief_officer` (a person or a post under
`posts`).

Why:
An integration joint board appoints a chief officer, who leads the integrated services for it and answers to
both partners' chief executives for their delivery; the regulations prescribe the arrangements for the chief
officer as a matter every scheme covers (SSI 2014/341 reg. 2 and schedule, Chief officer; Public Bodies (Joint
Working) (Scotland) Act 2014 s.1(3)(f) and s.10).

Fails:
    accountability:
      operational_delivery: The chief officer runs the delegated services through one management team.

Passes:
    posts:
      - id: chief-officer
        title: Chief Officer
        employer: nv-health
        description: Leads the integrated services and answers to both chief executives for their delivery.
    accountability:
      chief_officer: chief-officer

Fix:
Describe the post under `posts` and name it as `accountability.chief_officer`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, joint_board_model, prescribed

ID = "SI109"
NAME = "scheme-chief-officer"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Chief officer")


def applies(agreement: Agreement) -> bool:
    return joint_board_model(agreement)


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("accountability"), "chief_officer"):
        yield Issue(("accountability", "chief_officer"), "Set out the arrangements for the chief officer: the post, "
                    "who employs and manages its holder, and to whom they answer.",
                    hint="describe the post under `posts` and name it as `accountability.chief_officer`")
