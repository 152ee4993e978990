"""The agreement decides the parties' roles for the personal data they share.

Checks `legal.data_protection.roles`: joint controllers, independent controllers, or controller and processor.

Why:
UK data protection law sets different duties for each arrangement: joint controllers must agree their
responsibilities (UK GDPR Art. 26), a processor acts under a written contract with its controller (Art. 28).
Until the roles are decided, the drafted clause offers the three in brackets.

Fails:
    information_sharing:
      protocol: The Northvale information sharing protocol.

Passes:
    legal:
      data_protection:
        roles: independent_controllers

Fix:
Set `legal.data_protection.roles`; for `controller_processor`, name the `controller` and the `processor`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled

ID = "LG106"
NAME = "data-protection-roles"
SEVERITY = Severity.WARNING
PACK = "legal"
SOURCE = "UK GDPR Art. 26 and 28; Data Protection Act 2018"


def check(agreement: Agreement) -> Iterator[Issue]:
    legal = agreement.child("legal")
    if not filled(legal.child("data_protection") if legal is not None else None, "roles"):
        yield Issue(("legal", "data_protection", "roles"), "Decide the parties' roles for the personal data shared "
                    "under the agreement: joint controllers, independent controllers, or controller and processor.",
                    hint="set `legal.data_protection.roles`")
