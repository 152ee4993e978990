"""One finding per gap, what free clauses cover, renamed keys, names the document uses for itself, and the legal
essentials: the whole pipeline on small agreements.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import SAMPLES, lint_snippet

from agreement_builder.findings import Severity
from agreement_builder.lint import lint, validate
from agreement_builder.rules import RULES

ENGLISH_POOL = """
    agreement:
      title: Northvale Better Care Fund Agreement
      kind: agreement
      jurisdiction: england
      arrangement_type: pooled_budget
    """


def test_a_gap_the_briefing_and_a_statute_both_find_is_one_finding_citing_both(tmp_path: Path):
    found = lint_snippet(tmp_path, ENGLISH_POOL + """
    purpose:
      outcomes:
        - statement: Fewer emergency admissions of older people.
          beneficiary: People aged 65 and over
    """)
    [vision] = [f for f in found if f.path == "/purpose/vision"]
    assert (vision.rule, vision.also, vision.severity) == ("EN101", ("AB101",), Severity.ERROR)
    assert vision.sources == ("SI 2000/617 reg. 7(3)(a)",
                              "briefing: Structures > Have a partnership agreement; Processes > Picture the future")


def test_a_missing_section_is_one_finding_that_takes_in_what_other_rules_say_about_its_parts(tmp_path: Path):
    found = lint_snippet(tmp_path, """
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      integration_model: integration_joint_board
    """)
    about_risk = [f for f in found if f.path.startswith("/risk")]
    # The risk framework is one gap; how claims and liability fall is another (which the legal pack asks too).
    assert [(f.rule, f.severity, f.also) for f in about_risk] == [("AB107", Severity.ERROR, ("SI116",)),
                                                                  ("SI115", Severity.ERROR, ("LG105",))]
    about_complaints = [f for f in found if f.path.startswith("/complaints")]
    assert [(f.rule, f.also) for f in about_complaints] == [("AB110", ("SI114",))]


def test_advice_about_a_part_of_a_missing_section_is_not_cited_on_its_finding(tmp_path: Path):
    found = lint_snippet(tmp_path, "definitions: []")
    [roles] = [f for f in found if f.path == "/roles"]
    assert roles.also == ()  # AB205 and AB226 advise on parts of it, but the finding is the missing section
    assert not [f for f in found if f.rule in ("AB205", "AB226")]


def test_a_clause_covering_a_statutory_term_satisfies_the_statute_and_asks_once_what_to_confirm(tmp_path: Path):
    found = lint_snippet(tmp_path, ENGLISH_POOL + """
    additional_clauses:
      - title: Duration and termination
        text: This agreement runs for three years and may be ended on six months' notice.
        covers: [term, variation]
    """)
    assert not [f for f in found if f.path.startswith(("/term", "/variation"))]
    [confirm] = [f for f in found if f.rule == "AB009"]
    assert confirm.severity == Severity.INFO and set(confirm.also) >= {"EN106", "LG103"}
    assert confirm.message.startswith("The clause 'Duration and termination' covers term and variation, but its "
                                      "wording cannot be checked: confirm that it does the following.")
    assert "Say how long the agreement lasts." in confirm.message
    assert "SI 2000/617 reg. 7(3)(f)" in confirm.sources


def test_a_clause_may_cover_one_rule_by_its_id(tmp_path: Path):
    found = lint_snippet(tmp_path, ENGLISH_POOL + """
    additional_clauses:
      - title: Schedule of schemes
        text: The schemes are those of the Better Care Fund plan, as the partnership board updates them.
        covers: EN111
    """)
    assert not [f for f in found if f.rule == "EN111"]
    assert [f.also for f in found if f.rule == "AB009"] == [("EN111",)]


def test_an_unknown_name_in_covers_is_reported_with_the_nearest_known_one(tmp_path: Path):
    found = lint_snippet(tmp_path, """
    additional_clauses:
      - title: Governing law
        text: This agreement is governed by the law of England and Wales.
        covers: [govening_law, notices]
    """)
    [unknown] = [f for f in found if f.rule == "AB008"]
    assert (unknown.path, unknown.severity) == ("/additional_clauses/0/covers/0", Severity.WARNING)
    assert "'govening_law'" in unknown.message and "did you mean 'governing_law'?" in unknown.message


def test_each_renamed_key_is_one_warning_saying_what_to_write_and_the_file_still_works(tmp_path: Path):
    found = lint_snippet(tmp_path, """
    agreement:
      title: Northvale Partnership Agreement
      short_name: the Northvale Partnership
    signatories:
      - party: nvc
        person: nv-chief-exec
    """)
    renamed = [(f.path, f.hint) for f in found if f.rule == "AB007"]
    assert renamed == [("/agreement/short_name", "rename `agreement.short_name` to `agreement.partnership_name`"),
                       ("/signatories", "rename `signatories` to `parties[].signatory`")]
    signatories = [f for f in found if f.rule == "LG107"]
    assert [f.message for f in signatories] == ["Name who signs the agreement for Northvale Health Board."]


@pytest.mark.parametrize("name", ["the Agreement", "Agreement", "the Scheme", "The Parties", "“the Schedule”",
                                  "the Memorandum", "the annex"])
def test_a_partnership_named_like_the_document_is_refused_by_validate_lint_and_build(name: str, tmp_path: Path, cli):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"agreement": {"title": "T", "partnership_name": name}, "parties": [
        {"id": "a", "name": "A", "sector": "health"}, {"id": "b", "name": "B", "sector": "local_authority"}]}),
        encoding="utf-8")
    checked = validate(str(path))
    [problem] = checked.findings
    assert (problem.rule, problem.severity, problem.path) == ("AB002", Severity.ERROR, "/agreement/partnership_name")
    assert problem.message.startswith(f"'{name}' cannot be the partnership's name")
    assert cli("validate", str(path)).exit_code == 1
    assert [f.rule for f in lint(str(path))] == ["AB002"]
    built = cli("build", str(path), "-o", str(tmp_path / "a.docx"))
    assert built.exit_code == 1 and not (tmp_path / "a.docx").exists()


def test_a_partnership_name_that_only_contains_such_a_word_is_accepted(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"agreement": {"title": "T", "partnership_name": "the Better Care Agreement Board"},
                                "parties": [{"id": "a", "name": "A", "sector": "health"},
                                            {"id": "b", "name": "B", "sector": "local_authority"}]}), encoding="utf-8")
    assert validate(str(path)).valid


def test_a_generic_agreement_that_relies_on_scottish_acts_is_told_its_jurisdiction(tmp_path: Path):
    found = lint_snippet(tmp_path, """
    legal_powers:
      statutes:
        - name: Community Care and Health (Scotland) Act 2002
          provision: section 15
    """)
    [law] = [f for f in found if f.path == "/agreement/jurisdiction"]
    assert (law.rule, law.severity, law.also) == ("LG101", Severity.ERROR, ("LG102",))
    assert law.hint == "set `agreement.jurisdiction: scotland`"
    assert "Community Care and Health (Scotland) Act 2002" in law.message


def test_the_legal_essentials_left_undecided_each_draw_one_finding(tmp_path: Path):
    found = {f.rule: f for f in lint_snippet(tmp_path, "definitions: []")}
    assert {rule: found[rule].path for rule in ("LG102", "LG103", "LG104", "LG105", "LG106", "LG107", "LG108")} == {
        "LG102": "/legal/governing_law", "LG103": "/term/duration", "LG104": "/term/termination",
        "LG105": "/legal/liability", "LG106": "/legal/data_protection/roles", "LG107": "/parties/0/signatory",
        "LG108": "/parties/0/legal_status"}
    assert found["LG107"].message == "Name who signs the agreement for Northvale Council and Northvale Health Board."
    assert found["LG109"].severity == Severity.ADVICE


def test_a_legal_status_to_be_confirmed_is_no_legal_status(tmp_path: Path):
    found = lint_snippet(tmp_path, """
    parties:
      - id: nvc
        name: Northvale Council
        sector: local_authority
        legal_status: a council constituted under section 2 of the Local Government etc. (Scotland) Act 1994
      - id: nvh
        name: Northvale Health Board
        sector: health
        legal_status: To be confirmed by the Board's solicitor
    """)
    assert [(f.path, f.message) for f in found if f.rule == "LG108"] == [(
        "/parties/1/legal_status", "State the legal status of Northvale Health Board: what kind of body each is in "
        "law and what it is constituted under.")]


def test_an_integration_scheme_is_not_asked_for_a_term_termination_or_signatories(tmp_path: Path):
    found = lint_snippet(tmp_path, """
    agreement:
      title: Strathmoor Integration Scheme
      jurisdiction: scotland
      integration_model: integration_joint_board
    """)
    assert not {f.rule for f in found} & {"LG103", "LG104", "LG107", "AB201"}
    assert not [f for f in found if f.path == "/membership/joining_and_leaving"]


@pytest.mark.parametrize("sample", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_every_message_is_plain_words_and_every_key_is_in_the_hint(sample: Path):
    for finding in lint(str(sample)):
        if RULES[finding.rule].pack == "input":
            continue
        assert "`" not in finding.message, (finding.rule, finding.message)
        assert finding.message[0].isupper() and finding.message.endswith("."), (finding.rule, finding.message)
        assert "unverified" not in finding.message + "".join(finding.sources)
        assert finding.sources, finding.rule


@pytest.mark.parametrize(("cut", "expected"), [
    # A missing route for the public is one gap: the statute's demand for its route and the briefing's for it.
    (("complaints", "public"), [("SI114", "/complaints/public/route", Severity.ERROR, ("AB110",))]),
    # A missing information-sharing section takes in the note about it, uncited.
    (("information_sharing",), [("SI113", "/information_sharing/protocol", Severity.ERROR, ())]),
])
def test_a_missing_part_of_an_integration_scheme_is_one_finding_with_what_the_briefing_says_of_it(
        cut: tuple[str, ...], expected: list, tmp_path: Path):
    data = json.loads(json.dumps(validate(str(SAMPLES / "integration-scheme.yaml")).document.data))
    parent = data
    for key in cut[:-1]:
        parent = parent[key]
    del parent[cut[-1]]
    path = tmp_path / "scheme.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    where = "/" + "/".join(cut)
    assert [(f.rule, f.path, f.severity, f.also) for f in lint(str(path)) if f.path.startswith(where)] == expected


def _scheme(tmp_path: Path, change) -> list:
    data = json.loads(json.dumps(validate(str(SAMPLES / "integration-scheme.yaml")).document.data))
    change(data)
    path = tmp_path / "scheme.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return lint(str(path))


@pytest.mark.parametrize(("months", "reported"), [(60, False), (61, True)])
def test_a_scheme_reviewed_every_five_years_is_sound_and_a_month_longer_is_not(months: int, reported: bool,
                                                                                 tmp_path: Path):
    def evaluate_only_by_the_review(data: dict) -> None:
        data["term"]["review_interval_months"] = months
        del data["monitoring"]["partnership_evaluation"]

    found = _scheme(tmp_path, evaluate_only_by_the_review)
    assert [f.rule for f in found if f.path == "/term/review_interval_months"] == (["SI107"] if reported else [])
    # The statutory review is the scheme's evaluation: only a review too far apart asks for one besides.
    assert [f.rule for f in found if f.path == "/monitoring/partnership_evaluation"] == (
        ["AB211"] if reported else [])


def test_a_missing_monitoring_section_under_the_2002_act_is_one_finding_taking_in_the_briefings_note(
        tmp_path: Path):
    data = json.loads(json.dumps(validate(str(SAMPLES / "scotland-2002.yaml")).document.data))
    del data["monitoring"]
    path = tmp_path / "agreement.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    found = [(f.rule, f.path, f.severity, f.also) for f in lint(str(path)) if f.path.startswith("/monitoring")]
    assert found == [("SC108", "/monitoring/framework", Severity.ERROR, ())]
