"""The agreement sets out how risks are taken, shared and managed.

Checks that a `risk` section exists (or an additional clause covers it). When it does, warns where it does not
say how risks are identified (neither an `approach` nor a register), how they are shared between partners or
how they are reviewed, and where a risk in the register has no owner.

Why:
Joint work means joint exposure: partners need to agree beforehand how a risk is spotted, who carries it,
how it is split between them and when the picture is looked at again (briefing: Structures > Have a
partnership agreement; Resources > Money). A risk in the register with no owner is only a note: the register is
a living document the partners keep up to date.

Fails:
    risk:
      approach: Risks are recorded in a register.

Passes:
    risk:
      approach: Each group records risks in the partnership register and escalates any scored 15 or more to
        the board.
      sharing: Risks arising from joint decisions are shared in proportion to contributions.
      review: The board reviews the register every quarter.
      register:
        - description: Delayed discharges rise over winter
          owner: nv-health
          mitigation: Winter reablement capacity agreed by October

Fix:
Add an `approach` (how risks are identified and escalated), `sharing`, `review`, and an `owner` for each
risk in the register.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, label, missing

ID = "AB107"
NAME = "risk"
ELEMENT = "risk"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Resources > Money"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "a framework for managing risk: how risks are identified, who owns them, "
                       "how they are shared between the partners and how often they are reviewed",
                       "It says how risks are identified and escalated, shared between the partners and reviewed.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not filled(section, "approach") and not section.children("register"):
        yield Issue(section.at("approach"), "Say how risks are identified, assessed and escalated.", Severity.WARNING,
                    hint="add `risk.approach`")
    if not filled(section, "sharing"):
        yield Issue(section.at("sharing"), "Say how risks are shared between the partners.", Severity.WARNING,
                    hint="add `risk.sharing`")
    if not filled(section, "review"):
        yield Issue(section.at("review"), "Say how often risks are reviewed, and by whom.", Severity.WARNING,
                    hint="add `risk.review`")
    for entry in section.children("register"):
        if not filled(entry, "owner"):
            yield Issue(entry.at("owner"), f"Name who owns the risk '{label(entry.text('description'))}'.",
                        Severity.INFO, hint="add its `owner`")
