"""The file can be read and parsed as YAML or JSON.

The pipeline performs this check itself, before any rule runs.

Why:
A file that cannot be read cannot be checked or drafted; the message names the line and column where reading
stopped.

Fails:
    agreement:
      title: Northvale Partnership Agreement
      title: Northvale Partnership Agreement

Passes:
    agreement:
      title: Northvale Partnership Agreement

Fix:
Correct the file at the line and column shown: indentation with spaces, one key per name, quotes around text
containing ': '.
"""

from __future__ import annotations

from ..findings import Severity

ID = "AB001"
NAME = "syntax"
SEVERITY = Severity.ERROR
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"
check = None
