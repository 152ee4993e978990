"""The agreement says how a party may end it or leave it.

Checks for `term.termination`, a notice period (`term.notice_months`) or an exit notice period
(`exit_strategy.notice_months`). A Scottish integration scheme, which a partner cannot simply leave, is not asked.

Why:
Besides the grounds the standard clauses give (material breach, a change in law, the loss of funding), the
parties need to know whether one of them may end the agreement by notice, and how long that notice is, so that
services, staff and money can be handed back in good order.

Fails:
    term:
      duration: Three years from 1 April 2026.

Passes:
    term:
      duration: Three years from 1 April 2026.
      notice_months: 12

Fix:
Add `term.notice_months` (and, if it helps, `term.termination` in words).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import has_termination, integration_scheme

ID = "LG104"
NAME = "termination"
SEVERITY = Severity.WARNING
PACK = "legal"
SOURCE = "Ending the agreement"


def applies(agreement: Agreement) -> bool:
    return not integration_scheme(agreement)


def check(agreement: Agreement) -> Iterator[Issue]:
    if not has_termination(agreement):
        yield Issue(("term", "termination"), "Say how a party may end the agreement or leave it, and on how much "
                    "notice.", hint="add `term.notice_months` or `term.termination`")
