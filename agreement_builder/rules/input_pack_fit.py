"""A statutory rule pack was chosen for an agreement it does not fit: it is reported once and not run.

Made by the linter itself when `--pack` or the `packs` setting chooses a statutory pack (`england-s75`,
`scotland-2002`, `scotland-integration`) that the agreement's jurisdiction and arrangement type do not call for:
rather than report every term of the wrong statute as missing, it says once that the pack does not fit.

Why:
The statutory packs check what one statute requires of one kind of arrangement. Run on another kind, every
finding would be false, and the real ones would be lost among them (briefing: Structures > Choose the right
model of partnership for your purpose).

Fails:
    agreement:
      title: Northvale Strategic Partnership Agreement
      jurisdiction: wales

Passes:
    agreement:
      title: Northvale Better Care Fund Agreement
      jurisdiction: england
      arrangement_type: pooled_budget

Fix:
Drop the pack, or correct `agreement.jurisdiction` and `agreement.arrangement_type` if they are wrong.
"""

from __future__ import annotations

from ..findings import Severity

ID = "AB010"
NAME = "pack-fit"
SEVERITY = Severity.WARNING
PACK = "input"
SOURCE = "Structures > Choose the right model of partnership for your purpose"
check = None
