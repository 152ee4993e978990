"""The agreement names who signs for each party.

Checks each party's `signatory` (or the old top-level `signatories` list), and reports once, naming every party
that has none. A Scottish integration scheme, which is submitted for the Scottish Ministers' approval rather
than signed by the parties to each other, is not asked.

Why:
An agreement binds a party only when someone with authority signs it for that party; a party left without a
signature block is easily missed, and the drafted signing page would be incomplete.

Fails:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
      - id: nvh
        name: Northvale Health Board
        sector: health

Passes:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
        signatory: nvc-ceo
      - id: nvh
        name: Northvale Health Board
        sector: health
        signatory: nvh-ceo
    posts:
      - id: nvc-ceo
        title: Chief Executive
        employer: nvc
      - id: nvh-ceo
        title: Chief Executive
        employer: nvh

Fix:
Give each party a `signatory`: the id of a person or of a post (such as its chief executive).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, called, listed
from ..statutory import integration_scheme

ID = "LG107"
NAME = "signatories"
SEVERITY = Severity.WARNING
PACK = "legal"
SOURCE = "Signing the agreement"


def applies(agreement: Agreement) -> bool:
    return not integration_scheme(agreement)


def check(agreement: Agreement) -> Iterator[Issue]:
    unsigned = [party for party in agreement.parties if not agreement.signatory(party)]
    if unsigned:
        names = listed([called(party) for party in unsigned])
        yield Issue(unsigned[0].at("signatory"), f"Name who signs the agreement for {names}.",
                    hint="give each party a `signatory`: the id of a person or a post")
