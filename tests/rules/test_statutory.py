"""Which regime a statutory pack judges an agreement under: the regulations of SI 2000/617 its arrangements fall
under, read from the arrangement type and the functions delegated between parties of each sector."""

from __future__ import annotations

import pytest
from harness import agreement

from agreement_builder.rules.statutory import aims_and_outcomes, persons_and_services, s75_regulations

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
    ([{**SCHEME, "persons": "Adults", "services": "Home care"}], []),
    ([{**SCHEME, "persons": "Adults", "services": "Home care"}, {**SCHEME, "id": "s2", "persons": "Children"}],
     ["/boundaries/services_covered"]),
    ([{**SCHEME, "services": "Home care"}, {**SCHEME, "id": "s2", "persons": "Children", "services": "Respite"}],
     ["/boundaries/persons_covered"]),
])
def test_the_people_and_services_may_be_stated_scheme_by_scheme_if_every_scheme_states_them(schemes: list,
                                                                                           unstated: list[str]):
    issues = persons_and_services(agreement({"schemes": schemes}), "cite")
    assert ["/" + "/".join(issue.path) for issue in issues] == unstated
