"""Each sample's .docx, read with python-docx (not the code that wrote it), is a legal document of its kind and
jurisdiction: it has every legal item a solicitor expects there, puts no obligation on anyone who is not a
party, writes no ISO date and says nothing the input never said."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from agreement_builder.lint import validate
from agreement_builder.model import Agreement

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ALL = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".json"))

CONTRACT = ("Definitions and interpretation", "Commencement and duration", "Liability and indemnity", "Insurance",
            "Data protection", "Confidentiality", "Freedom of information", "Compliance with law and standards",
            "Resolving disputes", "Business continuity and events beyond a Party's control", "Termination",
            "No partnership or agency", "Notices", "General", "Governing law and jurisdiction")
SCHEME = ("Integration model", "Local governance arrangements", "Delegation of functions",
          "Local operational delivery arrangements", "Clinical and care governance", "Chief officer", "Workforce",
          "Finance", "Participation and engagement", "Information sharing", "Complaints",
          "Claims handling, liability and indemnity", "Risk management", "Resolving disputes",
          "Review of the Scheme")
NEVER_INVENTED = ("by this agreement form", "intend to settle disputes", "without going to court",
                  "is intended to end once its purpose has been achieved", "except as this clause states")


def paragraphs(document: Any) -> list[str]:
    """Every paragraph of the body and of every table cell, in order."""
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    return found


def headings(document: Any) -> list[str]:
    """The numbered clause headings, without their numbers."""
    return [p.text for p in document.paragraphs if p.style.style_id == "Heading1"]


def agreement(sample: Path) -> Agreement:
    checked = validate(str(sample))
    assert checked.document is not None
    return Agreement.from_document(checked.document)


@pytest.fixture(scope="module")
def read(built: Callable[..., Path]) -> Callable[[Path], tuple[Any, str]]:
    def _read(sample: Path) -> tuple[Any, str]:
        document = docx.Document(str(built(sample)))
        return document, "\n".join(paragraphs(document))
    return _read


@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_each_sample_has_every_legal_item_of_its_kind(sample: Path, read):
    document, words = read(sample)
    model = agreement(sample)
    expected = SCHEME if model.kind == "integration_scheme" else CONTRACT
    found = headings(document)
    missing = [h for h in expected if h not in found]
    assert not missing, missing
    if model.kind == "integration_scheme":
        assert [h for h in found if h in SCHEME] == list(SCHEME), "the prescribed matters are out of order"
        assert "section 7 of the 2014 Act" in words and "Submission for approval" in words
    else:
        assert re.search(r"THIS (AGREEMENT|MEMORANDUM OF UNDERSTANDING) is dated", words)
        assert re.search(r"THE PARTIES (AGREE|RECORD THEIR UNDERSTANDING) as follows:", words)
    if model.kind == "memorandum":
        assert "Status of this Memorandum" in found and "not intended to be legally binding" in words


@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_each_sample_is_executed_for_its_jurisdiction_one_block_for_each_party(sample: Path, read):
    _, words = read(sample)
    model = agreement(sample)
    labels = re.findall(r"^(?:Signed|Subscribed) for and on behalf of$", words, re.M)
    assert len(labels) == len(model.parties)
    if model.kind == "integration_scheme":
        assert "IN WITNESS WHEREOF" not in words
    elif model.jurisdiction == "scotland":
        assert "IN WITNESS WHEREOF" in words and words.count("Witness address") == len(model.parties)
        assert words.count("Place of signing") == len(model.parties)
        assert "This is Schedule 1 referred to in the foregoing" in words
    else:
        assert "duly authorised" in words


@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_each_sample_cites_its_jurisdiction_s_law_or_offers_the_choice(sample: Path, read):
    _, words = read(sample)
    law = {"scotland": "governed by Scots law", "england": "governed by the law of England and Wales",
           "generic": "governed by [Scots law] or [the law of England and Wales]"}
    model = agreement(sample)
    if model.kind != "integration_scheme":
        assert law[model.jurisdiction] in words


@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_no_sample_puts_an_obligation_on_anyone_who_is_not_a_party(sample: Path, read):
    _, words = read(sample)
    model = agreement(sample)
    others = [model.partnership_name] + [p.text("name") for p in model.people()]
    others += [b.text(k) for b in model.children("bodies") for k in ("name", "short_name") if b.text(k)]
    others += [p.text("title") for p in model.children("posts")]
    accountability = model.section("accountability")
    if accountability is not None:
        others += [g.text("name") for g in accountability.children("groups")]
    for name in filter(None, others):
        bare = re.sub(r"^the ", "", name, flags=re.I)
        assert not re.search(rf"\b{re.escape(bare)} shall (?!be\b)", words, re.I), f"{name} is given an obligation"


@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_no_sample_writes_an_iso_date_or_a_sentence_the_input_never_said(sample: Path, read):
    _, words = read(sample)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", words)
    said = [s for s in NEVER_INVENTED if s in words.lower()]
    assert not said, said
