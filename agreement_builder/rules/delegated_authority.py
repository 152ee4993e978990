"""Each representative has authority to decide for the organisation they represent.

Notes, for each party representative whose `delegated_authority` is not stated, unless
`decision_making.delegation` states it for all representatives at once.

Why:
Meetings stall when the people round the table must refer every decision back to their own organisation;
those who attend should be able to commit it within known limits, which also spares senior executives from
attending everything (briefing: Structures > Authority to make decisions).

Fails:
    decision_making:
      method: Consensus of the partners present.

Passes:
    decision_making:
      method: Consensus of the partners present.
      delegation: Each representative may commit their organisation to decisions within the agreed budget
        and the approved plan; anything else goes back to the partner first.

Fix:
Add `delegated_authority` to each representative, or a `delegation` statement under `decision_making` that
applies to all of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, called, filled, label

ID = "AB202"
NAME = "delegated-authority"
SEVERITY = Severity.INFO
SOURCE = "Structures > Authority to make decisions"


def check(agreement: Agreement) -> Iterator[Issue]:
    if filled(agreement.child("decision_making"), "delegation"):
        return
    for party in agreement.parties:
        for person in party.children("representatives"):
            if not filled(person, "delegated_authority"):
                yield Issue(person.at("delegated_authority"), f"Say what {label(person.text('name'))} may decide for "
                            f"{called(party)} without going back to it.",
                            hint="add their `delegated_authority`, or `decision_making.delegation` for everyone")
