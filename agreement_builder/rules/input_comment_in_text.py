"""No unquoted text loses its end to a `#`, which YAML reads as the start of a comment.

Warns where a line's unquoted text goes on with a space, a `#` and more words, as in `Phase #1` or
`#livingwell`: YAML takes ` #` as the start of a comment, so everything from the `#` on is left out of the
agreement without a word. A comment after two or more spaces, or with a space after the `#`
(`status: draft  # draft | final`), is taken to be meant as one.

Why:
An agreement has to say what its authors wrote; text that disappears silently changes a term or a name
(briefing: Structures > Have a partnership agreement).

Fails:
    actions:
      - id: act-1
        description: Phase #1 of the falls service

Passes:
    actions:
      - id: act-1
        description: "Phase #1 of the falls service"

Fix:
Put the whole text in quotes, so the `#` and what follows it stay part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..findings import Severity
from ..model import Agreement
from ..source import JsonPath
from .base import Issue

ID = "AB006"
NAME = "comment-in-text"
SEVERITY = Severity.WARNING
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"
NOTED = False  # about how the file was typed: no drafting note

# A key (or a list dash) and unquoted text on one line, then one space, `#` and a word: `key: Phase #1`.
_CUT = re.compile(r"""^[ \t]*(?:- +)?(?:[^\s#'"\-\[{][^#\n]*?:[ \t]+|- +)(?=[^\s#'"|>\[{&*!])[^#\n]*?\S #(\S[^\n]*)$""",
                  re.M)


def check(agreement: Agreement) -> Iterator[Issue]:
    document = agreement.document
    if " #" not in document.text or document.json:
        return
    starts: dict[int, JsonPath] | None = None
    for match in _CUT.finditer(document.text):
        line = document.text.count("\n", 0, match.start())  # 0-based, as the parser's marks count
        if starts is None:
            # The value that starts on each line; a key's value stands to the right of the key.
            starts = {}
            for where, mark in sorted(document.values.items(), key=lambda item: item[1].column):
                if isinstance(_value(agreement.data, where), str):
                    starts[mark.line] = where
        path = starts.get(line)
        if path is None:
            continue
        yield Issue(path, f"put this text in quotes to keep \"#{match.group(1)}\": an unquoted space and # start a "
                    "comment, so the words from the # on are left out of the agreement")


def _value(data: Any, path: JsonPath) -> Any:
    for part in path:
        data = data[part]
    return data
