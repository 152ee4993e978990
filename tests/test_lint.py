"""The checking pipeline itself: what stops it, what an empty file gives, when the rules run, which packs run,
what free clauses cover and how the reports of one gap become one finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import ROOT, SAMPLES

from agreement_builder.errors import UnreadableError
from agreement_builder.findings import Severity
from agreement_builder.lint import _ask, lint, lint_agreement, lint_checked, lint_file, lint_many, run, validate
from agreement_builder.model import Agreement
from agreement_builder.rules import RULES
from agreement_builder.rules.base import Issue

CASES = ROOT / "tests" / "cases"


def test_an_input_that_cannot_be_read_stops_the_check_rather_than_becoming_a_finding(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("not a folder")
    with pytest.raises(UnreadableError, match="cannot be read"):
        validate(str(tmp_path / "notes.txt" / "agreement.yaml"))


@pytest.mark.parametrize("text", ["", "# only a comment\n", "   \n\n"])
def test_a_file_with_no_agreement_in_it_is_one_error_at_its_start(text: str, tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text(text, encoding="utf-8")
    checked = validate(str(path))
    assert not checked.valid
    assert [(f.rule, f.line, f.column, f.severity, f.message) for f in checked.findings] == [
        ("AB001", 1, 1, Severity.ERROR, "is empty: it holds no agreement")]
    assert lint(str(path)) == checked.findings


def test_a_shape_error_stops_the_rules(tmp_path: Path):
    found = lint(str(CASES / "structure-unknown-top-level-key.yaml"))
    assert {f.rule for f in found} == {"AB002"}


def test_a_dangling_reference_does_not_stop_the_rules():
    found = lint(str(CASES / "structure-dangling-reference.yaml"))
    assert [(f.rule, f.line) for f in found if f.rule.startswith("AB00")] == [("AB003", 14)]
    assert {"AB101", "AB108"} <= {f.rule for f in found}  # the rules ran, and found the sections missing


MINIMAL = CASES / "valid-minimal-agreement.yaml"


def write_agreement(tmp_path: Path, meta: dict | None = None, **sections: object) -> str:
    """The smallest valid agreement as JSON, with ``meta`` added to its `agreement` and ``sections`` beside it."""
    data = {"agreement": {"title": "Northvale Partnership Agreement", **(meta or {})},
            "parties": [{"id": "nvc", "name": "Northvale Council", "sector": "local_authority"},
                        {"id": "nhb", "name": "Northvale Health Board", "sector": "health"}], **sections}
    path = tmp_path / "agreement.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("key", "name"), [("partnership_name", "Schedules"), ("partnership_name", "the Annexes"),
                                           ("partnership_name", "Party"), ("short_name", "the Agreement")])
def test_a_name_the_document_uses_for_itself_or_its_parts_is_refused_under_either_key(key: str, name: str,
                                                                                         tmp_path: Path):
    checked = validate(write_agreement(tmp_path, {key: name}))
    assert [(f.rule, f.severity, f.path) for f in checked.findings] == [("AB002", Severity.ERROR, f"/agreement/{key}")]


def test_rule_packs_chosen_through_any_entry_point_keep_the_briefing_pack():
    name = str(MINIMAL)
    checked = validate(name)
    agreement = Agreement.from_document(checked.document)
    briefing = {rule.id for rule in RULES.values() if rule.pack == "briefing"}
    assert lint_file(name, packs=["legal"]).packs == ("briefing", "legal")
    assert run(agreement, packs=["legal"]).packs == ("briefing", "legal")
    assert [linted.packs for linted in lint_many([name], packs=["legal"])] == [("briefing", "legal")]
    assert briefing & {f.rule for f in lint_checked(checked, packs=["legal"])}
    assert briefing & {f.rule for f in lint_agreement(agreement, packs=["legal"])}
    assert not briefing & {f.rule for f in lint_agreement(agreement, packs=["legal"], briefing=False)}


@pytest.mark.parametrize(("meta", "where", "facts"), [
    ({"jurisdiction": "scotland"}, "/agreement/jurisdiction", "jurisdiction scotland"),
    ({"jurisdiction": "england", "arrangement_type": "strategic_partnership"}, "/agreement/arrangement_type",
     "jurisdiction england, arrangement strategic_partnership"),
])
def test_a_chosen_statutory_pack_that_does_not_fit_points_at_what_rules_it_out(meta: dict, where: str, facts: str,
                                                                                tmp_path: Path):
    found = lint(write_agreement(tmp_path, meta), packs=["england-s75"])
    [misfit] = [f for f in found if f.rule == "AB010"]
    assert (misfit.path, misfit.severity) == (where, Severity.WARNING)
    assert misfit.message.startswith(f"The england-s75 rules are for section 75 agreements in England (a pooled "
                                     f"budget, integrated provision, an integrated team or lead commissioning); this "
                                     f"agreement ({facts}) is not one, so they were not run.")
    assert not [f for f in found if f.rule.startswith("EN")]


def test_the_checks_of_the_input_cite_no_source_and_no_clause_can_cover_them(tmp_path: Path):
    clause = {"title": "Names", "text": "The partnership is called the Northvale Partnership.", "covers": ["AB007"]}
    found = lint(write_agreement(tmp_path, {"short_name": "the Northvale Partnership"}, additional_clauses=[clause]))
    [renamed] = [f for f in found if f.rule == "AB007"]
    assert renamed.sources == () and renamed.waived is None
    assert all(f.sources for f in found if RULES[f.rule].pack != "input")


COVERED = {"title": "Monitoring", "text": "The board reviews the partnership's performance each quarter."}


@pytest.mark.parametrize(("covers", "confirmed"), [("AB211", ("AB211",)), ("AB201", None)])
def test_a_clause_covering_only_advice_asks_nothing_but_one_covering_a_note_asks_to_confirm_it(
        covers: str, confirmed: tuple[str, ...] | None, tmp_path: Path):
    found = lint(write_agreement(tmp_path, additional_clauses=[{**COVERED, "covers": covers}]))
    assert not [f for f in found if f.rule == covers]
    assert [f.also for f in found if f.rule == "AB009"] == ([confirmed] if confirmed else [])


def test_a_clause_covering_only_advice_does_not_stop_the_next_clause_asking_to_confirm(tmp_path: Path):
    found = lint(write_agreement(tmp_path, additional_clauses=[{**COVERED, "covers": "AB201"},
                                                               {**COVERED, "covers": "AB211"}]))
    assert [(f.path, f.also) for f in found if f.rule == "AB009"] == [("/additional_clauses/1/covers", ("AB211",))]


def test_the_confirmation_a_covering_clause_asks_is_left_out_when_that_check_is_not_selected(tmp_path: Path):
    agreement = Agreement.from_document(validate(write_agreement(
        tmp_path, additional_clauses=[{**COVERED, "covers": "AB211"}])).document)
    assert "AB009" in {f.rule for f in run(agreement).findings}
    assert "AB009" not in {f.rule for f in run(agreement, wants=lambda rule: rule != "AB009").findings}


def test_what_a_covering_clause_must_do_is_asked_as_a_sentence():
    assert _ask(Issue(("term",), "Say how long the agreement lasts")) == "Say how long the agreement lasts."
    assert _ask(Issue(("term",), "Say how long.", confirm=" It says how long the agreement lasts. ")) == (
        "It says how long the agreement lasts.")


def test_two_gaps_one_rule_finds_at_one_path_stay_two_findings():
    found = [f for f in lint(str(MINIMAL)) if f.path == "/parties"]
    assert [(f.rule, f.severity) for f in found] == [("AB201", Severity.ADVICE)] * 2
    assert found[0].message != found[1].message


def test_a_note_about_a_gap_with_a_warning_is_folded_into_it_without_being_cited():
    found = [f for f in lint(str(SAMPLES / "first-draft.yaml")) if f.path == "/parties/2"]
    assert [(f.rule, f.severity, f.also) for f in found] == [("AB213", Severity.WARNING, ())]
