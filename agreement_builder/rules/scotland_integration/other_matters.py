"""The integration scheme covers the other matters prescribed for it that the briefing pack does not check.

Warns, one finding each, where the scheme does not state: clinical and care governance
(`accountability.clinical_and_care_governance`), the chief officer (`accountability.chief_officer`), workforce
(`roles.workforce`), participation and engagement (`engagement.methods` or `membership.public_involvement`),
information sharing (`information_sharing.protocol`), and claims handling, liability and indemnity
(`risk.liability_and_indemnity`). Finance, complaints, risk management and dispute resolution are elements of
the briefing pack and are reported there.

Why:
The regulations made under s.1(3)(f) (SSI 2014/341) prescribe further matters a scheme must cover. The titles
this rule uses for them (those above, and finance, complaints, risk management and dispute resolution) are
unverified: they were not checked against the text of the regulations. For that reason the rule reports
warnings, not errors; check the regulations before relying on it (Public Bodies (Joint Working) (Scotland)
Act 2014 s.1(3)(f); SSI 2014/341, schedule, unverified).

Fails:
    accountability:
      clinical_and_care_governance: A clinical and care governance group led by the medical director and the
        chief social work officer reports to the board twice a year.

Passes:
    accountability:
      clinical_and_care_governance: A clinical and care governance group led by the medical director and the
        chief social work officer reports to the board twice a year.
      chief_officer: mgray
    people:
      - id: mgray
        name: Morven Gray
        position: Chief Officer, Strathmoor Health and Social Care Partnership
    roles:
      workforce: A joint workforce plan each year; staff stay with their employer on its own terms.
    engagement:
      methods:
        - A locality forum in each of the three localities, open to anyone
    information_sharing:
      protocol: The Strathmoor information sharing protocol, with a data sharing agreement for each service.
    risk:
      liability_and_indemnity: Each partner handles claims about its own services and staff through its own
        insurance or CNORIS; the board carries no liability of its own for service delivery.

Fix:
Add the missing fields named in the finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled
from ..statutory import SCOTLAND_INTEGRATION

ID = "SI106"
NAME = "scheme-prescribed-matters"
SEVERITY = Severity.WARNING
PACK = SCOTLAND_INTEGRATION
SOURCE = "Public Bodies (Joint Working) (Scotland) Act 2014 s.1(3)(f); SSI 2014/341 (matters unverified)"

_CITE = "SSI 2014/341, unverified"


def check(agreement: Agreement) -> Iterator[Issue]:
    accountability = agreement.child("accountability")
    matters = (
        (filled(accountability, "clinical_and_care_governance"), ("accountability", "clinical_and_care_governance"),
         "clinical and care governance", "add `clinical_and_care_governance` under `accountability`"),
        (filled(accountability, "chief_officer"), ("accountability", "chief_officer"),
         "who the chief officer is", "name them as `chief_officer` under `accountability`"),
        (filled(agreement.child("roles"), "workforce"), ("roles", "workforce"),
         "how the workforce is planned and supported", "add `workforce` under `roles`"),
        (filled(agreement.child("engagement"), "methods")
         or filled(agreement.child("membership"), "public_involvement"), ("engagement", "methods"),
         "how people and communities take part and are engaged", "add `methods` under `engagement`"),
        (filled(agreement.child("information_sharing"), "protocol"), ("information_sharing", "protocol"),
         "how information is shared", "add `protocol` under `information_sharing`"),
        (filled(agreement.child("risk"), "liability_and_indemnity"), ("risk", "liability_and_indemnity"),
         "how claims, liability and indemnity are handled", "add `liability_and_indemnity` under `risk`"),
    )
    for stated, path, what, fix in matters:
        if not stated:
            yield Issue(path, f"the scheme does not say {what}, one of the matters prescribed for integration "
                        f"schemes ({_CITE}); {fix}")
