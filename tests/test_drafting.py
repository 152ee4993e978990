"""Drafting: the clause library's table (library.py) and which templates render for each kind and jurisdiction."""

from __future__ import annotations

from importlib import resources

import pytest

from agreement_builder import library
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
