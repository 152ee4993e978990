"""The agreement lists the functions delegated under it and the functions they are exercised alongside.

Checks that `legal_powers.delegated_functions` lists at least one function and, when it does, that
`legal_powers.retained_functions` names the delegate's own functions the delegated ones are exercised with.
The paragraph cited follows the direction of delegation: (b) when the Council delegates to the NHS body, (c)
when the NHS body delegates to the Council, (b)–(c) when both happen or the direction cannot be told from the
parties' sectors.

Why:
Where a local authority delegates functions to an NHS body, or an NHS body to a local authority, the agreement
must state which functions are delegated and which of the delegate's own functions they are exercised in
conjunction with (SSI 2002/533 reg. 11(b) and (c)).

Fails:
    legal_powers:
      statutes:
        - name: Community Care and Health (Scotland) Act 2002
          provision: section 15

Passes:
    legal_powers:
      delegated_functions:
        - function: Home care for adults with a learning disability
          from: nvc
          to: nv-health
      retained_functions:
        - Community learning disability nursing and psychology (NHS Strathmoor)

Fix:
List the `delegated_functions` (with `from` and `to`) and the `retained_functions` they are exercised
alongside, under `legal_powers`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement, Node
from ..base import Issue, filled
from ..statutory import SCOTLAND_2002

ID = "SC102"
NAME = "reg11-delegated-functions"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(b)–(c)"

_PARAGRAPH = {("local_authority", "health"): "b", ("health", "local_authority"): "c"}


def _paragraphs(agreement: Agreement, functions: list[Node]) -> list[str]:
    """Which of reg. 11(b) (council to NHS body) and (c) (NHS body to council) the delegations fall under."""
    def sector(ref: str) -> str:
        party = agreement.party(ref)
        return party.text("sector") if party is not None else ""

    found = {_PARAGRAPH.get((sector(f.text("from")), sector(f.text("to"))), "") for f in functions}
    return sorted(found) if "" not in found else ["b", "c"]


def check(agreement: Agreement) -> Iterator[Issue]:
    legal_powers = agreement.child("legal_powers")
    functions = legal_powers.children("delegated_functions") if legal_powers is not None else []
    if not functions:
        yield Issue(("legal_powers", "delegated_functions"), "List the functions delegated under the agreement.",
                    hint="list them under `legal_powers.delegated_functions`")
        return
    if not filled(legal_powers, "retained_functions"):
        cite = " and ".join(f"({p})(ii)" for p in _paragraphs(agreement, functions))
        yield Issue(("legal_powers", "retained_functions"), "Say which of the delegate's own functions the delegated "
                    "functions are exercised alongside.", hint="list them under `legal_powers.retained_functions`",
                    cite=f"SSI 2002/533 reg. 11{cite}")
