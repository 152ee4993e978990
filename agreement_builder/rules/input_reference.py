"""Every id is used once, and every reference names an id defined in the agreement.

The pipeline performs this check itself, before any rule runs.

Why:
A role held by someone the agreement never names, or a group reporting to a group that does not exist, leaves
a gap in the lines of accountability (briefing: Structures > Have a partnership agreement).

Fails:
    roles:
      individuals:
        - title: Partnership Chair
          holder: no-such-person

Passes:
    roles:
      individuals:
        - title: Partnership Chair
          holder: nv-chief-exec

Fix:
Define the person, party or group (with its `id`) or correct the id the reference uses.
"""

from __future__ import annotations

from ..findings import Severity

ID = "AB003"
NAME = "reference"
SEVERITY = Severity.ERROR
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"
check = None
