"""Every section has the shape the schema describes: known keys, the right kinds of value, usable names.

The pipeline performs this check itself, before any rule runs, so `validate`, `lint` and `build` all refuse a
file that fails it. Beyond the schema, it refuses a partnership name (`agreement.partnership_name`, or the old
`short_name`) that is one of the words the document uses for itself and its parts: Agreement, Memorandum,
Scheme, Party, Parties, Schedule or Annex, with or without "the".

Why:
The rules read the agreement through its schema; a misspelt key would otherwise be silently ignored and its
content lost from the drafted agreement. A partnership called "the Agreement" makes the drafted text say that
the parties "by this agreement form the Agreement", and every obligation on it garbled.

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
