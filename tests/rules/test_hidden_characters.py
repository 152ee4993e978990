"""AB011: names and titles holding bidirectional controls or invisible characters are reported; text in
right-to-left scripts, emoji and other fields are not."""

from __future__ import annotations

import json

import pytest
import yaml
from harness import check, spots

TITLE = "agreement:\n  title: {}\n"


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, every character beyond ASCII written as an escape."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                         else f"\\U{ord(c):08x}" for c in text) + '"'


def raw(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2069", "\u200b", "\u2060",
                                  "\u2062", "\ufeff", "\u00ad", "\u3164", "\U000e0041"])
def test_a_hidden_character_in_a_title_is_reported_with_its_name(tmp_path, char):
    for written in (quoted, raw):
        found = check(tmp_path, TITLE.format(written(f"Northvale {char}Partnership")), "AB011")
        assert spots(found) == [("AB011", 2, 10)]
        assert f"U+{ord(char):04X}" in found[0].message
        assert found[0].hint == ""  # the message says what to do: type it again


def test_hidden_characters_in_party_names_are_reported_where_they_are(tmp_path):
    snippet = ('parties:\n  - id: nvc\n    name: Northvale Council\n    short_name: "NV\\u202eC"\n'
               '    sector: local_authority\n  - id: nv-health\n    name: "Northvale \\u200bHealth Board"\n'
               "    sector: health\n")
    found = check(tmp_path, snippet, "AB011")
    assert [(f.path, f.line) for f in found] == [("/parties/0/short_name", 4), ("/parties/1/name", 7)]
    assert found[0].message.startswith("this short name holds U+202E (right-to-left override)")


@pytest.mark.parametrize("text", ["شراكة نورثفيل الصحية", "שותפות נורת'וויל", "फ़ॉर्म",
                                  "\u0646\u0627\u0645\u200c\u062e\u0627\u0646\u0648\u0627\u062f\u06af\u06cc",
                                  "Northvale \U0001f91d partners",
                                  "Wales \U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"])
def test_right_to_left_scripts_joiners_and_emoji_flags_are_not_reported(tmp_path, text):
    assert check(tmp_path, TITLE.format(quoted(text)), "AB011") == []
    assert check(tmp_path, TITLE.format(raw(text)), "AB011") == []


def test_the_partnerships_name_is_checked_too(tmp_path):
    found = check(tmp_path, 'agreement:\n  title: T\n  partnership_name: "the \\u202eNorthvale Partnership"\n', "AB011")
    assert [(f.path, f.line) for f in found] == [("/agreement/partnership_name", 3)]


def test_hidden_characters_in_other_text_are_left_to_the_author(tmp_path):
    snippet = 'variation: "Changes need the board\\u200b\\u202e\'s agreement."\n'
    assert check(tmp_path, snippet, "AB011") == []


def test_the_rule_runs_whatever_packs_are_chosen(cli, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text('agreement:\n  title: "A\\u202eB"\n  jurisdiction: scotland\nparties:\n  - id: a\n    name: A\n'
                    "    sector: health\n  - id: b\n    name: B\n    sector: health\n", encoding="utf-8")
    run = cli("lint", str(path), "--pack", "scotland-2002")
    assert "AB011 [warning] this title holds U+202E (right-to-left override)" in run.stdout, run


def test_the_warning_can_be_waived(cli, tmp_path):
    path = tmp_path / "a.yaml"
    parties = [{"id": p, "name": p, "sector": "health"} for p in ("a", "b")]
    path.write_text(yaml.safe_dump({"agreement": {"title": "Northvale \u2067\u0639\u0631\u0628\u064a\u2069"},
                                    "parties": parties, "waivers": [
                                        {"rule": "AB011", "path": "/agreement/title", "reason": "the title mixes "
                                         "scripts on purpose"}]}, allow_unicode=True), encoding="utf-8")
    run = cli("lint", str(path), "--select", "AB011")
    assert "AB011 [warning]" in run.stdout and "(waived: the title mixes scripts on purpose)" in run.stdout, run


@pytest.mark.parametrize(("snippet", "path"), [
    ('parties:\n  - id: nvc\n    name: Northvale Council\n    sector: local_authority\n    representatives:\n'
     '      - id: ceo\n        name: Alex Morgan\n        position: "Chief \\u202eExecutive"\n'
     '  - id: nhb\n    name: Northvale Health Board\n    sector: health\n',
     "/parties/0/representatives/0/position"),
    ('definitions:\n  - term: "Fund\\u200b"\n    meaning: The pooled fund.\n', "/definitions/0/term"),
])
def test_a_position_and_a_defined_term_are_checked_too(tmp_path, snippet: str, path: str):
    assert [f.path for f in check(tmp_path, snippet, "AB011")] == [path]
