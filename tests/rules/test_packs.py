"""The statutory packs: each term taken out of a complete agreement is reported under its pack with its
citation, and not when the pack does not apply; the default choice of packs; `--pack` and the `packs` setting.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from harness import SAMPLES

from agreement_builder.findings import Finding, Severity
from agreement_builder.lint import lint, validate
from agreement_builder.model import Agreement
from agreement_builder.rules import PACKS, RULES, packs_for
from agreement_builder.source import load

STATUTORY = ("scotland-2002", "scotland-integration", "england-s75")
PACK_OF = {"SC": "scotland-2002", "SI": "scotland-integration", "EN": "england-s75"}
POOLED = SAMPLES / "pooled-budget.json"
SCOTTISH = SAMPLES / "scotland-2002.yaml"
SCHEME = Path(__file__).parent / "fixtures" / "integration-scheme.yaml"

Change = Callable[[dict[str, Any]], None]


def _data(path: Path) -> dict[str, Any]:
    data = load(str(path)).data
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def _drop(*keys: str | int) -> Change:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]
    return change


def _set(value: Any, *keys: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


def _no_resources(data: dict[str, Any]) -> None:
    """Take out everything that says what staff, goods, services or premises the partners provide."""
    del data["resources"]
    data["finance"]["contributions"] = [c for c in data["finance"]["contributions"] if c["kind"] == "money"]


def _integrated(data: dict[str, Any]) -> None:
    """The pooled fund sample recast as integrated provision, with the reports reg. 9(4) asks for."""
    data["agreement"]["arrangement_type"] = "integrated_provision"
    data["monitoring"]["reports"] = [{"frequency": "quarterly", "by": "wcc", "to": "The ICB"},
                                     {"frequency": "annual", "by": "wcc", "to": "The ICB Board"}]


def _lead_agency(data: dict[str, Any]) -> None:
    data["agreement"]["arrangement_type"] = "lead_agency"
    data["agreement"]["integration_model"] = "lead_agency_health_board"


def _both(*changes: Change) -> Change:
    def change(data: dict[str, Any]) -> None:
        for each in changes:
            each(data)
    return change


def _findings(tmp_path: Path, data: dict[str, Any], packs: list[str] | None = None) -> list[Finding]:
    path = tmp_path / "agreement.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    checked = validate(str(path))
    assert checked.valid, "\n".join(f"{f.location}: {f.message}" for f in checked.findings)
    return lint(str(path), packs)


# (rule, agreement, change that takes the term out, words the finding cites, its JSON path)
CASES: list[tuple[str, Path, Change, str, str]] = [
    ("SC101", SCOTTISH, _drop("parties", 0, "address"), "SSI 2002/533 reg. 11(a)", "/parties/0/address"),
    ("SC102", SCOTTISH, _drop("legal_powers", "delegated_functions"), "SSI 2002/533 reg. 11(b)–(c)",
     "/legal_powers/delegated_functions"),
    ("SC102", SCOTTISH, _drop("legal_powers", "retained_functions"), "SSI 2002/533 reg. 11(c)(ii)",
     "/legal_powers/retained_functions"),
    ("SC103", SCOTTISH, _drop("finance", "variation"), "SSI 2002/533 reg. 11(d)", "/finance/variation"),
    ("SC103", SCOTTISH, _drop("finance", "contributions", 0, "amount"), "SSI 2002/533 reg. 11(d)",
     "/finance/contributions/0"),
    ("SC104", SCOTTISH, _drop("purpose", "vision"), "SSI 2002/533 reg. 11(e)", "/purpose/vision"),
    ("SC105", SCOTTISH, _drop("boundaries", "persons_covered"), "SSI 2002/533 reg. 11(f)",
     "/boundaries/persons_covered"),
    ("SC106", SCOTTISH, _no_resources, "SSI 2002/533 reg. 11(g)", "/resources"),
    ("SC107", SCOTTISH, _drop("term", "breach"), "SSI 2002/533 reg. 11(h)", "/term/breach"),
    ("SC107", SCOTTISH, _drop("variation"), "SSI 2002/533 reg. 11(h)", "/variation"),
    ("SC108", SCOTTISH, _drop("monitoring", "framework"), "SSI 2002/533 reg. 11(i)", "/monitoring/framework"),
    ("SC109", SCOTTISH, _drop("complaints", "public"), "SSI 2002/533 reg. 11(j)", "/complaints/public/route"),
    ("SI101", SCHEME, _drop("agreement", "integration_model"), "(Scotland) Act 2014 s.1(3)(a)",
     "/agreement/integration_model"),
    ("SI102", SCHEME, _drop("legal_powers", "delegated_functions"), "(Scotland) Act 2014 s.1(3)(b)",
     "/legal_powers/delegated_functions"),
    ("SI103", SCHEME, _both(_lead_agency, _drop("legal_powers", "retained_functions")),
     "(Scotland) Act 2014 s.1(3)(c)", "/legal_powers/retained_functions"),
    ("SI104", SCHEME, _drop("finance", "set_aside"), "(Scotland) Act 2014 s.1(3)(d)", "/finance/set_aside"),
    ("SI104", SCHEME, _drop("finance", "payment_method"), "(Scotland) Act 2014 s.1(3)(e)",
     "/finance/payment_method"),
    ("SI105", SCHEME, _drop("accountability", "operational_delivery"), "(Scotland) Act 2014 s.1(3)(f); SSI 2014/341",
     "/accountability/operational_delivery"),
    ("SI106", SCHEME, _drop("accountability", "clinical_and_care_governance"), "SSI 2014/341, unverified",
     "/accountability/clinical_and_care_governance"),
    ("SI107", SCHEME, _set(72, "term", "review_interval_months"), "(Scotland) Act 2014 s.44",
     "/term/review_interval_months"),
    ("EN101", POOLED, _drop("purpose", "vision"), "SI 2000/617 reg. 7(3)(a)", "/purpose/vision"),
    ("EN102", POOLED, _drop("finance", "variation"), "SI 2000/617 reg. 7(3)(b)", "/finance/variation"),
    ("EN103", POOLED, _drop("legal_powers", "delegated_functions"), "SI 2000/617 reg. 7(3)(c)",
     "/legal_powers/functions_covered"),
    ("EN104", POOLED, _drop("boundaries", "services_covered"), "SI 2000/617 reg. 7(3)(d)",
     "/boundaries/services_covered"),
    ("EN105", POOLED, _no_resources, "SI 2000/617 reg. 7(3)(e)", "/resources"),
    ("EN106", POOLED, _drop("agreement", "end_date"), "SI 2000/617 reg. 7(3)(f)", "/term/duration"),
    ("EN107", POOLED, _drop("finance", "pooled_fund", "monitoring"), "SI 2000/617 reg. 7(3)(g)",
     "/finance/pooled_fund/monitoring"),
    ("EN108", POOLED, _drop("finance", "pooled_fund", "manager"), "SI 2000/617 reg. 7(4)–(6)",
     "/finance/pooled_fund/manager"),
    ("EN101", POOLED, _both(_integrated, _drop("purpose", "vision")), "SI 2000/617 reg. 9(3)(a)", "/purpose/vision"),
    ("EN102", POOLED, _both(_integrated, _drop("finance", "variation")), "SI 2000/617 reg. 9(3)(b)",
     "/finance/variation"),
    ("EN109", POOLED, _both(_integrated, _drop("monitoring", "framework")), "SI 2000/617 reg. 9(3)(g)",
     "/monitoring/framework"),
    ("EN110", POOLED, _both(_integrated, _set([{"frequency": "annual"}], "monitoring", "reports")),
     "SI 2000/617 reg. 9(4)", "/monitoring/reports"),
]


def _case_id(case: tuple[str, Path, Change, str, str]) -> str:
    return f"{case[0]}-{case[4].strip('/').replace('/', '.')}"


def test_every_statutory_rule_has_a_removal_case():
    statutory = {rule.id for rule in RULES.values() if rule.pack in STATUTORY}
    assert {case[0] for case in CASES} == statutory


@pytest.mark.parametrize(("rule_id", "sample", "change", "cited", "path"), CASES, ids=[_case_id(c) for c in CASES])
def test_a_term_taken_out_of_a_complete_agreement_is_reported_under_its_pack_with_its_citation(
        rule_id: str, sample: Path, change: Change, cited: str, path: str, tmp_path: Path):
    data = _data(sample)
    change(data)
    found = [f for f in _findings(tmp_path, data) if f.rule == rule_id]
    assert [f.path for f in found] == [path], found
    assert cited in found[0].message
    assert found[0].severity == (Severity.WARNING if rule_id == "SI106" else Severity.ERROR)
    assert RULES[rule_id].pack == PACK_OF[rule_id[:2]]


@pytest.mark.parametrize(("rule_id", "sample", "change", "cited", "path"), CASES, ids=[_case_id(c) for c in CASES])
def test_a_term_taken_out_is_not_reported_when_the_pack_does_not_apply(
        rule_id: str, sample: Path, change: Change, cited: str, path: str, tmp_path: Path):
    data = _data(sample)
    change(data)
    data["agreement"]["jurisdiction"] = "wales"
    assert not [f for f in _findings(tmp_path, data) if f.rule == rule_id]


def test_the_complete_agreements_are_clean_before_anything_is_taken_out(tmp_path: Path):
    for sample in (POOLED, SCOTTISH, SCHEME):
        statutory = [f for f in _findings(tmp_path, _data(sample)) if RULES[f.rule].pack in STATUTORY]
        assert statutory == []
    integrated = _data(POOLED)
    _integrated(integrated)
    assert [f for f in _findings(tmp_path, integrated) if f.rule.startswith("EN")] == []


def test_pooled_fund_rules_do_not_apply_to_integrated_provision_even_when_the_pack_is_chosen(tmp_path: Path):
    data = _data(POOLED)
    _integrated(data)
    del data["finance"]["pooled_fund"]
    assert not {f.rule for f in _findings(tmp_path, data, ["england-s75"])} & {"EN107", "EN108"}


def test_integrated_provision_rules_do_not_apply_to_a_pooled_fund(tmp_path: Path):
    data = _data(POOLED)
    del data["monitoring"]
    assert not {f.rule for f in _findings(tmp_path, data, ["england-s75"])} & {"EN109", "EN110"}


def test_lead_commissioning_in_england_gets_the_common_terms_as_warnings_citing_both_regulations(tmp_path: Path):
    data = _data(POOLED)
    data["agreement"]["arrangement_type"] = "lead_commissioning"
    del data["boundaries"]["services_covered"]
    found = [f for f in _findings(tmp_path, data) if f.rule.startswith("EN")]
    assert [(f.rule, f.severity) for f in found] == [("EN104", Severity.WARNING)]
    assert "reg. 7(3)(d) and 9(3)(d)" in found[0].message


def test_functions_alongside_are_asked_for_only_in_a_lead_agency_model(tmp_path: Path):
    data = _data(SCHEME)
    del data["legal_powers"]["retained_functions"]
    assert "SI103" not in {f.rule for f in _findings(tmp_path, data)}


def test_a_2002_delegation_by_the_council_cites_paragraph_b(tmp_path: Path):
    data = _data(SCOTTISH)
    function = data["legal_powers"]["delegated_functions"][0]
    function["from"], function["to"] = "smc", "nhss"
    del data["legal_powers"]["retained_functions"]
    [found] = [f for f in _findings(tmp_path, data) if f.rule == "SC102"]
    assert "reg. 11(b)(ii))" in found.message


def test_an_integration_schemes_five_yearly_review_meets_the_exit_element(tmp_path: Path):
    data = _data(SCHEME)
    assert "exit_strategy" not in data
    assert "AB111" not in {f.rule for f in _findings(tmp_path, data)}


@pytest.mark.parametrize("change", [
    _set(72, "term", "review_interval_months"),
    _drop("term", "review"),
    _set("england", "agreement", "jurisdiction"),
], ids=["review-too-rare", "no-review", "not-scottish"])
def test_without_a_statutory_review_the_exit_element_is_still_required(change: Change, tmp_path: Path):
    data = _data(SCHEME)
    change(data)
    assert "AB111" in {f.rule for f in _findings(tmp_path, data, ["briefing"])}


@pytest.mark.parametrize(("jurisdiction", "arrangement", "model", "expected"), [
    ("england", "pooled_budget", None, ["briefing", "england-s75"]),
    ("england", "integrated_provision", None, ["briefing", "england-s75"]),
    ("england", "integrated_team", None, ["briefing", "england-s75"]),
    ("england", "lead_commissioning", None, ["briefing", "england-s75"]),
    ("england", "strategic_partnership", None, ["briefing"]),
    ("scotland", "pooled_budget", None, ["briefing", "scotland-2002"]),
    ("scotland", "lead_commissioning", None, ["briefing", "scotland-2002"]),
    ("scotland", "integrated_team", None, ["briefing", "scotland-2002"]),
    ("scotland", "integration_joint_board", None, ["briefing", "scotland-integration"]),
    ("scotland", "lead_agency", None, ["briefing", "scotland-integration"]),
    ("scotland", "other", "lead_agency_local_authority", ["briefing", "scotland-integration"]),
    ("scotland", "strategic_partnership", None, ["briefing"]),
    ("wales", "pooled_budget", None, ["briefing"]),
    ("generic", "pooled_budget", None, ["briefing"]),
    (None, None, None, ["briefing"]),
])
def test_packs_are_chosen_from_jurisdiction_and_arrangement_type(
        jurisdiction: str | None, arrangement: str | None, model: str | None, expected: list[str], tmp_path: Path):
    meta = {"title": "T", "jurisdiction": jurisdiction, "arrangement_type": arrangement, "integration_model": model}
    data = {"agreement": {k: v for k, v in meta.items() if v}, "parties": [
        {"id": "a", "name": "A", "sector": "health"}, {"id": "b", "name": "B", "sector": "local_authority"}]}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert packs_for(Agreement.from_document(load(str(path)))) == expected


def test_every_statutory_pack_is_described():
    assert set(STATUTORY) <= set(PACKS)
    assert all(PACKS[pack].endswith(".") for pack in STATUTORY)


@pytest.mark.parametrize("pack", STATUTORY)
def test_rules_with_a_pack_lists_exactly_that_pack(cli, pack: str):
    run = cli("rules", "--pack", pack)
    assert run.exit_code == 0, run
    header, *lines = run.stdout.splitlines()
    assert header.split() == ["ID", "NAME", "SEVERITY", "PACK", "CHECKS"]
    assert [line.split()[0] for line in lines] == [rule.id for rule in RULES.values() if rule.pack == pack]
    assert all(f" {pack} " in line for line in lines)


def test_the_pooled_budget_sample_is_clean_under_england_s75(cli):
    run = cli("lint", "--pack", "england-s75", str(POOLED))
    assert run.exit_code == 0 and "0 errors, 0 warnings, 0 info" in run.stdout, run


def test_the_scottish_sample_is_clean_under_scotland_2002_and_the_briefing(cli):
    for args in (["--pack", "scotland-2002"], ["--pack", "briefing"], []):
        run = cli("lint", "--fail-on", "info", *args, str(SCOTTISH))
        assert run.exit_code == 0 and "0 errors, 0 warnings, 0 info" in run.stdout, run


def test_the_pack_option_overrides_the_default_choice(cli):
    run = cli("lint", "--format", "json", "--fail-on", "never", "--pack", "scotland-2002", str(POOLED))
    rules = {f["rule"] for f in json.loads(run.stdout)["findings"]}
    assert rules and {r[:2] for r in rules} == {"SC"}


def test_the_packs_setting_chooses_packs_when_the_option_is_not_given(cli, tmp_path: Path):
    (tmp_path / ".agreement.toml").write_text('[lint]\npacks = ["scotland-2002"]\n', encoding="utf-8")
    target = tmp_path / "pooled-budget.json"
    target.write_bytes(POOLED.read_bytes())
    run = cli("lint", "--format", "json", "--fail-on", "never", str(target))
    assert {f["rule"][:2] for f in json.loads(run.stdout)["findings"]} == {"SC"}
    run = cli("lint", "--format", "json", "--fail-on", "never", "--pack", "england-s75", str(target))
    assert json.loads(run.stdout)["findings"] == []


def test_a_waiver_for_a_rule_of_a_pack_not_chosen_is_left_alone(tmp_path: Path):
    data = _data(POOLED)
    data["waivers"] = [{"rule": "AB201", "reason": "Only NHS bodies and local authorities can be partners."},
                       {"rule": "EN107", "reason": "Tested: waives nothing although its pack runs."}]
    found = _findings(tmp_path, data, ["england-s75"])
    assert [(f.rule, f.message) for f in found] == [("AB004", "this waiver for EN107 matches no finding; remove it")]


def test_a_statutory_finding_carries_its_citation_into_sarif(cli, tmp_path: Path):
    data = _data(SCOTTISH)
    del data["term"]["breach"]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = cli("lint", "--format", "sarif", "--select", "SC", str(path))
    sarif = json.loads(run.stdout)
    [rule] = [r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "SC107"]
    assert rule["properties"]["source"] == "SSI 2002/533 reg. 11(h)"
    [result] = sarif["runs"][0]["results"]
    assert "reg. 11(h)" in result["message"]["text"]
