"""Partners are represented at both strategic and operational level.

Applies when any party names representatives. Advises when none of them is at `strategic` level, or none at
`operational` level (including when no representative's `level` is given).

Why:
Decisions made by senior people only, or by front-line managers only, lose touch with the other level;
drawing representatives from each level of the partner organisations keeps strategy and practice joined up
(briefing: Structures > Authority to make decisions).

Fails:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
        representatives:
          - id: nv-chief-exec
            name: Alex Morgan
            level: strategic
      - id: nv-health
        name: Northvale Health Board
        sector: health

Passes:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
        representatives:
          - id: nv-chief-exec
            name: Alex Morgan
            level: strategic
      - id: nv-health
        name: Northvale Health Board
        sector: health
        representatives:
          - id: nv-ops
            name: Priya Shah
            level: operational

Fix:
Give each representative a `level`, and include someone at `strategic` and someone at `operational` level.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB216"
NAME = "representation-levels"
SEVERITY = Severity.ADVICE
SOURCE = "Structures > Authority to make decisions"

LEVELS = ("strategic", "operational")


def applies(agreement: Agreement) -> bool:
    return any(party.children("representatives") for party in agreement.parties)


def check(agreement: Agreement) -> Iterator[Issue]:
    levels = {person.get("level") for party in agreement.parties for person in party.children("representatives")}
    absent = [level for level in LEVELS if level not in levels]
    if absent:
        yield Issue(("parties",), f"Consider representing the partners at both strategic and operational level: no "
                    f"representative is at {' or '.join(absent)} level.", hint="give each representative's `level`")
