"""The corpus of real-world-shaped agreements: lint finds every gap written down for it, raises at most one false
alarm about a whole section across the corpus, and at most 20 errors and warnings on a document encoded at
heading level (tests/corpus/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "corpus"))

from scoring import MOST_ELEMENT_FALSE_ALARMS, MOST_PER_HEADING_DOCUMENT, documents, score  # noqa: E402


def _described(findings: list) -> str:
    return "\n".join(f"{f.location}: {f.rule} [{f.severity}] {f.message}" for f in findings)


def test_the_corpus_has_the_documents_the_issue_asks_for():
    names = documents()
    assert len(names) >= 5
    assert sum("integration-scheme" in n for n in names) >= 2 and sum("s75" in n for n in names) >= 2


@pytest.mark.parametrize("name", documents())
def test_every_expected_gap_is_found(name: str):
    assert score(name).missed == []


@pytest.mark.parametrize("name", documents())
def test_a_heading_level_document_draws_at_most_20_errors_and_warnings(name: str):
    result = score(name)
    if result.level == "heading":
        assert result.errors_and_warnings <= MOST_PER_HEADING_DOCUMENT


def test_at_most_one_false_alarm_about_a_whole_section_across_the_corpus():
    alarms = [f for name in documents() for f in score(name).element_false_alarms]
    assert len(alarms) <= MOST_ELEMENT_FALSE_ALARMS, _described(alarms)
