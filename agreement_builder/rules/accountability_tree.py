"""The groups report in one line up to one overarching body, with no circles and no group left out.

Warns when there is not exactly one group at the top (the `overarching_body`, or else the only group that
reports to none), when the overarching body itself reports to another group, when any other group reports
to no group, and when groups report to each other in a circle.

Why:
Many partnerships grow a tangle of groups whose aims and reporting lines nobody can trace; tying every group
into a single line of accountability that ends in one overarching partnership knits the strands together
and makes someone answerable at the top (briefing: Structures > Rationalise partnership and change;
Structures > Involve the right partners).

Fails:
    accountability:
      groups:
        - id: board
          name: Partnership Board
        - id: carers
          name: Carers Reference Group

Passes:
    accountability:
      overarching_body: board
      groups:
        - id: board
          name: Partnership Board
        - id: exec
          name: Executive Group
          reports_to: board
        - id: carers
          name: Carers Reference Group
          reports_to: exec

Fix:
Name the `overarching_body`, and give every other group a `reports_to` that leads up to it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement, Node
from .base import Issue, groups, label

ID = "AB207"
NAME = "accountability-tree"
SEVERITY = Severity.WARNING
SOURCE = "Structures > Rationalise partnership and change; Structures > Involve the right partners"


def _named(group: Node) -> str:
    return f"'{label(group.text('name'))}'"


def check(agreement: Agreement) -> Iterator[Issue]:
    found = groups(agreement)
    if not found:
        return
    yield from _top(agreement, found)
    yield from _circles(found)


def _top(agreement: Agreement, found: list[Node]) -> Iterator[Issue]:
    accountability = agreement.section("accountability")
    overarching = accountability.text("overarching_body") if accountability is not None else ""
    if not overarching:
        tops = [g for g in found if not g.text("reports_to")]
        if len(tops) > 1:
            yield Issue(("accountability", "overarching_body"), f"Make one group the overarching body and have the "
                        f"others report to it: {len(tops)} groups report to no other ({', '.join(map(_named, tops))}).",
                        hint="set `accountability.overarching_body`, and `reports_to` on the others")
        return
    for group in found:
        if group.get("id") == overarching:
            if group.text("reports_to"):
                yield Issue(group.at("reports_to"), f"The overarching body {_named(group)} reports to another group: "
                            "the line of accountability should end with it.", hint="remove its `reports_to`")
        elif not group.text("reports_to"):
            yield Issue(group.at("reports_to"), f"Say which group the group {_named(group)} reports to.",
                        hint="add its `reports_to`")


def _circles(found: list[Node]) -> Iterator[Issue]:
    by_id = {g.get("id"): g for g in found if g.get("id")}
    seen: set[str] = set()
    for group in found:
        trail: list[str] = []
        current = group.get("id")
        while current in by_id and current not in seen and current not in trail:
            trail.append(current)
            current = by_id[current].text("reports_to")
        seen.update(trail)
        if current in trail:
            circle = trail[trail.index(current):]
            names = [_named(by_id[i]) for i in [*circle, circle[0]]]
            yield Issue(by_id[circle[0]].path, f"Groups report to each other in a circle ({' → '.join(names)}): the "
                        "line of accountability must end in the overarching body.", hint="change their `reports_to`")
