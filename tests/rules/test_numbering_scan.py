"""LG110 looks at the source text first and reads the values only where a reference may be: that look must not
miss one, however the file spells it."""

from __future__ import annotations

import json

import pytest
from harness import check

from agreement_builder.rules.legal.numbering import _may_cite


@pytest.mark.parametrize("text", [
    "see schedule 7", "schedules 1 and 2", "annexes 2", "clause\n            21", "{clause:finance}",
    "{ clause : x}", "{Clause:x}",
])
def test_a_source_that_may_cite_is_read(text):
    assert _may_cite(text)


@pytest.mark.parametrize("text", ["additional_clauses:\n  - id: x", "no reference here", "the annex of the act"])
def test_a_source_that_cannot_cite_is_passed_over(text):
    assert not _may_cite(text)


def test_a_reference_in_a_folded_line_is_found(tmp_path):
    snippet = "finance:\n  payment_method: >-\n    Each partner pays the amounts in Schedule\n    7.\n"
    assert [f.message[:40] for f in check(tmp_path, snippet, "LG110")] == ["The text refers to Schedule 7, but the d"]


def test_a_reference_spelt_with_an_escape_is_found(tmp_path):
    source = tmp_path / "a.json"
    data = {"agreement": {"title": "T"}, "parties": [{"id": "a", "name": "A", "sector": "health"},
                                                     {"id": "b", "name": "B", "sector": "health"}],
            "finance": {"payment_method": "As \\u0053chedule 7 says."}}
    text = json.dumps(data).replace("\\\\u0053", "\\u0053")
    source.write_text(text, encoding="utf-8")
    from agreement_builder.lint import lint

    assert any(f.rule == "LG110" for f in lint(str(source)))
