"""The helpers the rules share: how a message names a party or group, quotes free text, finds the overarching
body and reports a missing section."""

from __future__ import annotations

import pytest
from harness import agreement

from agreement_builder.rules.base import called, label, missing, name_of, top_group


@pytest.mark.parametrize(("text", "quoted"), [
    ("x" * 60, "x" * 60),  # up to the limit: whole
    ("x" * 61, "x" * 59 + "…"),  # past it: cut, and marked as cut
    ("a  b\n c", "a b c"),  # runs of spaces and line breaks read as one space
    ("word " * 11 + "end", "word " * 11 + "end"),  # 59 characters
    ("word " * 12 + "end", ("word " * 12)[:59].rstrip() + "…"),  # cut, without a space before the mark
])
def test_free_text_is_quoted_whole_up_to_sixty_characters_and_cut_after(text: str, quoted: str):
    assert label(text) == quoted


def test_the_limit_can_be_chosen():
    assert label("abcdef", limit=4) == "abc…" and label("abcd", limit=4) == "abcd"


def test_a_missing_section_names_the_section_to_add_with_the_right_article():
    [exit_strategy] = missing(agreement({}), "exit_strategy", "an exit strategy", "It sets out the exit.")
    assert exit_strategy.hint == ("add an `exit_strategy` section, or an additional clause that covers "
                                  "`exit_strategy`")
    assert (exit_strategy.path, exit_strategy.message, exit_strategy.whole) == (
        ("exit_strategy",), "Add an exit strategy.", True)
    [finance] = missing(agreement({}), "finance", "the finances", "")
    assert finance.hint.startswith("add a `finance` section")
    assert list(missing(agreement({"finance": {"audit": "x"}}), "finance", "the finances", "")) == []


GROUPS = [{"id": "board", "name": "Board", "reports_to": "council"}, {"id": "council", "name": "Council"},
          {"id": "ops", "name": "Operations", "reports_to": "board"}]


def test_the_overarching_body_is_the_group_named_so_else_the_only_one_reporting_to_none():
    named = agreement({"accountability": {"overarching_body": "board", "groups": GROUPS}})
    assert top_group(named).get("id") == "board"  # named, though it reports to another
    assert top_group(agreement({"accountability": {"overarching_body": "nobody", "groups": GROUPS}})) is None
    assert top_group(agreement({"accountability": {"groups": GROUPS}})).get("id") == "council"
    two_tops = [*GROUPS, {"id": "forum", "name": "Forum"}]
    assert top_group(agreement({"accountability": {"groups": two_tops}})) is None
    assert top_group(agreement({})) is None


def test_a_node_is_called_by_its_short_name_else_name_else_title_else_id():
    node = agreement({"posts": [{"id": "doi", "title": "Director of Integration"}, {"id": "cfo", "title": " "}]})
    assert [called(post) for post in node.children("posts")] == ["Director of Integration", "cfo"]
    party = agreement({}).party("a")
    assert called(party) == "A"


def test_a_trailing_full_stop_is_left_out_of_a_quotation():
    assert label("Board of Taxes.") == "Board of Taxes"
    assert label("Tax X") == "Tax X"


def test_a_group_is_named_by_its_name_where_a_message_names_it_by_its_id():
    data = {"accountability": {"groups": [{"id": "board", "name": "Partnership Board"}]}}
    assert name_of(agreement(data), "board") == "Partnership Board"
    assert name_of(agreement(data), "forum") == "forum"
