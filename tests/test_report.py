"""Reporters: each format is well-formed, and SARIF passes the official 2.1.0 schema."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from support import ROOT

from agreement_builder.findings import Finding, Result, Severity
from agreement_builder.report import EXCERPT_WIDTH, REPORTERS, GithubReporter, View, excerpt, summary
from agreement_builder.rules import RULES

SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"


def _result() -> Result:
    result = Result()
    result.add("drafts/a.yaml", [
        Finding("drafts/a.yaml", 3, 5, "AB101", Severity.ERROR, "purpose is missing <&> \"here\"", "/purpose"),
        Finding("drafts/a.yaml", 1, 1, "AB002", Severity.WARNING, "a, b: c\nd%", ""),
        Finding("drafts/a.yaml", 9, 2, "AB101", Severity.INFO, "waived one", "/x", waived="we accept it"),
        Finding("drafts/a.yaml", 12, 3, "EN106", Severity.ERROR, "Say how long the agreement lasts.", "/term/duration",
                hint="add `term.duration`", also=("LG103",),
                sources=("SI 2000/617 reg. 7(3)(f)", "The term of the agreement")),
        Finding("drafts/a.yaml", 20, 1, "AB220", Severity.ADVICE, "Consider agreeing behaviours.", "/behaviours"),
    ], ("briefing", "legal", "england-s75"))
    result.add("clean.json", [], ("briefing", "legal"))
    return result


def test_sarif_passes_the_official_schema():
    log = json.loads(REPORTERS["sarif"](RULES.values()).render(_result()))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.validators.validator_for(schema))
    driver = log["runs"][0]["tool"]["driver"]
    assert {r["id"] for r in driver["rules"]} == set(RULES)
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in driver["rules"])
    results = log["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}
    [waived] = [r for r in results if r.get("suppressions")]
    assert waived["suppressions"] == [{"kind": "inSource", "justification": "we accept it"}]
    assert waived["locations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 2}


def test_json_report_lists_findings_and_a_summary():
    report = json.loads(REPORTERS["json"](RULES.values()).render(_result()))
    assert report["files"] == ["drafts/a.yaml", "clean.json"]
    assert report["summary"] == {"error": 2, "warning": 1, "info": 0, "advice": 1, "waived": 1}
    assert report["findings"][0]["rule"] == "AB002"
    [merged] = [f for f in report["findings"] if f["rule"] == "EN106"]
    assert (merged["hint"], merged["also"], merged["sources"]) == (
        "add `term.duration`", ["LG103"], ["SI 2000/617 reg. 7(3)(f)", "The term of the agreement"])
    assert report["packs"] == {"drafts/a.yaml": ["briefing", "legal", "england-s75"],
                               "clean.json": ["briefing", "legal"]}


def test_sarif_reports_advice_as_a_note_and_a_merged_finding_with_its_sources():
    results = json.loads(REPORTERS["sarif"](RULES.values()).render(_result()))["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert by_rule["AB220"]["level"] == "note" and by_rule["AB220"]["properties"]["severity"] == "advice"
    assert by_rule["EN106"]["properties"] == {"severity": "error", "hint": "add `term.duration`",
                                              "sources": ["SI 2000/617 reg. 7(3)(f)", "The term of the agreement"],
                                              "also": ["LG103"]}


def test_text_report_ends_with_a_summary():
    text = REPORTERS["text"](RULES.values()).render(_result())
    assert text.splitlines()[-1] == ("2 errors, 1 warning, 0 info, 1 advice in 2 files (1 waived; advice not shown: "
                                     "--advice shows it)")
    assert text.splitlines()[-2] == "Rule packs run: briefing, legal, england-s75 (1 file)"
    assert "drafts/a.yaml:9:2: AB101 [info] waived one (waived: we accept it)" in text
    assert "AB220" not in text
    assert summary(Result()) == "0 errors, 0 warnings, 0 info, 0 advice in 0 files"


def test_text_report_puts_the_plain_words_first_then_the_key_then_every_source():
    text = REPORTERS["text"](RULES.values()).render(_result())
    assert ("drafts/a.yaml:12:3: EN106 [error] Say how long the agreement lasts. Fix: add `term.duration`. "
            "(SI 2000/617 reg. 7(3)(f); The term of the agreement; also LG103)") in text.splitlines()


def test_text_report_shows_advice_when_asked():
    text = REPORTERS["text"](RULES.values(), View(advice=True)).render(_result())
    assert "drafts/a.yaml:20:1: AB220 [advice] Consider agreeing behaviours." in text
    assert text.splitlines()[-1] == "2 errors, 1 warning, 0 info, 1 advice in 2 files (1 waived)"


def test_github_annotations_escape_their_properties_and_data():
    lines = GithubReporter([]).render(_result()).splitlines()
    assert lines == [
        "::warning file=drafts/a.yaml,line=1,col=1,title=AB002::a, b: c%0Ad%25",
        "::error file=drafts/a.yaml,line=3,col=5,title=AB101 /purpose::purpose is missing <&> \"here\"",
        "::error file=drafts/a.yaml,line=12,col=3,title=EN106 /term/duration::Say how long the agreement lasts. Fix: "
        "add `term.duration`. (SI 2000/617 reg. 7(3)(f); The term of the agreement; also LG103)",
    ]


def test_junit_is_well_formed_with_a_case_per_finding():
    root = ET.fromstring(REPORTERS["junit"](RULES.values(), View(threshold=Severity.WARNING)).render(_result()))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["drafts/a.yaml", "clean.json"]
    assert len(suites[0].findall("testcase/failure")) == 3  # advice is left out, as in the text report
    assert len(suites[0].findall("testcase/skipped")) == 1
    assert suites[1].find("testcase/failure") is None
    assert root.get("failures") == "3"


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_renders_an_empty_run(fmt):
    assert isinstance(REPORTERS[fmt](RULES.values()).render(Result()), str)


@pytest.mark.parametrize(("threshold", "failures"), [(Severity.ERROR, 2), (Severity.INFO, 3), (None, 0)])
def test_junit_counts_as_failures_only_the_findings_that_fail_the_run(threshold, failures):
    root = ET.fromstring(REPORTERS["junit"](RULES.values(), View(threshold=threshold)).render(_result()))
    assert root.get("failures") == str(failures)
    assert root.get("tests") == "5"  # four findings (advice is left out) and the clean file's passing case
    passed = [c for c in root.iter("testcase") if c.find("failure") is None and c.find("skipped") is None]
    assert len(passed) == 5 - failures - 1  # the rest pass, their message kept as output; one is waived


def test_json_report_passes_its_published_schema_and_says_its_format_version():
    report = json.loads(REPORTERS["json"](RULES.values()).render(_result()))
    schema = json.loads((ROOT / "schemas" / "lint-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema, cls=jsonschema.validators.validator_for(schema))
    assert report["format_version"] == 1
    assert schema["properties"]["format_version"]["const"] == report["format_version"]


def test_the_json_schema_refuses_a_report_with_a_misspelt_key():
    report = json.loads(REPORTERS["json"](RULES.values()).render(_result()))
    report["findings"][0]["severty"] = report["findings"][0].pop("severity")
    schema = json.loads((ROOT / "schemas" / "lint-report.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema, cls=jsonschema.validators.validator_for(schema))


def test_gitlab_code_quality_lists_unwaived_findings_with_stable_fingerprints():
    issues = json.loads(REPORTERS["gitlab"](RULES.values()).render(_result()))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("AB002", "minor", {"path": "drafts/a.yaml", "lines": {"begin": 1}}),
        ("AB101", "major", {"path": "drafts/a.yaml", "lines": {"begin": 3}}),
        ("EN106", "major", {"path": "drafts/a.yaml", "lines": {"begin": 12}}),
    ]
    moved = Result()
    moved.add("drafts/a.yaml", [Finding("drafts/a.yaml", 30, 5, "AB101", Severity.ERROR,
                                        "purpose is missing <&> \"here\"", "/purpose")])
    again = json.loads(REPORTERS["gitlab"](RULES.values()).render(moved))
    assert again[0]["fingerprint"] == issues[1]["fingerprint"]  # a finding that moved down is the same issue
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def _source_result() -> tuple[Result, dict[str, list[str]]]:
    result = Result()
    result.add("plan.yaml", [
        Finding("plan.yaml", 2, 10, "AB228", Severity.WARNING, "placeholder one", "/agreement/title"),
        Finding("plan.yaml", 3, 15, "AB228", Severity.WARNING, "placeholder two", "/agreement/short_name"),
        Finding("plan.yaml", 5, 3, "AB201", Severity.WARNING, "no voluntary partner", "/parties"),
        Finding("plan.yaml", 6, 11, "AB228", Severity.WARNING, "placeholder three", "/parties/0/name"),
    ])
    lines = ["agreement:", '  title: "[Name]"', '  short_name: "[Short]"', "parties:", "  - id: a",
             '    name: "[Full name]"']
    return result, {"plan.yaml": lines}


def test_text_shows_the_source_line_with_a_caret_and_the_json_path():
    result, sources = _source_result()
    text = REPORTERS["text"](RULES.values(), View(sources=sources, every_placeholder=True)).render(result)
    assert ('plan.yaml:2:10: AB228 [warning] placeholder one\n'
            ' 2 |   title: "[Name]"\n'
            '   |          ^ /agreement/title\n') in text
    assert "\x1b[" not in text


def test_text_counts_placeholders_per_section_and_shows_the_first_of_each():
    result, sources = _source_result()
    text = REPORTERS["text"](RULES.values(), View(sources=sources)).render(result)
    assert "placeholder one (1 more in this section)" in text
    assert "placeholder two" not in text
    assert "placeholder three\n" in text and "no voluntary partner" in text
    assert text.splitlines()[-2] == ("3 placeholders still to fill in, the first of each section shown; "
                                     "--every-placeholder lists them all")


def test_text_in_colour_marks_the_severity_and_resets_after_it():
    result, sources = _source_result()
    text = REPORTERS["text"](RULES.values(), View(sources=sources, colour=True)).render(result)
    assert "[\x1b[33;1mwarning\x1b[0m]" in text
    assert text.count("\x1b[0m") == text.count("\x1b[") // 2


def test_statistics_count_each_rule_most_frequent_first():
    result, _ = _source_result()
    text = REPORTERS["text"](RULES.values(), View(statistics=True)).render(result)
    assert text.splitlines() == ["3  AB228  warning  placeholder", "1  AB201  warning  partner-breadth",
                                 "0 errors, 4 warnings, 0 info, 0 advice in 1 file"]


def test_concise_is_one_line_a_finding():
    result, sources = _source_result()
    text = REPORTERS["concise"](RULES.values(), View(sources=sources)).render(result)
    assert text.splitlines()[0] == "plan.yaml:2:10: AB228 [warning] placeholder one"
    assert len(text.splitlines()) == 5


def test_an_excerpt_shows_a_short_line_whole_with_the_caret_under_the_column():
    assert excerpt(["a:\tb: c"], 1, 5) == " 1 | a:\tb: c\n   |   \t ^"


@pytest.mark.parametrize("column", [1, 40, 1500, 2990, 3000])
def test_an_excerpt_of_a_long_line_is_the_part_around_the_column_with_the_caret_under_it(column: int):
    line = "".join(chr(ord("a") + i % 26) for i in range(3000))  # JSON written on one line, say
    shown, under = excerpt([line], 1, column).split("\n")
    text = shown.removeprefix(" 1 | ")
    assert len(text.strip("…")) == EXCERPT_WIDTH
    assert text.startswith("…") == (column > EXCERPT_WIDTH // 3 + 1)
    assert text.endswith("…") == (column < 3000 - EXCERPT_WIDTH * 2 // 3)
    assert text[len(under.removeprefix("   | ")) - 1] == line[column - 1]
    assert under.endswith("^")
