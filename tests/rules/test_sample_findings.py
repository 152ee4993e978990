"""The briefing rules against the samples: the complete one is clean, and each gap is reported where it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import SAMPLES

from agreement_builder.findings import Severity
from agreement_builder.lint import lint
from agreement_builder.model import ELEMENTS
from agreement_builder.rules import RULES
from agreement_builder.source import load

COMPLETE = SAMPLES / "complete.yaml"
FIRST_DRAFT = SAMPLES / "first-draft.yaml"
ELEMENT_RULES = {rule.element: rule.id for rule in RULES.values() if rule.element}

def _described(findings: list) -> str:
    return "\n".join(f"{f.location}: {f.rule} [{f.severity}] {f.message}" for f in findings)


def _briefing(findings: list) -> list:
    return [f for f in findings if f.waived is None and RULES[f.rule].pack == "briefing"]


def test_the_complete_sample_meets_the_whole_briefing():
    found = _briefing(lint(str(COMPLETE)))
    assert found == [], _described(found)


def test_the_complete_sample_leaves_no_legal_essential_undecided():
    # It states its kind, each party's legal status, its liability and data protection choices (issue 11).
    found = {(f.rule, f.severity, f.path) for f in lint(str(COMPLETE)) if f.waived is None}
    assert found == set()


@pytest.mark.parametrize("element", ELEMENTS)
def test_removing_one_section_from_the_complete_sample_is_an_error_naming_it(element: str, tmp_path: Path):
    data = load(str(COMPLETE)).data
    del data[element]
    path = tmp_path / "agreement.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    found = lint(str(path))
    errors = [f for f in _briefing(found) if f.severity == Severity.ERROR]
    assert [(f.rule, f.path) for f in errors] == [(ELEMENT_RULES[element], f"/{element}")], _described(found)
    assert f"`{element}`" in errors[0].hint


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
    undescribed = {("AB104", Severity.WARNING, f"/roles/individuals/{i}/description")
                   for i, role in enumerate(roles) if not role.get("description")}
    assert undescribed
    assert {f for f in first_draft if f[0] == "AB104" and f[2].startswith("/roles/")} == undescribed


def test_the_first_draft_has_no_briefing_error_beyond_its_two_missing_elements(first_draft):
    assert {f[0] for f in first_draft if f[1] == Severity.ERROR and f[0].startswith("AB")} == {"AB108", "AB111"}


def test_the_first_draft_is_told_the_legal_essentials_it_leaves_out(first_draft):
    legal = {(f[0], f[2]) for f in first_draft if f[0].startswith("LG")}
    assert {("LG102", "/legal/governing_law"), ("LG103", "/term/duration"), ("LG104", "/term/termination"),
            ("LG105", "/legal/liability"), ("LG106", "/legal/data_protection/roles")} <= legal
