"""The agreement names the model of partnership it uses.

Notes when the agreement gives neither `agreement.arrangement_type` nor `agreement.model`.

Why:
The form of joint working should be chosen for the purpose, kept as simple as it can be, and written down
so that everyone can see how the partnership is organised (briefing: Structures > Choose the right model of
partnership for your purpose).

Fails:
    agreement:
      title: Northvale Health and Care Partnership Agreement

Passes:
    agreement:
      title: Northvale Health and Care Partnership Agreement
      arrangement_type: strategic_partnership
      model: A strategic board with an executive group and two time-limited task groups.

Fix:
Set `agreement.arrangement_type`, and describe the set-up in a sentence under `agreement.model`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB227"
NAME = "partnership-model"
SEVERITY = Severity.INFO
SOURCE = "Structures > Choose the right model of partnership for your purpose"


def check(agreement: Agreement) -> Iterator[Issue]:
    meta = agreement.meta
    if not filled(meta, "arrangement_type") and not filled(meta, "model"):
        yield Issue(meta.at("arrangement_type"), "Name the model of partnership.",
                    hint="set `agreement.arrangement_type`, or describe it under `agreement.model`")
