"""The section 75 agreement states each partner's contribution (or the NHS payments) and how it may be varied.

For a pooled fund, checks that every NHS and local authority party has a `money` contribution with an
`amount`; for integrated provision, that an NHS party makes a payment with an `amount`; in both, that
`finance.variation` says how contributions or payments may be varied.

Why:
A pooled fund agreement has to state what each partner pays into the fund and how those contributions can
change (SI 2000/617 reg. 7(3)(b)); where a local authority exercises NHS functions, the agreement has to state
the NHS bodies' payments to it and how they can change (reg. 9(3)(b)).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    finance:
      contributions:
        - party: nvc
          kind: money
          amount: 4200000

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    finance:
      contributions:
        - party: nvc
          kind: money
          amount: 4200000
        - party: nv-health
          kind: money
          amount: 9800000
      variation: A contribution changes only by a written variation both partners sign, agreed before the
        start of the financial year it affects.

Fix:
Add each partner's `money` contribution with its `amount` under `finance.contributions`, and say under
`finance.variation` how contributions may be varied.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, called, filled
from ..statutory import ENGLAND_S75, at_severity, reg9_applies, s75_citation, s75_regulations

ID = "EN102"
NAME = "s75-contributions"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(b); reg. 9(3)(b)"


def _gaps(agreement: Agreement, cite: str) -> Iterator[Issue]:
    finance = agreement.child("finance")
    contributions = finance.children("contributions") if finance is not None else []
    payers = {c.text("party") for c in contributions if c.get("kind") == "money" and c.get("amount") is not None}
    if "7" not in s75_regulations(agreement) and reg9_applies(agreement):
        nhs = [p for p in agreement.parties if p.get("sector") == "health"]
        if not any(p.get("id") in payers for p in nhs):
            yield Issue(("finance", "contributions"), "State the payments the NHS partner makes to the council.",
                        hint="add them, with an `amount`, under `finance.contributions`", cite=cite)
        what = "the payments"
    else:
        for party in agreement.parties:
            if party.get("sector") in ("health", "local_authority") and party.get("id") not in payers:
                yield Issue(("finance", "contributions"), f"State the money {called(party)} contributes.",
                            hint="add its `money` contribution, with an `amount`, under `finance.contributions`",
                            cite=cite)
        what = "the contributions"
    if not filled(finance, "variation"):
        yield Issue(("finance", "variation"), f"Say how {what} may be varied.", hint="add `finance.variation`",
                    cite=cite)


def check(agreement: Agreement) -> Iterator[Issue]:
    cite, severity = s75_citation(agreement, "b")
    yield from at_severity(_gaps(agreement, cite), severity)
