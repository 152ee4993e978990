"""Service users or carers, and a voluntary or community organisation, are among the partners.

Advises when no party belongs to the `service_users` or `carers` sector, and when none belongs to the
`voluntary` or `community` sector. Silent where a statute says who the parties are (an integration scheme, a
section 75 or a 2002 Act agreement): they take part as members of the board instead.

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
from .statutory import parties_fixed_by_statute

ID = "AB201"
NAME = "partner-breadth"
SEVERITY = Severity.ADVICE
SOURCE = "Structures > Involve the right partners; Review questions"

_GROUPS = (
    ({"service_users", "carers"}, "Consider inviting an organisation of service users or carers to join as a "
                                  "partner: no party speaks for them."),
    ({"voluntary", "community"}, "Consider inviting a voluntary or community organisation to join as a partner."),
)


def applies(agreement: Agreement) -> bool:
    return not parties_fixed_by_statute(agreement)  # the statute says who may be a party


def check(agreement: Agreement) -> Iterator[Issue]:
    sectors = {party.get("sector") for party in agreement.parties}
    for wanted, message in _GROUPS:
        if not sectors & wanted:
            yield Issue(("parties",), message, hint="add the organisation under `parties`")
