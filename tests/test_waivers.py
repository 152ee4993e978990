"""Waivers: each marks the findings of its own rule, at or under its path, with its reason, in every format.

The agreement here is the complete sample with three gaps made in it: no timescale on the first three dispute
stages (three AB108 warnings), no audit in the finance section (an AB105 warning) and no exit strategy (an AB111
error). Waivers are appended to it as YAML, so their line numbers are known. Only the findings of those rules
(and of AB004, the waivers' own) are compared: whatever else the sample draws is not these tests' business.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from support import SAMPLES

from agreement_builder.findings import Finding, Severity
from agreement_builder.lint import Found, apply_waivers, lint, validate
from agreement_builder.model import Agreement
from agreement_builder.source import load

STAGES = [f"/disputes/stages/{i}/timescale_days" for i in range(3)]
GAPS = [("AB105", "/finance/audit"), *(("AB108", stage) for stage in STAGES), ("AB111", "/exit_strategy")]
RULES_HERE = {"AB004", "AB105", "AB108", "AB111"}


def agreement_with_gaps(tmp_path: Path, waivers: str = "") -> tuple[Path, int]:
    """The sample with the gaps above and ``waivers`` (YAML list items) at the end; and the line they start on."""
    data = load(str(SAMPLES / "complete.yaml")).data
    for stage in data["disputes"]["stages"][:3]:
        del stage["timescale_days"]
    del data["finance"]["audit"]
    del data["exit_strategy"]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    first = text.count("\n") + 2
    path = tmp_path / "agreement.yaml"
    path.write_text(text + ("waivers:\n" + waivers if waivers else ""), encoding="utf-8")
    return path, first


def linted(path: Path) -> list[Finding]:
    return [f for f in lint(str(path)) if f.rule in RULES_HERE]


def findings(path: Path) -> list[tuple[str, str, str | None]]:
    return sorted((f.rule, f.path, f.waived) for f in linted(path))


def test_the_agreement_has_exactly_the_gaps_made_in_it(tmp_path: Path):
    path, _ = agreement_with_gaps(tmp_path)
    assert findings(path) == [(rule, where, None) for rule, where in GAPS]


def test_a_waiver_marks_every_finding_of_its_rule_and_no_other(tmp_path: Path):
    path, _ = agreement_with_gaps(tmp_path, "  - rule: AB108\n    reason: Timescales are set case by case.\n")
    reason = "Timescales are set case by case."
    assert findings(path) == [("AB105", "/finance/audit", None), *(("AB108", stage, reason) for stage in STAGES),
                              ("AB111", "/exit_strategy", None)]


def test_a_waiver_with_a_path_marks_only_the_finding_there(tmp_path: Path):
    path, _ = agreement_with_gaps(tmp_path, "  - rule: AB108\n    path: /disputes/stages/1\n    reason: Agreed.\n")
    waived = [(rule, where) for rule, where, reason in findings(path) if reason is not None]
    assert waived == [("AB108", STAGES[1])]


@pytest.mark.parametrize("scope", ["/disputes/stages", "/disputes/stages/", "/disputes"])
def test_a_waiver_with_a_path_marks_the_findings_under_it(scope: str, tmp_path: Path):
    path, _ = agreement_with_gaps(tmp_path, f"  - rule: AB108\n    path: {scope}\n    reason: Agreed.\n")
    waived = [where for _, where, reason in findings(path) if reason is not None]
    assert waived == STAGES


def test_a_waiver_for_another_rule_at_the_same_path_marks_nothing_there(tmp_path: Path):
    path, first = agreement_with_gaps(tmp_path, "  - rule: AB105\n    path: /disputes/stages/1\n    reason: No.\n")
    found = linted(path)
    assert [f for f in found if f.waived is not None] == []
    assert [(f.rule, f.line, f.path, f.severity) for f in found if f.rule == "AB004"] == [
        ("AB004", first, "/waivers/0", Severity.WARNING)]


def test_a_waiver_whose_path_only_begins_like_a_findings_path_marks_nothing(tmp_path: Path):
    # Eleven stages without a timescale: the waiver for stage 1 must not take stage 10's finding too.
    stages = "".join(f"    - name: Stage {i}\n" for i in range(11))
    path = tmp_path / "a.yaml"
    path.write_text("agreement:\n  title: T\nparties:\n  - {id: a, name: A, sector: health}\n"
                    "  - {id: b, name: B, sector: local_authority}\n"
                    f"disputes:\n  final_resolution: Independent mediation.\n  stages:\n{stages}"
                    "waivers:\n  - rule: AB108\n    path: /disputes/stages/1\n    reason: Agreed.\n", encoding="utf-8")
    waived = [f.path for f in lint(str(path)) if f.waived is not None]
    assert waived == ["/disputes/stages/1/timescale_days"]


def test_a_finding_already_waived_is_not_claimed_by_a_second_waiver(tmp_path: Path):
    path, first = agreement_with_gaps(tmp_path, "  - rule: AB105\n    reason: First.\n"
                                                "  - rule: AB105\n    reason: Second.\n")
    found = linted(path)
    assert [(f.rule, f.waived) for f in found if f.rule == "AB105"] == [("AB105", "First.")]
    unmatched = [f for f in found if f.rule == "AB004"]
    assert [(f.line, f.column, f.path, f.severity, f.message) for f in unmatched] == [
        (first + 2, 5, "/waivers/1", Severity.WARNING, "This waiver for AB105 matches no finding.")]


def test_a_second_waiver_claims_the_findings_on_both_sides_of_one_already_waived(tmp_path: Path):
    path, _ = agreement_with_gaps(tmp_path, "  - rule: AB108\n    path: /disputes/stages/1\n    reason: First.\n"
                                            "  - rule: AB108\n    reason: Second.\n")
    found = linted(path)
    assert [(f.path, f.waived) for f in found if f.rule == "AB108"] == [
        (STAGES[0], "Second."), (STAGES[1], "First."), (STAGES[2], "Second.")]
    assert not [f for f in found if f.rule == "AB004"]


def test_a_waiver_naming_a_rule_that_does_not_exist_is_a_warning_at_its_rule(tmp_path: Path):
    path, first = agreement_with_gaps(tmp_path, "  - rule: AB999\n    reason: Not relevant to us.\n"
                                                "  - rule: AB108\n    reason: Case by case.\n")
    found = linted(path)
    unknown = [f for f in found if f.rule == "AB004"]
    assert [(f.line, f.column, f.path, f.severity, f.message) for f in unknown] == [
        (first, 11, "/waivers/0/rule", Severity.WARNING, "This waiver names the rule 'AB999', which does not exist.")]
    # the waiver after it is still applied, and nothing is waived for the unknown rule
    assert {f.rule for f in found if f.waived is not None} == {"AB108"}


@pytest.mark.parametrize("ran", [None, {"AB108"}])
def test_an_unknown_rules_waiver_is_reported_once_whether_or_not_the_rules_run_are_known(ran, tmp_path: Path):
    data = Agreement.from_document(validate(str(_waivers_only(tmp_path, "AB999", "/x"))).document)
    assert _problems(apply_waivers(data, [], ran)) == [("AB004", "/waivers/0/rule")]


def test_a_waiver_that_matches_nothing_is_reported_unless_its_rule_did_not_run(tmp_path: Path):
    data = Agreement.from_document(validate(str(_waivers_only(tmp_path, "AB108", "/x"))).document)
    assert _problems(apply_waivers(data, [], None)) == [("AB004", "/waivers/0")]
    assert _problems(apply_waivers(data, [], {"AB108"})) == [("AB004", "/waivers/0")]
    assert _problems(apply_waivers(data, [], {"AB105"})) == []


def test_waived_findings_do_not_fail_the_run_and_are_counted(cli, tmp_path: Path):
    path, _ = agreement_with_gaps(tmp_path, "  - rule: AB111\n    reason: The partners will end it by agreement.\n")
    run = cli("lint", str(path))
    assert run.exit_code == 0, run
    summary = run.stdout.splitlines()[-1]
    assert summary.startswith("0 errors, ") and "(1 waived" in summary, summary
    assert cli("lint", str(agreement_with_gaps(tmp_path / "..", "")[0])).exit_code == 1


# ---------------------------------------------------------------- the reason, in every output format

REASON = 'The partners end it by agreement & "in writing" <always>.'
WAIVER = f"  - rule: AB111\n    reason: '{REASON}'\n"


@pytest.fixture
def waived_run(cli, tmp_path: Path):
    path, _ = agreement_with_gaps(tmp_path, WAIVER)
    return lambda fmt: cli("lint", "--format", fmt, str(path))


def test_text_output_gives_the_reason_beside_the_waived_finding(waived_run):
    lines = [line for line in waived_run("text").stdout.splitlines() if "AB111" in line]
    assert len(lines) == 1 and lines[0].endswith(f" (waived: {REASON})")


def test_json_output_gives_the_reason_of_the_waived_finding_and_none_for_the_others(waived_run):
    report = json.loads(waived_run("json").stdout)
    assert {(f["rule"], f["waived"]) for f in report["findings"] if f["rule"] in RULES_HERE} == {
        ("AB105", None), ("AB108", None), ("AB111", REASON)}
    assert report["summary"]["waived"] == 1


def test_sarif_output_gives_the_reason_as_the_suppressions_justification(waived_run):
    results = json.loads(waived_run("sarif").stdout)["runs"][0]["results"]
    suppressed = {r["ruleId"]: r.get("suppressions") for r in results}
    assert suppressed["AB111"] == [{"kind": "inSource", "justification": REASON}]
    assert suppressed["AB105"] is None and suppressed["AB108"] is None


def test_junit_output_gives_the_reason_as_the_skip_message(waived_run):
    root = ET.fromstring(waived_run("junit").stdout)
    skipped = [case for case in root.iter("testcase") if case.find("skipped") is not None]
    assert len(skipped) == 1 and "AB111" in (skipped[0].get("name") or "")
    assert skipped[0].find("skipped").get("message") == f"waived: {REASON}"  # type: ignore[union-attr]


def test_github_output_leaves_a_waived_finding_out(waived_run):
    # Annotations are for what still needs attention; a waived finding is reported by the other formats.
    lines = [line for line in waived_run("github").stdout.splitlines() if "title=AB1" in line]
    assert len(lines) == 4 and not [line for line in lines if "title=AB111" in line]


# ---------------------------------------------------------------- helpers for apply_waivers itself


def _waivers_only(tmp_path: Path, rule: str, scope: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text("agreement:\n  title: T\nparties:\n  - id: a\n    name: A\n    sector: health\n"
                    f"waivers:\n  - rule: {rule}\n    path: {scope}\n    reason: Agreed.\n", encoding="utf-8")
    return path


def _problems(result: tuple[list[Found], list[Finding]]) -> list[tuple[str, str]]:
    active, waived = result
    assert waived == []
    return [(item.finding.rule, item.finding.path) for item in active]
