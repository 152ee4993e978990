"""Reporters: each format is well-formed, and SARIF passes the official 2.1.0 schema."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from support import ROOT

from agreement_builder.findings import Finding, Result, Severity
from agreement_builder.report import REPORTERS, GithubReporter, summary
from agreement_builder.rules import RULES

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def _result() -> Result:
    result = Result()
    result.add("drafts/a.yaml", [
        Finding("drafts/a.yaml", 3, 5, "AB101", Severity.ERROR, "purpose is missing <&> \"here\"", "/purpose"),
        Finding("drafts/a.yaml", 1, 1, "AB002", Severity.WARNING, "a, b: c\nd%", ""),
        Finding("drafts/a.yaml", 9, 2, "AB101", Severity.INFO, "waived one", "/x", waived="we accept it"),
    ])
    result.add("clean.json", [])
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
    assert [r.get("suppressions") for r in results][-1] == [{"kind": "inSource", "justification": "we accept it"}]


def test_json_report_lists_findings_and_a_summary():
    report = json.loads(REPORTERS["json"](RULES.values()).render(_result()))
    assert report["files"] == ["drafts/a.yaml", "clean.json"]
    assert report["summary"] == {"error": 1, "warning": 1, "info": 0, "waived": 1}
    assert report["findings"][0]["rule"] == "AB002"


def test_text_report_ends_with_a_summary():
    text = REPORTERS["text"](RULES.values()).render(_result())
    assert text.splitlines()[-1] == "1 error, 1 warning, 0 info in 2 files (1 waived)"
    assert "drafts/a.yaml:9:2: AB101 [info] waived one (waived: we accept it)" in text
    assert summary(Result()) == "0 errors, 0 warnings, 0 info in 0 files"


def test_github_annotations_escape_their_properties_and_data():
    lines = GithubReporter([]).render(_result()).splitlines()
    assert lines == [
        "::warning file=drafts/a.yaml,line=1,col=1,title=AB002::a, b: c%0Ad%25",
        "::error file=drafts/a.yaml,line=3,col=5,title=AB101 /purpose::purpose is missing <&> \"here\"",
    ]


def test_junit_is_well_formed_with_a_case_per_finding():
    root = ET.fromstring(REPORTERS["junit"](RULES.values()).render(_result()))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["drafts/a.yaml", "clean.json"]
    assert len(suites[0].findall("testcase/failure")) == 2
    assert len(suites[0].findall("testcase/skipped")) == 1
    assert suites[1].find("testcase/failure") is None
    assert root.get("failures") == "2"


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_renders_an_empty_run(fmt):
    assert isinstance(REPORTERS[fmt](RULES.values()).render(Result()), str)
