"""The integration scheme lists the functions delegated under it.

Checks that `legal_powers.delegated_functions` lists at least one function.

Why:
An integration scheme has to set out the functions each partner delegates under the chosen model (Public
Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(b)).

Fails:
    legal_powers:
      statutes:
        - name: Public Bodies (Joint Working) (Scotland) Act 2014
          provision: section 1

Passes:
    legal_powers:
      delegated_functions:
        - function: Social care for adults, as listed in Annex 2 of the scheme
          from: nvc
          statutory_basis: Public Bodies (Joint Working) (Scotland) Act 2014 s.1(4)(a)

Fix:
List the functions under `legal_powers.delegated_functions`, with `from` (the partner delegating) and `to`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION

ID = "SI102"
NAME = "scheme-delegated-functions"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_INTEGRATION
SOURCE = "Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(b); SSI 2014/341 sch., Delegation of functions"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not filled(agreement.child("legal_powers"), "delegated_functions"):
        yield Issue(("legal_powers", "delegated_functions"), "List the functions each partner delegates under the "
                    "scheme.", hint="list them under `legal_powers.delegated_functions` (an annex may list the "
                    "enactments)")
