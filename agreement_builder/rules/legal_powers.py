"""The agreement states the legal powers the partnership acts under and what is delegated to it.

Checks that a `legal_powers` section exists (or an additional clause covers it). When it does, warns where it
names no statute, where a statute is cited without the provision relied on, where it says nothing of which
functions are delegated (or that the partners keep them all, or, in a section 75 agreement, the functions the
arrangements cover), where a delegated function does not say who delegates it and who exercises it, and where
it does not say whether the partnership is a legal entity.

Why:
A partnership can only do what its members' powers allow; the agreement should cite the powers relied on and
record which functions pass to whom, so that decisions taken in the partnership's name stand up (briefing:
Structures > Have a partnership agreement; Structures > Authority to make decisions).

Fails:
    legal_powers:
      statutes:
        - name: Community Care and Health (Scotland) Act 2002

Passes:
    legal_powers:
      statutes:
        - name: Community Care and Health (Scotland) Act 2002
          provision: section 13
      delegated_functions:
        - function: Assessment of need for community care services
          from: nvc
          to: nv-health
      legal_status: The partnership is not a legal entity; the Council contracts on its behalf.

Fix:
Cite each statute with its `provision`; list `delegated_functions` with `from` and `to` (or, if nothing is
delegated, the `retained_functions`); add `legal_status`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Agreement
from .base import Issue, filled, label, missing

ID = "AB112"
NAME = "legal-powers"
ELEMENT = "legal_powers"
SEVERITY = Severity.ERROR
SOURCE = "Structures > Have a partnership agreement; Structures > Authority to make decisions"


def check(agreement: Agreement) -> Iterator[Issue]:
    yield from missing(agreement, ELEMENT, "the legal powers the partnership acts under and the functions "
                       "delegated under it",
                       "It cites the statutes and provisions relied on, says which functions are delegated by whom "
                       "to whom, and whether the partnership is a legal entity.")
    section = agreement.section(ELEMENT)
    if section is None:
        return
    if not section.children("statutes"):
        yield Issue(section.at("statutes"), "Name the Acts or regulations the partnership acts under.",
                    Severity.WARNING, hint="list them under `legal_powers.statutes`")
    for statute in section.children("statutes"):
        if not filled(statute, "provision"):
            yield Issue(statute.at("provision"), f"Cite the section or regulation of {label(statute.text('name'))} "
                        "relied on.", Severity.WARNING, hint="add its `provision`")
    functions = section.children("delegated_functions")
    # The functions a section 75 agreement covers say the same where nothing is delegated.
    if not functions and not filled(section, "retained_functions") and not filled(section, "functions_covered"):
        yield Issue(section.at("delegated_functions"), "Say which functions are delegated, by whom and to whom, or "
                    "that each partner keeps its own.", Severity.WARNING,
                    hint="list `legal_powers.delegated_functions`, or the `retained_functions`")
    for function in functions:
        if not filled(function, "from") or not filled(function, "to"):
            yield Issue(function.path, f"Say which partner delegates '{label(function.text('function'))}' and who "
                        "exercises it.", Severity.WARNING, hint="add its `from` and `to`")
    if not filled(section, "legal_status"):
        yield Issue(section.at("legal_status"), "Say whether the partnership is a legal entity, and who contracts on "
                    "its behalf.", Severity.WARNING, hint="add `legal_powers.legal_status`")
