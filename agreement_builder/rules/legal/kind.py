"""The agreement says what kind of document it is, where that cannot be told from the rest.

Checks `agreement.kind` when no statutory regime makes it plain (an integration scheme, or an agreement under
section 75 or the 2002 Act): otherwise the document is drafted as a binding agreement.

Why:
A binding agreement, a memorandum of understanding that binds only on money and a few legal matters, and an
integration scheme are drafted differently: operative words and signing, a statement of which parts bind, or a
scheme laid out for approval. Many partnership documents are memoranda in substance.

Fails:
    agreement:
      title: Northvale Strategic Partnership

Passes:
    agreement:
      title: Northvale Strategic Partnership
      kind: memorandum

Fix:
Set `agreement.kind` to `agreement`, `memorandum` or `integration_scheme`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...model import Agreement
from ..base import Issue
from ..statutory import statutory_packs

ID = "LG109"
NAME = "kind"
SEVERITY = Severity.ADVICE
PACK = "legal"
SOURCE = "The kind of document"


def check(agreement: Agreement) -> Iterator[Issue]:
    if not agreement.meta.text("kind") and not statutory_packs(agreement):
        yield Issue(agreement.meta.at("kind"), "Say what kind of document this is: a binding agreement, a "
                    "memorandum of understanding, or an integration scheme.", hint="set `agreement.kind`")
