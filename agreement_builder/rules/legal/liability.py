"""The agreement decides how losses and claims are borne between the parties.

Checks `legal.liability` (each party liable for its own acts and omissions, or a mutual indemnity). Where
`risk.liability_and_indemnity` says something in words, the finding is only a note to choose the clause that
matches. A memorandum of understanding is asked only when it makes liability binding (`legal.binding`).

Why:
Without a decision, the drafted liability clause has to offer both options in brackets; a solicitor will insist
on one, with the exclusion of indirect loss and any cap, before the parties sign.

Fails:
    legal:
      insurance: true

Passes:
    legal:
      liability: own_acts

Fix:
Set `legal.liability` to `own_acts` or `mutual_indemnity`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled

ID = "LG105"
NAME = "liability"
SEVERITY = Severity.WARNING
PACK = "legal"
SOURCE = "Liability and indemnity"


def applies(agreement: Agreement) -> bool:
    legal = agreement.child("legal")
    binding = legal.strings("binding") if legal is not None else []
    return agreement.kind != "memorandum" or "liability" in binding


def check(agreement: Agreement) -> Iterator[Issue]:
    if filled(agreement.child("legal"), "liability"):
        return
    worded = filled(agreement.child("risk"), "liability_and_indemnity")
    yield Issue(("legal", "liability"), "Decide how losses are borne between the parties: each liable for its own "
                "acts and omissions, or a mutual indemnity" + (", to match what the agreement says of liability in "
                "its own words." if worded else "."), severity=Severity.INFO if worded else None,
                hint="set `legal.liability: own_acts` or `mutual_indemnity`", gap="/legal/liability")
