"""The integration scheme sets out a mechanism for resolving disputes between the partners.

Checks the `disputes` section: its `stages` or a `final_resolution`.

Why:
Among the matters the regulations prescribe for every integration scheme is the dispute resolution mechanism:
how the local authority and the Health Board settle a disagreement about the scheme or its operation (SSI
2014/341 reg. 2 and schedule, Dispute resolution mechanism; Public Bodies (Joint Working) (Scotland) Act 2014
s.1(3)(f)).

Fails:
    disputes:
      principles: The partners try to agree.

Passes:
    disputes:
      stages:
        - name: Discussion between the chief executives
          timescale_days: 14
      final_resolution: Mediation; failing that, notice to the Scottish Ministers.

Fix:
Add `stages` and a `final_resolution` under `disputes`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION, prescribed

ID = "SI117"
NAME = "scheme-dispute-resolution"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Dispute resolution mechanism")


def check(agreement: Agreement) -> Iterator[Issue]:
    section = agreement.section("disputes")
    message = "Set out how the council and the Health Board resolve a dispute about the scheme or its operation."
    if section is None:
        yield Issue(("disputes",), message, hint="add a `disputes` section", whole=True)
    elif not section.children("stages") and not filled(section, "final_resolution"):
        yield Issue(section.at("stages"), message, hint="add `disputes.stages` and `disputes.final_resolution`")
