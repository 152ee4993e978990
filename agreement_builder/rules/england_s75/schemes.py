"""A section 75 agreement sets out the schemes and services it covers, each with what the regulations ask.

Checks `schemes`: present, and for each scheme the persons it is for, the kinds of service and the functions
exercised in it; for a pooled fund, each scheme's budget. Where there is no schedule of schemes, the kinds of
service and the people must still be stated for the agreement as a whole (EN104).

Why:
The regulations ask the agreement to specify the functions the arrangements cover and the persons and kinds of
service (SI 2000/617 reg. 7(3)(c)–(d) and 9(3)(c)–(d)). In a Better Care Fund agreement the schedule of schemes
is where that is done, scheme by scheme, with the money each receives; without it the agreement's clauses point
to a schedule that is not there.

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    schemes:
      - id: reablement
        name: Reablement

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    schemes:
      - id: reablement
        name: Reablement
        functions:
          - The Council's functions under the Care Act 2014 s.2
        persons: Adults leaving hospital
        services: [Home-based reablement]
        lead: nvc
        budget: 2400000

Fix:
List each scheme under `schemes` with its `functions`, `persons`, `services` and, for a pooled fund, its
`budget`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled, label, listed
from ..statutory import ENGLAND_S75, s75_regulations

ID = "EN111"
NAME = "s75-schemes"
SEVERITY = Severity.WARNING
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 7(3)(c)–(d); reg. 9(3)(c)–(d)"

_PARTS = (("functions", "the functions exercised in it"), ("persons", "the people it is for"),
          ("services", "the kinds of service it provides"))


def check(agreement: Agreement) -> Iterator[Issue]:
    schemes = agreement.children("schemes")
    if not schemes:
        yield Issue(("schemes",), "Set out the schemes and services the arrangements cover, each with the functions "
                    "exercised in it, the people it is for, the kinds of service and its budget.",
                    hint="list them under `schemes`")
        return
    pooled = "7" in s75_regulations(agreement)
    for scheme in schemes:
        name = label(scheme.text("name"))
        for key, what in _PARTS:
            if not filled(scheme, key):
                yield Issue(scheme.at(key), f"Say {what} for the scheme '{name}'.", hint=f"add the scheme's `{key}`")
        if pooled and scheme.get("budget") is None:
            yield Issue(scheme.at("budget"), f"State the budget of the scheme '{name}' from the pooled fund.",
                        hint="add the scheme's `budget`")
    if any(not filled(s, "lead") for s in schemes):
        unled = [label(s.text("name")) for s in schemes if not filled(s, "lead")]
        yield Issue(("schemes",), f"Name the partner that leads or commissions {listed(unled)}.", Severity.INFO,
                    hint="add each scheme's `lead`", gap="/schemes/lead")
