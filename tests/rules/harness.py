"""Helpers for the rule tests: a minimal base agreement, a snippet laid over it, and one rule run on the result.

The snippet comes first in the written file, so a finding's line number is its line in the snippet.
"""

from __future__ import annotations

import copy
import json
import re
import textwrap
from pathlib import Path
from typing import Any

from agreement_builder import schema
from agreement_builder.findings import Finding
from agreement_builder.lint import lint_agreement, run_rule, validate
from agreement_builder.model import Agreement
from agreement_builder.rules import RULES
from agreement_builder.source import Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

# The smallest valid agreement: a title and two parties, one of them with a representative.
BASE: dict[str, str] = {
    "agreement": """\
agreement:
  title: Northvale Health and Care Partnership Agreement
""",
    "parties": """\
parties:
  - id: nvc
    name: Northvale Council
    sector: local_authority
    representatives:
      - id: nv-chief-exec
        name: Alex Morgan
        position: Chief Executive
  - id: nv-health
    name: Northvale Health Board
    sector: health
""",
}


def compose(snippet: str) -> str:
    """The snippet's sections, then each base section the snippet does not replace."""
    text = textwrap.dedent(snippet).strip("\n") + "\n"
    replaced = set(re.findall(r"^([A-Za-z_]\w*):", text, re.M))
    return text + "".join(section for key, section in BASE.items() if key not in replaced)


def check(tmp_path: Path, snippet: str, rule_id: str) -> list[Finding]:
    """The findings of one rule on the base agreement with ``snippet`` laid over it (which must be valid)."""
    path = tmp_path / "agreement.yaml"
    path.write_text(compose(snippet), encoding="utf-8")
    checked = validate(str(path))
    assert checked.document is not None and checked.valid, "the test agreement is not valid:\n" + "\n".join(
        f"{f.location}: {f.message}" for f in checked.findings)
    before = copy.deepcopy(checked.document.data)
    findings = sorted(run_rule(RULES[rule_id], Agreement.from_document(checked.document)))
    assert checked.document.data == before, f"{rule_id} changed the data it checked"  # rules only read
    return findings


def spots(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """Each finding as (rule, line, column), the form the targeted tests compare."""
    return [(f.rule, f.line, f.column) for f in findings]


def lint_snippet(tmp_path: Path, snippet: str, packs: list[str] | None = None) -> list[Finding]:
    """Every finding of the whole pipeline (packs, free clauses, waivers, merging) on the base with ``snippet``."""
    path = tmp_path / "agreement.yaml"
    path.write_text(compose(snippet), encoding="utf-8")
    checked = validate(str(path))
    assert checked.document is not None and checked.valid, "the test agreement is not valid:\n" + "\n".join(
        f"{f.location}: {f.message}" for f in checked.findings)
    return sorted(lint_agreement(Agreement.from_document(checked.document), packs))


def agreement(data: dict[str, Any]) -> Agreement:
    """An agreement of a title, two parties (a, health; b, housing) and ``data``, which must be valid: for the
    helpers the rules share and for checks run on their own."""
    whole = {"agreement": {"title": "T"}, "parties": [{"id": "a", "name": "A", "sector": "health"},
                                                      {"id": "b", "name": "B", "sector": "housing"}], **data}
    problems = [p for p in schema.check(whole) if not p.reference]  # a dangling reference does not stop the rules
    assert not problems, f"the test agreement is not valid: {problems}"
    text = json.dumps(whole)
    return Agreement.from_document(Document("a.json", json.loads(text), {}, {}, text, json=True))
