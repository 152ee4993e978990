"""The agreement says which law governs it.

Checks that `agreement.jurisdiction` is set to a part of the United Kingdom, or `legal.governing_law` is chosen.
Otherwise the drafted governing-law clause offers the choices in brackets, with a drafting note.

Why:
A binding agreement between public bodies needs to say which law governs it and whose courts decide disputes
about it; Scots law and the law of England and Wales differ on how a contract is formed, signed and enforced.

Fails:
    agreement:
      title: Northvale Partnership Agreement
      jurisdiction: generic

Passes:
    agreement:
      title: Northvale Partnership Agreement
      jurisdiction: generic
    legal:
      governing_law: england_and_wales

Fix:
Set `agreement.jurisdiction` (scotland, england, wales or northern_ireland), or choose `legal.governing_law`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, filled

ID = "LG102"
NAME = "governing-law"
SEVERITY = Severity.WARNING
PACK = "legal"
SOURCE = "The law governing the agreement"


def check(agreement: Agreement) -> Iterator[Issue]:
    if agreement.jurisdiction != "generic" or filled(agreement.child("legal"), "governing_law"):
        return
    yield Issue(("legal", "governing_law"), "Choose the law that governs the agreement and whose courts decide "
                "disputes about it; until then the drafted clause offers the choices in brackets.",
                hint="set `agreement.jurisdiction` (scotland, england, wales or northern_ireland), or "
                "`legal.governing_law`", gap="/agreement/jurisdiction")
