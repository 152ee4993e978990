"""The section 75 agreement names the functions it covers, both the NHS body's and the local authority's.

Checks that `legal_powers.functions_covered` (or `legal_powers.delegated_functions`) lists at least one
function; and, where the parties include both an NHS body and a local authority, that the list includes a
function of each.

Why:
The agreement has to identify the functions of the NHS body, and the health-related functions of the local
authority, whose exercise the arrangements are about (SI 2000/617 reg. 7(3)(c) for pooled funds; reg. 9(3)(c)
for integrated provision).

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    legal_powers:
      functions_covered:
        - function: Arranging adult social care
          party: nvc

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    legal_powers:
      functions_covered:
        - function: Arranging adult social care
          party: nvc
        - function: Commissioning community health services
          party: nv-health

Fix:
List under `legal_powers.functions_covered` each function the arrangements cover, with the `party` whose
function it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import ENGLAND_S75, at_severity, s75_citation

ID = "EN103"
NAME = "s75-functions"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(c); reg. 9(3)(c)"


def _gaps(agreement: Agreement, cite: str) -> Iterator[Issue]:
    legal_powers = agreement.child("legal_powers")
    covered = legal_powers.children("functions_covered") if legal_powers is not None else []
    delegated = legal_powers.children("delegated_functions") if legal_powers is not None else []
    path = ("legal_powers", "functions_covered")
    hint = "list them under `legal_powers.functions_covered`"
    if not covered and not delegated:
        yield Issue(path, "List the functions the arrangements cover: the NHS body's, and the council's "
                    "health-related functions.", hint=hint, cite=cite)
        return
    owners = {f.text("party") for f in covered} | {f.text("from") for f in delegated}
    sectors = {p.get("sector") for p in agreement.parties}
    owned = {p.get("sector") for p in agreement.parties if p.get("id") in owners}
    if "health" in sectors and "health" not in owned:
        yield Issue(path, "Add the NHS body's functions to the functions the arrangements cover.", hint=hint,
                    cite=cite)
    if "local_authority" in sectors and "local_authority" not in owned:
        yield Issue(path, "Add the council's health-related functions to the functions the arrangements cover.",
                    hint=hint, cite=cite)


def check(agreement: Agreement) -> Iterator[Issue]:
    cite, severity = s75_citation(agreement, "c")
    yield from at_severity(_gaps(agreement, cite), severity)
