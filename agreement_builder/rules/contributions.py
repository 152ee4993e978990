"""Every partner's contribution is stated, whether money or in kind.

Applies when the agreement lists any contribution (in `finance.contributions` or `resources`); warns for each
party that contributes nothing in either list. (An agreement with no contributions at all is reported by
AB105.)

Why:
Partners are not expected to give the same, or to give money: users, patients and voluntary organisations
bring knowledge and networks. Writing every partner's share down, in kind included, shows what each brings
and answers the question of what resources each will commit (briefing: Structures > Involve the right
partners; Resources > Money; Review questions).

Fails:
    finance:
      contributions:
        - party: nvc
          kind: money
          amount: 250000

Passes:
    finance:
      contributions:
        - party: nvc
          kind: money
          amount: 250000
        - party: nv-health
          kind: knowledge
          description: Clinical advice on falls prevention

Fix:
Add an entry under `finance.contributions` (or `resources`) for each partner; in-kind kinds such as
`knowledge`, `networks` or `staff` count.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, called

ID = "AB213"
NAME = "contributions"
SEVERITY = Severity.WARNING
SOURCE = "Structures > Involve the right partners; Resources > Money; Review questions"


def _contributors(agreement: Agreement) -> set[str]:
    finance = agreement.child("finance")
    entries = [*(finance.children("contributions") if finance is not None else ()), *agreement.children("resources")]
    return {entry.text("party") for entry in entries}


def applies(agreement: Agreement) -> bool:
    return bool(_contributors(agreement))


def check(agreement: Agreement) -> Iterator[Issue]:
    contributors = _contributors(agreement)
    for party in agreement.parties:
        if party.get("id") not in contributors:
            yield Issue(party.path, f"Say what {called(party)} contributes, in money or in kind.",
                        hint="add it under `finance.contributions`")
