"""The agreement says how long it lasts.

Checks for a duration (`term.duration`), an initial period (`term.initial_period_months`), a rolling renewal
(`term.renewal_months`) or an end date (`agreement.end_date`). A Scottish integration scheme has no term of its
own (it lasts until it is revised or replaced, and is reviewed under the 2014 Act s.44) and is not asked.

Why:
When an agreement starts and ends, and whether it rolls on, decides when each party's commitments, payments and
staff arrangements stop; section 75 and 2002 Act agreements must state it (SI 2000/617 reg. 7(3)(f) and 9(3)(f);
SSI 2002/533 reg. 11(h)), and any other agreement needs it just as much.

Fails:
    term:
      review: The partners review the agreement each year.

Passes:
    term:
      initial_period_months: 36
      extension:
        period_months: 24
        times: 1
      review: The partners review the agreement each year.

Fix:
Add `term.duration` or `term.initial_period_months` (with any `extension` or `renewal_months`), or an
`agreement.end_date`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import has_duration, integration_scheme

ID = "LG103"
NAME = "duration"
SEVERITY = Severity.ERROR
PACK = "legal"
SOURCE = "The term of the agreement"


def applies(agreement: Agreement) -> bool:
    return not integration_scheme(agreement)


def check(agreement: Agreement) -> Iterator[Issue]:
    if not has_duration(agreement):
        yield Issue(("term", "duration"), "Say how long the agreement lasts: a fixed term, an initial period that "
                    "may be extended or rolls on, or until a party ends it.",
                    hint="add `term.duration` or `term.initial_period_months`, or `agreement.end_date`")
