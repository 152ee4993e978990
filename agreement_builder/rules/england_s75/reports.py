"""Where a council exercises NHS functions, the agreement provides for its quarterly and annual reports to the NHS body.

Applies where regulation 9 does: to integrated provision (`arrangement_type: integrated_provision` or
`integrated_team`), and to any agreement whose `legal_powers.delegated_functions` has an NHS party's function
exercised by a council (lead commissioning by the council included). Checks that `monitoring.reports` includes
a `quarterly` and an `annual` report.

Why:
A local authority exercising NHS functions under these arrangements reports on them to the NHS bodies every
quarter and every year (SI 2000/617 reg. 9(4)); the agreement should provide for both reports.

Fails:
    agreement:
      title: Eastbury Community Equipment Agreement
      jurisdiction: england
      arrangement_type: integrated_provision
    monitoring:
      reports:
        - frequency: annual
          to: The Integrated Care Board's finance and performance committee

Passes:
    agreement:
      title: Eastbury Community Equipment Agreement
      jurisdiction: england
      arrangement_type: integrated_provision
    monitoring:
      reports:
        - frequency: quarterly
          to: The joint commissioning group
          content: Activity, spending and delivery times against the specification
        - frequency: annual
          to: The Integrated Care Board's finance and performance committee
          content: The year's activity, spending and outcomes, and the plan for the next year

Fix:
Add a `quarterly` and an `annual` entry under `monitoring.reports`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import ENGLAND_S75, reg9_applies

ID = "EN110"
NAME = "s75-quarterly-and-annual-reports"
SEVERITY = Severity.ERROR
PACK = ENGLAND_S75
SOURCE = "SI 2000/617 reg. 9(4)"


def applies(agreement: Agreement) -> bool:
    return reg9_applies(agreement)


def check(agreement: Agreement) -> Iterator[Issue]:
    monitoring = agreement.child("monitoring")
    reports = monitoring.children("reports") if monitoring is not None else []
    frequencies = {r.get("frequency") for r in reports}
    absent = [word for frequency, word in (("quarterly", "quarterly"), ("annual", "annual")) if frequency not in
              frequencies]
    if absent:
        yield Issue(("monitoring", "reports"), f"Provide for the council's {' and '.join(absent)} report"
                    f"{'s' if len(absent) > 1 else ''} to the NHS body on how it exercises the NHS functions.",
                    hint=f"add {' and '.join(f'an `{a}`' if a[0] in 'aeiou' else f'a `{a}`' for a in absent)} "
                    f"entry under `monitoring.reports`")
