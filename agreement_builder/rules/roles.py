"""The agreement describes each role people hold and what each group does.

Checks that a `roles` section exists (or an additional clause covers it). When it does, warns where it lists
no roles for individuals, where a role has no written description, and where a group in the structure has no
remit.

Why:
A written description of each role, and of each group, tells people what is expected of them, gives each
profession a recognised place, and checks the misuse of power by making roles public
(briefing: Structures > Have a partnership agreement; People > Agree roles).

Fails:
    roles:
      individuals:
        - title: Partnership Chair
          holder: nv-chief-exec

Passes:
    roles:
      individuals:
        - title: Partnership Chair
          holder: nv-chief-exec
          description: Chairs the board, agrees its agendas and speaks for the partnership in public.

Fix:
Give each role a `description` of what its holder does and is expected to do, and each group in
`accountability.groups` a `remit`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, groups, label, missing

ID = "AB104"
NAME = "roles"
ELEMENT = "roles"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; People > Agree roles"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "a description of each role people hold in the partnership, and of what "
                       "each group does",
                       "It describes each role people hold in the partnership and what each group does.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not section.children("individuals"):
        yield Issue(section.at("individuals"), "Describe the roles people hold: the chair, the lead officers and any "
                    "other partnership roles.", Severity.WARNING, hint="list them under `roles.individuals`")
    for role in section.children("individuals"):
        if not filled(role, "description"):
            yield Issue(role.at("description"), f"Describe what the {label(role.text('title'))} does and is "
                        "expected to do.", Severity.WARNING, hint="add the role's `description`")
    for group in groups(agreement):
        if not filled(group, "remit"):
            yield Issue(group.at("remit"), f"Say what the {label(group.text('name'))} does and what it may decide.",
                        Severity.WARNING, hint="add the group's `remit`")
