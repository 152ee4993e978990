"""A section 75 agreement records the conditions for making it: the expected improvement, and joint consultation.

Checks `legal_powers.improvement` (why the partners expect the arrangements to improve the way the functions are
exercised) and `legal_powers.consultation` (whom they consulted, jointly, beforehand). A recital (`recitals`)
that speaks of the improvement, or of the consultation, also counts.

Why:
Partnership arrangements may be made only if they are likely to lead to an improvement in the way the functions
are exercised (National Health Service Act 2006 s.75(1)), and only after the partners have jointly consulted
the people who appear to them to be affected (SI 2000/617 reg. 4(2)). The agreement's background records that
both were met, so that it shows on its face why it is lawful.

Fails:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget

Passes:
    agreement:
      title: Eastbury Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    legal_powers:
      improvement: The pooled fund lets one team commission reablement for both partners, without two queues.
      consultation: The partners consulted providers, Healthwatch and the public on the plan in January 2026.

Fix:
Add `improvement` and `consultation` under `legal_powers` (or say the same in a recital).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import ENGLAND_S75

ID = "EN113"
NAME = "s75-preconditions"
SEVERITY = Severity.WARNING
PACK = ENGLAND_S75
SOURCE = "National Health Service Act 2006 s.75(1); SI 2000/617 reg. 4(2)"

_CONDITIONS = (
    ("improvement", re.compile(r"\bimprov", re.I), "National Health Service Act 2006 s.75(1)",
     "Record why the partners expect the arrangements to improve the way the functions are exercised."),
    ("consultation", re.compile(r"\bconsult", re.I), "SI 2000/617 reg. 4(2)",
     "Record that the partners consulted, jointly, the people who appear to them to be affected, before entering "
     "into the arrangements."),
)


def check(agreement: Agreement) -> Iterator[Issue]:
    powers = agreement.child("legal_powers")
    recitals = agreement.strings("recitals")
    for key, words, cite, message in _CONDITIONS:
        if not filled(powers, key) and not any(words.search(r) for r in recitals):
            yield Issue(("legal_powers", key), message, hint=f"add `legal_powers.{key}`, or a recital", cite=cite)
