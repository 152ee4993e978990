"""The briefing rules against the samples: the complete one is clean, and each gap is reported where it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import SAMPLES

from agreement_builder.findings import Severity
from agreement_builder.lint import REFERENCE, lint
from agreement_builder.model import ELEMENTS
from agreement_builder.rules import RULES
from agreement_builder.source import load

COMPLETE = SAMPLES / "complete.yaml"
FIRST_DRAFT = SAMPLES / "first-draft.yaml"
ELEMENT_RULES = {rule.element: rule.id for rule in RULES.values() if rule.element}

def _described(findings: list) -> str:
    return "\n".join(f"{f.location}: {f.rule} [{f.severity}] {f.message}" for f in findings)


def test_the_complete_sample_lints_without_a_single_finding():
    found = [f for f in lint(str(COMPLETE)) if f.waived is None]
    assert found == [], _described(found)


@pytest.mark.parametrize("element", ELEMENTS)
def test_removing_one_section_from_the_complete_sample_is_an_error_naming_it(element: str, tmp_path: Path):
    data = load(str(COMPLETE)).data
    del data[element]
    path = tmp_path / "agreement.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    found = lint(str(path))
    errors = [f for f in found if f.severity == Severity.ERROR and f.rule != REFERENCE]
    assert [(f.rule, f.path) for f in errors] == [(ELEMENT_RULES[element], f"/{element}")], _described(found)
    assert f"`{element}`" in errors[0].message


@pytest.fixture(scope="module")
def first_draft() -> set[tuple[str, Severity, str]]:
    return {(f.rule, f.severity, f.path) for f in lint(str(FIRST_DRAFT))}


def test_the_first_draft_is_told_it_has_no_exit_strategy(first_draft):
    assert ("AB111", Severity.ERROR, "/exit_strategy") in first_draft


def test_the_first_draft_is_told_it_has_no_dispute_protocol(first_draft):
    assert ("AB108", Severity.ERROR, "/disputes") in first_draft


def test_the_first_draft_is_told_its_complaints_procedure_leaves_out_staff(first_draft):
    assert ("AB110", Severity.WARNING, "/complaints/staff") in first_draft
    assert ("AB110", Severity.WARNING, "/complaints/public") not in first_draft


def test_the_first_draft_is_told_each_role_it_has_not_described(first_draft):
    roles = load(str(FIRST_DRAFT)).data["roles"]["individuals"]
    undescribed = {("AB104", Severity.WARNING, f"/roles/individuals/{i}")
                   for i, role in enumerate(roles) if not role.get("description")}
    assert undescribed
    assert {f for f in first_draft if f[0] == "AB104" and f[2].startswith("/roles/")} == undescribed


def test_the_first_draft_has_no_error_beyond_its_two_missing_elements(first_draft):
    assert {f[0] for f in first_draft if f[1] == Severity.ERROR} == {"AB108", "AB111"}
