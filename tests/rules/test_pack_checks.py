"""Checks of the statutory and legal packs, run on small agreements built in place: the section 75 payments and
contributions, the council's reports, the schemes' leads, and the jurisdiction the legislation cited points to."""

from __future__ import annotations

import pytest
from harness import agreement

from agreement_builder.findings import Severity
from agreement_builder.rules.england_s75 import contributions, reports, schemes
from agreement_builder.rules.legal import jurisdiction, liability
from agreement_builder.rules.scotland_2002 import functions as scotland_functions
from agreement_builder.rules.scotland_integration import claims as si_claims
from agreement_builder.rules.scotland_integration import disputes as si_disputes
from agreement_builder.rules.scotland_integration import functions_alongside as si_alongside
from agreement_builder.rules.scotland_integration import governance as si_governance
from agreement_builder.rules.scotland_integration import integration_model as si_model
from agreement_builder.rules.scotland_integration import participation as si_participation
from agreement_builder.rules.scotland_integration import risk as si_risk

COUNCIL = {"id": "c", "name": "Northvale Council", "sector": "local_authority"}
NHS = {"id": "n", "name": "Northvale ICB", "sector": "health"}
TRUST = {"id": "t", "name": "Northvale Trust", "sector": "health"}


def s75(arrangement: str, parties: list[dict], paying: tuple[str, ...]) -> dict:
    return {"agreement": {"title": "T", "jurisdiction": "england", "arrangement_type": arrangement},
            "parties": parties,
            "finance": {"variation": "By agreement of the board.", "contributions": [
                {"party": p, "kind": "money", "amount": 1000, "description": "x"} for p in paying]}}


def messages(issues) -> list[str]:
    return [issue.message for issue in issues]


@pytest.mark.parametrize(("paying", "expected"), [
    ((), ["State the money Northvale Council contributes.", "State the money Northvale ICB contributes."]),
    (("c",), ["State the money Northvale ICB contributes."]),
    (("n",), ["State the money Northvale Council contributes."]),
    (("c", "n"), []),
])
def test_a_pooled_fund_needs_the_money_each_council_and_nhs_partner_contributes(paying, expected):
    assert messages(contributions._gaps(agreement(s75("pooled_budget", [COUNCIL, NHS], paying)), "c")) == expected


@pytest.mark.parametrize(("paying", "expected"), [
    ((), ["State the payments the NHS partner makes to the council."]),
    (("t",), []),  # one NHS partner paying is enough
    (("c",), ["State the payments the NHS partner makes to the council."]),
])
def test_integrated_provision_without_a_pool_needs_the_nhs_payments_to_the_council(paying, expected):
    data = s75("integrated_provision", [COUNCIL, NHS, TRUST], paying)
    assert messages(contributions._gaps(agreement(data), "c")) == expected


@pytest.mark.parametrize(("arrangement", "what"), [("integrated_provision", "payments"),
                                                   ("pooled_budget", "contributions")])
def test_unstated_variation_names_payments_or_contributions_by_the_arrangement(arrangement: str, what: str):
    data = s75(arrangement, [COUNCIL, NHS], ("c", "n"))
    del data["finance"]["variation"]
    assert messages(contributions._gaps(agreement(data), "c")) == [f"Say how the {what} may be varied."]


@pytest.mark.parametrize(("frequencies", "message", "hint"), [
    ((), "Provide for the council's quarterly and annual reports to the NHS body on how it exercises the NHS "
         "functions.", "add a `quarterly` and an `annual` entry under `monitoring.reports`"),
    (("quarterly",), "Provide for the council's annual report to the NHS body on how it exercises the NHS "
                     "functions.", "add an `annual` entry under `monitoring.reports`"),
    (("annual",), "Provide for the council's quarterly report to the NHS body on how it exercises the NHS "
                  "functions.", "add a `quarterly` entry under `monitoring.reports`"),
    (("quarterly", "annual"), None, None),
])
def test_the_councils_reports_to_the_nhs_body_are_asked_for_by_frequency(frequencies, message, hint):
    data = {"monitoring": {"reports": [{"by": "c", "frequency": f, "content": "x"} for f in frequencies]}}
    issues = list(reports.check(agreement(data)))
    assert [(i.message, i.hint) for i in issues] == ([(message, hint)] if message else [])


def test_the_schemes_without_a_lead_are_named_and_only_they():
    data = {"schemes": [
        {"id": "s1", "name": "Care at home", "lead": "c", "functions": ["f"], "persons": "p", "services": ["s"]},
        {"id": "s2", "name": "Falls", "functions": ["f"], "persons": "p", "services": ["s"]}]}
    issues = [i for i in schemes.check(agreement(data)) if i.path == ("schemes",)]
    assert [i.message for i in issues] == ["Name the partner that leads or commissions Falls."]


def generic(**cited) -> dict:
    return {"agreement": {"title": "T", "jurisdiction": "generic"}, **cited}


@pytest.mark.parametrize(("text", "place", "law"), [
    ("Social Services and Well-being (Wales) Act 2014", "wales", "England and Wales (as it applies in Wales)"),
    ("Health and Personal Social Services (Northern Ireland) Order 1972", "northern_ireland", "Northern Ireland"),
    ("National Health Service Act 2006", "england", "England and Wales"),
    ("Community Care and Health (Scotland) Act 2002", "scotland", "Scotland"),
])
def test_legislation_of_one_part_of_the_kingdom_points_to_its_law(text: str, place: str, law: str):
    names = {"wales": "Welsh", "northern_ireland": "Northern Irish", "england": "English", "scotland": "Scottish"}
    [issue] = jurisdiction.check(agreement(generic(recitals=[f"The Parties rely on the {text}."])))
    assert issue.message.startswith(f"Say that the agreement is made under the law of {law}: it relies on "
                                    f"{names[place]} legislation (")
    assert issue.hint == f"set `agreement.jurisdiction: {place}`"


@pytest.mark.parametrize("key", ["delegated_functions", "functions_covered"])
def test_the_statutory_basis_of_functions_counts_as_legislation_cited(key: str):
    entry = {"function": "f", "statutory_basis": "Care Act 2014 s.1"}
    powers = {"legal_powers": {key: [{**entry, "party": "a"} if key == "functions_covered" else entry]}}
    [issue] = jurisdiction.check(agreement(generic(**powers)))
    assert "English legislation (Care Act 2014 s.1)" in issue.message


def test_a_long_citation_is_quoted_to_sixty_characters():
    text = "The Public Bodies (Joint Working) (Scotland) Act 2014 and every order made under it"
    [issue] = jurisdiction.check(agreement(generic(recitals=[text])))
    assert f"Scottish legislation ({text[:59].rstrip()}…)" in issue.message


@pytest.mark.parametrize(("kind", "binding", "applies"), [
    ("agreement", [], True), ("memorandum", [], False), ("memorandum", ["finance"], False),
    ("memorandum", ["finance", "liability"], True),
])
def test_liability_is_asked_of_a_memorandum_only_where_it_binds_the_parties_on_it(kind, binding, applies):
    data = {"agreement": {"title": "T", "kind": kind}, "legal": {"binding": binding}}
    assert liability.applies(agreement(data)) is applies


@pytest.mark.parametrize(("delegated", "cite"), [
    ([("c", "n")], "SSI 2002/533 reg. 11(b)(ii)"),
    ([("n", "c")], "SSI 2002/533 reg. 11(c)(ii)"),
    ([("c", "n"), ("n", "c")], "SSI 2002/533 reg. 11(b)(ii) and (c)(ii)"),
    ([("c", "nobody")], "SSI 2002/533 reg. 11(b)(ii) and (c)(ii)"),  # unclear: both are cited
])
def test_retained_functions_are_asked_for_under_the_paragraph_the_delegation_falls_under(delegated, cite):
    data = {"agreement": {"title": "T", "jurisdiction": "scotland", "arrangement_type": "pooled_budget"},
            "parties": [COUNCIL, NHS],
            "legal_powers": {"delegated_functions": [{"function": "f", "from": a, "to": b} for a, b in delegated]}}
    [issue] = scotland_functions.check(agreement(data))
    assert (issue.path, issue.cite) == (("legal_powers", "retained_functions"), cite)


def scheme(**meta_and_sections) -> dict:
    meta = {k: meta_and_sections.pop(k) for k in ("integration_model", "arrangement_type") if k in meta_and_sections}
    return {"agreement": {"title": "T", "jurisdiction": "scotland", "kind": "integration_scheme", **meta},
            "parties": meta_and_sections.pop("parties", [COUNCIL, NHS]), **meta_and_sections}


@pytest.mark.parametrize(("sections", "asked"), [
    ({}, True), ({"legal": {"liability": "own_acts"}}, False),
    ({"risk": {"liability_and_indemnity": "Each partner bears its own."}}, False),
])
def test_claims_are_settled_by_the_liability_clause_or_by_the_risk_sections_own_words(sections, asked):
    assert bool(list(si_claims.check(agreement(scheme(**sections))))) is asked


@pytest.mark.parametrize(("disputes", "expected"), [
    (None, [(("disputes",), True)]),
    ({"final_resolution": "Mediation."}, []),
    ({"stages": [{"name": "Chief officers", "timescale_days": 10}]}, []),
    ({"principles": "Settle early."}, [(("disputes", "stages"), False)]),
])
def test_a_schemes_disputes_need_stages_or_a_final_resolution(disputes, expected):
    data = scheme() if disputes is None else scheme(disputes=disputes)
    assert [(i.path, i.whole) for i in si_disputes.check(agreement(data))] == expected


@pytest.mark.parametrize(("meta", "applies"), [
    ({"integration_model": "lead_agency_health_board"}, True), ({"arrangement_type": "lead_agency"}, True),
    ({"arrangement_type": "integration_joint_board"}, False),
    ({"integration_model": "integration_joint_board", "arrangement_type": "lead_agency"}, False),
])
def test_functions_carried_out_alongside_are_asked_of_a_lead_agency_only(meta, applies):
    assert si_alongside.applies(agreement(scheme(**meta))) is applies


@pytest.mark.parametrize(("model", "arrangement", "warned"), [
    ("integration_joint_board", "lead_agency", True),
    ("lead_agency_local_authority", "integration_joint_board", True),
    ("integration_joint_board", "integration_joint_board", False),
    ("lead_agency_local_authority", "lead_agency", False),
])
def test_the_integration_model_and_the_arrangement_type_must_agree(model, arrangement, warned):
    issues = list(si_model.check(agreement(scheme(integration_model=model, arrangement_type=arrangement))))
    assert bool(issues) is warned


@pytest.mark.parametrize(("sections", "asked"), [
    ({}, True), ({"engagement": {"methods": ["A citizens' panel."]}}, False),
    ({"membership": {"public_involvement": "Two carers sit on the board."}}, False),
])
def test_participation_is_shown_by_engagement_methods_or_public_involvement(sections, asked):
    assert bool(list(si_participation.check(agreement(scheme(**sections))))) is asked


def test_a_missing_joint_board_or_monitoring_committee_is_asked_for_with_what_each_needs():
    [board] = si_governance.check(agreement(scheme(integration_model="integration_joint_board")))
    assert board.message.endswith(", which of them nominates the first chair, and the term of office of the chair "
                                  "and vice-chair.")
    assert board.hint == "add it under `bodies` with `kind: integration_joint_board`, its `membership` and `chair`"
    [committee] = si_governance.check(agreement(scheme(integration_model="lead_agency_local_authority")))
    assert committee.message == ("Set out the integration joint monitoring committee: how many voting members the "
                                 "council and the Health Board each nominate.")
    assert committee.hint == "add it under `bodies` with `kind: committee`, its `membership`"


COUNCIL_2 = {"id": "c2", "name": "Southvale Council", "sector": "local_authority"}


@pytest.mark.parametrize(("nominating", "parties", "expected"), [
    (["c", "n"], [COUNCIL, NHS], []),
    (["c"], [COUNCIL, NHS], ["Say how many voting members Northvale ICB nominates to the integration joint board."]),
    ([], [COUNCIL, NHS], ["Say how many voting members Northvale Council and Northvale ICB nominate to the "
                          "integration joint board."]),
    (["c", "n", "c2"], [COUNCIL, NHS, COUNCIL_2], ["Say how additional members of the integration joint board are "
                                                   "appointed, and how many."]),
])
def test_each_partner_nominating_to_the_board_and_additional_members_where_councils_share_one(nominating, parties,
                                                                                            expected):
    body = {"id": "ijb", "name": "IJB", "kind": "integration_joint_board", "chair": "The council first.",
            "membership": [{"party": p, "members": 3} for p in nominating]}
    data = scheme(integration_model="integration_joint_board", parties=parties, bodies=[body])
    assert messages(si_governance.check(agreement(data))) == expected


def test_a_money_contribution_without_an_amount_is_no_payment_and_a_pool_asks_for_contributions():
    data = s75("integrated_provision", [COUNCIL, NHS], ())
    data["finance"]["contributions"] = [{"party": "n", "kind": "money", "description": "x"},
                                        {"party": "n", "kind": "staff", "description": "x", "amount": 5}]
    assert messages(contributions._gaps(agreement(data), "c")) == [
        "State the payments the NHS partner makes to the council."]
    pooled = s75("pooled_budget", [COUNCIL, NHS], ("c",))
    pooled["legal_powers"] = {"delegated_functions": [{"function": "f", "from": "n", "to": "c"}]}  # reg. 9 too
    assert messages(contributions._gaps(agreement(pooled), "c")) == ["State the money Northvale ICB contributes."]


@pytest.mark.parametrize(("sections", "severity", "ending"), [
    ({}, None, "or a mutual indemnity."),
    ({"risk": {"liability_and_indemnity": "Each partner bears its own losses."}}, Severity.INFO,
     "or a mutual indemnity, to match what the agreement says of liability in its own words."),
])
def test_an_undecided_liability_is_a_note_where_the_risk_section_words_it(sections, severity, ending):
    [issue] = liability.check(agreement(sections))
    assert issue.severity is severity and issue.message.endswith(ending)


def test_councils_sharing_a_board_that_say_how_additional_members_are_appointed_are_not_asked():
    body = {"id": "ijb", "name": "IJB", "kind": "integration_joint_board", "chair": "The council first.",
            "additional_members": "Two, appointed by the board.",
            "membership": [{"party": p, "members": 3} for p in ("c", "n", "c2")]}
    data = scheme(integration_model="integration_joint_board", parties=[COUNCIL, NHS, COUNCIL_2], bodies=[body])
    assert messages(si_governance.check(agreement(data))) == []


@pytest.mark.parametrize(("risk", "expected"), [
    (None, [(("risk",), True)]), ({"register": [{"description": "Demand rises."}]}, []),
    ({"approach": "Each partner keeps a register."}, []),
    ({"sharing": "Shared equally."}, [(("risk", "approach"), False)]),
])
def test_a_schemes_risk_management_is_its_approach_or_its_register(risk, expected):
    data = scheme() if risk is None else scheme(risk=risk)
    assert [(i.path, i.whole) for i in si_risk.check(agreement(data))] == expected
