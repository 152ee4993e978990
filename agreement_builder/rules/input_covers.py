"""An additional clause says it covers something the tool does not know.

Checks each name in an additional clause's `covers`: it must be a rule id (such as EN106), the name of a
section (such as `finance` or `term`), of a key inside a section (such as `set_aside` or `chief_officer`), or
of a clause the tool drafts (such as `governing_law`, `liability`, `notices` or `general`). An unknown name is
reported with the nearest known one.

Why:
A clause that covers a matter stands in for the tool's own checks of it. A misspelt name covers nothing, so the
matter would still be reported missing while the user believes it is dealt with (briefing: Structures > Have a
partnership agreement).

Fails:
    additional_clauses:
      - title: Governing law
        text: This agreement is governed by Scots law.
        covers: govening_law

Passes:
    additional_clauses:
      - title: Governing law
        text: This agreement is governed by Scots law.
        covers: governing_law

Fix:
Correct the name as the finding suggests.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from .. import schema
from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB008"
NAME = "covers-name"
SEVERITY = Severity.WARNING
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"

# Matters the legal clauses the tool drafts deal with that are neither a key of the input nor a clause of their
# own (`waiver` is a sentence of the general clause).
LEGAL_CLAUSES = ("severability", "waiver", "assignment", "counterparts", "electronic_signature", "force_majeure",
                 "interpretation", "standards", "health_and_safety", "procurement", "capital_and_assets")


@cache
def known() -> frozenset[str]:
    """The names a clause may cover, apart from rule ids: sections, their keys, and legal clauses."""
    root = schema.shared()
    names: set[str] = set(LEGAL_CLAUSES)
    for key, section in root.get("properties", {}).items():
        names.add(key)
        names.update(_keys(section))
    return frozenset(names)


@cache
def _drafted() -> frozenset[str]:
    """The clauses each kind of document is drafted with, which a clause stands in for by name (`general`,
    `commencement`): looked up only for a name not known otherwise, as the drafting side costs time to load."""
    from .. import library

    return frozenset(key for layout in library.LAYOUTS.values() for key in layout)


def _keys(node: dict[str, Any]) -> set[str]:
    keys = set(node.get("properties", {}))
    for child in node.get("properties", {}).values():
        keys.update(child.get("properties", {}))  # one level further down: legal.data_protection.roles
    return keys


def check(agreement: Agreement) -> Iterator[Issue]:
    from . import RULES  # the catalogue imports this module

    names = known() | set(RULES)
    for clause in agreement.children("additional_clauses"):
        covers = clause.get("covers")
        listed = [covers] if isinstance(covers, str) else list(covers or ())
        for i, name in enumerate(listed):
            if not isinstance(name, str) or name in names or name in _drafted():
                continue
            path = clause.at("covers") if isinstance(covers, str) else clause.at("covers", i)
            from difflib import get_close_matches  # only for a name the tool does not know

            meant = get_close_matches(name, sorted(names | _drafted()), n=1, cutoff=0.6)
            suggestion = f" (did you mean '{meant[0]}'?)" if meant else ""
            yield Issue(path, f"The clause '{clause.text('title')}' says it covers '{name}', which the tool does not "
                        f"know{suggestion}: it covers nothing.", hint="use a rule id, a section or key name, or a "
                        "legal clause name in `covers`; `agreement rules` lists the rule ids")
