"""No text is wrapped in curly quotes pasted from a word processor.

Warns for each text that starts with an opening curly quote (“ or ‘) and ends with the closing one (” or ’).
YAML takes only straight quotes (" and ') as quotes; curly ones are part of the text, so the agreement would
print them around the title or name.

Why:
Text copied from Word or an email arrives with curly quotes; around a whole value they were meant as YAML's
quotes, not as words of the agreement, and a drafted agreement that prints “Northvale” in quotes reads as a
mistake (briefing: Structures > Have a partnership agreement).

Fails:
    agreement:
      title: “Northvale Partnership Agreement”

Passes:
    agreement:
      title: "Northvale Partnership Agreement"

Fix:
Replace the curly quotes with straight ones (type them in the editor rather than pasting), or remove them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB005"
NAME = "curly-quotes"
SEVERITY = Severity.WARNING
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"
NOTED = False  # about how the file was typed, not about the agreement: no drafting note

_PAIRS = {"“": "”", "‘": "’", "„": "“", "«": "»"}


def check(agreement: Agreement) -> Iterator[Issue]:
    source = agreement.document.text
    if "\\" not in source and not any(opening in source for opening in _PAIRS):
        return  # most files: one pass over the source instead of a visit to every value (an escape can spell one)
    for path, text in agreement.texts():
        text = text.strip()
        if len(text) > 1 and _PAIRS.get(text[0]) == text[-1]:
            straight = '"' if text[0] in "“„«" else "'"
            yield Issue(path, f"replace the curly quotes around this text with straight ones ({straight}), or remove "
                        f"them: YAML counts only straight quotes, so {text[0]} {text[-1]} would be printed as part "
                        "of the text")
