"""Every waiver names a rule that exists and waives at least one finding.

The pipeline performs this check itself, before any rule runs.

Why:
A waiver records a decision to accept a gap; one that names no rule or matches nothing is out of date and
hides nothing, so it misleads the reader.

Fails:
    waivers:
      - rule: AB999
        reason: Not relevant to us

Passes:
    waivers:
      - rule: AB109
        reason: No professional staff are employed by the partnership.

Fix:
Correct the rule id, or remove the waiver once the finding it waived has gone.
"""

from __future__ import annotations

from ..findings import Severity

ID = "AB004"
NAME = "waiver"
SEVERITY = Severity.WARNING
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"
check = None
