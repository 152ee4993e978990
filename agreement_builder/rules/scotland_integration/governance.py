"""The integration scheme sets out its governance, board membership and local operational delivery.

Checks that the scheme has an overarching body with its members listed (for an integration joint board
model, the board itself), and `accountability.operational_delivery`.

Why:
Beyond the matters in the Act itself, a scheme has to give the information prescribed under s.1(3)(f); the
prescribing regulations (SSI 2014/341) list among those matters governance and board membership, the
delegation of functions (checked by SI102) and local operational delivery arrangements (Public Bodies (Joint
Working) (Scotland) Act 2014 s.1(3)(f); SSI 2014/341).

Fails:
    accountability:
      groups:
        - id: ijb
          name: Strathmoor Integration Joint Board
          kind: board

Passes:
    accountability:
      overarching_body: ijb
      groups:
        - id: ijb
          name: Strathmoor Integration Joint Board
          kind: board
          members: [nvc, nv-health]
      operational_delivery: The chief officer directs both partners' operational services for the delegated
        functions through a joint senior management team, and reports on them to each board meeting.

Fix:
Name the `overarching_body`, list its `members`, and add `operational_delivery` under `accountability`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled, top_group
from ..statutory import SCOTLAND_INTEGRATION

ID = "SI105"
NAME = "scheme-governance"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = "Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f); SSI 2014/341"


def check(agreement: Agreement) -> Iterator[Issue]:
    board = top_group(agreement)
    if board is None:
        yield Issue(("accountability", "overarching_body"), "the scheme does not say which body governs the "
                    f"integrated functions ({SOURCE}); name it as `overarching_body` under `accountability`")
    elif not filled(board, "members"):
        yield Issue(board.at("members"), f"the scheme does not set out who sits on its governing body ({SOURCE}); "
                    "list its `members`")
    if not filled(agreement.child("accountability"), "operational_delivery"):
        yield Issue(("accountability", "operational_delivery"), "the scheme does not set out its local operational "
                    f"delivery arrangements ({SOURCE}); add `operational_delivery` under `accountability`")
