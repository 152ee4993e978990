"""The wording helpers the clause templates use: dates, Working Days, placing the user's words in a sentence."""

from __future__ import annotations

import pytest

from agreement_builder.clauses import agreeable, by_term, date_text, days, embed, noun, stop, term_key, unstop


@pytest.mark.parametrize(("given", "written"), [
    ("2025-04-01", "1 April 2025"), ("2025-12-31", "31 December 2025"), ("2025-04", "April 2025"),
    ("2025", "2025"), ("April 2025", "April 2025"), ("2025-13", "2025-13"),
])
def test_a_date_is_written_as_a_legal_document_writes_it(given, written):
    assert date_text(given) == written


def test_periods_are_in_working_days_when_that_is_the_choice():
    assert (days(10), days(1), days(10, False), days(1, False)) == (
        "10 Working Days", "1 Working Day", "10 days", "1 day")


@pytest.mark.parametrize("text", [
    "An overspend is met in proportion to each party's payment.",
    "The Joint Board reviews its membership every two years.",
    "Each member answers to the Joint Board.",
    "If the agreement ends, NHS staff return from secondment.",
])
def test_a_statement_can_follow_the_parties_agree_that(text):
    assert agreeable(text)


@pytest.mark.parametrize("text", [
    "A quarterly finance and performance report against every outcome indicator, and an annual report.",
    "By consensus. Where consensus cannot be reached, the chair decides.",
    "NHS Strathmoor pays its share monthly.",  # a name keeps its capital, so it is not placed after "that"
    'An annual report, and a "you said, we did" sheet after each meeting.',
    "A yearly self-assessment, and an evaluation that asks whether the work adds value.",
])
def test_a_list_of_things_or_a_sentence_starting_with_a_name_is_not_placed_after_that(text):
    assert not agreeable(text)


def test_embedding_lowers_only_a_word_that_cannot_be_a_name():
    assert embed("The Council decides.") == "the Council decides."
    assert embed("NHS Strathmoor decides.") == "NHS Strathmoor decides."
    assert embed("Members decide.") == "Members decide."


def test_a_noun_phrase_keeps_the_capitals_of_a_name():
    assert noun("Spending, activity and progress") == "spending, activity and progress"
    assert noun("Easy Read questionnaires") == "Easy Read questionnaires"
    assert noun("Monday to Friday") == "Monday to Friday"


def test_sentence_endings_are_added_or_taken_off_once():
    assert (stop("Agreed"), stop("Agreed."), stop("Is it?"), stop("“Quoted.”")) == (
        "Agreed.", "Agreed.", "Is it?", "“Quoted.”")
    assert (unstop("Agreed."), unstop("Agreed"), unstop("Glenbrae Ltd.")) == ("Agreed", "Agreed", "Glenbrae Ltd.")


def test_definitions_sort_by_their_term_without_the_article():
    entries = [{"term": "Working Day"}, {"term": "The 2002 Act"}, {"term": "Agreement"}, {"term": "carer"}]
    assert [e["term"] for e in by_term(entries)] == ["The 2002 Act", "Agreement", "carer", "Working Day"]
    assert term_key("The Parties") == term_key("party")
