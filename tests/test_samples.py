"""The sample agreements and the starter file: each validates, each shows what it is there to show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreement_builder.cli import main
from agreement_builder.lint import lint, validate
from agreement_builder.model import ELEMENTS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".yaml", ".yml", ".json"))
STARTER = ROOT / "templates" / "starter.yaml"
BRIEFING = ROOT.parent / "shared" / "briefing" / "characteristics-of-successful-partnerships.md"
SHARED_WORDS = 8


def _data(path: Path) -> dict:
    checked = validate(str(path))
    assert checked.valid, "\n".join(f"{f.location}: {f.message} ({f.path})" for f in checked.findings)
    assert checked.document is not None
    return checked.document.data


def test_there_are_samples_in_yaml_and_json():
    assert {p.suffix for p in SAMPLES} >= {".yaml", ".json"}


@pytest.mark.parametrize("path", SAMPLES + [STARTER], ids=lambda p: p.name)
def test_every_sample_and_the_starter_validate(path: Path):
    _data(path)


@pytest.mark.parametrize("path", SAMPLES + [STARTER], ids=lambda p: p.name)
def test_no_sample_and_not_the_starter_teaches_a_renamed_key(path: Path):
    renamed = [f for f in lint(str(path)) if f.rule == "AB007"]
    assert not renamed, [f"{f.location}: {f.message}" for f in renamed]


def test_the_complete_sample_fills_every_top_level_section():
    data = _data(ROOT / "samples" / "complete.yaml")
    # Waivers are the one section left out: a waiver that matches no finding is itself a finding.
    expected = set(ELEMENTS) | {"agreement", "parties", "people", "definitions", "decision_making", "engagement",
                                "behaviours", "actions", "monitoring", "information_sharing", "communication",
                                "mainstreaming", "resources", "variation", "legal", "additional_clauses"}
    assert expected <= {key for key, value in data.items() if value}


def test_the_complete_sample_has_one_signatory_and_host_reporting_line_per_party():
    data = _data(ROOT / "samples" / "complete.yaml")
    parties = [p["id"] for p in data["parties"]]
    assert len(parties) >= 5
    assert all(p.get("signatory") for p in data["parties"])
    assert sorted(h["party"] for h in data["accountability"]["host_reporting"]) == sorted(parties)
    assert {c["party"] for c in data["finance"]["contributions"]} == set(parties)


def test_the_complete_sample_holds_text_that_needs_escaping_in_every_output():
    text = (ROOT / "samples" / "complete.yaml").read_text(encoding="utf-8")
    data = _data(ROOT / "samples" / "complete.yaml")
    assert "&" in data["agreement"]["title"]
    assert '"' in data["purpose"]["vision"] and "\n" in data["purpose"]["vision"]
    assert "'" in data["parties"][3]["name"]
    assert re.search(r"[^\x00-\x7f]", data["parties"][2]["representatives"][0]["name"])
    assert "|-" in text


def test_the_pooled_budget_sample_is_an_english_section_75_pooled_fund():
    data = _data(ROOT / "samples" / "pooled-budget.json")
    assert (data["agreement"]["jurisdiction"], data["agreement"]["arrangement_type"]) == ("england", "pooled_budget")
    assert set(data["finance"]["pooled_fund"]) == {"host", "manager", "management", "monitoring"}
    assert all("amount" in c for c in data["finance"]["contributions"] if c["kind"] == "money")
    statutes = " ".join(f"{s['name']} {s.get('provision', '')}" for s in data["legal_powers"]["statutes"])
    assert "section 75" in statutes and "SI 2000/617" in statutes
    assert data["exit_strategy"]["approach"] == "exit"
    assert set(ELEMENTS) <= set(data)


def test_the_first_draft_leaves_out_what_it_is_meant_to_demonstrate():
    data = _data(ROOT / "samples" / "first-draft.yaml")
    assert data["agreement"]["status"] == "draft"
    assert "exit_strategy" not in data and "disputes" not in data
    assert "public" in data["complaints"] and "staff" not in data["complaints"]
    assert all("description" not in role for role in data["roles"]["individuals"])
    assert any("beneficiary" not in outcome for outcome in data["purpose"]["outcomes"])


def test_init_writes_the_starter_file(tmp_path: Path):
    target = tmp_path / "partnership.yaml"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == STARTER.read_bytes()


def test_init_refuses_to_overwrite_an_existing_file(tmp_path: Path):
    target = tmp_path / "partnership.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 2, result.output
    assert "already exists" in result.output
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_every_element_in_the_starter_is_explained_with_a_briefing_section():
    lines = STARTER.read_text(encoding="utf-8").splitlines()
    for element in ELEMENTS:
        at = lines.index(f"{element}:")
        comment = []
        for line in reversed(lines[:at]):
            if not line.startswith("#"):
                break
            comment.append(line)
        assert any("Briefing:" in line for line in comment), f"{element} has no comment citing the briefing"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


@pytest.mark.parametrize("path", SAMPLES + [STARTER], ids=lambda p: p.name)
def test_no_sentence_is_copied_from_the_briefing(path: Path):
    if not BRIEFING.is_file():
        pytest.skip("the briefing is not beside this checkout")
    briefing = _words(BRIEFING.read_text(encoding="utf-8"))
    runs = {tuple(briefing[i:i + SHARED_WORDS]) for i in range(len(briefing) - SHARED_WORDS + 1)}
    ours = _words(path.read_text(encoding="utf-8"))
    copied = [" ".join(ours[i:i + SHARED_WORDS]) for i in range(len(ours) - SHARED_WORDS + 1)
              if tuple(ours[i:i + SHARED_WORDS]) in runs]
    assert not copied, f"{path.name} repeats the briefing word for word: {copied[:3]}"
