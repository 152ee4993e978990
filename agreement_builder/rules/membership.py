"""The agreement says who the members are and how service users, carers and the public take part.

Checks that a `membership` section exists (or an additional clause covers it). When it does, warns where it
does not say how service users, carers and the public are involved or how a member joins and leaves (unless a
statute fixes the parties: an integration scheme, a section 75 or a 2002 Act agreement), and advises saying how
the membership is reviewed.

Why:
Members, and the people who use services, need to see who sits round the table and by which route users,
carers and the public have a say; a route that is not written down is easily forgotten. The mix of members
also needs revisiting from time to time (briefing: Structures > Have a partnership agreement; Structures >
Involve the right partners).

Fails:
    membership:
      summary: Northvale Council and Northvale Health Board.

Passes:
    membership:
      summary: Northvale Council and Northvale Health Board, joined by the Northvale Carers Forum.
      public_involvement: Two board places for people who use services and one for a carer, with support
        from an independent advocacy service; an open meeting each spring.
      joining_and_leaving: An organisation joins when the board agrees and it signs this agreement; a member
        leaves on six months' notice.
      review: The board reviews its membership every two years.

Fix:
Add `public_involvement` (the route by which users, carers and the public take part),
`joining_and_leaving`, and `review` (how often the mix of members is looked at again).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, missing
from .statutory import parties_fixed_by_statute

ID = "AB102"
NAME = "membership"
ELEMENT = "membership"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Structures > Involve the right partners"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "who the members of the partnership are, and how service users, carers "
                       "and the public take part in it",
                       "It names the members, and says how service users, carers and the public take part.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not filled(section, "public_involvement"):
        yield Issue(section.at("public_involvement"), "Say how service users, carers and the public take part in "
                    "the partnership.", Severity.WARNING, hint="add `membership.public_involvement`")
    # Where a statute says who the parties are, no member joins or leaves by the partnership's own decision.
    if not filled(section, "joining_and_leaving") and not parties_fixed_by_statute(agreement):
        yield Issue(section.at("joining_and_leaving"), "Say how a new member joins and how a member leaves.",
                    Severity.WARNING, hint="add `membership.joining_and_leaving`")
    if not filled(section, "review"):
        yield Issue(section.at("review"), "Say when the mix of members is looked at again.", Severity.ADVICE,
                    hint="add `membership.review`")
