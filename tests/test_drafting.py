"""Drafting: the clause library's table (library.py) and which templates render for each kind and jurisdiction."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from agreement_builder import library, schema
from agreement_builder.model import KINDS

SHIPPED = {p.name.removesuffix(".xml.j2") for p in resources.files("agreement_builder.templates").joinpath(
    "clauses").iterdir() if p.name.endswith(".xml.j2")}
JURISDICTIONS = ("generic", "scotland", "england", "wales", "northern_ireland")


@pytest.mark.parametrize("kind", KINDS)
def test_every_clause_of_every_kind_has_a_shipped_template_in_every_jurisdiction(kind):
    for jurisdiction in JURISDICTIONS:
        for key in library.LAYOUTS[kind] + ("signatures", "docquet", "front"):
            assert library.template(key, kind, jurisdiction) in SHIPPED, (key, kind, jurisdiction)


def test_every_variant_and_schedule_has_a_shipped_template():
    assert set(library.VARIANTS.values()) <= SHIPPED
    for listed in library.SCHEDULES.values():
        for key, _ in listed:
            assert f"schedule-{key}" in SHIPPED
    assert {"additional", "schedule-own"} <= SHIPPED


def test_only_a_living_register_becomes_an_annex_and_only_when_registers_are_kept_separate():
    listed, annexed = library.schedules("agreement", "separate")
    assert {key for key, _ in annexed} == set(library.LIVING_REGISTERS)
    assert not {key for key, _ in listed} & library.LIVING_REGISTERS
    listed, annexed = library.schedules("agreement", "schedules")
    assert annexed == () and {key for key, _ in listed} >= library.LIVING_REGISTERS


def test_the_starter_shows_every_legal_default_the_schema_gives():
    starter = yaml.safe_load((Path(__file__).resolve().parents[1] / "templates" / "starter.yaml").read_text("utf-8"))
    written = starter["legal"]

    def defaults(node, path=()):
        for key, field in node.get("properties", {}).items():
            if "default" in field:
                yield path + (key,), field["default"]
            elif field.get("type") == "object":
                yield from defaults(field, path + (key,))

    for path, default in defaults(schema.schema()["properties"]["legal"]):
        value = written
        for key in path:
            value = value[key]
        assert value == default, path
