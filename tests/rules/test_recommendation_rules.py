"""The recommendation rules (AB201 up): what the briefing advises beyond the twelve elements.

Each snippet is written first in the test file, so the expected line numbers are the snippet's own; the base
agreement (two parties, the Council's chief executive as its representative) follows it.
"""

from __future__ import annotations

from pathlib import Path

from harness import check, spots

from agreement_builder.findings import Severity
from agreement_builder.rules import RULES, executive_group, priorities


def test_partners_without_users_carers_or_voluntary_sector_draw_two_pieces_of_advice(tmp_path: Path):
    found = check(tmp_path, "definitions: []", "AB201")
    assert [(f.rule, f.path, f.severity) for f in found] == [("AB201", "/parties", Severity.ADVICE)] * 2
    assert {"carers" in f.message or "voluntary" in f.message for f in found} == {True}


def test_partner_breadth_is_not_advised_where_a_statute_says_who_the_parties_are(tmp_path: Path):
    for meta in ("jurisdiction: england\n  arrangement_type: pooled_budget",
                 "jurisdiction: scotland\n  arrangement_type: pooled_budget",
                 "jurisdiction: scotland\n  integration_model: integration_joint_board"):
        assert check(tmp_path, f"agreement:\n  title: T\n  {meta}", "AB201") == [], meta


def test_a_carers_organisation_and_a_community_group_satisfy_partner_breadth(tmp_path: Path):
    found = check(tmp_path, """
        parties:
          - {id: nvc, name: Northvale Council, sector: local_authority}
          - {id: carers, name: Northvale Carers Centre, sector: carers}
          - {id: hall, name: Northvale Community Hall, sector: community}
        """, "AB201")
    assert found == []


def test_a_partnership_of_statutory_bodies_and_a_voluntary_group_still_lacks_users(tmp_path: Path):
    found = check(tmp_path, """
        parties:
          - {id: nvc, name: Northvale Council, sector: local_authority}
          - {id: vol, name: Northvale Voluntary Action, sector: voluntary}
        """, "AB201")
    assert spots(found) == [("AB201", 2, 3)]
    assert "service users or carers" in found[0].message


def test_a_representative_without_delegated_authority_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        parties:
          - id: nvc
            name: Northvale Council
            sector: local_authority
            representatives:
              - id: nv-chief-exec
                name: Alex Morgan
                delegated_authority: Decisions within the agreed budget.
              - id: nv-director
                name: Jo Patel
          - id: nv-health
            name: Northvale Health Board
            sector: health
        """, "AB202")
    assert spots(found) == [("AB202", 9, 9)]
    assert "Jo Patel" in found[0].message and "Northvale Council" in found[0].message


def test_a_general_delegation_covers_every_representative(tmp_path: Path):
    found = check(tmp_path, """
        decision_making:
          delegation: Every representative may decide within the agreed budget and plan.
        """, "AB202")
    assert found == []


def test_no_key_decision_notice_period_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        decision_making:
          method: Consensus.
        """, "AB203")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/decision_making/key_decision_notice_days")]


def test_a_large_partnership_without_an_executive_group_is_a_warning(tmp_path: Path):
    parties = "\n".join(f"  - {{id: p{i}, name: Partner {i}, sector: other}}" for i in range(1, 10))
    found = check(tmp_path, f"parties:\n{parties}\naccountability:\n  groups:\n    - {{id: b, name: Board}}",
                  "AB204")
    assert spots(found) == [("AB204", 13, 5)]


def test_eight_partners_are_not_yet_large(tmp_path: Path):
    parties = "\n".join(f"  - {{id: p{i}, name: Partner {i}, sector: other}}" for i in range(1, 9))
    assert executive_group.MAX_PARTIES == 8
    assert check(tmp_path, f"parties:\n{parties}", "AB204") == []


def test_a_board_of_thirteen_needs_an_executive_group(tmp_path: Path):
    people = "\n".join(f"  - {{id: m{i}, name: Member {i}}}" for i in range(1, 14))
    members = ", ".join(f"m{i}" for i in range(1, 14))
    found = check(tmp_path, f"people:\n{people}\naccountability:\n  groups:\n"
                            f"    - {{id: b, name: Board, kind: board, members: [{members}]}}", "AB204")
    assert [(f.rule, f.path) for f in found] == [("AB204", "/accountability/groups")]


def test_neither_a_rotating_chair_nor_lead_agencies_is_a_note(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          groups:
            - id: board
              name: Partnership Board
              chair: nv-chief-exec
        """, "AB205")
    assert [(f.path, f.severity) for f in found] == [("/roles/lead_agencies", Severity.ADVICE)]


def test_a_rotating_chair_is_shared_leadership(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          groups:
            - id: board
              name: Partnership Board
              chair_rotation: The chair passes between the Council and the Health Board every two years.
        """, "AB205")
    assert found == []


def test_one_person_holding_every_key_role_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        people:
          - {id: deputy, name: Sam Rivers}
        roles:
          individuals:
            - {title: Chair, holder: nv-chief-exec, deputy: deputy, key: true}
            - {title: Lead Officer, holder: nv-chief-exec, deputy: deputy, key: true}
            - {title: Minute Taker, holder: deputy}
        """, "AB206")
    assert [(f.line, f.column, f.path) for f in found] == [(4, 3, "/roles")]
    assert "Alex Morgan holds every key role" in found[0].message


def test_a_key_role_without_a_deputy_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        people:
          - {id: deputy, name: Sam Rivers}
        roles:
          individuals:
            - {title: Chair, holder: nv-chief-exec, deputy: deputy, key: true}
            - {title: Lead Officer, holder: deputy, key: true}
            - {title: Minute Taker, holder: deputy}
        """, "AB206")
    assert spots(found) == [("AB206", 6, 7)]
    assert "Lead Officer" in found[0].message
    assert found[0].hint == "add `deputy`"


def test_a_holder_cannot_deputise_for_themself(tmp_path: Path):
    found = check(tmp_path, """
        roles:
          individuals:
            - {title: Chair, holder: nv-chief-exec, deputy: nv-chief-exec, key: true}
        """, "AB206")
    assert spots(found) == [("AB206", 3, 7)]
    assert "someone other than the holder" in found[0].message
    assert found[0].hint == "change `deputy`"


def test_the_chair_of_the_overarching_body_needs_a_vice_chair(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          overarching_body: board
          groups:
            - id: board
              name: Partnership Board
              chair: nv-chief-exec
        """, "AB206")
    assert spots(found) == [("AB206", 6, 14)]
    assert "chair of Partnership Board" in found[0].message and "`vice_chair`" in found[0].hint


def test_the_chair_of_the_overarching_body_counts_among_the_key_roles_one_person_holds(tmp_path: Path):
    found = check(tmp_path, """
        people:
          - {id: deputy, name: Sam Rivers}
        accountability:
          overarching_body: board
          groups:
            - {id: board, name: Partnership Board, chair: nv-chief-exec, vice_chair: deputy}
        roles:
          individuals:
            - {title: Lead Officer, holder: nv-chief-exec, deputy: deputy, key: true}
        """, "AB206")
    assert [f.message for f in found] == ["Alex Morgan holds every key role: share them so that the partnership "
                                          "does not depend on one person."]


def test_key_roles_no_one_is_named_to_hold_are_not_all_held_by_one_person(tmp_path: Path):
    found = check(tmp_path, """
        people:
          - {id: deputy, name: Sam Rivers}
        roles:
          individuals:
            - {title: Chair, deputy: deputy, key: true}
            - {title: Lead Officer, deputy: deputy, key: true}
        """, "AB206")
    assert found == []


def test_groups_that_report_to_nobody_are_orphans(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          overarching_body: board
          groups:
            - {id: board, name: Partnership Board}
            - {id: exec, name: Executive Group, reports_to: board}
            - {id: carers, name: Carers Reference Group}
        """, "AB207")
    assert spots(found) == [("AB207", 6, 7)]
    assert "Carers Reference Group" in found[0].message


def test_accountability_lines_that_form_a_circle_are_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          overarching_body: board
          groups:
            - {id: board, name: Partnership Board}
            - {id: exec, name: Executive Group, reports_to: task}
            - {id: task, name: Task Group, reports_to: exec}
            - {id: loop, name: Self-governing Group, reports_to: loop}
        """, "AB207")
    assert spots(found) == [("AB207", 5, 7), ("AB207", 7, 7)]
    assert "'Executive Group' → 'Task Group' → 'Executive Group'" in found[0].message
    assert "'Self-governing Group' → 'Self-governing Group'" in found[1].message


def test_without_a_named_overarching_body_two_tops_are_reported_once(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          groups:
            - {id: board, name: Partnership Board}
            - {id: forum, name: Carers Forum}
            - {id: exec, name: Executive Group, reports_to: board}
        """, "AB207")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/accountability/overarching_body")]
    assert "'Partnership Board', 'Carers Forum'" in found[0].message


def test_an_overarching_body_that_reports_upwards_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          overarching_body: board
          groups:
            - {id: cpp, name: Community Planning Partnership}
            - {id: board, name: Partnership Board, reports_to: cpp}
        """, "AB207")
    assert sorted(spots(found)) == [("AB207", 4, 7), ("AB207", 5, 56)]


def test_a_single_group_is_a_tree(tmp_path: Path):
    assert check(tmp_path, "accountability:\n  groups:\n    - {id: board, name: Board}", "AB207") == []


def test_an_outcome_without_an_indicator_or_target_is_a_note(tmp_path: Path):
    found = check(tmp_path, """
        purpose:
          outcomes:
            - statement: Fewer falls at home.
            - statement: People regain independence sooner.
              indicators:
                - measure: People needing less care after rehabilitation
        """, "AB208")
    assert spots(found) == [("AB208", 3, 7), ("AB208", 6, 11)]
    assert [f.path for f in found] == ["/purpose/outcomes/0/indicators", "/purpose/outcomes/1/indicators/0/target"]
    assert {f.severity for f in found} == {Severity.INFO}


def test_more_than_seven_priorities_is_advice(tmp_path: Path):
    items = "\n".join(f"    - {{title: Priority {i}, objectives: [Do {i}], measures: [Measure {i}]}}"
                      for i in range(1, 9))
    found = check(tmp_path, f"purpose:\n  priorities:\n{items}", "AB209")
    assert priorities.MAX_PRIORITIES == 7
    assert spots(found) == [("AB209", 3, 5)]
    assert "8 are hard to manage" in found[0].message


def test_seven_priorities_are_manageable(tmp_path: Path):
    items = "\n".join(f"    - {{title: Priority {i}, objectives: [Do {i}], measures: [Measure {i}]}}"
                      for i in range(1, 8))
    assert check(tmp_path, f"purpose:\n  priorities:\n{items}", "AB209") == []


def test_a_priority_without_measures_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        purpose:
          priorities:
            - title: Falls prevention
              objectives: [Assess everyone who falls]
        """, "AB209")
    assert spots(found) == [("AB209", 3, 7)]
    assert "no measures" in found[0].message


def test_an_action_without_owner_cost_or_date_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        actions:
          - description: Open a shared base.
            owner: nvc
            resources: Two rooms at the health centre
            due: 2027-01-31
          - description: Recruit two physiotherapists.
            owner: nv-health
        """, "AB210")
    assert spots(found) == [("AB210", 6, 5)]
    assert "a cost or resources" in found[0].message and "a due date" in found[0].message
    assert "owner" not in found[0].message


def test_no_action_plan_is_only_advice(tmp_path: Path):
    found = check(tmp_path, "definitions: []", "AB210")
    assert [(f.path, f.severity) for f in found] == [("/actions", Severity.ADVICE)]


def test_monitoring_without_users_views_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        monitoring:
          framework: Quarterly report.
          partnership_evaluation: Independent review every three years.
        """, "AB211")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/monitoring/users_views")]


def test_an_evaluation_timetable_in_the_exit_strategy_counts_as_evaluating_the_partnership(tmp_path: Path):
    found = check(tmp_path, """
        monitoring:
          users_views: Annual survey.
        exit_strategy:
          approach: continuation
          evaluation_timetable: Every three years.
        """, "AB211")
    assert found == []


def test_a_continuation_branch_without_a_timetable_is_left_to_the_exit_strategy_rule(tmp_path: Path):
    snippet = """
        monitoring:
          users_views: Annual survey.
        exit_strategy:
          approach: continuation
          continuation: The board decides whether to continue.
        """
    assert check(tmp_path, snippet, "AB211") == []
    assert [f.path for f in check(tmp_path, snippet, "AB111")] == ["/exit_strategy/evaluation_timetable"]


def test_no_monitoring_at_all_is_one_warning(tmp_path: Path):
    found = check(tmp_path, "definitions: []", "AB211")
    assert [(f.line, f.column, f.path) for f in found] == [(1, 1, "/monitoring")]


def test_information_sharing_without_confidentiality_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        information_sharing:
          protocol: The Northvale protocol.
        """, "AB212")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/information_sharing/confidentiality")]


def test_no_information_sharing_protocol_is_a_warning(tmp_path: Path):
    found = check(tmp_path, "definitions: []", "AB212")
    assert [f.path for f in found] == ["/information_sharing"]


def test_a_partner_contributing_nothing_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          contributions:
            - {party: nvc, kind: money, amount: 1000}
        """, "AB213")
    assert [(f.path, f.line) for f in found] == [("/parties/1", 14)]
    assert "Northvale Health Board" in found[0].message


def test_contributions_in_kind_count(tmp_path: Path):
    found = check(tmp_path, """
        finance:
          contributions:
            - {party: nvc, kind: networks, description: Links with community groups}
        resources:
          - {party: nv-health, kind: accommodation, description: Rooms at the health centre}
        """, "AB213")
    assert found == []


def test_no_contributions_at_all_is_left_to_the_finance_rule(tmp_path: Path):
    assert check(tmp_path, "finance:\n  audit: Yearly.", "AB213") == []


def test_a_time_limited_project_without_a_mainstreaming_plan_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Falls Pilot
          arrangement_type: project
        mainstreaming:
          links_to_partner_planning: Through each partner's annual plan.
        """, "AB214")
    assert [(f.line, f.column, f.path) for f in found] == [(5, 3, "/mainstreaming/plan")]


def test_a_standing_partnership_needs_no_mainstreaming_plan(tmp_path: Path):
    assert check(tmp_path, "agreement:\n  title: X\n  time_limited: false", "AB214") == []


def test_a_partner_with_no_reporting_line_is_a_warning(tmp_path: Path):
    found = check(tmp_path, """
        accountability:
          host_reporting:
            - {party: nv-health, route: Performance Committee quarterly}
        """, "AB215")
    assert [(f.path, f.line) for f in found] == [("/parties/0", 7)]
    assert "Northvale Council" in found[0].message


def test_no_host_reporting_at_all_is_one_warning(tmp_path: Path):
    found = check(tmp_path, "accountability:\n  individuals: To their line managers.", "AB215")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/accountability/host_reporting")]


def test_representatives_at_one_level_only_is_advice(tmp_path: Path):
    found = check(tmp_path, "definitions: []", "AB216")
    assert [(f.path, f.severity) for f in found] == [("/parties", Severity.ADVICE)]
    assert "strategic or operational" in found[0].message


def test_no_definitions_is_advice(tmp_path: Path):
    assert [(f.path, f.severity) for f in check(tmp_path, "behaviours: []", "AB217")] == [
        ("/definitions", Severity.ADVICE)]


def test_training_that_leaves_out_users_and_carers_is_advice(tmp_path: Path):
    found = check(tmp_path, """
        supervision:
          training: A joint induction for staff.
        """, "AB218")
    assert [(f.line, f.column, f.severity) for f in found] == [(2, 13, Severity.ADVICE)]


def test_no_joint_training_is_a_note(tmp_path: Path):
    found = check(tmp_path, "supervision:\n  support_networks: Forums.", "AB218")
    assert [f.path for f in found] == ["/supervision/training"]


def test_engagement_that_does_not_weigh_views_is_advice(tmp_path: Path):
    found = check(tmp_path, """
        engagement:
          publicity: An annual report.
        """, "AB219")
    assert [(f.line, f.column, f.path, f.severity) for f in found] == [
        (2, 3, "/engagement/weight", Severity.ADVICE)]


def test_no_agreed_behaviours_is_a_note(tmp_path: Path):
    assert [f.path for f in check(tmp_path, "definitions: []", "AB220")] == ["/behaviours"]


def test_communication_without_an_external_route_is_a_note(tmp_path: Path):
    found = check(tmp_path, "communication:\n  internal: Papers a week ahead.", "AB221")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/communication/external")]


def test_a_partnership_shorter_than_three_years_is_advice(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Falls Pilot
          effective_date: 2026-04-01
          end_date: 2029-03-30
        """, "AB222")
    assert [(f.line, f.column, f.severity) for f in found] == [(4, 13, Severity.ADVICE)]


def test_three_full_years_is_long_enough(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Falls Pilot
          effective_date: 2026-04-01
          end_date: 2029-03-31
        """, "AB222")
    assert found == []


def test_an_impossible_date_is_not_judged(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Falls Pilot
          effective_date: 2026-02-30
          end_date: 2026-03-31
        """, "AB222")
    assert found == []


def test_boundaries_without_links_to_other_services_is_a_note(tmp_path: Path):
    found = check(tmp_path, "boundaries:\n  geography: Northvale", "AB223")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/boundaries/links_to_other_services")]


def test_finance_that_ignores_budget_cycles_is_a_note(tmp_path: Path):
    found = check(tmp_path, "finance:\n  audit: Yearly.", "AB224")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/finance/budget_cycles")]


def test_an_integrated_team_must_settle_staff_terms(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Team
          arrangement_type: integrated_provision
        roles:
          performance_feedback: Yearly.
        """, "AB225")
    assert [(f.line, f.column, f.path, f.severity) for f in found] == [
        (5, 3, "/roles/terms_and_conditions", Severity.WARNING)]


def test_a_strategic_partnership_need_not_settle_staff_terms(tmp_path: Path):
    assert check(tmp_path, "agreement:\n  title: X\n  arrangement_type: strategic_partnership", "AB225") == []


def test_roles_without_performance_feedback_is_a_note(tmp_path: Path):
    found = check(tmp_path, "roles:\n  terms_and_conditions: Kept separate.", "AB226")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/roles/performance_feedback")]


def test_an_unnamed_model_is_a_note(tmp_path: Path):
    found = check(tmp_path, "agreement:\n  title: X\n  version: '1'", "AB227")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 3, "/agreement/arrangement_type")]


def test_recommendation_rules_are_warnings_notes_or_advice_never_errors():
    assert {r.severity for r in RULES.values() if r.id.startswith("AB2")} == {
        Severity.WARNING, Severity.INFO, Severity.ADVICE}


def test_good_practice_a_legal_agreement_need_not_contain_is_advice():
    advice = {"AB203": "key decision notice", "AB209": "priorities", "AB210": "action plan", "AB219": "publicity",
              "AB220": "behaviours", "AB221": "communication", "AB224": "budget cycles"}
    assert {rule_id: RULES[rule_id].severity for rule_id in advice} == dict.fromkeys(advice, Severity.ADVICE)


def test_each_text_still_holding_a_placeholder_is_a_warning_and_an_error_once_final(tmp_path: Path):
    snippet = """
        agreement:
          title: "[Name of the partnership] Partnership Agreement"
          status: {status}
          model: "A board [sic] as in Smith [2019] and the [NHS] guidance."
        membership:
          summary: "[Who the members are], and [how they join]"
        """
    draft = check(tmp_path, snippet.format(status="draft"), "AB228")
    assert [(f.line, f.column, f.path, f.severity) for f in draft] == [
        (2, 10, "/agreement/title", Severity.WARNING), (6, 12, "/membership/summary", Severity.WARNING)]
    assert "'[Name of the partnership]'" in draft[0].message
    final = check(tmp_path, snippet.format(status="final"), "AB228")
    assert {f.severity for f in final} == {Severity.ERROR}



def test_a_placeholder_is_found_however_it_is_written_and_only_in_values(tmp_path: Path):
    found = check(tmp_path, r"""
        # [Name of the partnership] goes in the title: a comment, not a placeholder
        agreement:
          title: "\x5BName of the partnership] Partnership Agreement"
          model: >
            A board and [Number of
            task groups] task groups.
        """, "AB228")
    assert [(f.line, f.path) for f in found] == [(3, "/agreement/title"), (4, "/agreement/model")]


def test_a_party_of_service_users_or_carers_leaves_only_the_voluntary_sector_to_consider(tmp_path: Path):
    found = check(tmp_path, """
        parties:
          - {id: nvc, name: Northvale Council, sector: local_authority}
          - {id: voice, name: Northvale Carers' Voice, sector: service_users}
        """, "AB201")
    assert [f.message for f in found] == ["Consider inviting a voluntary or community organisation to join as a "
                                          "partner."]


def test_a_model_described_in_words_names_the_model_of_partnership(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Partnership Agreement
          model: A board of the partners with a lead commissioner for older people's services.
        """, "AB227")
    assert found == []


def test_an_evaluation_timetable_in_the_exit_strategy_stands_for_the_partnerships_evaluation(tmp_path: Path):
    found = check(tmp_path, """
        monitoring:
          users_views: A panel of service users meets each quarter.
        exit_strategy:
          evaluation_timetable: Every three years from the effective date.
        """, "AB211")
    assert found == []


def test_an_end_on_the_last_day_a_date_can_have_is_long_enough(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Partnership Agreement
          effective_date: 2026-04-01
          end_date: 9999-12-31
        """, "AB222")
    assert found == []


def test_a_placeholder_spelt_with_an_escape_is_found(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: "Northvale \\u005bName of the partnership]"
        """, "AB228")
    assert [f.path for f in found] == ["/agreement/title"]
