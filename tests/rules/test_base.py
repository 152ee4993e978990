"""The helpers the rules share: how a message names a party or group, and quotes free text."""

from __future__ import annotations

import pytest

from agreement_builder.rules.base import label


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
