"""The agreement gives the name and address of every party.

Checks that each party has an `address` (its name is required by the schema).

Why:
A written agreement under the Community Care and Health (Scotland) Act 2002 has to identify each party to it
by name and address (SSI 2002/533 reg. 11(a)).

Fails:
    parties:
      - id: council
        name: Strathmoor Council
        sector: local_authority
      - id: nhs
        name: NHS Strathmoor
        sector: health
        address: Board Offices, Kirk Road, Strathmoor SM2 4HB

Passes:
    parties:
      - id: council
        name: Strathmoor Council
        sector: local_authority
        address: Council Buildings, 2 High Street, Strathmoor SM1 1AA
      - id: nhs
        name: NHS Strathmoor
        sector: health
        address: Board Offices, Kirk Road, Strathmoor SM2 4HB

Fix:
Give each party its registered or principal `address`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, called, filled
from ..statutory import SCOTLAND_2002

ID = "SC101"
NAME = "reg11-parties"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(a)"


def check(agreement: Agreement) -> Iterator[Issue]:
    for party in agreement.parties:
        if not filled(party, "address"):
            yield Issue(party.at("address"), f"Give the address of {called(party)}.", hint="add the party's `address`")
