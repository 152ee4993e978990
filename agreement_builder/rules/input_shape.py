"""Every section has the shape the schema describes: known keys, the right kinds of value.

The pipeline performs this check itself, before any rule runs.

Why:
The rules read the agreement through its schema; a misspelt key would otherwise be silently ignored and its
content lost from the drafted agreement.

Fails:
    agreement:
      titel: Northvale Partnership Agreement

Passes:
    agreement:
      title: Northvale Partnership Agreement

Fix:
Use the key the message suggests, or run `agreement schema` to see every key; `agreement init` writes a
starter file.
"""

from __future__ import annotations

from ..findings import Severity

ID = "AB002"
NAME = "shape"
SEVERITY = Severity.ERROR
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"
check = None
