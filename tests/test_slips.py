"""YAML slips are found where the person made them, and valid YAML of every shape the samples use holds none."""

from __future__ import annotations

import pytest
import yaml
from support import ROOT, SAMPLES

from agreement_builder.errors import InputError
from agreement_builder.slips import _Reader, explain, pasted_space
from agreement_builder.source import load


def _parses(path) -> bool:
    try:
        list(yaml.parse(path.read_text(encoding="utf-8-sig")))
    except (yaml.YAMLError, UnicodeDecodeError):
        return False
    return True


# Every YAML file of the project the parser reads without a syntax error (some corpus cases break other things).
VALID_FILES = sorted(p for p in [*SAMPLES.glob("*.yaml"), ROOT / "templates" / "starter.yaml",
                                 *(ROOT / "tests" / "cases").glob("*.yaml")]
                     if _parses(p) and p.name != "syntax-yaml-non-breaking-space.yaml")


def test_the_valid_files_are_many():
    assert len(VALID_FILES) > 30


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_yaml_holds_no_slip(path):
    text = path.read_text(encoding="utf-8-sig")
    assert _Reader(text.splitlines()).first_slip() is None
    assert pasted_space(text) is None


@pytest.mark.parametrize("text", [
    "a:\n- x\n- y\nb: 1\n",                                   # a list level with its key
    "a: 'one line\n  goes on here'\nb: 1\n",                  # quoted text over two lines
    'a: "say \\"hi\\" twice"\nb: 1\n',                          # escaped double quotes
    "a: 'it''s fine'\nb: 1\n",                                # a doubled apostrophe
    "a: >-\n  text: with a colon\n     and odd indentation\nb: 1\n",  # block text is not structure
    "a: plain text\n  that goes on\nb: 1\n",                  # plain text over two lines
    "a: [x, y]  # a comment\nb: {c: 1}\n",                     # flow collections
    "a:\n  # a comment at any indentation\n      # another\n  b: 1\n",
    "- a: 1\n  b: 2\n- c: 3\n",
    "a: 10\u00a0km\n",                                        # a non-breaking space inside text is text
])
def test_valid_shapes_hold_no_slip(text):
    yaml.safe_load(text)
    assert _Reader(text.splitlines()).first_slip() is None
    assert pasted_space(text) is None


def test_a_slip_after_the_line_the_parser_stopped_at_is_not_blamed():
    text = "a: [unclosed\nb: 1\nc 'x'\n"
    assert explain(text, line=2) is None


def _slip(write, text: str) -> InputError:
    with pytest.raises(InputError) as raised:
        load(write("plan.yaml", text))
    return raised.value


def test_an_unclosed_quote_is_reported_where_it_opens_not_where_the_file_ends(write):
    lines = ["agreement:", "  short_name: 'the Partnership", "  status: draft", *[f"  k{i}: v" for i in range(40)]]
    error = _slip(write, "\n".join(lines) + "\n")
    assert (error.line, error.column) == (2, 15)
    assert error.message.startswith("add the closing ' at the end of this text, or remove the opening one")


def test_a_missing_colon_is_reported_on_its_own_line_with_the_fix_written_out(write):
    error = _slip(write, "agreement:\n  title \"Riverside Partnership\"\n  status: draft\n")
    assert (error.line, error.column) == (2, 8)
    assert error.message.startswith('add a colon after `title`: write `title: "Riverside Partnership"`')


def test_a_key_indented_one_space_less_is_reported_on_its_line(write):
    text = ("parties:\n  - id: a\n    representatives:\n      - id: b\n        name: B\n"
            "       position: Chair\n        level: strategic\n")
    error = _slip(write, text)
    assert (error.line, error.column) == (6, 8)
    assert error.message.startswith("line this key up with `id:` on line 4 (column 9)")


def test_a_pasted_space_after_a_colon_is_named(write):
    error = _slip(write, "agreement:\n  title:\u00a0Riverside\n  status: draft\n")
    assert (error.line, error.column) == (2, 9)
    assert "after the colon" in error.message and "non-breaking space" in error.message


def test_a_narrow_space_is_named_by_its_code(write):
    error = _slip(write, "agreement:\n\u2003 title: Riverside\n")
    assert "U+2003" in error.message


def test_a_pasted_space_inside_quoted_text_over_lines_is_text(write):
    text = yaml.safe_dump({"agreement": {"title": "x\n\u00a0name: y"}}, allow_unicode=True)
    assert "\n    \u00a0name" in text  # a line of the quoted text that starts with the space
    assert load(write("plan.yaml", text)).data["agreement"]["title"] == "x\n\u00a0name: y"
