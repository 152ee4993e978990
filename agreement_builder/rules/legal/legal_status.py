"""The agreement says what each party is in law.

Checks each party's `legal_status`: present, and not left to be confirmed ("to be confirmed", "TBC", a
[placeholder]). Reports once, naming every party concerned.

Why:
The parties block of an agreement states each party's constitution (for example, a council constituted under
section 2 of the Local Government etc. (Scotland) Act 1994, or a charity with its number): it shows that each
party can make the agreement, and which powers it uses. A body that is not a legal person cannot be a party at
all.

Fails:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
        legal_status: To be confirmed by legal services
      - id: nvh
        name: Northvale Health Board
        sector: health

Passes:
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
        legal_status: a council constituted under section 2 of the Local Government etc. (Scotland) Act 1994
      - id: nvh
        name: Northvale Health Board
        sector: health
        legal_status: a Health Board constituted under section 2(1)(a) of the National Health Service (Scotland)
          Act 1978

Fix:
Give each party its `legal_status`, and its `registered_number` where it has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, called, listed

ID = "LG108"
NAME = "legal-status"
SEVERITY = Severity.WARNING
PACK = "legal"
SOURCE = "The parties and their constitution"

_UNDECIDED = re.compile(r"\b(to be (confirmed|decided|agreed)|tbc|tbd|not (yet )?known|unknown)\b|\[", re.I)


def check(agreement: Agreement) -> Iterator[Issue]:
    unstated = [p for p in agreement.parties
                if not p.text("legal_status") or _UNDECIDED.search(p.text("legal_status"))]
    if unstated:
        yield Issue(unstated[0].at("legal_status"), f"State the legal status of {listed(list(map(called, unstated)))}: "
                    "what kind of body each is in law and what it is constituted under.",
                    hint="give each party a `legal_status` (and a `registered_number` where it has one)")
