"""The form comes from the schema: every field of the real schema, and every construct a schema may use."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import escape
from serving import SAMPLES

from agreement_builder.lint import validate
from agreement_builder.schema import schema
from agreement_builder.serve.form import Field, FormBuilder
from agreement_builder.serve.page import Page
from agreement_builder.serve.schema_walk import defined_ids
from agreement_builder.serve.store import State

# A schema that uses every construct the form must draw, none of them named in the form's code.
SYNTHETIC: dict[str, Any] = {
    "$defs": {
        "member": {"title": "Member", "type": "object", "required": ["code"], "properties": {
            "code": {"title": "Code", "type": "string", "pattern": "^[a-z]+$", "x-id-of": "member"},
            "label": {"type": "string", "description": "What the member is called."},
        }},
    },
    "type": "object",
    "properties": {
        "$schema": {"type": "string"},
        "basics": {"title": "Basics", "type": "object", "properties": {
            "kind": {"type": "string", "enum": ["deed", "simple_contract"], "x-enum-titles": ["A deed", "A contract"]},
            "flavour": {"type": "string", "enum": ["sweet_and_sour", "plain"]},
            "signed": {"type": "boolean"},
            "copies": {"type": "integer", "minimum": 1},
            "share": {"type": "number"},
            "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "story": {"type": "string", "description": "Free text, `with code`."},
            "nested": {"type": "object", "properties": {"deeper": {"type": "string"}}},
        }},
        "members": {"title": "Members", "type": "array", "items": {"$ref": "#/$defs/member"}},
        "tags": {"type": "array", "items": {"type": "string"}},
        "leader": {"type": "string", "x-refers-to": ["member"]},
        "term": {"title": "Term", "oneOf": [
            {"title": "In words", "type": "string"},
            {"title": "In detail", "type": "object", "properties": {"years": {"type": "integer"}}},
        ]},
        "extent": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
        "maybe": {"type": ["string", "null"]},
        "anything": {"description": "No type at all."},
    },
}


def _walk(fields: list[Field]) -> dict[str, Field]:
    found: dict[str, Field] = {}
    for f in fields:
        found.setdefault(f.pointer, f)
        found.update({k: v for k, v in _walk(f.children).items() if k not in found})
    return found


def _form(schema_: dict[str, Any], data: Any) -> dict[str, Field]:
    return _walk(FormBuilder(schema_, defined_ids(schema_, data)).sections(data))


def test_every_construct_of_a_schema_gets_its_control() -> None:
    data = {"members": [{"code": "ann", "label": "Ann"}, {"code": "bob"}], "leader": "bob",
            "term": {"years": 3}, "extent": "wide", "anything": {"a": [1]}, "tags": ["one"],
            "basics": {"kind": "deed", "signed": False, "copies": 2}}
    form = _form(SYNTHETIC, data)
    widgets = {path: f.widget for path, f in form.items()}
    assert widgets["/basics"] == "object" and widgets["/basics/nested"] == "object"
    assert widgets["/basics/nested/deeper"] == "text"
    assert widgets["/basics/kind"] == "choice" and widgets["/basics/signed"] == "boolean"
    assert widgets["/basics/copies"] == "number" and widgets["/basics/share"] == "number"
    assert widgets["/basics/code"] == "line" and widgets["/basics/story"] == "text"
    assert widgets["/members"] == "array" and widgets["/members/0"] == "object"
    assert widgets["/members/0/code"] == "line" and widgets["/tags/0"] == "text"
    assert widgets["/leader"] == "reference" and widgets["/term"] == "alternatives"
    assert widgets["/extent"] == "alternatives" and widgets["/maybe"] == "text"
    assert widgets["/anything"] == "raw"
    assert "/$schema" not in widgets


def test_choices_read_as_words_and_follow_the_schemas_own_titles_when_given() -> None:
    form = _form(SYNTHETIC, {})
    assert [c.label for c in form["/basics/kind"].choices] == ["A deed", "A contract"]
    assert [c.label for c in form["/basics/flavour"].choices] == ["Sweet and sour", "Plain"]


def test_a_reference_offers_the_ids_the_file_defines() -> None:
    form = _form(SYNTHETIC, {"members": [{"code": "ann"}, {"code": "bob"}], "leader": "carol"})
    leader = form["/leader"]
    assert [c.value for c in leader.choices] == ["ann", "bob", "carol"]
    assert leader.choices[-1].label == "carol (not one of the choices)"  # shown, so it is not lost


def test_an_alternative_is_chosen_by_the_shape_of_the_value() -> None:
    assert _form(SYNTHETIC, {"term": "Five years"})["/term"].alternative == 0
    detailed = _form(SYNTHETIC, {"term": {"years": 5}})["/term"]
    assert detailed.alternative == 1 and detailed.children[0].widget == "object"
    assert [c.label for c in detailed.choices] == ["In words", "In detail"]


def test_a_value_of_the_wrong_shape_is_shown_whole_rather_than_lost() -> None:
    form = _form(SYNTHETIC, {"basics": {"story": ["a", "list"]}, "surprise": 1})
    assert form["/basics/story"].widget == "raw" and form["/basics/story"].value == ["a", "list"]
    assert form["/surprise"].unknown


def test_every_section_and_field_of_the_agreement_schema_is_in_the_form() -> None:
    agreement = schema()
    form = _form(agreement, {})
    for key in agreement["properties"]:
        if not key.startswith("$"):
            assert f"/{key}" in form, key
    assert form["/parties"].item_label == "Party"
    assert form["/agreement/arrangement_type"].widget == "choice"
    assert form["/accountability/overarching_body"].widget == "reference"


def test_a_field_added_to_the_schema_appears_without_any_change_to_the_form() -> None:
    agreement = schema()
    agreement["properties"]["recitals"] = {"title": "Recitals", "type": "array",
                                           "items": {"type": "string", "title": "Recital"}}
    agreement["properties"]["agreement"]["properties"]["instrument"] = {"type": "string", "enum": ["deed", "contract"]}
    form = _form(agreement, {"recitals": ["Whereas the partners wish to work together."]})
    assert form["/recitals"].widget == "array" and form["/recitals/0"].label == "Recital 1"
    assert form["/agreement/instrument"].widget == "choice"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".json")))
def test_each_sample_draws_with_a_labelled_control_for_every_value(sample: str) -> None:
    checked = validate(str(SAMPLES / sample))
    assert checked.document is not None
    data = checked.document.data
    agreement = schema()
    html = Page(agreement).render(State("r", data, [], defined_ids(agreement, data)), SAMPLES / sample, "t")
    form = _form(agreement, data)
    controls = [f for f in form.values() if f.widget not in ("object", "array", "alternatives")]
    for f in controls:
        assert f'<label for="{f.dom_id}">' in html, f.pointer
    texts = [f for f in controls if isinstance(f.value, str)]
    assert len({f.dom_id for f in controls}) == len(controls)
    assert texts and all(str(escape(f.text)) in html for f in texts)
