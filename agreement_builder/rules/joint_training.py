"""Joint training and development is offered, including to service-user and carer members.

Applies when the agreement has a `supervision` section. Advises when it says nothing of joint `training`, or
when its training does not mention service users or carers.

Why:
Working across organisations calls for skills few professions are trained in, and partners learn them best
together; people who use services and carers who join the partnership should have the same chance to
develop as staff do (briefing: People > Fill knowledge and skills gap; People > Develop people and
partnerships).

Fails:
    supervision:
      training: Staff attend an induction day.

Passes:
    supervision:
      training: An annual joint development day for board members, staff, and service-user and carer
        members, each of whom has a development plan.

Fix:
Add `supervision.training`, and say how service-user and carer members are trained alongside staff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB218"
NAME = "joint-training"
SEVERITY = Severity.ADVICE
SOURCE = "People > Fill knowledge and skills gap; People > Develop people and partnerships"

_USERS = re.compile(r"\b(service[- ]users?|users?|carers?|patients?|citizens?|lay members?|public)\b", re.I)


def applies(agreement: Agreement) -> bool:
    return agreement.section("supervision") is not None


def check(agreement: Agreement) -> Iterator[Issue]:
    section = agreement.section("supervision")
    training = section.text("training") if section is not None else ""
    if not training:
        yield Issue(("supervision", "training"), "Consider joint training and development, including for service-user "
                    "and carer members.", hint="add `supervision.training`")
    elif not _USERS.search(training):
        yield Issue(("supervision", "training"), "Say how service-user and carer members are trained alongside staff.",
                    hint="extend `supervision.training`")
