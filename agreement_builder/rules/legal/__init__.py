"""The `legal` pack: what any written agreement needs whatever its regime, so that the drafter gets a note for
each legal essential the input leaves undecided (governing law, term, termination, liability, data protection,
who signs, what each party is in law), and the kind of document it is.

Run by default with the briefing pack, and with any pack chosen.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    data_protection,
    duration,
    governing_law,
    jurisdiction,
    kind,
    legal_status,
    liability,
    numbering,
    signatories,
    termination,
)

PACK = "legal"
DESCRIPTION = ("The legal essentials of any written agreement: governing law, term, termination, liability, data "
               "protection, signatories, each party's legal status, the kind of document (always run).")

MODULES: tuple[ModuleType, ...] = (
    jurisdiction, governing_law, duration, termination, liability, data_protection, signatories, legal_status, kind,
    numbering,
)
