"""The agreement holds no text still to be written, such as a `[Job title]` left from the starter file.

Warns for each text that still holds a bracketed placeholder: square brackets around words that begin with a
capital letter, the way `agreement init` and legal drafters mark a blank. In an agreement whose status is
`final`, each is an error. A drafted agreement shows each placeholder as written, with no drafting note of
its own: the brackets mark the blank for the reader.

Why:
An agreement has to set the arrangements out in full, so that every partner reads the same terms; a
bracketed blank decides nothing, and one still there at signing leaves a term open (briefing: Structures >
Have a partnership agreement).

Fails:
    agreement:
      title: "[Name of the partnership] Partnership Agreement"

Passes:
    agreement:
      title: Northvale Health and Care Partnership Agreement

Fix:
Write the real text in place of each bracketed placeholder, or remove the entry if it does not apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB228"
NAME = "placeholder"
SEVERITY = Severity.WARNING
SOURCE = "Structures > Have a partnership agreement"
NOTED = False  # a drafted agreement shows the placeholder itself, in brackets, as drafters mark a blank

# "[Job title]", "[A term]": a capital first, and a small letter somewhere, so "[sic]", "[2019]" and "[NHS]"
# (an editor's mark, a law report's year, an abbreviation) are left alone.
_PLACEHOLDER = re.compile(r"\[[A-Z][^\[\]\n]*[a-z][^\[\]\n]*\]")
_OPENING = re.compile(r"\[[A-Z]")  # how any placeholder starts in the source, unless written with an escape


def check(agreement: Agreement) -> Iterator[Issue]:
    source = agreement.document.text
    if "\\" not in source and not _OPENING.search(source):
        return  # most agreements: one pass over the source instead of a visit to every value
    final = agreement.meta.text("status") == "final"
    for path, text in agreement.texts(containing="["):
        found = _PLACEHOLDER.search(text)
        if found:
            yield Issue(path, f"Write the real text in place of the placeholder '{found.group()}'.",
                        Severity.ERROR if final else None, hint="replace the bracketed text")
