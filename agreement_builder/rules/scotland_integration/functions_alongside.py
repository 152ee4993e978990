"""In a lead-agency model, the scheme names the lead agency's own functions carried out with the delegated ones.

Applies when the integration model is a lead-agency model (or, with no model stated, the arrangement type is
`lead_agency`). Checks `legal_powers.retained_functions`.

Why:
Where functions are delegated to the Health Board, to the local authority, or each to the other, the scheme
has to say which of the receiving body's own functions it will exercise together with those it receives
(Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(c)).

Fails:
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      integration_model: lead_agency_health_board
    legal_powers:
      delegated_functions:
        - function: Social care for adults
          from: nvc
          to: nv-health

Passes:
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      integration_model: lead_agency_health_board
    legal_powers:
      delegated_functions:
        - function: Social care for adults
          from: nvc
          to: nv-health
      retained_functions:
        - Community health services for adults (NHS Strathmoor)

Fix:
List the lead agency's own functions under `legal_powers.retained_functions`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, arrangement

ID = "SI103"
NAME = "scheme-functions-alongside"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = "Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(c)"


def applies(agreement: Agreement) -> bool:
    model = agreement.meta.text("integration_model")
    return model.startswith("lead_agency") if model else arrangement(agreement) == "lead_agency"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("legal_powers"), "retained_functions"):
        yield Issue(("legal_powers", "retained_functions"), "Say which of the lead agency's own functions it carries "
                    "out together with the functions delegated to it.",
                    hint="list them under `legal_powers.retained_functions`")
