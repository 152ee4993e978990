"""Drafting notes are written for the person editing the Word file: one for each gap, in words, with the source
cited, placed where the words go; never about the input file's keys."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from support import SAMPLES, run_cli

from agreement_builder.rules import RULES


@pytest.fixture(scope="module")
def comments(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("notes")
    data = yaml.safe_load((SAMPLES / "first-draft.yaml").read_text(encoding="utf-8"))
    data["agreement"]["short_name"] = data["agreement"].pop("partnership_name", "the Partnership")  # renamed key
    source = folder / "first-draft.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    out = folder / "first-draft.docx"
    assert run_cli("build", str(source), "-o", str(out)).exit_code == 0
    return [c.text for c in docx.Document(str(out)).comments]


def test_no_note_speaks_of_the_input_file(comments):
    input_rules = {rule.id for rule in RULES.values() if rule.pack == "input"}
    for text in comments:
        assert "`" not in text and not re.search(r"\b[a-z_]+\.[a-z_]+\b", text), text  # no YAML keys
        assert not set(re.findall(r"\(([A-Z]{2}\d{3})\)", text)) & input_rules, text


def test_each_note_is_one_gap_and_names_its_rule_once(comments):
    for text in comments:
        rules = re.findall(r"\b[A-Z]{2}\d{3}\b", text)
        assert len(rules) == len(set(rules)) <= 1, text


def test_a_briefing_gap_cites_the_briefing_section(comments):
    briefing = [t for t in comments if re.search(r"\(AB1\d\d\)$", t)]
    assert briefing
    assert all("Source: the briefing, " in t for t in briefing), briefing
    assert not [t for t in comments if "(briefing:" in t or t.count("Source:") > 1]  # the source once


def test_a_gap_a_placeholder_marks_is_noted_there_only(comments):
    # The third party has no signatory and no party states its legal status: each is noted at the blank.
    assert not [t for t in comments if t.endswith(("(LG107)", "(LG108)"))]
    assert sum("Name the person authorised to sign for" in t for t in comments) == 1
    assert sum("State what kind of body" in t for t in comments) == 3


def test_an_error_note_says_why_it_matters(comments):
    disputes = next(t for t in comments if t.startswith("Add a protocol for resolving disputes"))
    assert RULES["AB108"].part("Why").split(".")[0].split()[0] in disputes
    assert disputes.endswith("(AB108)")


def test_the_sample_has_its_notes_as_comments(tmp_path: Path):
    out = tmp_path / "x.docx"
    run = run_cli("build", str(SAMPLES / "first-draft.yaml"), "-o", str(out))
    count = int(re.search(r"\((\d+) drafting notes?\)", run.stdout).group(1))
    assert len(docx.Document(str(out)).comments) == count
