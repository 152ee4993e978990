"""The agreement says what staff, goods, services or accommodation the partners provide under it.

Checks that `resources` lists something, or that `finance.contributions` includes a contribution of staff,
premises, goods or services.

Why:
Besides money, partners often provide staff, goods, services or premises; the agreement has to record what is
provided under it (SSI 2002/533 reg. 11(g)).

Fails:
    resources: []

Passes:
    resources:
      - party: nv-health
        kind: staff
        description: Two community learning disability nurses based in the Council's day centre
      - party: nvc
        kind: accommodation
        description: Office and clinic space at the Strathmoor Resource Centre

Fix:
List under `resources` what each partner provides, by `kind` (staff, goods, services or accommodation).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import SCOTLAND_2002, resources_provided

ID = "SC106"
NAME = "reg11-resources"
SEVERITY = Severity.ERROR
PACK = SCOTLAND_2002
SOURCE = "SSI 2002/533 reg. 11(g)"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from resources_provided(agreement, SOURCE)
