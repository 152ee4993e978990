"""The partnership does not rest on one person: key roles have deputies and are not all held by one holder.

The key roles are the roles marked `key: true` and the chair of the overarching body. Advises when a key role
has no deputy (or its deputy is its holder), and when one person or partner holds every key role.

Why:
A partnership that depends on one committed leader falters when that person moves on, and the skills that
launch a partnership are seldom those that sustain it; naming deputies and spreading the key roles is the
succession and contingency planning the briefing asks for (briefing: People > Lead; Structures >
Rationalise partnership and change).

Fails:
    roles:
      individuals:
        - title: Partnership Chair
          holder: nv-chief-exec
          description: Chairs the board.
          key: true
        - title: Lead Officer
          holder: nv-chief-exec
          description: Runs the partnership day to day.
          key: true

Passes:
    people:
      - id: nv-deputy
        name: Sam Rivers
    roles:
      individuals:
        - title: Partnership Chair
          holder: nv-chief-exec
          deputy: nv-deputy
          description: Chairs the board.
          key: true
        - title: Lead Officer
          holder: nv-deputy
          deputy: nv-chief-exec
          description: Runs the partnership day to day.
          key: true

Fix:
Give each key role a `deputy` who is not its holder, share the key roles between people, and give the
overarching body a `vice_chair`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..findings import Severity
from ..model import Agreement
from ..source import JsonPath
from .base import Issue, label, name_of, top_group

ID = "AB206"
NAME = "key-roles"
SEVERITY = Severity.ADVICE
SOURCE = "People > Lead; Structures > Rationalise partnership and change"


class KeyRole(NamedTuple):
    path: JsonPath
    title: str
    holder: str
    deputy: str
    deputy_key: str  # where the deputy is named: `deputy` for a role, `vice_chair` for a chair


def _key_roles(agreement: Agreement) -> list[KeyRole]:
    roles = agreement.child("roles")
    found = [KeyRole(role.path, role.text("title"), role.text("holder"), role.text("deputy"), "deputy")
             for role in (roles.children("individuals") if roles is not None else ()) if role.get("key") is True]
    top = top_group(agreement)
    if top is not None and top.text("chair"):
        found.append(KeyRole(top.at("chair"), f"chair of {top.text('name')}", top.text("chair"),
                             top.text("vice_chair"), "vice_chair"))
    return found


def check(agreement: Agreement) -> Iterator[Issue]:
    found = _key_roles(agreement)
    for role in found:
        if not role.deputy:
            yield Issue(role.path, f"Name who stands in for the {label(role.title)} when the holder cannot act.",
                        hint=f"add `{role.deputy_key}`")
        elif role.deputy == role.holder:
            yield Issue(role.path, f"Name someone other than the holder to stand in for the {label(role.title)}.",
                        hint=f"change `{role.deputy_key}`")
    holders = {role.holder for role in found}
    if len(found) > 1 and len(holders) == 1 and "" not in holders:
        yield Issue(("roles",), f"{name_of(agreement, holders.pop())} holds every key role: share them so that the "
                    "partnership does not depend on one person.", hint="change the holders under `roles.individuals`")
