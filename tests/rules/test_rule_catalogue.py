"""The rule catalogue: every rule module is registered, documented, cited and numbered consistently."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from agreement_builder import rules as catalogue
from agreement_builder.findings import Severity
from agreement_builder.lint import lint
from agreement_builder.model import ELEMENTS
from agreement_builder.rules import MODULES, RULES, Rule

# The briefing's section headings, as rules cite them ("Part > Section"), from its table of contents.
BRIEFING_SECTIONS = {
    "Introduction",
    "People > Fill knowledge and skills gap", "People > Develop people and partnerships", "People > Behave!",
    "People > Agree roles", "People > Lead",
    "Structures > Involve the right partners", "Structures > Have a partnership agreement",
    "Structures > Authority to make decisions",
    "Structures > Choose the right model of partnership for your purpose",
    "Structures > Rationalise partnership and change",
    "Processes > Engage users and carers", "Processes > Picture the future", "Processes > Act",
    "Processes > Monitor for outcomes", "Processes > Communicate", "Processes > Mainstream",
    "Resources > Money", "Resources > Information", "Resources > Time",
    "External", "Cultural", "Unintended consequences", "Conclusion", "Review questions",
}
BRIEFING_RULES = [rule for rule in RULES.values() if rule.pack == "briefing"]


def test_every_rule_module_in_the_package_is_registered():
    found = [importlib.import_module(info.name)
             for info in pkgutil.walk_packages(catalogue.__path__, prefix=f"{catalogue.__name__}.")]
    rule_modules = {module.__name__ for module in found if hasattr(module, "ID")}
    assert len(rule_modules) > 12
    assert rule_modules == {module.__name__ for module in MODULES}


def test_rule_ids_are_unique_and_follow_the_pattern():
    ids = [module.ID for module in MODULES]
    assert len(ids) == len(set(ids)) == len(RULES)
    assert all(re.fullmatch(r"(AB|LG|SC|SI|EN)\d{3}", i) for i in ids), ids  # LG: legal; SC, SI, EN: statutory


def test_rule_names_are_unique():
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))


def test_the_twelve_element_rules_are_ab101_to_ab112_in_the_briefings_order():
    element_rules = sorted((r for r in RULES.values() if r.element), key=lambda r: r.id)
    assert [(r.id, r.element) for r in element_rules] == [(f"AB{101 + i}", e) for i, e in enumerate(ELEMENTS)]
    assert {r.severity for r in element_rules} == {Severity.ERROR}


def test_recommendation_rules_are_numbered_from_ab201_without_gaps():
    ids = sorted(r.id for r in BRIEFING_RULES if r.id.startswith("AB2"))
    assert ids == [f"AB{201 + i}" for i in range(len(ids))]
    assert len(ids) >= 15


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_every_rule_is_documented(rule: Rule):
    assert rule.summary.endswith("."), rule.summary
    for part in ("Why", "Fails", "Passes", "Fix"):
        assert rule.part(part), f"{rule.id} has no {part}"
    assert rule.part("Fails") != rule.part("Passes")


@pytest.mark.parametrize("rule", BRIEFING_RULES, ids=lambda r: r.id)
def test_briefing_rules_cite_sections_the_briefing_has(rule: Rule):
    cited = re.findall(r"\(briefing:\s+([^)]+)\)", rule.part("Why"))
    assert cited, f"{rule.id}'s Why cites no briefing section"
    in_why = {" ".join(s.split()) for text in cited for s in text.split(";")}
    in_source = {s.strip() for s in rule.source.split(";")}
    assert in_why <= BRIEFING_SECTIONS, in_why - BRIEFING_SECTIONS
    assert in_source <= in_why, f"{rule.id}: SOURCE names {in_source - in_why}, which its Why does not cite"


PREFIX = {"input": "AB0", "briefing": "AB", "legal": "LG", "scotland-2002": "SC", "scotland-integration": "SI",
          "england-s75": "EN"}


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_each_packs_rule_ids_share_its_prefix(rule: Rule):
    assert rule.id.startswith(PREFIX[rule.pack]), (rule.id, rule.pack)


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_no_rule_calls_its_own_source_unverified(rule: Rule):
    assert "unverified" not in (rule.doc + rule.source).lower()


def test_each_prescribed_matter_of_an_integration_scheme_is_a_rule_citing_the_schedule_by_its_title():
    titles = {re.sub(r".*sch\., ", "", rule.source) for rule in RULES.values()
              if rule.pack == "scotland-integration" and "SSI 2014/341" in rule.source}
    assert titles >= {"Local governance arrangements", "Delegation of functions",
                      "Local operational delivery arrangements", "Clinical and care governance", "Chief officer",
                      "Workforce", "Finance", "Participation and engagement", "Information sharing and data handling",
                      "Complaints", "Claims handling, liability and indemnity", "Risk management",
                      "Dispute resolution mechanism"}


def test_severities_run_from_advice_to_error():
    assert Severity.ADVICE < Severity.INFO < Severity.WARNING < Severity.ERROR
    assert [str(s) for s in sorted(Severity)] == ["advice", "info", "warning", "error"]


def test_every_rule_belongs_to_a_pack_the_catalogue_describes():
    assert {rule.pack for rule in RULES.values()} == set(catalogue.PACKS)
    assert all(description.strip() for description in catalogue.PACKS.values())


def test_a_part_the_documentation_does_not_have_is_empty():
    rule = RULES["AB108"]
    assert rule.part("Fails").startswith("disputes:") and rule.part("Example") == ""


def test_the_pipelines_own_checks_are_catalogued_with_the_severity_it_gives_them(tmp_path):
    # AB001-AB004 have no check of their own: lint.py reports them. The catalogue (what `agreement rules` and
    # SARIF show) must say what lint.py does.
    assert {r.id: (r.name, r.pack, r.severity) for r in RULES.values() if r.id in ("AB001", "AB002", "AB003",
                                                                                     "AB004")} == {
        "AB001": ("syntax", "input", Severity.ERROR), "AB002": ("shape", "input", Severity.ERROR),
        "AB003": ("reference", "input", Severity.ERROR), "AB004": ("waiver", "input", Severity.WARNING)}
    path = tmp_path / "a.yaml"
    path.write_text("agreement:\n  title: [unclosed\n", encoding="utf-8")
    assert {(f.rule, f.severity) for f in lint(str(path))} == {("AB001", RULES["AB001"].severity)}
    path.write_text("agreement:\n  titel: T\n", encoding="utf-8")
    assert {(f.rule, f.severity) for f in lint(str(path))} == {("AB002", RULES["AB002"].severity)}
    path.write_text("agreement:\n  title: T\nparties:\n  - {id: a, name: A, sector: health}\n"
                    "  - {id: b, name: B, sector: local_authority}\nwaivers:\n  - rule: AB999\n    reason: None.\n"
                    "roles:\n  individuals:\n    - title: Chair\n      holder: nobody\n", encoding="utf-8")
    found = {(f.rule, f.severity) for f in lint(str(path)) if f.rule in ("AB003", "AB004")}
    assert found == {("AB003", RULES["AB003"].severity), ("AB004", RULES["AB004"].severity)}


def test_the_rules_whose_findings_are_not_drafting_notes():
    # How the file was typed, and a placeholder the draft already shows in brackets, make no drafting note.
    assert {rule.id for rule in RULES.values() if not rule.noted} == {"AB005", "AB006", "AB228"}
