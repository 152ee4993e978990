"""Monitoring draws on users' and carers' views, and the partnership itself is evaluated.

Notes when the agreement has no `monitoring` section, and when nothing says how the partnership itself is
evaluated: a `monitoring.partnership_evaluation`, an exit strategy on the continuation branch (which AB111
checks) or an integration scheme's statutory review; advises when monitoring does not say how users' and
carers' views are gathered.

Why:
Monitoring should rest on what people who use services say about them, and the partners should regularly ask
whether working together adds enough to justify its cost, not only whether services hit their targets
(briefing: Processes > Monitor for outcomes).

Fails:
    monitoring:
      framework: Quarterly performance report against the outcome indicators.

Passes:
    monitoring:
      framework: Quarterly performance report against the outcome indicators.
      users_views: An annual survey of people using the service and a carers' focus group each autumn.
      partnership_evaluation: An independent review of the partnership every three years.

Fix:
Add `users_views` and `partnership_evaluation` under `monitoring`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled
from .statutory import scheme_review

ID = "AB211"
NAME = "monitoring"
SEVERITY = Severity.INFO
SOURCE = "Processes > Monitor for outcomes"


def check(agreement: Agreement) -> Iterator[Issue]:
    section = agreement.section("monitoring")
    if section is None:
        yield Issue(("monitoring",), "Say how progress towards the outcomes is monitored, and how the partnership "
                    "itself is evaluated.", hint="add `monitoring`", whole=True)
        return
    if not filled(section, "users_views"):
        yield Issue(section.at("users_views"), "Say how the views and experiences of service users and carers are "
                    "gathered.", Severity.ADVICE, hint="add `monitoring.users_views`")
    exit_strategy = agreement.child("exit_strategy")
    if exit_strategy is not None and (exit_strategy.get("approach") == "continuation"
                                      or filled(exit_strategy, "evaluation_timetable")):
        return  # the continuation branch evaluates the partnership, and AB111 checks it is complete
    if scheme_review(agreement) is not None:
        return  # an integration scheme's statutory review evaluates it
    if not filled(section, "partnership_evaluation"):
        yield Issue(section.at("partnership_evaluation"), "Say how and when the partnership itself is evaluated.",
                    hint="add `monitoring.partnership_evaluation`")
