"""Each action has an owner, a cost or the resources it needs, and a due date.

Advises, for each entry in `actions` that lacks an owner, a cost or resources, or a due date, and when the
agreement has no actions at all. An action plan is a living register the partners keep, not a term of the
agreement.

Why:
A vision becomes change only through actions someone is responsible for, that have been costed and that
are on a timetable; without those three an action plan is a wish list (briefing: Processes > Act).

Fails:
    actions:
      - description: Set up a joint falls response service.

Passes:
    actions:
      - description: Set up a joint falls response service.
        owner: nv-health
        cost: 120000
        due: 2027-03-31

Fix:
Give each action an `owner`, a `cost` or `resources`, and a `due` date (YYYY-MM-DD).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, label, listed

ID = "AB210"
NAME = "actions"
SEVERITY = Severity.ADVICE
SOURCE = "Processes > Act"


def check(agreement: Agreement) -> Iterator[Issue]:
    actions = agreement.children("actions")
    if not actions:
        yield Issue(("actions",), "Consider an action plan: the first actions, each with an owner, a cost or "
                    "resources, and a due date.", hint="add `actions`")
    for action in actions:
        gaps = [(what, key) for what, key, present in (
            ("an owner", "`owner`", filled(action, "owner")),
            ("a cost or resources", "`cost` or `resources`", filled(action, "cost") or filled(action, "resources")),
            ("a due date", "`due`", filled(action, "due"))) if not present]
        if gaps:
            yield Issue(action.path, f"Give the action '{label(action.text('description'))}' "
                        f"{listed([what for what, _ in gaps])}.",
                        hint=f"add its {listed([key for _, key in gaps])}")
