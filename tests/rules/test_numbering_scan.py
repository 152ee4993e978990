"""LG110 looks at the source text first and reads the values only where a reference may be: that look must not
miss one, however the file spells it."""

from __future__ import annotations

import json

import pytest
from harness import check

from agreement_builder.rules.legal.numbering import _count, _may_cite, _shares_a_word


@pytest.mark.parametrize("text", [
    "see schedule 7", "schedules 1 and 2", "annexes 2", "clause\n            21", "{clause:finance}",
    "{ clause : x}", "{Clause:x}", "As Schedule" + " " * 45 + "7 says.", "{" + " " * 15 + "annex:x}",
    "clauses\n" + " " * 44 + "3", "{SCHEDULE:fees}",
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


@pytest.mark.parametrize(("text", "start"), [
    ("As Annex 2 says.", "The text refers to Annex 2, but the drafted document has 1 annex: write the reference as "
                         "{annex:KEY}"),
    ("As Annexes 2 and 3 say.", "The text refers to Annexes 2 and 3, but the drafted document has 1 annex"),
    ("As clause 99 says.", "The text refers to clause 99, but the drafted document has "),
    ("As Schedules 7, 8, 9, 10 and 11 say.", "The text refers to Schedules 7, 8, 9 and 2 more, but the drafted "
                                             "document has no schedules"),
])
def test_a_number_the_document_does_not_have_is_reported_in_words_of_its_kind(tmp_path, text: str, start: str):
    [found] = check(tmp_path, f"finance:\n  payment_method: {text}\n", "LG110")
    assert found.message.startswith(start), found.message


@pytest.mark.parametrize("word", ["schedule", "annex", "clause", "this", "that", "with", "from", "their",
                                  "partnership", "agreement", "parties", "party", "other", "under", "which"])
def test_words_every_reference_shares_do_not_tie_a_sentence_to_a_heading(word: str):
    assert not _shares_a_word(f"see clause 3 for {word}", f"{word.capitalize()} rules")
    assert _shares_a_word("see clause 3 on finance", "Financial arrangements")


@pytest.mark.parametrize(("kind", "n", "words"), [("annex", 0, "no annexes"), ("annex", 1, "1 annex"),
                                                 ("annex", 2, "2 annexes"), ("clause", 1, "1 clause"),
                                                 ("schedule", 3, "3 schedules"), ("clause", 0, "no clauses")])
def test_how_many_of_a_kind_the_document_has_is_counted_in_words(kind: str, n: int, words: str):
    assert _count(kind, n) == words


def test_references_are_not_judged_when_the_document_cannot_be_drafted(tmp_path, monkeypatch):
    from agreement_builder import drafting
    from agreement_builder.errors import TemplateError

    def broken(*args, **kwargs):
        raise TemplateError("clauses/finance.xml.j2: a broken template")

    monkeypatch.setattr(drafting, "draft", broken)  # the build reports that; the rule says nothing of numbers
    assert check(tmp_path, "finance:\n  payment_method: As Schedule 7 says.\n", "LG110") == []


SCHEDULES = """
schedules:
  - {id: fees, title: Fees, text: The fees.}
  - {id: staff, title: Staffing, text: The staff.}
  - {id: sites, title: Contributions, text: The sites.}
"""


@pytest.mark.parametrize(("text", "more"), [
    ("Payment is as Schedule 1 says.", ""),
    ("Fees are due yearly. Payment is as Schedule 1 says.", ""),  # only its own sentence counts
    ("Payment is as Schedules 1 and 2 say.", " (and 1 more reference like it)"),
    ("Payment is as Schedules 1, 2 and 3 say.", " (and 2 more references like it)"),
])
def test_a_number_whose_heading_the_sentence_does_not_mention_is_questioned_once(tmp_path, text: str, more: str):
    [found] = check(tmp_path, f"finance:\n  payment_method: {text}\n" + SCHEDULES, "LG110")
    assert found.message == (f"The text refers to Schedule 1, which in the drafted document is 'Fees'{more}: if that "
                             "is not the one meant, write the reference as {schedule:KEY} with the key of the one "
                             "meant (this one is {schedule:fees}).")


@pytest.mark.parametrize("text", ["Pay on time.Fees are as Schedule 1 says.",
                                  "The contracts are as Schedule 3 says."])  # contr-: Contributions
def test_a_sentence_sharing_a_word_with_the_heading_is_taken_to_mean_it(tmp_path, text: str):
    assert check(tmp_path, f"finance:\n  payment_method: {text}\n" + SCHEDULES, "LG110") == []


@pytest.mark.parametrize(("text", "cited"), [("As Schedules 7, 8, 9 and 10 say.", "Schedules 7, 8, 9 and 10"),
                                             ("As clauses 98 and 99 say.", "clauses 98 and 99")])
def test_up_to_four_numbers_are_listed_in_full(tmp_path, text: str, cited: str):
    [found] = check(tmp_path, f"finance:\n  payment_method: {text}\n", "LG110")
    assert found.message.startswith(f"The text refers to {cited}, but"), found.message


def test_a_token_written_in_capitals_is_reported(tmp_path):
    [found] = check(tmp_path, "finance:\n  payment_method: As {SCHEDULE:fees} says.\n", "LG110")
    assert found.message.startswith("'{SCHEDULE:fees}' is not a reference the document can number")


def test_a_reference_spelt_wholly_with_escapes_is_found_however_little_the_source_shows(tmp_path):
    found = check(tmp_path, 'finance:\n  payment_method: "As Sch\\u0065dule 7 says."\n', "LG110")
    assert [f.message[:40] for f in found] == ["The text refers to Schedule 7, but the d"]
