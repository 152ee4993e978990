"""The agreement says who pays for what, who answers for the money, and how performance and audit are done.

Checks that a `finance` section exists (or an additional clause covers it). When it does, warns where it does
not say what the partners contribute, names no partner accountable for the money (the accountable body, or
the host of a pooled fund), or says nothing of performance reporting or audit, and where a contribution of
money states no amount and no `payment_method` says how the amounts are worked out (as an integration scheme,
or a cost-sharing formula, does instead).

Why:
Partners commit money and other resources, and someone must answer for them: the agreement should record the
contributions, who holds the money to account, how performance is reported and how the accounts are audited
(briefing: Structures > Have a partnership agreement; Resources > Money).

Fails:
    finance:
      contributions:
        - party: nvc
          kind: money

Passes:
    finance:
      contributions:
        - party: nvc
          kind: money
          amount: 250000
          period: per year from 2026/27
        - party: nv-health
          kind: staff
          description: Two community nurses
      accountable_body: nvc
      performance_reporting: A finance and performance report goes to each board meeting and to each
        partner's audit committee twice a year.
      audit: The Council's internal auditors audit the partnership's accounts each year.

Fix:
List each partner's `contributions` (with an `amount` for money), name the `accountable_body`, and add
`performance_reporting` and `audit`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, missing, name_of

ID = "AB105"
NAME = "finance"
ELEMENT = "finance"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Resources > Money"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "the financial arrangements: what each partner contributes, who is "
                       "accountable for the money, and how performance is reported and the accounts audited",
                       "It says what each partner contributes, who is accountable for the money, and how "
                       "performance is reported and the accounts audited.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not section.children("contributions"):
        yield Issue(section.at("contributions"), "Say what each partner contributes, in money or in kind.",
                    Severity.WARNING, hint="add `finance.contributions`")
    # A method of working out the payments (an integration scheme's, or a cost-sharing formula) stands for the
    # amounts, which then change from year to year.
    if not filled(section, "payment_method"):
        for contribution in section.children("contributions"):
            if contribution.get("kind") == "money" and contribution.get("amount") is None:
                yield Issue(contribution.at("amount"), f"State how much money "
                            f"{name_of(agreement, contribution.text('party'))} contributes, or how it is worked out.",
                            Severity.WARNING, hint="add its `amount`, or `finance.payment_method`")
    if not filled(section, "accountable_body") and not filled(section.child("pooled_fund"), "host"):
        yield Issue(section.at("accountable_body"), "Name the partner accountable for the partnership's money.",
                    Severity.WARNING, hint="add `finance.accountable_body`")
    if not filled(section, "performance_reporting"):
        yield Issue(section.at("performance_reporting"), "Say how financial and service performance is reported, "
                    "and to whom.", Severity.WARNING, hint="add `finance.performance_reporting`")
    if not filled(section, "audit"):
        yield Issue(section.at("audit"), "Say how the accounts are audited.", Severity.WARNING,
                    hint="add `finance.audit`")
