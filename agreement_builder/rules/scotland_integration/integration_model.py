"""The integration scheme names the integration model it uses.

Checks that `agreement.integration_model` is set, and warns when it contradicts `agreement.arrangement_type`
(an integration joint board model on a lead-agency arrangement, or the reverse).

Why:
An integration scheme has to say which of the Act's models applies: delegation by both partners to an
integration joint board, the council handing functions to the Health Board, the Health Board handing them
to the council, or each handing functions to the other (Public Bodies (Joint Working) (Scotland) Act 2014
s.1(3)(a), with the models in s.1(4)).

Fails:
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      arrangement_type: integration_joint_board

Passes:
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      arrangement_type: integration_joint_board
      integration_model: integration_joint_board

Fix:
Set `integration_model` under `agreement`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import SCOTLAND_INTEGRATION, arrangement

ID = "SI101"
NAME = "scheme-integration-model"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = "Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(a)"


def check(agreement: Agreement) -> Iterator[Issue]:
    meta = agreement.meta
    model = meta.text("integration_model")
    if not model:
        yield Issue(meta.at("integration_model"), "Say which integration model the scheme uses: an integration "
                    "joint board, or a lead agency.", hint="set `agreement.integration_model`")
        return
    joint_board = model == "integration_joint_board"
    if (arrangement(agreement) == "lead_agency" and joint_board) or (
            arrangement(agreement) == "integration_joint_board" and not joint_board):
        yield Issue(meta.at("integration_model"), f"Make the integration model ({model}) and the arrangement type "
                    f"({arrangement(agreement)}) agree.", Severity.WARNING,
                    hint="change `agreement.integration_model` or `agreement.arrangement_type`")
