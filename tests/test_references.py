"""A reference written as a name rather than an id is answered with the id; an unknown id lists the ids there are."""

from __future__ import annotations

import pytest

from agreement_builder.schema import check

PARTIES = [
    {"id": "council", "name": "Riverside City Council", "sector": "local_authority"},
    {"id": "health", "name": "Riverside Health Board", "short_name": "the Board", "sector": "health"},
]


def _messages(accountable_body: str) -> list[str]:
    data = {"agreement": {"title": "Riverside", "status": "draft"}, "parties": PARTIES,
            "finance": {"accountable_body": accountable_body}}
    return [p.message for p in check(data) if p.path == ("finance", "accountable_body")]


@pytest.mark.parametrize(("written", "ident"), [
    ("Riverside City Council", "council"),   # a name, which has no id's form
    ("riverside  city council", "council"),  # in other case and spacing
    ("the Board", "health"),                 # a short name
])
def test_a_name_where_an_id_belongs_suggests_the_id(written: str, ident: str):
    assert _messages(written) == [f"write the id '{ident}' here, not the name: '{written}' is the name of the party "
                                  f"whose id is '{ident}'"]  # (the kind of what the id names: a party)


def test_a_one_word_name_that_looks_like_an_id_suggests_the_id():
    parties = [dict(PARTIES[0], short_name="Riverside"), PARTIES[1]]
    data = {"agreement": {"title": "Riverside", "status": "draft"}, "parties": parties,
            "finance": {"accountable_body": "Riverside"}}
    assert [p.message for p in check(data)] == ["write the id 'council' here, not the name: 'Riverside' is the name "
                                                "of the party whose id is 'council'"]


def test_an_unknown_id_lists_the_ids_of_its_kind():
    (message,) = _messages("amir-khan")
    assert message.startswith("'amir-khan' names no party")
    assert message.endswith(" in this agreement (the ids it may name: council, health)")


def test_a_near_miss_is_still_suggested_first():
    (message,) = _messages("counci")
    assert message.startswith("'counci' names no party") and message.endswith("(did you mean 'council'?)")


def test_text_that_is_neither_an_id_nor_a_name_says_an_id_has_no_spaces():
    assert _messages("Some Other Body") == ["'Some Other Body' is not a usable id: an id has no spaces; use "
                                            "letters, digits, '-', '_' or '.'"]


def test_text_that_does_not_start_with_a_letter_says_what_an_id_looks_like():
    assert _messages("2nd Council") == ["'2nd Council' is not a usable id: start with a letter, then use "
                                        "letters, digits, '-', '_' or '.'"]


def test_a_name_close_to_a_party_name_suggests_that_party_id():
    assert _messages("Riverside Council") == ["'Riverside Council' is not a usable id: an id has no spaces; use "
                                              "letters, digits, '-', '_' or '.' (did you mean the id 'council', of "
                                              "the party called 'Riverside City Council'?)"]
