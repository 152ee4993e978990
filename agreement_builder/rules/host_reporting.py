"""The partnership reports formally into each partner's own governance.

Applies when the agreement has an `accountability` section. Notes when it has no `host_reporting`, and for
each party with no reporting line.

Why:
People who lead partnership work can drift apart from their own organisation's business; a formal line from
the partnership into each partner's committees keeps the partnership part of that business and gives each
partner ownership of it (briefing: People > Lead; Structures > Have a partnership agreement).

Fails:
    accountability:
      host_reporting:
        - party: nvc
          route: The Council's Health and Social Care Committee, twice a year.

Passes:
    accountability:
      host_reporting:
        - party: nvc
          route: The Council's Health and Social Care Committee, twice a year.
        - party: nv-health
          route: The Health Board's Performance Committee, quarterly.

Fix:
Add an entry under `accountability.host_reporting` for each party: the committee or officer the partnership
reports to, and how often.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, called

ID = "AB215"
NAME = "host-reporting"
SEVERITY = Severity.INFO
SOURCE = "People > Lead; Structures > Have a partnership agreement"


def applies(agreement: Agreement) -> bool:
    return agreement.section("accountability") is not None


def check(agreement: Agreement) -> Iterator[Issue]:
    section = agreement.section("accountability")
    lines = section.children("host_reporting") if section is not None else []
    if not lines:
        yield Issue(("accountability", "host_reporting"), "Say how the partnership reports into each partner's own "
                    "governance.", hint="add `accountability.host_reporting`")
        return
    reported = {line.text("party") for line in lines}
    for party in agreement.parties:
        if party.get("id") not in reported:
            yield Issue(party.path, f"Say how the partnership reports into {called(party)}'s own governance.",
                        hint="add it under `accountability.host_reporting`")
