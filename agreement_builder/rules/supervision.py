"""The agreement says how each profession involved gets professional supervision and support.

Checks that a `supervision` section exists (or an additional clause covers it). When it does, warns where it
names no supervision arrangements, where an arrangement does not say who supervises or how, and where it
does not say what professional support networks are open to staff. Where `supervision.not_applicable` says why
no profession needs it (for example, an agreement between councils with no care or health staff), nothing is
reported.

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
    section = agreement.section(ELEMENT)
    if section is not None and filled(section, "not_applicable"):
        return  # the input says why no profession needs it
    yield from missing(agreement, ELEMENT, "how each profession involved gets professional supervision and support",
                       "It says who supervises each profession involved, how and how often, and what professional "
                       "networks staff can use.")
    if section is None:
        return
    if not section.children("arrangements"):
        yield Issue(section.at("arrangements"), "Say how each profession involved gets professional supervision.",
                    Severity.WARNING, hint="add an entry for each profession under `supervision.arrangements`, or "
                    "`supervision.not_applicable` saying why none is needed")
    for entry in section.children("arrangements"):
        gaps = [what for key, what in (("provided_by", "who provides it"), ("arrangement", "how and how often"))
                if not filled(entry, key)]
        if gaps:
            yield Issue(entry.path, f"Say {' and '.join(gaps)} for the supervision of "
                        f"{label(entry.text('profession'))}.", Severity.WARNING,
                        hint="add its `provided_by` and `arrangement`")
    if not filled(section, "support_networks"):
        yield Issue(section.at("support_networks"), "Say what professional networks and peer support staff can use.",
                    Severity.WARNING, hint="add `supervision.support_networks`")
