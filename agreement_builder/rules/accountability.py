"""The agreement sets out the partnership's structure and who answers to whom.

Checks that an `accountability` section exists (or an additional clause covers it). When it does, warns where
it names no groups, or does not say how individuals answer both to the partnership and to their own
organisations. Whether the groups form one line of reporting is checked by AB207, and the reporting lines
into each partner by AB215.

Why:
People in a partnership serve two masters, the partnership and their own organisation; the agreement should
show the boards and groups, and how each person and group is held to account in both directions
(briefing: Structures > Have a partnership agreement).

Fails:
    accountability:
      groups:
        - id: board
          name: Partnership Board

Passes:
    accountability:
      groups:
        - id: board
          name: Partnership Board
          kind: board
      individuals: Members report to the board on partnership business and to their own line managers on
        everything else; each partner's chief officer appraises its members' partnership work.

Fix:
List the board and any executive or sub-groups under `groups`, and add `individuals`: how people in
partnership roles answer to the partnership and to their own organisation.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, missing

ID = "AB103"
NAME = "accountability"
ELEMENT = "accountability"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "the partnership's structure: its board and groups, whom each answers "
                       "to, and how individuals answer to the partnership and to their own organisations",
                       "It names the board and groups and whom each reports to, and says how individuals answer "
                       "to the partnership and to their own organisations.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not section.children("groups"):
        yield Issue(section.at("groups"), "Name the board and any executive or sub-groups, and whom each reports "
                    "to.", Severity.WARNING, hint="list them under `accountability.groups`")
    if not filled(section, "individuals"):
        yield Issue(section.at("individuals"), "Say how individuals answer both to the partnership and to their "
                    "own organisations.", Severity.WARNING, hint="add `accountability.individuals`")
