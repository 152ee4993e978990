"""An integrated team says whether staff terms and conditions are harmonised or kept separate.

Applies when `agreement.arrangement_type` is `integrated_team` or `integrated_provision`. Warns when
`roles.terms_and_conditions` is not given.

Why:
Staff from different employers working side by side notice when their pay and conditions differ; the
partners should have negotiated, and written down, whether terms are brought into line or stay with each
employer (briefing: People > Agree roles).

Fails:
    agreement:
      title: Northvale Community Team Agreement
      arrangement_type: integrated_team

Passes:
    agreement:
      title: Northvale Community Team Agreement
      arrangement_type: integrated_team
    roles:
      terms_and_conditions: Staff stay employed on their own employer's terms; the partners review any
        difference that affects the team each year.

Fix:
Add `roles.terms_and_conditions`: whether terms are harmonised or kept separate, and how differences are
handled.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB225"
NAME = "staff-terms"
SEVERITY = Severity.WARNING
SOURCE = "People > Agree roles"

INTEGRATED = ("integrated_team", "integrated_provision")


def applies(agreement: Agreement) -> bool:
    return agreement.meta.get("arrangement_type") in INTEGRATED


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("roles"), "terms_and_conditions"):
        yield Issue(("roles", "terms_and_conditions"), "Staff from different employers work together here: say whether "
                    "their terms and conditions are harmonised or kept separate.",
                    hint="add `roles.terms_and_conditions`")
