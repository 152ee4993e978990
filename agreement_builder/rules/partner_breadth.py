"""Service users or carers, and a voluntary or community organisation, are among the partners.

Warns when no party belongs to the `service_users` or `carers` sector, and when none belongs to the
`voluntary` or `community` sector.

Why:
Partnerships do better when the people who use services, their carers and the voluntary sector sit at the
table as partners rather than being consulted from outside; what they bring is knowledge and networks, not
money (briefing: Structures > Involve the right partners; Review questions).

Fails:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
      - id: nv-health
        name: Northvale Health Board
        sector: health

Passes:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
      - id: nv-carers
        name: Northvale Carers Forum
        sector: carers
      - id: nv-vol
        name: Northvale Voluntary Action
        sector: voluntary

Fix:
Invite an organisation of service users or carers and a voluntary or community organisation to join as
parties, with the right `sector`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB201"
NAME = "partner-breadth"
SEVERITY = Severity.WARNING
SOURCE = "Structures > Involve the right partners; Review questions"

_GROUPS = (
    ({"service_users", "carers"}, "no party speaks for service users or carers; invite an organisation of "
                                  "users or carers to join as a partner"),
    ({"voluntary", "community"}, "no party comes from the voluntary or community sector; invite one to join "
                                 "as a partner"),
)


def check(agreement: Agreement) -> Iterator[Issue]:
    sectors = {party.get("sector") for party in agreement.parties}
    for wanted, message in _GROUPS:
        if not sectors & wanted:
            yield Issue(("parties",), message)
