"""A large partnership has a smaller executive group that reports to it.

Applies when the partnership is large: more than 8 parties, or a board with more than 12 members. Advises when
no group in `accountability.groups` is of kind `executive`.

Why:
A partnership with many members finds it hard to act; a small executive group drawn from the partners, and
answering clearly to the full partnership, keeps business moving without letting the biggest partners take
over (briefing: Structures > Involve the right partners). The briefing names no size; the thresholds here
are this tool's choice, so waive the finding if the partnership decides well at its size.

Fails:
    parties:
      - {id: p1, name: Partner One, sector: local_authority}
      - {id: p2, name: Partner Two, sector: health}
      - {id: p3, name: Partner Three, sector: housing}
      - {id: p4, name: Partner Four, sector: voluntary}
      - {id: p5, name: Partner Five, sector: carers}
      - {id: p6, name: Partner Six, sector: police}
      - {id: p7, name: Partner Seven, sector: education}
      - {id: p8, name: Partner Eight, sector: community}
      - {id: p9, name: Partner Nine, sector: service_users}
    accountability:
      groups:
        - {id: board, name: Partnership Board, kind: board}

Passes:
    parties:
      - {id: p1, name: Partner One, sector: local_authority}
      - {id: p2, name: Partner Two, sector: health}
      - {id: p3, name: Partner Three, sector: housing}
      - {id: p4, name: Partner Four, sector: voluntary}
      - {id: p5, name: Partner Five, sector: carers}
      - {id: p6, name: Partner Six, sector: police}
      - {id: p7, name: Partner Seven, sector: education}
      - {id: p8, name: Partner Eight, sector: community}
      - {id: p9, name: Partner Nine, sector: service_users}
    accountability:
      groups:
        - {id: board, name: Partnership Board, kind: board}
        - {id: exec, name: Executive Group, kind: executive, reports_to: board}

Fix:
Add a group of `kind: executive` with a few of the partners, `reports_to` the board.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, groups

ID = "AB204"
NAME = "executive-group"
SEVERITY = Severity.ADVICE
SOURCE = "Structures > Involve the right partners"

MAX_PARTIES = 8
MAX_BOARD = 12


def applies(agreement: Agreement) -> bool:
    return len(agreement.parties) > MAX_PARTIES or any(
        group.get("kind") == "board" and len(group.get("members") or ()) > MAX_BOARD for group in groups(agreement))


def check(agreement: Agreement) -> Iterator[Issue]:
    if not any(group.get("kind") == "executive" for group in groups(agreement)):
        yield Issue(("accountability", "groups"), f"The partnership is large (more than {MAX_PARTIES} partners or "
                    f"a board of more than {MAX_BOARD}): consider a smaller executive group that reports to the board.",
                    hint="add a group of `kind: executive` under `accountability.groups`")
