"""The agreement gives citizens and staff each a route to complain and to seek redress.

Checks that a `complaints` section exists (or an additional clause covers it). When it does, warns where
there is no route for the public or none for staff, where a route gives no response time, and where the
public route does not say where a complainant can go next; notes when it does not say how a complaint that
involves more than one partner is handled.

Why:
People who use joint services, and the staff who deliver them, both need to know where to take a complaint
and what happens if they are not satisfied; a procedure for only one of the two leaves the other without
redress (briefing: Structures > Have a partnership agreement).

Fails:
    complaints:
      public:
        route: Complaints go to the partner that provided the service.

Passes:
    complaints:
      public:
        route: Complaints go to the partner that provided the service, which answers for the partnership.
        timescale_days: 20
        escalation: The public services ombudsman.
      staff:
        route: Staff raise concerns through their employer's grievance procedure.
        timescale_days: 28
      joint_handling: The partner first contacted coordinates one joint reply.

Fix:
Add a `public` and a `staff` route, each with `timescale_days`; give the public route an `escalation`;
add `joint_handling`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, missing

ID = "AB110"
NAME = "complaints"
ELEMENT = "complaints"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement"

_WHO = {"public": "service users, carers and the public", "staff": "staff"}


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "a complaints procedure with a route for service users and the public "
                       "and a route for staff",
                       "It gives service users and the public, and staff, each a route to complain, with response "
                       "times and where to go next.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    for key, who in _WHO.items():
        route = section.child(key)
        if route is None:
            yield Issue(section.at(key), f"Give {who} a route to complain.", Severity.WARNING,
                        hint=f"add `complaints.{key}` with its `route`", whole=True)
        elif not filled(route, "timescale_days"):
            yield Issue(route.at("timescale_days"), f"Say how soon a complaint from {who} is answered.",
                        Severity.WARNING, hint=f"add `complaints.{key}.timescale_days`")
    public = section.child("public")
    if public is not None and not filled(public, "escalation"):
        yield Issue(public.at("escalation"), "Say where a member of the public can take a complaint next, for "
                    "example an ombudsman.", Severity.WARNING, hint="add `complaints.public.escalation`")
    if not filled(section, "joint_handling"):
        yield Issue(section.at("joint_handling"), "Say how a complaint that involves more than one partner is "
                    "handled.", Severity.INFO, hint="add `complaints.joint_handling`")
