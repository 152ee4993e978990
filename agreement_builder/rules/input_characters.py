r"""Names and titles hold no character that changes how the text around it reads while staying unseen.

Warns for each title, name, partnership name, short name, position or defined term that holds a
bidirectional control (the embeddings, overrides and isolates, U+202A to U+202E and U+2066 to U+2069) or an
invisible character: a zero-width space, a word joiner or an invisible operator, a byte order mark inside the
text, a soft hyphen, a Hangul filler, or a tag character outside an emoji flag. The drafted agreement keeps
the text exactly as written, so the warning is the reader's only sign of it. Right-to-left scripts need none
of these: their direction comes from the letters themselves.

Why:
A right-to-left override makes a name read otherwise than it is stored ("\u202egnp.exe" shows as "exe.png"),
and an invisible character makes two names that look alike differ, so a reader or a signatory can take one
party, post or term for another. The agreement has to name its partners and terms so that every partner
reads the same thing (briefing: Structures > Have a partnership agreement).

Fails:
    agreement:
      title: "Northvale \u202eNAHS\u202c Partnership Agreement"

Passes:
    agreement:
      title: Northvale Health and Care Partnership Agreement

Fix:
Type the name again without the character; an editor that shows invisible characters helps find it. Where a
title mixes scripts on purpose, waive the finding with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB011"
NAME = "hidden-characters"
SEVERITY = Severity.WARNING
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"

NAMES = frozenset({"title", "name", "partnership_name", "short_name", "position", "term"})
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u00ad\u180e\u115f\u1160\u3164\uffa0"
                     "\U000e0000-\U000e007f]")
# An emoji flag of a part of a country (England, Scotland, Wales) is a black flag, tag characters, and a
# cancel tag: the tags there are the flag's own.
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def check(agreement: Agreement) -> Iterator[Issue]:
    source = agreement.document.text
    if "\\" not in source and not _HIDDEN.search(source):
        return  # most agreements: one pass over the source instead of a visit to every value
    for path, text in agreement.texts():
        if not path or path[-1] not in NAMES:
            continue
        found = _HIDDEN.search(_FLAG.sub("", text))
        if found:
            char = found.group()
            yield Issue(path, f"this {str(path[-1]).replace('_', ' ')} holds U+{ord(char):04X} "
                              f"({unicodedata.name(char, 'a hidden character').lower()}), which changes how text "
                              "reads without being seen; type it again without it")
