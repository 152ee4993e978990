"""The agreement says how each profession involved gets professional supervision and support.

Checks that a `supervision` section exists (or an additional clause covers it). When it does, warns where it
names no supervision arrangements, where an arrangement does not say who supervises or how, and where it
does not say what professional support networks are open to staff.

Why:
Staff working across organisations can lose touch with their own profession; each profession should keep
access to supervision from someone qualified in it, and to peer support (briefing: Structures > Have a
partnership agreement; People > Agree roles).

Fails:
    supervision:
      arrangements:
        - profession: Occupational therapy

Passes:
    supervision:
      arrangements:
        - profession: Occupational therapy
          provided_by: nv-health
          arrangement: Monthly one-to-one supervision by a senior occupational therapist.
      support_networks: Staff keep access to their own organisation's professional forums.

Fix:
Add an entry under `arrangements` for each profession, with `provided_by` and `arrangement` (how and how
often), and describe the `support_networks`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, label, missing

ID = "AB109"
NAME = "supervision"
ELEMENT = "supervision"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; People > Agree roles"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "Support and supervision for the professions involved")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not section.children("arrangements"):
        yield Issue(section.at("arrangements"), "no supervision arrangements are given; add one for each "
                    "profession involved under `arrangements`", Severity.WARNING)
    for entry in section.children("arrangements"):
        gaps = [what for key, what in (("provided_by", "who provides it (`provided_by`)"),
                                       ("arrangement", "how and how often (`arrangement`)"))
                if not filled(entry, key)]
        if gaps:
            yield Issue(entry.path, f"supervision for {label(entry.text('profession'))} does not say "
                        f"{' or '.join(gaps)}", Severity.WARNING)
    if not filled(section, "support_networks"):
        yield Issue(section.at("support_networks"), "the supervision section does not say what professional "
                    "networks and peer support staff can use; add `support_networks`", Severity.WARNING)
