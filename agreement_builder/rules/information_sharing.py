"""The partners follow an information-sharing protocol that deals with confidentiality.

Notes when the agreement has no `information_sharing` section and when it names no protocol; advises when it
does not say how confidentiality is handled (the parties' data protection roles are a legal essential: LG106).

Why:
Joint working depends on partners sharing information about the people they serve, which is only safe and
lawful under an agreed protocol that settles confidentiality as well as what each service needs to know
(briefing: Resources > Information).

Fails:
    information_sharing:
      systems: A shared case record for the reablement team.

Passes:
    information_sharing:
      protocol: The Northvale information-sharing protocol signed by all partners in 2025.
      confidentiality: Personal data is shared only for the care of the person and handled under the
        partners' joint data protection arrangements.

Fix:
Add `information_sharing` with the `protocol` the partners follow and how `confidentiality` is handled.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled

ID = "AB212"
NAME = "information-sharing"
SEVERITY = Severity.INFO
SOURCE = "Resources > Information"


def check(agreement: Agreement) -> Iterator[Issue]:
    section = agreement.section("information_sharing")
    if section is None:
        yield Issue(("information_sharing",), "Say how the partners share information and keep it confidential.",
                    hint="add `information_sharing` with its `protocol` and `confidentiality`", whole=True)
        return
    if not filled(section, "protocol"):
        yield Issue(section.at("protocol"), "Name the information-sharing protocol the partners follow.",
                    hint="add `information_sharing.protocol`")
    if not filled(section, "confidentiality"):
        yield Issue(section.at("confidentiality"), "Say how confidentiality and data protection are handled.",
                    Severity.ADVICE, hint="add `information_sharing.confidentiality`")
