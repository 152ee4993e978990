"""An agreement that relies on the legislation of one part of the United Kingdom says it is made under its law.

Applies when `agreement.jurisdiction` is `generic` or left out. Looks at the statutes and statutory bases the
agreement cites (`legal_powers`, the functions it lists, its recitals) for legislation of one part of the United
Kingdom, such as an Act with "(Scotland)" in its title or the National Health Service Act 2006, and reports an
error naming what it found.

Why:
The jurisdiction chooses the law that governs the agreement, the courts that decide disputes about it, the
freedom of information and third-party rights legislation it cites, and how it is signed (in Scotland, under
the Requirements of Writing (Scotland) Act 1995). An agreement made under the Community Care and Health
(Scotland) Act 2002 but drafted as "generic" gets none of that right.

Fails:
    agreement:
      title: Northvale Learning Disability Services Agreement
    legal_powers:
      statutes:
        - name: Community Care and Health (Scotland) Act 2002
          provision: section 15

Passes:
    agreement:
      title: Northvale Learning Disability Services Agreement
      jurisdiction: scotland
    legal_powers:
      statutes:
        - name: Community Care and Health (Scotland) Act 2002
          provision: section 15

Fix:
Set `agreement.jurisdiction` to the part of the United Kingdom whose legislation the agreement relies on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue, label, listed

ID = "LG101"
NAME = "jurisdiction-from-statutes"
SEVERITY = Severity.ERROR
PACK = "legal"
SOURCE = "The law governing the agreement: the legislation it relies on"

# Legislation of one part of the United Kingdom, by how it is cited.
LEGISLATION = {
    "scotland": re.compile(r"\(Scotland\)|\bSSI\s*\d{4}/\d+|\basp\s+\d", re.I),
    "england": re.compile(r"\((England)\)|National Health Service Act 2006|\bNHS Act 2006|Care Act 2014|"
                          r"Health and Social Care Act 20(08|12)|Health and Care Act 2022|Localism Act 2011|"
                          r"Local Government Act (1972|2000)|\bSI\s*2000/617|Partnership Arrangements Regulations "
                          r"2000", re.I),
    "wales": re.compile(r"\(Wales\)|\bWSI\s*\d{4}/\d+|\banaw\b|\basc\b", re.I),
    "northern_ireland": re.compile(r"\(Northern Ireland\)|\(NI\)|\bNISR\s*\d{4}/\d+", re.I),
}
NAMES = {"scotland": "Scottish", "england": "English", "wales": "Welsh", "northern_ireland": "Northern Irish"}
PLACES = {"scotland": "Scotland", "england": "England and Wales", "wales": "England and Wales (as it applies in Wales)",
          "northern_ireland": "Northern Ireland"}


def applies(agreement: Agreement) -> bool:
    return agreement.jurisdiction == "generic"


def cited(agreement: Agreement) -> list[str]:
    """The statutes and statutory bases the agreement cites."""
    texts = list(agreement.strings("recitals"))
    powers = agreement.child("legal_powers")
    if powers is not None:
        texts += [f"{s.text('name')} {s.text('provision')}" for s in powers.children("statutes")]
        texts += [f.text("statutory_basis") for key in ("delegated_functions", "functions_covered")
                  for f in powers.children(key)]
    return [t for t in texts if t.strip()]


def check(agreement: Agreement) -> Iterator[Issue]:
    found: dict[str, str] = {}
    for text in cited(agreement):
        for place, pattern in LEGISLATION.items():
            if pattern.search(text):
                found.setdefault(place, text)
    if not found:
        return
    path = agreement.meta.at("jurisdiction")
    relied = listed([f"{NAMES[place]} legislation ({label(text, 60)})" for place, text in found.items()])
    if len(found) == 1:
        place = next(iter(found))
        yield Issue(path, f"Say that the agreement is made under the law of {PLACES[place]}: it relies on {relied}, "
                    "so its governing law, courts and signing must be that jurisdiction's.",
                    hint=f"set `agreement.jurisdiction: {place}`", gap="/agreement/jurisdiction")
    else:
        yield Issue(path, f"Choose the jurisdiction the agreement is made under: it relies on {relied}.",
                    hint="set `agreement.jurisdiction`", gap="/agreement/jurisdiction")
