"""Which regime a statutory pack judges an agreement under: the regulations of SI 2000/617 its arrangements fall
under, read from the arrangement type and the functions delegated between parties of each sector."""

from __future__ import annotations

import pytest
from harness import agreement

from agreement_builder.rules.statutory import (
    aims_and_outcomes,
    has_duration,
    joint_board_model,
    persons_and_services,
    resources_provided,
    s75_regulations,
)

COUNCIL = {"id": "c", "name": "C", "sector": "local_authority"}
NHS = {"id": "n", "name": "N", "sector": "health"}
OTHER_COUNCIL = {"id": "d", "name": "D", "sector": "local_authority"}


def england(arrangement: str, *delegated: tuple[str, str]) -> dict:
    return {"agreement": {"title": "T", "jurisdiction": "england", "arrangement_type": arrangement},
            "parties": [COUNCIL, NHS, OTHER_COUNCIL],
            "legal_powers": {"delegated_functions": [{"function": "f", "from": a, "to": b} for a, b in delegated]}}


@pytest.mark.parametrize(("data", "regulations"), [
    (england("pooled_budget"), ["7"]),
    (england("integrated_provision"), ["9"]),
    (england("integrated_team"), ["9"]),
    (england("lead_commissioning"), []),
    (england("lead_commissioning", ("c", "n")), ["8"]),  # a council's functions exercised by an NHS body
    (england("lead_commissioning", ("n", "c")), ["9"]),  # an NHS body's functions exercised by a council
    (england("lead_commissioning", ("c", "d")), []),  # between two councils: neither
    (england("lead_commissioning", ("n", "n")), []),
    (england("pooled_budget", ("c", "n"), ("n", "c")), ["7", "8", "9"]),
])
def test_the_regulations_the_arrangements_fall_under(data: dict, regulations: list[str]):
    assert s75_regulations(agreement(data)) == regulations


def test_missing_aims_are_the_whole_purpose_section_missing():
    [issue] = aims_and_outcomes(agreement({}), "SI 2000/617 reg. 7(3)(a)")
    assert (issue.path, issue.whole, issue.cite) == (("purpose",), True, "SI 2000/617 reg. 7(3)(a)")


SCHEME = {"id": "s1", "name": "Care at home", "lead": "a"}


@pytest.mark.parametrize(("schemes", "unstated"), [
    ([], ["/boundaries/persons_covered", "/boundaries/services_covered"]),
    ([{**SCHEME, "persons": "Adults", "services": ["Home care"]}], []),
    ([{**SCHEME, "persons": "Adults", "services": ["Home care"]}, {**SCHEME, "id": "s2", "persons": "Children"}],
     ["/boundaries/services_covered"]),
    ([{**SCHEME, "services": ["Home care"]}, {**SCHEME, "id": "s2", "persons": "Children", "services": ["Respite"]}],
     ["/boundaries/persons_covered"]),
])
def test_the_people_and_services_may_be_stated_scheme_by_scheme_if_every_scheme_states_them(schemes: list,
                                                                                           unstated: list[str]):
    issues = persons_and_services(agreement({"schemes": schemes}), "cite")
    assert ["/" + "/".join(issue.path) for issue in issues] == unstated


@pytest.mark.parametrize("kind", ["staff", "premises", "goods", "services"])
def test_a_contribution_in_kind_says_what_resources_a_partner_provides(kind: str):
    data = {"finance": {"contributions": [{"party": "a", "kind": kind, "description": "x"}]}}
    assert list(resources_provided(agreement(data), "cite")) == []


def test_without_resources_or_contributions_in_kind_the_whole_resources_section_is_missing():
    data = {"finance": {"contributions": [{"party": "a", "kind": "money", "description": "x"}]}}
    [issue] = resources_provided(agreement(data), "cite")
    assert (issue.path, issue.whole) == (("resources",), True)


@pytest.mark.parametrize("term", [{"duration": "Three years"}, {"initial_period_months": 36},
                                  {"renewal_months": 12}])
def test_a_duration_is_stated_by_any_of_the_terms_that_give_one(term: dict):
    assert has_duration(agreement({"term": term}))
    assert not has_duration(agreement({"term": {"review": "Yearly"}}))


@pytest.mark.parametrize(("meta", "joint_board"), [
    ({"integration_model": "integration_joint_board", "arrangement_type": "lead_agency"}, True),
    ({"integration_model": "lead_agency_health_board", "arrangement_type": "integration_joint_board"}, False),
    ({"arrangement_type": "lead_agency"}, False),
    ({"arrangement_type": "integration_joint_board"}, True),
])
def test_the_integration_model_decides_a_joint_board_and_else_the_arrangement_type(meta: dict, joint_board: bool):
    data = {"agreement": {"title": "T", "jurisdiction": "scotland", "kind": "integration_scheme", **meta}}
    assert joint_board_model(agreement(data)) is joint_board
