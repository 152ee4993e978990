"""The twelve-element rules (AB102-AB112): a missing element is an error, a thin one draws warnings.

Each snippet is written first in the test file, so the expected line numbers are the snippet's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import check, lint_snippet, spots

from agreement_builder.findings import Severity
from agreement_builder.model import ELEMENTS
from agreement_builder.rules import RULES, disputes

ELEMENT_RULES = {rule.element: rule.id for rule in RULES.values() if rule.element}


@pytest.mark.parametrize("element", ELEMENTS)
def test_missing_element_is_an_error_at_the_top_of_the_file(element: str, tmp_path: Path):
    found = check(tmp_path, "definitions:\n  - term: Partner\n    meaning: A party to this agreement.",
                  ELEMENT_RULES[element])
    assert [(f.rule, f.line, f.column, f.severity) for f in found] == [(ELEMENT_RULES[element], 1, 1, Severity.ERROR)]
    assert found[0].path == f"/{element}"
    assert found[0].message.startswith("Add ") and "`" not in found[0].message  # plain words for a drafter
    assert f"`{element}`" in found[0].hint  # the key, for whoever edits the file


@pytest.mark.parametrize("element", ELEMENTS)
def test_an_additional_clause_that_covers_an_element_satisfies_it_and_asks_once_to_confirm_its_wording(
        element: str, tmp_path: Path):
    found = lint_snippet(tmp_path, f"""
        additional_clauses:
          - title: Clause for {element}
            text: The partners agree the wording in the schedule.
            covers: {element}
        """)
    rule = ELEMENT_RULES[element]
    assert not [f for f in found if f.rule == rule]
    [confirm] = [f for f in found if rule in f.also]
    assert (confirm.rule, confirm.severity, confirm.line, confirm.path) == (
        "AB009", Severity.INFO, 4, "/additional_clauses/0/covers")
    assert confirm.message.startswith(f"The clause 'Clause for {element}' covers {element}, but its wording cannot be "
                                      "checked: confirm that it does the following.")
    assert any(s.startswith("briefing: ") for s in confirm.sources)


def test_an_empty_section_counts_as_missing(tmp_path: Path):
    found = check(tmp_path, "complaints: {}", "AB110")
    assert [(f.line, f.severity) for f in found] == [(1, Severity.ERROR)]


def test_membership_without_public_involvement_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        membership:
          summary: The Council and the Health Board.
          joining_and_leaving: By decision of the board.
          review: Every two years.
        """, "AB102")
    assert spots(found) == [("AB102", 2, 3)]
    assert found[0].severity == Severity.WARNING and "public_involvement" in found[0].hint
    assert "service users, carers and the public" in found[0].message


def test_membership_without_a_review_is_only_advice(tmp_path: Path):
    found = check(tmp_path, """
        membership:
          public_involvement: Two places on the board for people who use services.
          joining_and_leaving: By decision of the board.
        """, "AB102")
    assert [(f.line, f.severity, f.path) for f in found] == [(2, Severity.ADVICE, "/membership/review")]


def test_accountability_without_groups_or_individuals_draws_two_warnings(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          host_reporting:
            - party: nvc
              route: Council committee
        """, "AB103")
    assert sorted((f.line, f.column, f.path) for f in found) == [(2, 3, "/accountability/groups"),
                                                                 (2, 3, "/accountability/individuals")]
    assert {f.severity for f in found} == {Severity.WARNING}


def test_roles_without_descriptions_are_warned_one_by_one(tmp_path: Path):
    found = check(tmp_path, """
        roles:
          individuals:
            - title: Partnership Chair
              description: Chairs the board.
            - title: Lead Officer
            - title: Finance Lead
        """, "AB104")
    assert spots(found) == [("AB104", 5, 7), ("AB104", 6, 7)]
    assert "Lead Officer" in found[0].message and "Finance Lead" in found[1].message


def test_a_group_without_a_remit_is_a_role_warning(tmp_path: Path):
    found = check(tmp_path, """
        roles:
          individuals:
            - title: Partnership Chair
              description: Chairs the board.
        accountability:
          groups:
            - id: board
              name: Partnership Board
              remit: Sets the strategy.
            - id: exec
              name: Executive Group
              reports_to: board
        """, "AB104")
    assert spots(found) == [("AB104", 10, 7)]
    assert "Executive Group" in found[0].message


def test_roles_that_list_nobody_are_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        roles:
          performance_feedback: Yearly review.
        """, "AB104")
    assert [(f.line, f.path, f.severity) for f in found] == [(2, "/roles/individuals", Severity.WARNING)]


def test_finance_without_audit_or_reporting_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          contributions:
            - party: nvc
              kind: money
              amount: 1000
          accountable_body: nvc
        """, "AB105")
    assert sorted(f.path for f in found) == ["/finance/audit", "/finance/performance_reporting"]
    assert spots(found) == [("AB105", 2, 3), ("AB105", 2, 3)]


def test_the_host_of_a_pooled_fund_answers_for_the_money(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          contributions:
            - party: nvc
              kind: staff
          pooled_fund:
            host: nv-health
          performance_reporting: Quarterly to the board.
          audit: By the host's auditors.
        """, "AB105")
    assert found == []


def test_money_without_an_amount_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          accountable_body: nvc
          performance_reporting: Quarterly to the board.
          audit: By the Council's auditors.
          contributions:
            - party: nv-health
              kind: money
              period: per year
        """, "AB105")
    assert spots(found) == [("AB105", 6, 7)]
    assert "Northvale Health Board" in found[0].message


def test_money_without_an_amount_is_fine_where_the_way_payments_are_worked_out_is_stated(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          accountable_body: nvc
          performance_reporting: Quarterly to the board.
          audit: By the Council's auditors.
          payment_method: Each partner pays in proportion to its population share, set each March.
          contributions:
            - party: nv-health
              kind: money
              period: per year
        """, "AB105")
    assert found == []


def test_finance_without_contributions_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          accountable_body: nvc
          performance_reporting: Quarterly to the board.
          audit: By the Council's auditors.
        """, "AB105")
    assert [f.path for f in found] == ["/finance/contributions"]


def test_boundaries_without_geography_are_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        boundaries:
          in_scope: [Reablement]
          out_of_scope: [Acute care]
        """, "AB106")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/boundaries/geography")]


def test_partners_whose_areas_differ_must_say_how_they_work_across_them(tmp_path: Path):
    found = check(tmp_path, """
        boundaries:
          in_scope: [Reablement]
          out_of_scope: [Acute care]
          geography: Northvale
          coterminous: false
        """, "AB106")
    assert spots(found) == [("AB106", 5, 16)]
    assert "cross_boundary" in found[0].hint and "where they differ" in found[0].message


def test_coterminous_partners_need_no_cross_boundary_arrangement(tmp_path: Path):
    found = check(tmp_path, """
        boundaries:
          in_scope: [Reablement]
          out_of_scope: [Acute care]
          geography: Northvale
          coterminous: true
        """, "AB106")
    assert found == []


def test_risk_without_sharing_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        risk:
          approach: A shared register.
          review: Quarterly by the board.
        """, "AB107")
    assert [(f.line, f.path, f.severity) for f in found] == [(2, "/risk/sharing", Severity.WARNING)]


def test_a_risk_register_counts_as_a_way_of_identifying_risks_and_a_risk_without_an_owner_is_a_note(tmp_path: Path):
    found = check(tmp_path, """
        risk:
          sharing: In proportion to contributions.
          review: Quarterly by the board.
          register:
            - description: Winter pressures
              owner: nv-health
            - description: Staff shortages
        """, "AB107")
    assert spots(found) == [("AB107", 7, 7)]
    assert "Staff shortages" in found[0].message and found[0].severity == Severity.INFO


def test_disputes_ending_in_court_without_trying_mediation_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          stages:
            - name: Lead officers meet
              timescale_days: 14
          final_resolution: Either partner may then start court proceedings.
        """, "AB108")
    assert spots(found) == [("AB108", 5, 21)]
    assert found[0].severity == Severity.WARNING and "ends in court without trying mediation" in found[0].message


def test_disputes_ending_in_court_after_mediation_is_sound(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          stages:
            - name: Lead officers meet
              timescale_days: 14
            - name: Mediation by an independent mediator
              timescale_days: 40
          final_resolution: Failing mediation, either partner may take the dispute to the courts.
        """, "AB108")
    assert found == []


def test_disputes_starting_with_litigation_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          stages:
            - name: Legal action by the aggrieved partner
              timescale_days: 30
          final_resolution: Independent mediation.
        """, "AB108")
    assert spots(found) == [("AB108", 3, 7)]
    assert "not with litigation" in found[0].message


def test_disputes_that_never_reach_mediation_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          stages:
            - name: Lead officers meet
              timescale_days: 14
            - name: Chief executives meet
              timescale_days: 21
        """, "AB108")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/disputes/final_resolution")]
    assert "End the dispute protocol with mediation" in found[0].message


def test_disputes_stages_without_timescales_are_warned_one_by_one(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          stages:
            - name: Lead officers meet
            - name: Chief executives meet
              timescale_days: 21
            - name: Mediation
        """, "AB108")
    assert spots(found) == [("AB108", 3, 7), ("AB108", 6, 7)]


def test_a_protocol_that_rules_out_the_courts_is_not_mistaken_for_litigation(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          principles: Partners settle disagreements without going to court.
          stages:
            - name: Lead officers meet, never resorting to legal action
              timescale_days: 14
          final_resolution: Arbitration, rather than the courts, is final.
        """, "AB108")
    assert found == []


@pytest.mark.parametrize("key", ["name", "description", "escalation_to"])
def test_a_first_stage_that_goes_to_law_is_found_in_any_of_its_words(key: str, tmp_path: Path):
    stage = {"name": "First stage", "description": "The officers meet.", "escalation_to": "The chief officers"}
    stage[key] = "Either partner may sue the other"
    found = check(tmp_path, f"""
        disputes:
          stages:
            - name: {stage['name']}
              description: {stage['description']}
              escalation_to: {stage['escalation_to']}
              timescale_days: 14
          final_resolution: Independent mediation.
        """, "AB108")
    assert [(f.path, f.severity) for f in found] == [("/disputes/stages/0", Severity.WARNING)]
    assert "not with litigation" in found[0].message


@pytest.mark.parametrize("key", ["description", "escalation_to"])
def test_mediation_named_in_a_stages_other_words_counts_as_reaching_it(key: str, tmp_path: Path):
    found = check(tmp_path, f"""
        disputes:
          stages:
            - name: Lead officers meet
              {key}: An independent mediator
              timescale_days: 14
        """, "AB108")
    assert found == []


def test_a_negation_in_an_earlier_clause_does_not_excuse_a_later_court(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          stages:
            - name: Lead officers meet
              timescale_days: 14
          final_resolution: The partners will not delay; either may then go to court.
        """, "AB108")
    assert [(f.path, f.severity) for f in found] == [("/disputes/final_resolution", Severity.WARNING)]
    assert "ends in court" in found[0].message


@pytest.mark.parametrize(("words_before", "litigates"), [(40, False), (41, True)])
def test_a_negation_counts_only_within_the_forty_characters_before_the_court(words_before: int, litigates: bool):
    before = "not " + "x" * (words_before - 16) + " then go to "  # "not" starts ``words_before`` back
    assert len(before) == words_before
    assert disputes.litigates(before + "court") is litigates


def test_disputes_without_stages_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        disputes:
          final_resolution: Independent mediation.
        """, "AB108")
    assert [(f.line, f.path) for f in found] == [(2, "/disputes/stages")]


def test_supervision_without_arrangements_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        supervision:
          support_networks: Professional forums of each employer.
        """, "AB109")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/supervision/arrangements")]


def test_supervision_that_does_not_say_who_supervises_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        supervision:
          support_networks: Professional forums of each employer.
          arrangements:
            - profession: Social work
              provided_by: nvc
              arrangement: Monthly with a senior social worker.
            - profession: Physiotherapy
              arrangement: Monthly.
        """, "AB109")
    assert spots(found) == [("AB109", 7, 7)]
    assert "Physiotherapy" in found[0].message and "provided_by" in found[0].hint


def test_supervision_that_says_why_none_is_needed_is_not_reported(tmp_path: Path):
    found = check(tmp_path, """
        supervision:
          not_applicable: No care or health professionals work under the agreement.
        """, "AB109")
    assert found == []


def test_complaints_for_citizens_only_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        complaints:
          public:
            route: To the partner that provided the service.
            timescale_days: 20
            escalation: The ombudsman.
          joint_handling: One joint reply.
        """, "AB110")
    assert [(f.line, f.column, f.path, f.severity) for f in found] == [
        (2, 3, "/complaints/staff", Severity.WARNING)]


def test_complaints_for_staff_only_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        complaints:
          staff:
            route: Through the employer's grievance procedure.
            timescale_days: 28
          joint_handling: One joint reply.
        """, "AB110")
    assert [(f.line, f.path) for f in found] == [(2, "/complaints/public")]
    assert "the public" in found[0].message


def test_a_complaints_route_without_a_response_time_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        complaints:
          public:
            route: To the partner that provided the service.
            escalation: The ombudsman.
          staff:
            route: Through the employer's grievance procedure.
            timescale_days: 28
          joint_handling: One joint reply.
        """, "AB110")
    assert [(f.line, f.column, f.path) for f in found] == [(3, 5, "/complaints/public/timescale_days")]


def test_an_exit_without_trigger_or_notice_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        exit_strategy:
          approach: exit
          arrangements: Staff return to their employers.
        """, "AB111")
    assert sorted((f.line, f.column, f.path) for f in found) == [(2, 3, "/exit_strategy/notice_months"),
                                                                 (2, 3, "/exit_strategy/triggers")]
    assert {f.severity for f in found} == {Severity.WARNING}


def test_a_continuation_without_an_evaluation_timetable_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        exit_strategy:
          approach: continuation
          continuation: The board decides after each evaluation whether to continue.
        """, "AB111")
    assert [f.path for f in found] == ["/exit_strategy/evaluation_timetable"]


def test_a_complete_continuation_branch_needs_no_exit_trigger(tmp_path: Path):
    found = check(tmp_path, """
        exit_strategy:
          approach: continuation
          evaluation_timetable: Every three years from the effective date.
          continuation: The board decides after each evaluation whether to continue.
        """, "AB111")
    assert found == []


def test_an_exit_strategy_without_an_approach_is_judged_by_the_branch_it_describes(tmp_path: Path):
    found = check(tmp_path, """
        exit_strategy:
          evaluation_timetable: Every three years from the effective date.
        """, "AB111")
    assert [f.path for f in found] == ["/exit_strategy/continuation"]


def test_an_exit_approach_with_only_an_evaluation_timetable_asks_for_the_exit(tmp_path: Path):
    found = check(tmp_path, """
        exit_strategy:
          approach: exit
          evaluation_timetable: Every three years from the effective date.
        """, "AB111")
    assert sorted(f.path for f in found) == ["/exit_strategy/arrangements", "/exit_strategy/notice_months",
                                             "/exit_strategy/triggers"]


@pytest.mark.parametrize("approach", ["exit", "continuation"])
def test_the_approach_stated_decides_the_branch_even_when_the_other_is_filled_in_more(approach: str,
                                                                                        tmp_path: Path):
    found = check(tmp_path, f"""
        exit_strategy:
          approach: {approach}
          triggers: [The Better Care Fund ends]
          notice_months: 6
          evaluation_timetable: Every three years.
        """, "AB111")
    expected = {"exit": ["/exit_strategy/arrangements"], "continuation": ["/exit_strategy/continuation"]}
    assert [f.path for f in found] == expected[approach]


def test_without_an_approach_the_branch_with_the_larger_share_of_its_parts_stated_is_judged(tmp_path: Path):
    # One of exit's three parts against one of continuation's two: continuation is the more complete.
    found = check(tmp_path, """
        exit_strategy:
          triggers: [The Better Care Fund ends]
          evaluation_timetable: Every three years.
        """, "AB111")
    assert [f.path for f in found] == ["/exit_strategy/continuation"]
    assert "the partners decide" in found[0].message


def test_an_exit_with_only_a_notice_period_lacks_triggers_and_arrangements(tmp_path: Path):
    found = check(tmp_path, """
        exit_strategy:
          notice_months: 6
          approach: exit
        """, "AB111")
    assert sorted(f.path for f in found) == ["/exit_strategy/arrangements", "/exit_strategy/triggers"]


def test_an_exit_strategy_that_says_nothing_of_either_branch_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        exit_strategy:
          triggers: []
        """, "AB111")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/exit_strategy/approach")]


def test_legal_powers_without_a_statute_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        legal_powers:
          retained_functions:
            - Each partner keeps its own statutory functions.
          legal_status: Not a legal entity.
        """, "AB112")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/legal_powers/statutes")]


def test_legal_powers_without_delegated_functions_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        legal_powers:
          statutes:
            - name: NHS Act 2006
              provision: section 75
          legal_status: Not a legal entity.
        """, "AB112")
    assert [(f.line, f.path) for f in found] == [(2, "/legal_powers/delegated_functions")]


def test_a_delegated_function_must_say_who_delegates_it_and_to_whom(tmp_path: Path):
    found = check(tmp_path, """
        legal_powers:
          statutes:
            - name: NHS Act 2006
              provision: section 75
          delegated_functions:
            - function: Commissioning of reablement
              from: nvc
          legal_status: Not a legal entity.
        """, "AB112")
    assert spots(found) == [("AB112", 6, 7)]


def test_a_value_of_only_spaces_is_not_stated(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          contributions:
            - party: nvc
              kind: premises
              description: Office space.
          accountable_body: nvc
          performance_reporting: Quarterly to the board.
          audit: "   "
        """, "AB105")
    assert [f.path for f in found] == ["/finance/audit"]


def test_a_cost_of_nothing_is_a_cost_stated(tmp_path: Path):
    found = check(tmp_path, """
        actions:
          - description: Open a joint falls clinic.
            owner: nvc
            cost: 0
            due: 2027-03-31
        """, "AB210")
    assert found == []


def test_functions_covered_say_where_powers_lie_when_none_are_delegated(tmp_path: Path):
    found = check(tmp_path, """
        legal_powers:
          statutes:
            - {name: National Health Service Act 2006, provision: section 75}
          functions_covered:
            - {party: nvc, function: Social care for older people}
          legal_status: The partnership is not a legal entity; each partner contracts for itself.
        """, "AB112")
    assert [f.path for f in found if f.path.endswith("delegated_functions")] == []


def test_a_vision_about_people_without_outcomes_is_told_only_to_list_the_outcomes(tmp_path: Path):
    found = check(tmp_path, """
        purpose:
          vision: Older people in Northvale live well at home for longer.
        """, "AB101")
    assert [f.path for f in found] == ["/purpose/outcomes"]


def test_a_vision_about_process_is_fine_where_outcomes_for_people_are_listed(tmp_path: Path):
    found = check(tmp_path, """
        purpose:
          vision: The partners will work together and share resources.
          outcomes:
            - statement: Fewer older people are admitted to hospital in an emergency.
              beneficiary: People aged 65 and over
        """, "AB101")
    assert found == []
