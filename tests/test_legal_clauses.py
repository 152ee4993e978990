"""The legal clause library: each clause, and each choice under `legal`, as the drafted document shows it."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from drafted import brackets, drafted, text

from agreement_builder.build import build
from agreement_builder.document import Note, Signatory
from agreement_builder.errors import BuildError

BASE: dict[str, Any] = {
    "agreement": {"title": "Riverside Care Agreement", "kind": "agreement",
                  "partnership_name": "the Riverside Partnership", "status": "draft", "effective_date": "2025-04-01",
                  "jurisdiction": "england"},
    "parties": [
        {"id": "council", "name": "Riverside Council", "short_name": "the Council", "sector": "local_authority",
         "address": "Town Hall, Riverside RV1 1AA", "signatory": "ann"},
        {"id": "icb", "name": "NHS Riverside Integrated Care Board", "short_name": "the ICB", "sector": "health",
         "address": "Riverside House, Riverside RV2 2BB", "signatory": "ben"},
    ],
    "people": [{"id": "ann", "name": "Ann Able", "position": "Chief Executive"},
               {"id": "ben", "name": "Ben Baker", "position": "Chief Finance Officer"}],
}


def merged(base: Any, changes: Any) -> Any:
    if isinstance(base, dict) and isinstance(changes, dict):
        out = dict(base)
        for key, value in changes.items():
            out[key] = merged(base.get(key), value) if key in base else value
        return out
    return copy.deepcopy(changes)


@pytest.fixture
def draft(tmp_path: Path):
    def _draft(**changes: Any):
        return drafted(merged(BASE, changes), tmp_path)
    return _draft


@pytest.fixture
def words(draft):
    def _words(**changes: Any) -> str:
        return text(draft(**changes))
    return _words


def notes_of(document) -> list[str]:
    """Every drafting note: at a placeholder, or standing alone in a clause."""
    return ([b.note.message for b in brackets(document) if b.note is not None]
            + [b.message for b in document.blocks() if isinstance(b, Note)])


# ---------------------------------------------------------------- governing law and the jurisdiction's facts


@pytest.mark.parametrize(("jurisdiction", "law", "courts"), [
    ("scotland", "governed by Scots law", "the Scottish courts"),
    ("england", "governed by the law of England and Wales", "the courts of England and Wales"),
    ("wales", "governed by the law of England and Wales", "the courts of England and Wales"),
    ("northern_ireland", "governed by the law of Northern Ireland", "the courts of Northern Ireland"),
])
def test_governing_law_and_courts_follow_the_jurisdiction(words, jurisdiction, law, courts):
    document = words(agreement={"jurisdiction": jurisdiction})
    assert law in document and f"exclusive jurisdiction of {courts}" in document


def test_a_chosen_governing_law_overrides_the_jurisdiction(words):
    assert "governed by Scots law" in words(legal={"governing_law": "scotland"})


def test_an_open_jurisdiction_offers_both_laws_in_brackets_with_one_note(draft):
    document = draft(agreement={"jurisdiction": "generic"})
    assert "[Scots law] or [the law of England and Wales]" in text(document)
    assert sum("Choose the law that governs" in n for n in notes_of(document)) == 1


@pytest.mark.parametrize(("jurisdiction", "acts"), [
    ("scotland", ("Freedom of Information (Scotland) Act 2002",
                  "Environmental Information (Scotland) Regulations 2004")),
    ("england", ("Freedom of Information Act 2000", "Environmental Information Regulations 2004")),
])
def test_freedom_of_information_names_the_jurisdiction_s_acts(words, jurisdiction, acts):
    document = words(agreement={"jurisdiction": jurisdiction})
    assert all(act in document for act in acts)


def test_freedom_of_information_can_be_left_out(words):
    assert "Freedom of information" not in words(legal={"freedom_of_information": False})


# ---------------------------------------------------------------- data protection, confidentiality


@pytest.mark.parametrize(("roles", "says"), [
    ("joint_controllers", "joint controllers of that data under Article 26 of the UK GDPR"),
    ("independent_controllers", "is a controller in its own right"),
    ("controller_processor",
     "The ICB processes personal data under this Agreement on behalf of the Council as its processor"),
])
def test_data_protection_states_the_roles_chosen(words, roles, says):
    choice = {"roles": roles, "controller": "council", "processor": "icb"}
    assert says in words(legal={"data_protection": choice})


def test_data_protection_offers_the_roles_in_brackets_when_none_is_chosen(draft):
    document = draft()
    assert "Article 26" in text(document) and "Article 28" in text(document)
    assert any("Choose the Parties' roles" in n for n in notes_of(document))


def test_data_protection_has_breach_notice_impact_assessment_and_return_on_exit(words):
    document = words(legal={"data_protection": {"breach_notice_hours": 48}})
    assert "within 48 hours" in document and "data protection impact assessment" in document
    assert "return to the Party that provided it, or securely destroy" in document


def test_confidentiality_can_be_left_out(words):
    assert "Confidential Information" in words()
    assert "Confidential Information" not in words(legal={"confidentiality": False})


# ---------------------------------------------------------------- liability, insurance


def test_liability_for_own_acts(words):
    document = words(legal={"liability": "own_acts"})
    assert "arises from its own acts or omissions" in document and "indemnify" not in document


def test_a_mutual_indemnity_comes_with_the_conduct_of_claims(words):
    document = words(legal={"liability": "mutual_indemnity"})
    assert "shall indemnify each other Party" in document and "conduct the claim" in document


def test_liability_offers_both_options_when_no_choice_is_made(draft):
    document = draft()
    assert any("Choose how losses are borne" in n for n in notes_of(document))


def test_the_user_s_own_terms_on_liability_are_said_once_in_their_words(words):
    document = words(risk={"liability_and_indemnity": "Each party bears the cost of its own claims."})
    assert "Each party bears the cost of its own claims." in document and "agree that" not in document
    assert "Choose how losses are borne" not in document


def test_indirect_loss_and_a_cap(words):
    document = words(legal={"liability_cap": "the amount of its contribution in that year"})
    assert "indirect or consequential loss" in document
    assert "shall not exceed the amount of its contribution in that year" in document
    assert "death or personal injury" in document
    assert "indirect or consequential" not in words(legal={"exclude_indirect_loss": False})


@pytest.mark.parametrize(("jurisdiction", "scheme"), [
    ("scotland", "Clinical Negligence and Other Risks Indemnity Scheme (CNORIS)"),
    ("england", "the schemes NHS Resolution runs for NHS bodies"),
])
def test_nhs_bodies_meet_the_insurance_clause_through_their_scheme(words, jurisdiction, scheme):
    assert scheme in words(agreement={"jurisdiction": jurisdiction})


def test_other_parties_keep_commercial_insurance_and_insurance_can_be_left_out(words):
    charity = {"id": "charity", "name": "Riverside Carers", "sector": "carers", "address": "1 Mill Lane"}
    document = words(parties=BASE["parties"] + [charity])
    assert "Riverside Carers shall maintain with a reputable insurer employer's liability insurance" in document
    assert "Insurance" not in words(legal={"insurance": False}).split("\n")


# ---------------------------------------------------------------- no partnership, general clauses


def test_no_partnership_is_the_default_and_names_the_arrangements(words):
    document = words()
    assert "Nothing in this Agreement creates a partnership" in document
    assert "the Riverside Partnership is not a legal person" in document
    assert "creates a partnership" not in words(legal={"no_partnership": False})


@pytest.mark.parametrize(("jurisdiction", "act"), [
    ("scotland", "the Contract (Third Party Rights) (Scotland) Act 2017"),
    ("england", "the Contracts (Rights of Third Parties) Act 1999"),
])
def test_third_party_rights_are_excluded_by_default(words, jurisdiction, act):
    assert f"No person who is not a Party has any right to enforce any term of this Agreement, whether under {act}" \
        in words(agreement={"jurisdiction": jurisdiction})


def test_third_party_rights_given_are_left_for_the_drafter_to_list(draft):
    document = draft(legal={"third_party_rights": True})
    assert "No person who is not a Party" not in text(document)
    assert any("which terms a person who is not a Party may enforce" in n for n in notes_of(document))


def test_entire_agreement_lists_its_carve_outs(words):
    document = words(legal={"entire_agreement": {"carve_outs": ["The information sharing protocol"]}})
    assert "except the following documents, which continue in force alongside it" in document
    assert "The information sharing protocol." in document


def test_the_general_clauses_follow_their_choice(words):
    on, off = words(), words(legal={"boilerplate": False})
    for phrase in ("invalid or unenforceable", "does not waive that right", "assign, transfer or novate",
                   "counterparts", "A notice under this Agreement"):
        assert phrase in on and phrase not in off


def test_counterparts_in_scotland_cite_the_2015_act(words):
    assert "Legal Writings (Counterparts and Delivery) (Scotland) Act 2015" in words(
        agreement={"jurisdiction": "scotland"})


def test_notices_go_to_each_party_s_address_for_notices_or_its_address(draft):
    parties = copy.deepcopy(BASE["parties"])
    parties[0]["notices"] = {"address": "Legal Services, Town Hall", "email": "legal@riverside.example",
                             "for_attention_of": "the Monitoring Officer"}
    document = draft(parties=parties)
    assert ("the Council: Legal Services, Town Hall, marked for the attention of the Monitoring Officer; e-mail: "
            "legal@riverside.example;") in text(document)
    assert "the ICB: Riverside House, Riverside RV2 2BB; e-mail: [address]." in text(document)
    assert any("e-mail address at which the ICB receives notices" in n for n in notes_of(document))


def test_without_the_general_clauses_the_notice_details_given_are_kept_and_nothing_is_said_of_the_rest(draft):
    # A drawn agreement lost its notice address this way: the clause that held it is one of the general ones.
    parties = copy.deepcopy(BASE["parties"])
    parties[0]["notices"] = {"address": "Legal Services, Town Hall", "email": "legal@riverside.example",
                             "for_attention_of": "the Monitoring Officer"}
    parties[1]["notices"] = {"email": "notices@icb.example"}
    words = text(draft(parties=parties, legal={"boilerplate": False}))
    assert ("the Council: Legal Services, Town Hall, marked for the attention of the Monitoring Officer; e-mail: "
            "legal@riverside.example;") in words
    assert "the ICB: e-mail: notices@icb.example." in words
    assert "treated as received" not in words and "Riverside House" not in words.split("details for notices")[1]


# ---------------------------------------------------------------- termination, continuity, compliance


def test_termination_by_notice_breach_change_in_law_and_loss_of_funding(words):
    document = words(term={"notice_months": 6, "triggers": ["The national programme ends"]})
    assert "Either Party may terminate this Agreement by giving the other at least 6 months' written notice." \
        in document
    assert "The national programme ends." in document
    assert "within 30 Working Days of receiving written notice" in document
    assert "change in the law" in document and "funding on which a Party relies" in document
    assert "continue to apply after it ends" in document


def test_each_ground_of_termination_follows_its_choice(words):
    document = words(legal={"termination": {"material_breach": False, "change_in_law": False,
                                            "loss_of_funding": False}})
    assert "material breach" not in document and "change in the law" not in document
    assert "funding on which" not in document


def test_periods_are_calendar_days_when_working_days_are_not_chosen(words):
    document = words(legal={"working_days": False, "termination": {"remedy_days": 15}})
    assert "within 15 days of receiving" in document and "Working Day" not in document


def test_with_more_than_two_parties_a_party_withdraws_and_the_drafter_says_what_follows(draft):
    charity = {"id": "charity", "name": "Riverside Carers", "sector": "carers"}
    document = draft(parties=BASE["parties"] + [charity], term={"notice_months": 6})
    assert "Any Party may withdraw from this Agreement by giving each other Party at least 6 months'" in text(document)
    assert any("continues between the other Parties" in n for n in notes_of(document))


def test_business_continuity_and_events_beyond_a_party_s_control(words):
    assert "business continuity plans" in words()
    assert "business continuity plans" not in words(legal={"business_continuity": False})


@pytest.mark.parametrize(("jurisdiction", "facts"), [
    ("scotland", ("Adult Support and Protection (Scotland) Act 2007", "Audit Scotland", "the Care Inspectorate")),
    ("england", ("Care Act 2014 (sections 42 to 47)", "Local Audit and Accountability Act 2014",
                 "the Care Quality Commission")),
    ("wales", ("Social Services and Well-being (Wales) Act 2014", "the Auditor General for Wales",
               "Care Inspectorate Wales")),
])
def test_compliance_cites_the_jurisdiction_s_duties_auditors_and_regulator(words, jurisdiction, facts):
    document = words(agreement={"jurisdiction": jurisdiction}, legal={"regulated_services": True})
    assert "section 149" in document
    assert all(fact in document for fact in facts)


def test_each_compliance_duty_follows_its_choice(words):
    document = words(legal={"equality": False, "safeguarding": False, "audit_access": False})
    assert "equality duty" not in document and "adults at risk of harm" not in document
    assert "access to those records" not in document and "registered with" not in document


# ---------------------------------------------------------------- kinds of instrument


def test_an_agreement_says_which_statements_of_intent_do_not_bind(words):
    document = words(purpose={"vision": "Everyone lives well at home."}, behaviours=["Plain words"])
    assert "the Parties' shared vision in clause" in document and "the principles of behaviour in clause" in document
    assert "Statements of intent" not in words()


def test_a_memorandum_says_which_parts_bind_and_that_the_rest_does_not(words):
    document = words(agreement={"kind": "memorandum"}, finance={"contributions": [
        {"party": "council", "kind": "money", "amount": 1000}]})
    assert "Only the following provisions of this Memorandum are intended to be legally binding" in document
    for part in ("(finance)", "(confidentiality)", "(data protection)", "(freedom of information)",
                 "(governing law)"):
        assert part in document
    assert "not intended to be legally binding" in document


def test_a_binding_part_the_memorandum_lacks_is_left_for_the_drafter(draft):
    document = draft(agreement={"kind": "memorandum", "status": "final"}, legal={"binding": ["exit_strategy"]})
    assert "[the provisions on exit]" in text(document)


def test_an_integration_scheme_is_submitted_for_approval_not_executed(words):
    document = words(agreement={"kind": "integration_scheme", "jurisdiction": "scotland",
                                "integration_model": "integration_joint_board"})
    assert "section 1(4)(a) of the 2014 Act" in document
    assert "submitted to the Scottish Ministers for approval under section 7 of the 2014 Act" in document
    assert "section 44 of the 2014 Act" in document
    assert "IN WITNESS WHEREOF" not in document and "governed by" not in document


# ---------------------------------------------------------------- the opening


def test_the_opening_dates_the_agreement_or_leaves_a_blank(draft):
    assert "THIS AGREEMENT is dated [●]." in text(draft())
    assert "THIS AGREEMENT is dated 2 May 2025." in text(draft(agreement={"date": "2025-05-02"}))


def test_each_party_is_described_with_its_legal_status_or_a_blank_and_a_note(draft):
    parties = copy.deepcopy(BASE["parties"])
    parties[0]["legal_status"] = "a county council constituted under section 2 of the Local Government Act 1972"
    parties[1]["registered_number"] = {"register": "company", "number": "01234567"}
    document = draft(parties=parties)
    assert ("Riverside Council, a county council constituted under section 2 of the Local Government Act 1972, of "
            "Town Hall, Riverside RV1 1AA (“the Council”); and") in text(document)
    assert "[legal status] (company number 01234567)" in text(document)
    assert any("what kind of body the ICB is in law" in n for n in notes_of(document))


def test_a_section_75_agreement_recites_its_statutory_preconditions(words):
    document = words(agreement={"arrangement_type": "pooled_budget"},
                     recitals=["The Health and Wellbeing Board approved the plan."])
    assert "arrangements under section 75 of the 2006 Act and the 2000 Regulations" in document
    assert "likely to improve the way in which those functions are exercised" in document
    assert "as regulation 4(2) of the 2000 Regulations requires, [give the dates" in document
    assert "The Health and Wellbeing Board approved the plan." in document


def test_the_section_75_preconditions_the_input_records_replace_the_blanks(words):
    document = words(agreement={"arrangement_type": "pooled_budget"},
                     legal_powers={"improvement": "One fund means one assessment.",
                                   "consultation": "the Health and Wellbeing Board, in March 2025."})
    assert "as section 75(1) of the 2006 Act requires, for these reasons: One fund means one assessment." in document
    assert "regulation 4(2) of the 2000 Regulations requires: the Health and Wellbeing Board, in March 2025." \
        in document


def test_a_2002_act_agreement_recites_section_15(words):
    document = words(agreement={"jurisdiction": "scotland", "arrangement_type": "pooled_budget"},
                     finance={"pooled_fund": {"host": "council"}})
    assert "arrangements under section 15 of the 2002 Act for a pooled fund" in document


def test_the_operative_words_follow_the_kind(words):
    assert "THE PARTIES AGREE as follows:" in words()
    assert "THE PARTIES RECORD THEIR UNDERSTANDING as follows:" in words(agreement={"kind": "memorandum"})


# ---------------------------------------------------------------- execution


def test_one_signature_block_for_each_party_even_when_the_input_names_no_signatory(draft):
    charity = {"id": "charity", "name": "Riverside Carers", "sector": "carers"}
    document = draft(parties=BASE["parties"] + [charity])
    assert document.signatures is not None
    blocks = [b for b in document.signatures.blocks if isinstance(b, Signatory)]
    assert len(blocks) == 3
    assert any("Name the person authorised to sign for Riverside Carers" in n for n in notes_of(document))


def test_england_is_signed_under_hand_by_duly_authorised_signatories(words):
    assert "Signed by the duly authorised representatives of the Parties" in words()


def test_a_deed_is_sealed_by_a_council_and_signed_with_a_witness_by_others(words):
    charity = {"id": "charity", "name": "Riverside Carers", "sector": "carers", "address": "1 Mill Lane"}
    document = words(parties=BASE["parties"] + [charity], legal={"execution": {"deed": True}})
    assert "Executed as a deed" in document
    assert "The common seal of Riverside Council was affixed to this deed in the presence of:" in document
    assert ("Executed as a deed by NHS Riverside Integrated Care Board, acting by [the officers its standing orders "
            "authorise]:") in document
    assert "Executed as a deed by Riverside Carers acting by its authorised signatory:" in document


def test_scotland_has_a_testing_clause_a_witness_and_the_place_of_signing_and_docquets(words):
    document = words(agreement={"jurisdiction": "scotland"}, accountability={"groups": [
        {"id": "board", "name": "Joint Board", "members": ["council", "icb"]}]})
    assert "IN WITNESS WHEREOF" in document
    assert "Place of signing" in document and "Witness address" in document and "in the presence of:" in document
    assert "This is Schedule 1 referred to in the foregoing Agreement between Riverside Council and " \
           "NHS Riverside Integrated Care Board." in document
    assert "referred to in the foregoing" not in words(accountability={"groups": [
        {"id": "board", "name": "Joint Board", "members": ["council", "icb"]}]})


# ---------------------------------------------------------------- drafting rules


def test_dates_are_written_as_a_legal_document_writes_them(words):
    document = words(agreement={"review_date": "2026-03", "end_date": "2028-03-31"})
    assert "1 April 2025" in document and "31 March 2028" in document and "March 2026" in document
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", document)


def test_definitions_read_x_means_in_alphabetical_order(draft):
    document = draft(definitions=[{"term": "Carer", "meaning": "Someone who looks after another person."},
                                  {"term": "The 2000 Regulations", "meaning": "the regulations."}])
    definitions = [line for line in text(document).split("\n") if " means " in line and line.startswith("“")]
    assert definitions == sorted(definitions, key=lambda d: d.lstrip("“").removeprefix("The ").lower())
    assert "“Carer” means someone who looks after another person." in definitions


def test_a_reference_to_a_partner_is_defined_only_when_the_input_speaks_of_partners(words):
    assert "a reference to a partner is a reference to a Party" not in words()
    assert "a reference to a partner is a reference to a Party" in words(
        membership={"summary": "Each partner sends two members."})


def test_user_text_refers_to_schedules_and_clauses_by_key(words):
    document = words(finance={"contributions": [{"party": "council", "kind": "money", "amount": 5}],
                              "variation": "The amounts in {schedule:contributions} change only under {clause:term}."},
                     term={"review": "Each year."})
    assert "The amounts in Schedule 1 change only under clause" in document


def test_a_reference_to_a_key_the_agreement_lacks_says_where_it_is(tmp_path: Path):
    data = merged(BASE, {"membership": {"summary": "See {schedule:nowhere}."}})
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BuildError, match=r"bad\.json:\d+:\d+: /membership/summary: \{schedule:nowhere\} refers"):
        build(str(source), "md")


def test_the_dispute_clause_ends_in_a_binding_step(draft):
    stages = [{"name": "Officers", "description": "They meet.", "timescale_days": 10}]
    open_end = draft(disputes={"stages": stages, "final_resolution": "Mediation is the last step."})
    assert any("Choose the last step for a dispute" in n for n in notes_of(open_end))
    expert = text(draft(disputes={"stages": stages, "final_resolution": "An independent expert decides."}))
    assert "Choose the last step" not in expert and "intend to settle" not in expert


def test_living_registers_are_annexes_unless_the_input_keeps_them_as_schedules(words):
    risks = {"register": [{"description": "Costs rise.", "likelihood": 2, "impact": 3}]}
    assert re.search(r"^Annex \d: Risk register$", words(risk=risks), re.M)
    assert re.search(r"^Schedule \d: Risk register$", words(risk=risks, legal={"living_registers": "schedules"}), re.M)


def test_user_text_refers_to_an_additional_clause_by_its_id(words):
    document = words(additional_clauses=[{"id": "conflicts", "title": "Conflicts of interest",
                                          "text": "Members declare their interests."}],
                     membership={"summary": "Members follow {clause:conflicts}."})
    assert re.search(r"Members follow clause \d+\.", document)


def test_an_additional_clause_with_only_a_title_keeps_its_heading_and_asks_for_its_text(draft):
    document = draft(additional_clauses=[{"title": "Publicity"}])
    assert "Publicity" in text(document)
    assert any("Write this clause" in n for n in notes_of(document))


def test_the_user_s_own_schedules_and_annexes_are_drafted(words):
    document = words(schedules=[
        {"id": "spec", "title": "Service specification", "text": "The service runs daily.",
         "parts": [{"heading": "Hours", "text": "Eight till eight."}],
         "table": {"columns": ["Site", "Beds"], "rows": [["North", "12"]]}},
        {"id": "map", "title": "Map of the area", "kind": "annex", "text": "See the map."},
        {"id": "blank", "title": "Empty table", "table": {"columns": [], "rows": []}}],
        membership={"summary": "The sites are in {schedule:spec} and the area in {annex:map}."})
    assert re.search(r"^Schedule \d: Service specification$", document, re.M)
    assert re.search(r"^Annex \d: Map of the area$", document, re.M)
    assert "Eight till eight." in document and "North12" in document
    assert re.search(r"The sites are in Schedule \d and the area in Annex \d\.", document)


def test_a_row_wider_than_the_headings_of_an_own_table_keeps_every_cell(words):
    document = words(schedules=[{"id": "t", "title": "Sites", "table": {"columns": ["Site"],
                                                                      "rows": [["North", "12 beds"]]}}])
    assert "North12 beds" in document


# ---------------------------------------------------------------- the solicitor's re-review


def test_key_decision_notice_keeps_the_input_s_days_and_falls_on_the_proposing_party(words):
    document = words(decision_making={"key_decision_notice_days": 28,
                                      "delegation": "Key decisions are published in the forward plan 28 days ahead."})
    assert "28 Working Days" not in document
    assert "A Party proposing a key decision shall give each other Party at least 28 days' notice of it" in document
    assert "shall ensure that each Party is given" not in document


FUND = {"contributions": [{"party": "council", "kind": "money", "amount": 1000},
                          {"party": "icb", "kind": "knowledge", "description": "Knowledge of local needs"}],
        "pooled_fund": {"host": "council"}}


def test_a_fund_outside_a_statutory_regime_is_the_joint_fund_not_a_pooled_fund(words):
    document = words(agreement={"kind": "memorandum"}, finance=FUND)
    assert "pooled fund" not in document
    assert "The Parties' money contributions make up a joint fund" in document
    assert "the Council shall hold the joint fund" in document.replace("The Council", "the Council")


def test_a_section_75_pooled_fund_is_made_up_of_money_only(words):
    document = words(agreement={"arrangement_type": "pooled_budget"}, finance=FUND)
    assert "establish and maintain a pooled fund made up of their money contributions" in document


def test_a_memorandum_binds_its_boilerplate_and_only_the_money_contributions(words):
    document = words(agreement={"kind": "memorandum"}, finance=FUND, term={"notice_months": 6})
    for part in ("(definitions and interpretation)", "(commencement and duration)", "(liability)",
                 "(termination)", "(no partnership or agency)", "(notices)", "(general)",
                 "(finance, except the contributions in kind)"):
        assert part in document, part
    assert "Each Party shall pay the money contributions set out against its name" in document
    assert "The contributions in kind set out there record what each Party intends to provide" in document
    assert "Each Party shall make the contributions, in money and in kind" not in document


def test_a_memorandum_binds_contributions_in_kind_only_when_the_input_says_so(words):
    document = words(agreement={"kind": "memorandum"}, finance=FUND,
                     legal={"binding": ["finance", "contributions_in_kind"]})
    assert "Each Party shall make the contributions, in money and in kind" in document
    assert "(finance)" in document and "except the contributions in kind" not in document


DISTRICT = {"id": "district", "name": "Fenbridge District Council", "short_name": "Fenbridge", "sector": "housing",
            "legal_status": "a district council constituted under section 2 of the Local Government Act 1972"}
COMPANY = {"id": "homes", "name": "Riverside Homes Limited", "sector": "housing",
           "legal_status": "a company limited by guarantee"}


def test_a_council_working_in_housing_may_self_insure_and_seals_a_deed(words):
    document = words(parties=BASE["parties"] + [DISTRICT, COMPANY], legal={"execution": {"deed": True}})
    assert "Fenbridge may meet this obligation by insurance, by self-insurance, or by both" in document.replace(
        "Riverside Council and Fenbridge", "Fenbridge")
    assert "Fenbridge shall maintain with a reputable insurer" not in document
    assert "Riverside Homes Limited shall maintain with a reputable insurer" in document
    assert "The common seal of Fenbridge District Council was affixed to this deed" in document
    assert "Fenbridge District Council acting by a director" not in document
    assert "Executed as a deed by Riverside Homes Limited acting by a director:" in document


def test_membership_of_the_nhs_scheme_is_left_for_the_drafter_to_confirm(draft):
    document = draft()
    assert "covered by the schemes NHS Resolution runs for NHS bodies[, of which it is a member]." in text(document)
    assert any("Confirm that the ICB is a member of that scheme" in n for n in notes_of(document))


GROUPS = {"overarching_body": "hwb", "groups": [
    {"id": "hwb", "name": "Riverside Health and Wellbeing Board", "members": ["council", "icb"]},
    {"id": "jcb", "name": "Joint Commissioning Board", "reports_to": "hwb", "members": ["council", "icb"]}]}
HWB = {"id": "hwb-body", "name": "Riverside Health and Wellbeing Board", "kind": "health_and_wellbeing_board",
       "established_under": "section 194 of the Health and Social Care Act 2012"}


@pytest.mark.parametrize("marked", ["as one of the bodies", "statutory"])
def test_a_statutory_body_among_the_groups_is_described_not_established(words, marked):
    if marked == "statutory":
        groups = copy.deepcopy(GROUPS)
        groups["groups"][0]["statutory"] = True
        document = words(accountability=groups)
    else:
        document = words(accountability=GROUPS, bodies=[HWB])
    assert ("The Parties shall establish and maintain the group set out in Schedule 1 other than the Riverside Health "
            "and Wellbeing Board") in document
    assert "The Riverside Health and Wellbeing Board is a body set up by law, not by this Agreement" in document
    assert "Riverside Health and Wellbeing Board[●]None under this Agreement" in document  # its Reports to cell


def test_the_overarching_group_reports_to_no_other_group_and_not_to_the_parties(words):
    document = words(accountability=GROUPS)
    assert "Riverside Health and Wellbeing Board[●]No other group" in document  # its Reports to cell
    assert "Wellbeing Board[●]The Parties" not in document
    assert "The Parties shall establish and maintain the groups set out in Schedule 1, each" in document


@pytest.mark.parametrize(("field", "value", "wanted"), [
    ({"communication": {"internal": "A monthly bulletin to all partners and scheme leads, and papers circulated "
                                    "a week before each meeting."}},
     "", "as follows: A monthly bulletin to all partners and scheme leads, and papers circulated"),
    ({"exit_strategy": {"continuation": "The partners expect to continue the arrangement."}},
     "", "The partners expect to continue the arrangement."),
    ({"monitoring": {"framework": "One shared framework: each outcome has indicators."}},
     "", "as follows: One shared framework: each outcome has indicators."),
])
def test_the_user_s_text_is_never_wrapped_in_the_parties_agree_that(words, field, value, wanted):
    document = words(**field)
    assert wanted in document
    assert "agree that the partners" not in document and "agree that a monthly" not in document
    assert "agree that one shared" not in document


def test_a_complaint_escalation_that_is_not_a_destination_is_not_garbled(words):
    document = words(complaints={"public": {"route": "Complain to any partner.",
                                            "escalation": "If not resolved, the partner's own procedure."}})
    assert "refer the complaint to if not resolved" not in document
    assert "the complaint may be taken further as follows: If not resolved, the partner's own procedure." in document


def test_a_party_that_contracts_for_the_partnership_contracts_as_principal(words):
    document = words(legal_powers={"legal_status": "The Council contracts for the Partnership as accountable body."})
    assert ("A Party that enters into a contract for the arrangements under this Agreement does so in its own name "
            "and as principal, and no other Party is bound by it.") in document
    assert "as principal" not in words(legal_powers={"legal_status": "The Council contracts for the Partnership."},
                                       legal={"no_partnership": False})


def test_one_variation_rule_the_general_clause_yields_to_the_contributions_rule(words):
    document = words(finance={"variation": "A contribution may be varied only by a written variation signed by the "
                                           "pooled fund partners."}, variation="Variations are agreed by the Board.")
    assert re.search(r"Except for a variation of contributions, which is made as clause \d+ provides, no variation "
                     r"of this Agreement is effective unless it is in writing and signed by or on behalf of each "
                     r"Party\.", document)
    assert "No variation of this Agreement is effective" in words(variation="Variations are agreed by the Board.")


@pytest.mark.parametrize(("jurisdiction", "wanted", "unwanted"), [
    ("england", "whether under this Agreement, in tort or otherwise,", "delict"),
    ("wales", "whether under this Agreement, in tort or otherwise,", "delict"),
    ("scotland", "whether under this Agreement, in delict or otherwise,", "tort"),
    ("generic", "whether under this Agreement, in [delict] or [tort] or otherwise,", "delict or tort"),
])
def test_a_civil_wrong_is_named_as_the_jurisdiction_names_it(words, jurisdiction, wanted, unwanted):
    document = words(agreement={"jurisdiction": jurisdiction})
    assert wanted in document
    assert unwanted not in document


def test_each_children_act_is_cited_by_its_full_title(words):
    document = words()
    assert "the Children Act 1989 and the Children Act 2004" in document
    assert "Children Act 1989 and 2004" not in document


# ---------------------------------------------------------------- each thing said once

IJB = {"id": "ijb", "name": "Riverside Integration Joint Board", "short_name": "the Integration Joint Board",
       "kind": "integration_joint_board", "description": "Plans the delegated functions through its strategic plan."}
SCHEME = {"kind": "integration_scheme", "jurisdiction": "scotland", "integration_model": "integration_joint_board",
          "review_date": "2031-03-31"}


def test_an_integration_scheme_describes_its_integration_joint_board_once(words):
    document = words(agreement=SCHEME, bodies=[IJB])
    assert document.count("Plans the delegated functions through its strategic plan.") == 1
    assert "The integration joint board is Riverside Integration Joint Board" in document


def test_an_integration_scheme_states_its_review_once(words):
    document = words(agreement=SCHEME, term={"review_interval_months": 60})
    assert document.count("The Parties shall review this Scheme") == 1
    assert "at least once every 60 months" not in document and "carry out the first review" not in document
    assert ("The Parties shall review this Scheme by 31 March 2031 and in any case before the end of the period of "
            "five years beginning with the day on which the Scottish Ministers approve it") in document
    assert "at least once every 36 months" in words(agreement=SCHEME, term={"review_interval_months": 36})


def test_an_integration_scheme_is_not_called_legally_binding(words):
    vision = {"purpose": {"vision": "Everyone lives well at home."}}
    assert "intended to be legally binding" not in words(agreement=SCHEME, **vision)
    assert "Every other provision of this Agreement is intended to be legally binding" in words(**vision)


def test_a_duration_the_input_describes_is_stated_once_in_its_words(words):
    document = words(term={"duration": "From 1 April 2025 until the partners end it, after the review due in 2028."})
    assert "This Agreement takes effect on 1 April 2025 (the “Commencement Date”)." in document
    assert "The duration of this Agreement is as follows: From 1 April 2025 until the partners end it" in document
    assert "further agreed" not in document and "continues until it is terminated" not in document


def test_a_last_step_the_input_names_is_the_only_last_step(draft):
    stages = [{"name": "Officers", "description": "They meet.", "timescale_days": 10}]
    document = draft(disputes={"stages": stages, "final_resolution": "Mediation is the last step. If it fails, "
                                                                      "the Board decides."})
    words = text(document)
    assert "Mediation is the last step." in words
    assert "once the last of those stages is complete, any Party may" not in words
    assert any("does not bind the Parties" in n for n in notes_of(document))


def test_notice_to_leave_that_the_input_states_is_not_stated_again(words):
    exit_ = {"arrangements": "A partner that wishes to leave gives six months' written notice to the Board chair."}
    document = words(term={"notice_months": 6}, exit_strategy=exit_)
    assert "gives six months' written notice to the Board chair" in document
    assert "by giving the other at least 6 months' written notice" not in document
    assert re.search(r"Either Party may terminate this Agreement by giving notice as clause \d+ provides\.", document)
    assert "by giving the other at least 6 months' written notice" in words(term={"notice_months": 6})


def test_a_review_interval_longer_than_section_44_allows_is_bracketed_for_the_drafter(draft):
    document = draft(agreement=SCHEME, term={"review_interval_months": 72})
    assert "[The Parties shall in any case review this Scheme at least once every 72 months.]" in text(document)
    assert any("Section 44 of the 2014 Act requires a review at least every five years" in n
               for n in notes_of(document))


# ---------------------------------------------------------------- defined terms


def test_the_short_form_of_the_partnership_s_name_is_defined_when_the_document_uses_it(words):
    used = words(membership={"summary": "The Partnership meets monthly; each Party sends two members."})
    assert "“Partnership” means the Riverside Partnership." in used
    for unused in ("The Riverside Partnership meets monthly.", "The Partnership Board meets monthly."):
        assert "“Partnership” means" not in words(membership={"summary": unused})


def test_a_defined_term_the_input_also_defines_is_spelt_one_way(words):
    document = words(definitions=[{"term": "Working day", "meaning": "Monday to Friday, except public holidays."}])
    assert "“Working Day” means Monday to Friday, except public holidays." in document
    assert "Working day" not in document and "Working Days" in document
    assert document.count("“Working Day” means") == 1


def test_a_lower_case_party_in_the_input_s_text_means_a_party(words):
    document = words(membership={"summary": "Each party sends two members, and each partner a deputy."})
    assert "a reference to a partner or a party is a reference to a Party" in document
    assert "reference to a party" not in words(membership={"summary": "Each Party sends two members."})


def test_the_groups_schedule_says_a_group_s_kind_in_words_and_only_when_its_name_does_not(words):
    groups = {"groups": [{"id": "jcb", "name": "Joint Commissioning Board", "kind": "executive"},
                         {"id": "fin", "name": "Finance Sub-group", "kind": "sub_group"}]}
    document = words(accountability=groups)
    assert "Joint Commissioning Board (an executive group)" in document
    assert "Finance Sub-group (sub-group)" not in document and "(executive group)" not in document


def test_membership_of_the_nhs_scheme_the_input_states_is_not_left_to_confirm(draft):
    document = draft(risk={"liability_and_indemnity": "The ICB's clinical staff are covered through its membership of "
                                                      "NHS Resolution's schemes."})
    assert "covered by the schemes NHS Resolution runs for NHS bodies, of which it is a member." in text(document)
    assert not any("Confirm that the ICB is a member" in n for n in notes_of(document))


def test_a_memorandum_resource_in_kind_is_an_intention_unless_in_kind_contributions_bind(words):
    resources = [{"party": "council", "kind": "staff", "description": "A project officer"}]
    assert "Each Party intends to provide the following staff" in words(agreement={"kind": "memorandum"},
                                                                        resources=resources)
    assert "Each Party shall provide the following staff" in words(
        agreement={"kind": "memorandum"}, resources=resources, legal={"binding": ["finance", "contributions_in_kind"]})
    assert "Each Party shall provide the following staff" in words(resources=resources)


def test_a_memorandum_whose_exit_arrangements_give_the_notice_binds_them_and_its_variation_clause(words):
    document = words(agreement={"kind": "memorandum"}, term={"notice_months": 6}, exit_strategy={
        "arrangements": "A partner that wishes to leave gives twelve months' written notice to the other partners."})
    assert "by giving notice as clause" in document
    for part in ("(exit)", "(variation)", "(insurance)"):
        assert part in document, part
    assert "(exit)" not in words(agreement={"kind": "memorandum"})


def test_a_body_is_called_what_it_is_in_words_and_not_twice(words):
    named = words(bodies=[{"id": "hwb", "name": "Riverside Health and Wellbeing Board",
                           "kind": "health_and_wellbeing_board"}])
    assert "Riverside Health and Wellbeing Board, health and wellbeing board" not in named
    assert "Riverside Health and Wellbeing Board, a health and wellbeing board" not in named
    other = words(bodies=[{"id": "hwb", "name": "Riverside Forum", "kind": "health_and_wellbeing_board"}])
    assert "Riverside Forum, a health and wellbeing board" in other


@pytest.mark.parametrize(("jurisdiction", "said"), [
    ("scotland", "by an advanced electronic signature, and by a qualified electronic signature where its signature "
                 "is to be self-proving (Requirements of Writing (Scotland) Act 1995, Part 3"),
    ("england", "A Party may sign by electronic signature."),
])
def test_electronic_signature_is_as_the_jurisdiction_allows(words, jurisdiction, said):
    assert said in words(agreement={"jurisdiction": jurisdiction})


def test_a_draft_scheme_asks_who_employs_and_manages_the_chief_officer(tmp_path):
    import yaml

    scheme = (Path(__file__).parents[1] / "samples" / "integration-scheme.yaml").read_text("utf-8")
    data = json.loads(json.dumps(yaml.safe_load(scheme), default=str))  # dates as the text they were written as
    document = drafted(data, tmp_path)
    assert "The chief officer is employed by [●]" in text(document)
    assert any("Say which Party employs the chief officer" in n for n in notes_of(document))
    data["agreement"]["status"] = "final"
    assert "The chief officer is employed by" not in text(drafted(data, tmp_path))
