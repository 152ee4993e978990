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


def _complete_s75(data: dict[str, Any]) -> None:
    """The pooled fund sample completed with what the section 75 pack asks beyond it: the conditions for making
    the arrangements, the schedule of schemes, and the council's reports to the ICB under reg. 9(4)."""
    data["legal_powers"]["improvement"] = "One lead commissioner per scheme ends the double assessment of patients."
    data["legal_powers"]["consultation"] = "The partners consulted providers, Healthwatch and the public in 2024."
    data["schemes"] = [{"id": "reablement", "name": "Reablement", "functions": ["Care Act 2014 s.2"],
                        "persons": "Adults leaving hospital", "services": ["Home-based reablement"], "lead": "wcc",
                        "budget": 2400000}]
    data["monitoring"]["reports"] = [{"frequency": "quarterly", "by": "wcc", "to": "The ICB"},
                                     {"frequency": "annual", "by": "wcc", "to": "The ICB Board"}]


def _findings(tmp_path: Path, data: dict[str, Any], packs: list[str] | None = None) -> list[Finding]:
    path = tmp_path / "agreement.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    checked = validate(str(path))
    assert checked.valid, "\n".join(f"{f.location}: {f.message}" for f in checked.findings)
    return lint(str(path), packs)


def _pooled() -> dict[str, Any]:
    data = _data(POOLED)
    _complete_s75(data)
    return data


def _completed(sample: Path) -> dict[str, Any]:
    return _pooled() if sample == POOLED else _data(sample)


# (rule, agreement, change that takes the term out, words its citation holds, the JSON path of the finding)
CASES: list[tuple[str, Path, Change, str, str]] = [
    ("SC101", SCOTTISH, _drop("parties", 0, "address"), "SSI 2002/533 reg. 11(a)", "/parties/0/address"),
    ("SC102", SCOTTISH, _drop("legal_powers", "delegated_functions"), "SSI 2002/533 reg. 11(b)–(c)",
     "/legal_powers/delegated_functions"),
    ("SC102", SCOTTISH, _drop("legal_powers", "retained_functions"), "SSI 2002/533 reg. 11(c)(ii)",
     "/legal_powers/retained_functions"),
    ("SC103", SCOTTISH, _drop("finance", "variation"), "SSI 2002/533 reg. 11(d)", "/finance/variation"),
    ("SC103", SCOTTISH, _drop("finance", "contributions", 0, "amount"), "SSI 2002/533 reg. 11(d)",
     "/finance/contributions/0/amount"),
    ("SC104", SCOTTISH, _drop("purpose", "vision"), "SSI 2002/533 reg. 11(e)", "/purpose/vision"),
    ("SC105", SCOTTISH, _drop("boundaries", "persons_covered"), "SSI 2002/533 reg. 11(f)",
     "/boundaries/persons_covered"),
    ("SC106", SCOTTISH, _no_resources, "SSI 2002/533 reg. 11(g)", "/resources"),
    ("SC107", SCOTTISH, _drop("term", "breach"), "SSI 2002/533 reg. 11(h)", "/term/breach"),
    ("SC107", SCOTTISH, _drop("variation"), "SSI 2002/533 reg. 11(h)", "/variation"),
    ("SC108", SCOTTISH, _drop("monitoring", "framework"), "SSI 2002/533 reg. 11(i)", "/monitoring/framework"),
    ("SC109", SCOTTISH, _drop("complaints", "public"), "SSI 2002/533 reg. 11(j)", "/complaints/public/route"),
    ("SC110", SCOTTISH, _drop("finance", "pooled_fund", "manager"), "SSI 2002/533 reg. 10",
     "/finance/pooled_fund/manager"),
    ("SI101", SCHEME, _drop("agreement", "integration_model"), "(Scotland) Act 2014 s.1(3)(a)",
     "/agreement/integration_model"),
    ("SI102", SCHEME, _drop("legal_powers", "delegated_functions"), "(Scotland) Act 2014 s.1(3)(b)",
     "/legal_powers/delegated_functions"),
    ("SI103", SCHEME, _both(_lead_agency, _drop("legal_powers", "retained_functions")),
     "(Scotland) Act 2014 s.1(3)(c)", "/legal_powers/retained_functions"),
    ("SI104", SCHEME, _drop("finance", "set_aside"), "(Scotland) Act 2014 s.1(3)(d)", "/finance/set_aside"),
    ("SI104", SCHEME, _drop("finance", "payment_method"), "(Scotland) Act 2014 s.1(3)(e)",
     "/finance/payment_method"),
    ("SI105", SCHEME, _drop("bodies", 0, "chair"), "SSI 2014/341 reg. 2 and sch., Local governance arrangements",
     "/bodies/0/chair"),
    ("SI105", SCHEME, _drop("bodies", 0, "membership"), "sch., Local governance arrangements",
     "/bodies/0/membership"),
    ("SI106", SCHEME, _drop("accountability", "operational_delivery"),
     "sch., Local operational delivery arrangements", "/accountability/operational_delivery"),
    ("SI107", SCHEME, _set(72, "term", "review_interval_months"), "(Scotland) Act 2014 s.44",
     "/term/review_interval_months"),
    ("SI108", SCHEME, _drop("accountability", "clinical_and_care_governance"), "sch., Clinical and care governance",
     "/accountability/clinical_and_care_governance"),
    ("SI109", SCHEME, _drop("accountability", "chief_officer"), "sch., Chief officer", "/accountability/chief_officer"),
    ("SI110", SCHEME, _both(_set("Each partner's induction.", "roles", "performance_feedback"),
                            _drop("roles", "workforce")), "sch., Workforce", "/roles/workforce"),
    ("SI111", SCHEME, _drop("finance", "overspends_and_underspends"), "sch., Finance",
     "/finance/overspends_and_underspends"),
    ("SI112", SCHEME, _drop("engagement"), "sch., Participation and engagement", "/engagement/methods"),
    ("SI113", SCHEME, _drop("information_sharing", "protocol"), "sch., Information sharing and data handling",
     "/information_sharing/protocol"),
    ("SI114", SCHEME, _drop("complaints"), "sch., Complaints", "/complaints"),
    ("SI115", SCHEME, _drop("risk", "liability_and_indemnity"), "sch., Claims handling, liability and indemnity",
     "/risk/liability_and_indemnity"),
    ("SI116", SCHEME, _drop("risk", "approach"), "sch., Risk management", "/risk/approach"),
    ("SI117", SCHEME, _drop("disputes"), "sch., Dispute resolution mechanism", "/disputes"),
    ("EN101", POOLED, _drop("purpose", "vision"), "SI 2000/617 reg. 7(3)(a) and reg. 9(3)(a)", "/purpose/vision"),
    ("EN102", POOLED, _drop("finance", "variation"), "SI 2000/617 reg. 7(3)(b)", "/finance/variation"),
    ("EN103", POOLED, _drop("legal_powers", "delegated_functions"), "SI 2000/617 reg. 7(3)(c)",
     "/legal_powers/functions_covered"),
    ("EN104", POOLED, _both(_drop("boundaries", "services_covered"), _drop("schemes", 0, "services")),
     "SI 2000/617 reg. 7(3)(d)", "/boundaries/services_covered"),
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
    ("EN111", POOLED, _drop("schemes", 0, "budget"), "SI 2000/617 reg. 7(3)(c)–(d)", "/schemes/0/budget"),
    ("EN112", POOLED, _drop("legal_powers", "delegated_functions", 1, "statutory_basis"), "SI 2000/617 reg. 9",
     "/legal_powers/delegated_functions/1/statutory_basis"),
    ("EN113", POOLED, _drop("legal_powers", "consultation"), "SI 2000/617 reg. 4(2)", "/legal_powers/consultation"),
    ("EN113", POOLED, _drop("legal_powers", "improvement"), "National Health Service Act 2006 s.75(1)",
     "/legal_powers/improvement"),
]


def _case_id(case: tuple[str, Path, Change, str, str]) -> str:
    return f"{case[0]}-{case[4].strip('/').replace('/', '.')}"


def test_every_statutory_rule_has_a_removal_case():
    statutory = {rule.id for rule in RULES.values() if rule.pack in STATUTORY}
    assert {case[0] for case in CASES} == statutory


@pytest.mark.parametrize(("rule_id", "sample", "change", "cited", "path"), CASES, ids=[_case_id(c) for c in CASES])
def test_a_term_taken_out_of_a_complete_agreement_is_reported_once_under_its_pack_citing_it(
        rule_id: str, sample: Path, change: Change, cited: str, path: str, tmp_path: Path):
    data = _completed(sample)
    change(data)
    found = [f for f in _findings(tmp_path, data) if rule_id in f.rules]
    assert [f.path for f in found] == [path], found
    assert any(cited in source for source in found[0].sources), found[0].sources
    assert "`" not in found[0].message and "`" in found[0].hint  # plain words first, the keys apart
    statutory = RULES[rule_id]
    expected = Severity.WARNING if statutory.severity == Severity.WARNING else Severity.ERROR
    assert found[0].severity == expected
    assert statutory.pack == PACK_OF[rule_id[:2]]


@pytest.mark.parametrize(("rule_id", "sample", "change", "cited", "path"), CASES, ids=[_case_id(c) for c in CASES])
def test_a_term_taken_out_is_not_reported_when_the_pack_does_not_apply(
        rule_id: str, sample: Path, change: Change, cited: str, path: str, tmp_path: Path):
    data = _completed(sample)
    change(data)
    data["agreement"]["jurisdiction"] = "wales"
    data["agreement"].pop("kind", None)
    assert not [f for f in _findings(tmp_path, data) if rule_id in f.rules]


def test_the_complete_agreements_are_clean_before_anything_is_taken_out(tmp_path: Path):
    for sample in (POOLED, SCOTTISH, SCHEME):
        found = _findings(tmp_path, _completed(sample))
        statutory = [f for f in found if any(RULES[r].pack in STATUTORY for r in f.rules)]
        assert statutory == [], sample
    integrated = _pooled()
    _integrated(integrated)
    assert [f for f in _findings(tmp_path, integrated) if any(r.startswith("EN") for r in f.rules)] == []


def _ruled(findings: list[Finding]) -> set[str]:
    return {rule for f in findings for rule in f.rules}


def test_pooled_fund_rules_do_not_apply_to_integrated_provision_even_when_the_pack_is_chosen(tmp_path: Path):
    data = _pooled()
    _integrated(data)
    del data["finance"]["pooled_fund"]
    assert not _ruled(_findings(tmp_path, data, ["england-s75"])) & {"EN107", "EN108"}


def test_reg9_rules_do_not_apply_to_a_pooled_fund_that_delegates_no_nhs_function_to_a_council(tmp_path: Path):
    data = _pooled()
    data["legal_powers"]["delegated_functions"] = data["legal_powers"]["delegated_functions"][:1]  # council to ICB
    del data["monitoring"]
    assert not _ruled(_findings(tmp_path, data, ["england-s75"])) & {"EN109", "EN110"}


def test_a_pooled_fund_in_which_the_council_exercises_an_nhs_function_must_provide_for_reg9_reports(tmp_path: Path):
    data = _pooled()
    del data["monitoring"]["reports"]
    [found] = [f for f in _findings(tmp_path, data) if "EN110" in f.rules]
    assert (found.path, found.severity, found.sources) == ("/monitoring/reports", Severity.ERROR,
                                                          ("SI 2000/617 reg. 9(4)",))
    assert "quarterly and annual reports" in found.message


def test_lead_commissioning_by_the_council_of_nhs_functions_cites_reg9_as_errors(tmp_path: Path):
    data = _pooled()
    data["agreement"]["arrangement_type"] = "lead_commissioning"
    del data["boundaries"]["services_covered"]
    del data["schemes"]
    found = [f for f in _findings(tmp_path, data) if "EN104" in f.rules]
    assert [(f.path, f.severity) for f in found] == [("/boundaries/services_covered", Severity.ERROR)]
    assert found[0].sources == ("SI 2000/617 reg. 9(3)(d)",)


def test_lead_commissioning_whose_direction_is_not_stated_gets_the_common_terms_as_warnings(tmp_path: Path):
    data = _pooled()
    data["agreement"]["arrangement_type"] = "lead_commissioning"
    del data["legal_powers"]["delegated_functions"]
    del data["boundaries"]["services_covered"]
    del data["schemes"]
    found = [f for f in _findings(tmp_path, data) if "EN104" in f.rules]
    assert [(f.path, f.severity) for f in found] == [("/boundaries/services_covered", Severity.WARNING)]
    assert found[0].sources == ("SI 2000/617 reg. 8 or 9",)


def test_each_delegation_names_the_regulation_that_fits_its_direction(tmp_path: Path):
    data = _pooled()
    for function in data["legal_powers"]["delegated_functions"]:
        del function["statutory_basis"]
    found = [f for f in _findings(tmp_path, data) if f.rule == "EN112"]
    assert [(f.path, f.sources) for f in found] == [
        ("/legal_powers/delegated_functions/0/statutory_basis", ("SI 2000/617 reg. 8",)),
        ("/legal_powers/delegated_functions/1/statutory_basis", ("SI 2000/617 reg. 9",))]
    assert "regulation 8" in found[0].message and "regulation 9" in found[1].message


def test_a_recital_can_record_the_conditions_for_making_section_75_arrangements(tmp_path: Path):
    data = _pooled()
    del data["legal_powers"]["improvement"], data["legal_powers"]["consultation"]
    data["recitals"] = ["The partners consulted jointly those affected, in 2024.",
                        "The partners are satisfied the arrangements are likely to improve how the functions are "
                        "exercised."]
    assert "EN113" not in _ruled(_findings(tmp_path, data))


def test_functions_alongside_are_asked_for_only_in_a_lead_agency_model(tmp_path: Path):
    data = _data(SCHEME)
    del data["legal_powers"]["retained_functions"]
    assert "SI103" not in {f.rule for f in _findings(tmp_path, data)}


def test_a_2002_delegation_by_the_council_cites_paragraph_b(tmp_path: Path):
    data = _data(SCOTTISH)
    function = data["legal_powers"]["delegated_functions"][0]
    function["from"], function["to"] = "smc", "nhss"
    del data["legal_powers"]["retained_functions"]
    [found] = [f for f in _findings(tmp_path, data) if "SC102" in f.rules]
    assert found.sources[0] == "SSI 2002/533 reg. 11(b)(ii)"


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
    ("england", "pooled_budget", None, ["briefing", "legal", "england-s75"]),
    ("england", "integrated_provision", None, ["briefing", "legal", "england-s75"]),
    ("england", "integrated_team", None, ["briefing", "legal", "england-s75"]),
    ("england", "lead_commissioning", None, ["briefing", "legal", "england-s75"]),
    ("england", "strategic_partnership", None, ["briefing", "legal"]),
    ("scotland", "pooled_budget", None, ["briefing", "legal", "scotland-2002"]),
    ("scotland", "lead_commissioning", None, ["briefing", "legal", "scotland-2002"]),
    ("scotland", "integrated_team", None, ["briefing", "legal", "scotland-2002"]),
    ("scotland", "integration_joint_board", None, ["briefing", "legal", "scotland-integration"]),
    ("scotland", "lead_agency", None, ["briefing", "legal", "scotland-integration"]),
    ("scotland", "other", "lead_agency_local_authority", ["briefing", "legal", "scotland-integration"]),
    ("scotland", "strategic_partnership", None, ["briefing", "legal"]),
    ("wales", "pooled_budget", None, ["briefing", "legal"]),
    ("generic", "pooled_budget", None, ["briefing", "legal"]),
    (None, None, None, ["briefing", "legal"]),
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


def test_the_completed_pooled_budget_is_clean_under_england_s75(cli, tmp_path: Path):
    path = tmp_path / "pooled.json"
    path.write_text(json.dumps(_pooled()), encoding="utf-8")
    run = cli("lint", "--format", "json", "--fail-on", "never", "--pack", "england-s75", str(path))
    assert not [f for f in json.loads(run.stdout)["findings"] if f["rule"].startswith("EN")], run


def test_the_scottish_sample_is_clean_under_scotland_2002_and_the_briefing(cli):
    for args in (["--pack", "scotland-2002"], ["--pack", "briefing"], []):
        run = cli("lint", "--fail-on", "info", "--select", "AB1", "--select", "AB2", "--select", "SC", *args,
                  str(SCOTTISH))
        assert run.exit_code == 0 and "0 errors, 0 warnings, 0 info" in run.stdout, run


def test_a_chosen_pack_that_does_not_fit_is_reported_once_and_not_run(cli):
    run = cli("lint", "--format", "json", "--fail-on", "never", "--pack", "scotland-2002", str(POOLED))
    report = json.loads(run.stdout)
    assert not [f for f in report["findings"] if f["rule"].startswith("SC")]
    [misfit] = [f for f in report["findings"] if f["rule"] == "AB010"]
    assert misfit["path"] == "/agreement/jurisdiction" and misfit["severity"] == "warning"
    assert misfit["message"].startswith("The scotland-2002 rules are for agreements in Scotland")
    assert report["packs"][str(POOLED)] == ["briefing", "legal"]


def test_the_pack_option_keeps_the_briefing_pack_unless_told_not_to(cli):
    run = cli("lint", "--format", "json", "--fail-on", "never", "--pack", "england-s75", str(POOLED))
    assert json.loads(run.stdout)["packs"][str(POOLED)] == ["briefing", "legal", "england-s75"]
    run = cli("lint", "--format", "json", "--fail-on", "never", "--no-briefing", "--pack", "england-s75", str(POOLED))
    report = json.loads(run.stdout)
    assert report["packs"][str(POOLED)] == ["legal", "england-s75"]
    assert not [f for f in report["findings"] if RULES[f["rule"]].pack == "briefing"]


def test_text_output_says_which_packs_ran(cli):
    run = cli("lint", "--fail-on", "never", str(POOLED), str(SCOTTISH))
    assert "Rule packs run: briefing, legal, england-s75 (1 file), scotland-2002 (1 file)" in run.stdout, run


def test_the_packs_setting_chooses_packs_when_the_option_is_not_given(cli, tmp_path: Path):
    (tmp_path / ".agreement.toml").write_text('[lint]\npacks = ["scotland-integration"]\n', encoding="utf-8")
    target = tmp_path / "scheme.yaml"
    data = _data(SCHEME)
    data["agreement"]["jurisdiction"] = "england"  # the setting's pack, not the default, must decide
    target.write_text(json.dumps(data), encoding="utf-8")
    run = cli("lint", "--format", "json", "--fail-on", "never", str(target))
    report = json.loads(run.stdout)
    assert [f["rule"] for f in report["findings"] if f["rule"] == "AB010"] == ["AB010"]
    data["agreement"]["jurisdiction"] = "scotland"
    target.write_text(json.dumps(data), encoding="utf-8")
    run = cli("lint", "--format", "json", "--fail-on", "never", str(target))
    assert json.loads(run.stdout)["packs"][str(target)] == ["briefing", "legal", "scotland-integration"]


def test_a_waiver_for_a_rule_that_ran_but_matched_nothing_is_reported(tmp_path: Path):
    data = _pooled()
    data["waivers"] = [{"rule": "EN107", "reason": "Tested: waives nothing although its pack runs."}]
    found = [f for f in _findings(tmp_path, data, ["england-s75"]) if f.rule == "AB004"]
    assert [(f.message, f.hint) for f in found] == [("This waiver for EN107 matches no finding.",
                                                     "remove the waiver")]


def test_a_waiver_for_a_rule_of_a_pack_not_chosen_is_left_alone(tmp_path: Path):
    data = _pooled()
    data["waivers"] = [{"rule": "SC107", "reason": "Tested: its pack does not run on this agreement."}]
    assert not [f for f in _findings(tmp_path, data, ["briefing"]) if f.rule == "AB004"]


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
    assert result["properties"]["sources"] == ["SSI 2002/533 reg. 11(h)"]
    assert result["properties"]["hint"] == "add `term.breach`"
