"""The integration scheme sets out its local governance: the board's (or committee's) members and its chair.

For an integration joint board model, checks for a body of `kind: integration_joint_board` under `bodies`,
with the number of voting members each partner nominates (`membership`, an entry for the council and for the
Health Board), and `chair` (which partner nominates the first chair, and the term of office of the chair and
vice-chair); where more than one council prepares the scheme, `additional_members` too. For a lead-agency
model, checks for the integration joint monitoring committee (a body of `kind: committee`) and the members each
partner nominates to it.

Why:
The regulations prescribe, as local governance arrangements, how many members the local authority and the
Health Board each nominate, whether the first chair is nominated by the local authority or the Health Board,
and the term of office of the chair and vice-chair; where several local authorities prepare one scheme, also
the arrangements for appointing additional members (SSI 2014/341 reg. 2 and schedule, local governance
arrangements for the integration joint board or the integration joint monitoring committee).

Fails:
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      integration_model: integration_joint_board
    bodies:
      - id: ijb
        name: Strathmoor Integration Joint Board
        kind: integration_joint_board

Passes:
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      integration_model: integration_joint_board
    bodies:
      - id: ijb
        name: Strathmoor Integration Joint Board
        kind: integration_joint_board
        membership:
          - party: nvc
            members: 4
          - party: nv-health
            members: 4
        chair: The chair and vice-chair serve two years, one nominated by each partner; the Council nominates the
          first chair.

Fix:
Describe the board under `bodies`, with `kind`, `membership` for each partner and `chair` (and
`additional_members` where several councils share the scheme).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, called, filled, listed
from ..statutory import SCOTLAND_INTEGRATION, joint_board_model, prescribed

ID = "SI105"
NAME = "scheme-local-governance"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = prescribed("Local governance arrangements")


def check(agreement: Agreement) -> Iterator[Issue]:
    board = joint_board_model(agreement)
    kind, what = ("integration_joint_board", "integration joint board") if board else \
        ("committee", "integration joint monitoring committee")
    body = next((b for b in agreement.children("bodies") if b.get("kind") == kind), None)
    if body is None:
        yield Issue(("bodies",), f"Set out the {what}: how many voting members the council and the Health Board each "
                    "nominate" + (", which of them nominates the first chair, and the term of office of the chair "
                                  "and vice-chair." if board else "."),
                    hint=f"add it under `bodies` with `kind: {kind}`, its `membership`" + (" and `chair`" if board
                                                                                          else ""))
        return
    nominating = {entry.text("party") for entry in body.children("membership")}
    statutory = [p for p in agreement.parties if p.get("sector") in ("local_authority", "health")]
    unstated = [called(p) for p in statutory if p.get("id") not in nominating]
    if unstated:
        yield Issue(body.at("membership"), f"Say how many voting members {listed(unstated)} nominate"
                    f"{'s' if len(unstated) == 1 else ''} to the {what}.", hint="add an entry for each partner under "
                    "the body's `membership`")
    if board and not filled(body, "chair"):
        yield Issue(body.at("chair"), f"Say which partner nominates the first chair of the {what}, and the term of "
                    "office of the chair and vice-chair.", hint="add the body's `chair`")
    councils = [p for p in agreement.parties if p.get("sector") == "local_authority"]
    if board and len(councils) > 1 and not filled(body, "additional_members"):
        yield Issue(body.at("additional_members"), f"Say how additional members of the {what} are appointed, and "
                    "how many.", hint="add the body's `additional_members`")
