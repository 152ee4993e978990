"""The input pack's checks of how the file was typed: curly quotes pasted round a value (AB005), and a ` #` in
unquoted text that cut the rest of the line off as a comment (AB006). They run whatever packs are chosen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from harness import check

from agreement_builder.library import LAYOUTS
from agreement_builder.lint import lint
from agreement_builder.rules.input_renamed import _matches, deprecated
from agreement_builder.schema import shared


def test_curly_quotes_round_a_value_are_reported_with_the_straight_ones_to_type(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: “Northvale Partnership Agreement”
          short_name: ‘the Partnership’
          model: A board that meets in “open” session
        """, "AB005")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 10, "/agreement/title"),
                                                           (3, 15, "/agreement/short_name")]
    assert found[0].message.startswith('replace the curly quotes around this text with straight ones (")')
    assert "(')" in found[1].message
    assert {f.hint for f in found} == {""}  # the message says what to type: there is no key to add


def test_a_hash_after_one_space_in_unquoted_text_is_reported(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Partnership Agreement
          short_name: the Partnership #1
          status: draft                  # draft | final
          model: "Quoted #text keeps its hash"
        behaviours:
          - Partners reply within 5 days #fast
          - Partners share data # a real comment
        purpose:
          vision: >-
            Older people live well #athome, in block text
        """, "AB006")
    assert [(f.line, f.path) for f in found] == [(3, "/agreement/short_name"), (7, "/behaviours/0")]
    assert found[0].message.startswith('put this text in quotes to keep "#1"')
    assert {f.hint for f in found} == {""}


def test_the_input_checks_run_whatever_pack_is_chosen(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text("agreement:\n  title: “Northvale”\nparties:\n  - id: a\n    name: A\n    sector: health\n"
                    "  - id: b\n    name: B\n    sector: housing\n", encoding="utf-8")
    assert "AB005" in {f.rule for f in lint(str(path), ["england-s75"])}


def test_a_hash_is_found_on_its_own_line_after_a_blank_first_line_and_not_inside_block_text(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text("\nagreement:\n  title: Phase #1\n  model: |\n    Note: phase #2 comes later\nparties:\n"
                    "  - id: a\n    name: A\n    sector: health\n  - id: b\n    name: B\n    sector: housing\n",
                    encoding="utf-8")
    found = [f for f in lint(str(path)) if f.rule == "AB006"]
    assert [(f.line, f.path) for f in found] == [(3, "/agreement/title")]


def test_a_hash_after_block_text_that_looks_like_a_key_is_still_found(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text("agreement:\n  model: |\n    Note: phase #2 comes later\n  title: Phase #1\nparties:\n"
                    "  - id: a\n    name: A\n    sector: health\n  - id: b\n    name: B\n    sector: housing\n",
                    encoding="utf-8")
    assert [(f.line, f.path) for f in lint(str(path)) if f.rule == "AB006"] == [(4, "/agreement/title")]


def test_a_clause_may_cover_any_clause_a_kind_of_document_is_drafted_with(tmp_path: Path):
    names = sorted({key for layout in LAYOUTS.values() for key in layout})
    found = check(tmp_path, f"""
        additional_clauses:
          - title: Our own clauses
            text: The partners' own wording.
            covers: [{", ".join(names)}]
        """, "AB008")
    assert found == []
    assert {"general", "commencement", "claims"} <= set(names)


@pytest.mark.parametrize("name", ["notices", "severability", "waiver", "assignment", "counterparts",
                                  "electronic_signature", "force_majeure", "jurisdiction", "interpretation",
                                  "recitals", "execution", "standards", "health_and_safety", "procurement",
                                  "capital_and_assets", "staff"])
def test_a_clause_may_cover_a_part_of_the_legal_clauses_by_its_name(name: str, tmp_path: Path):
    found = check(tmp_path, f"""
        additional_clauses:
          - title: Our own clause
            text: The partners' own wording.
            covers: {name}
        """, "AB008")
    assert found == []


def test_a_misspelt_clause_name_is_told_the_clause_it_most_likely_means(tmp_path: Path):
    [found] = check(tmp_path, """
        additional_clauses:
          - title: General
            text: The partners' own wording.
            covers: genral
        """, "AB008")
    assert "(did you mean 'general'?)" in found.message


def test_a_clause_may_cover_any_section_and_any_key_one_or_two_levels_inside_one(tmp_path: Path):
    sections = sorted(k for k in shared()["properties"] if not k.startswith("$"))
    found = check(tmp_path, f"""
        additional_clauses:
          - title: Our own clauses
            text: The partners' own wording.
            covers: [{", ".join(sections)}, chief_officer, escalation, controller, period_months, manager]
        """, "AB008")
    assert found == []


def test_each_unknown_name_in_a_list_is_reported_after_known_ones_and_without_a_guess_when_none_is_near(
        tmp_path: Path):
    found = check(tmp_path, """
        additional_clauses:
          - title: Ours
            text: The partners' own wording.
            covers: [finance, qqqqzzzz]
        """, "AB008")
    assert [(f.path, f.message) for f in found] == [(
        "/additional_clauses/0/covers/1",
        "The clause 'Ours' says it covers 'qqqqzzzz', which the tool does not know: it covers nothing.")]


@pytest.mark.parametrize(("value", "line", "column"), [("“Northvale”", 2, 10), ("“”", 2, 10)])
def test_double_curly_quotes_alone_or_empty_are_reported(value: str, line: int, column: int, tmp_path: Path):
    found = check(tmp_path, f"""
        agreement:
          title: {value}
        """, "AB005")
    assert [(f.line, f.column) for f in found] == [(line, column)]


def test_deprecated_keys_are_found_inside_list_items_and_through_references_once():
    root = {
        "$defs": {"person": {"type": "object", "properties": {
            "phone": {"type": "string", "deprecated": True, "x-replaced-by": "telephone"},
            "deputy": {"$ref": "#/$defs/person"}}}},  # refers to itself: followed no further
        "type": "object",
        "properties": {
            "lead": {"$ref": "#/$defs/person"},
            "members": {"type": "array", "items": {"$ref": "#/$defs/person"}},
            "old": {"type": "string", "deprecated": True},
        },
    }
    assert sorted(deprecated(root)) == [(("lead", "phone"), "telephone"), (("members", "*", "phone"), "telephone"),
                                        (("old",), "")]


def test_a_pattern_with_list_items_matches_each_item_and_only_in_a_list():
    data = {"a": [{"b": 1}, {"c": 2}, {"b": 3}], "d": {"x": {"b": 4}}}
    assert list(_matches(data, ("a", "*", "b"))) == [("a", 0, "b"), ("a", 2, "b")]
    assert list(_matches(data, ("d", "*", "b"))) == []
    assert list(_matches(data, ("a", "b"))) == []
    assert list(_matches(data, ())) == [()]


@pytest.mark.parametrize("name", ["plan.json", "-"])
def test_a_json_line_that_looks_like_unquoted_yaml_text_is_not_taken_for_a_comment(tmp_path: Path, monkeypatch,
                                                                                   name: str):
    text = ('{"agreement": {"title": "T"}, "parties": [{"id": "a", "name": "A", "sector": "health"}\n'
            ', {"id": "b", "name": "Stage: one #1", "sector": "housing"}]}')
    if name == "-":  # JSON on standard input is known by its first character, not by a name
        monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": io.BytesIO(text.encode())})())
    else:
        name = str(tmp_path / name)
        Path(name).write_text(text, encoding="utf-8")
    assert [f for f in lint(name) if f.rule == "AB006"] == []


def test_curly_quotes_spelt_with_escapes_are_reported_too(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: "\\u201cNorthvale Partnership Agreement\\u201d"
        """, "AB005")
    assert [(f.line, f.path) for f in found] == [(2, "/agreement/title")]


def test_curly_quotes_are_reported_in_a_file_that_holds_every_kind_of_opening_quote(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: “Northvale Partnership Agreement”
          model: A „model“ and a ‘board’ and «terms»
        """, "AB005")
    assert [f.path for f in found] == ["/agreement/title"]
