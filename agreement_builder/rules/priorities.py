"""The partnership keeps to a manageable number of priorities, each with objectives and measures.

Advises when `purpose.priorities` lists more than 7 priorities, and for each priority with no objectives or no
measures.

Why:
Partners who try to do everything at once do little; a short list of priorities, each turned into objectives
and into measures that show whether things are moving, keeps the work focused (briefing: Processes >
Picture the future). The briefing gives no number; seven is this tool's limit, so waive the finding if the
partners have deliberately agreed more.

Fails:
    purpose:
      vision: Older people in Northvale live at home safely for longer.
      priorities:
        - title: Falls prevention

Passes:
    purpose:
      vision: Older people in Northvale live at home safely for longer.
      priorities:
        - title: Falls prevention
          objectives:
            - Offer a falls assessment to everyone aged 75 or over who has fallen.
          measures:
            - Share of people aged 75+ assessed within four weeks of a fall

Fix:
Keep to seven priorities at most, and give each `objectives` and `measures`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, label

ID = "AB209"
NAME = "priorities"
SEVERITY = Severity.ADVICE
SOURCE = "Processes > Picture the future"

MAX_PRIORITIES = 7


def check(agreement: Agreement) -> Iterator[Issue]:
    purpose = agreement.section("purpose")
    priorities = purpose.children("priorities") if purpose is not None else []
    if len(priorities) > MAX_PRIORITIES:
        yield Issue(("purpose", "priorities"), f"Agree which priorities come first: {len(priorities)} are hard to "
                    f"manage together (more than {MAX_PRIORITIES}).", hint="shorten `purpose.priorities`")
    for priority in priorities:
        gaps = [key for key in ("objectives", "measures") if not priority.strings(key)]
        if gaps:
            yield Issue(priority.path, f"Give the priority '{label(priority.text('title'))}' its "
                        f"{' and '.join(gaps)}: it has no {' and no '.join(gaps)}.",
                        hint=f"add `{'` and `'.join(gaps)}`")
