"""A free clause covers a matter the tool would otherwise check: confirm its wording does what the checks ask.

Made by the linter itself, once for each additional clause whose `covers` names something a rule found missing
or short. The clause stands in for the structured fields, so nothing is reported missing; but free text cannot
be checked, so the finding lists, in plain words, what each rule would have looked for, and cites each rule's
source. Advice is not listed: the clause stands for it.

Why:
Writing a matter as a free clause is allowed and often right, but it must still say what the briefing or the
statute requires of that matter; the finding is the checklist for the person who reads it (briefing: Structures
> Have a partnership agreement).

Fails:
    additional_clauses:
      - title: Managing risk
        text: The partners manage risk together.
        covers: risk

Passes:
    risk:
      approach: Each group records risks in the register and escalates any scored 15 or more to the board.
      sharing: Risks from joint decisions are shared in proportion to contributions.
      review: The board reviews the register every quarter.

Fix:
Check the clause against the list; if it falls short, either complete its wording or take the name out of its
`covers` and fill in the structured keys instead.
"""

from __future__ import annotations

from ..findings import Severity

ID = "AB009"
NAME = "free-text-clause"
SEVERITY = Severity.INFO
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"
check = None
