"""`agreement build --format pdf`: a contents list with page numbers, a tagged and archival (PDF/A) file, no
word, amount or date broken in a table cell, no blank last page and no running header on the cover. Read back
with pypdf and pdftotext, not with the code that wrote it."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import docx.table
import pytest
from docx.oxml.ns import qn
from libreoffice import pdf_text
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
HEADINGS = ("Heading1", "UnnumberedHeading", "ScheduleHeading", "AnnexHeading")
DATE_OR_AMOUNT = re.compile(r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
                            r"|November|December) \d{4}|[£€$][\d,.]+|\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def pdf(office: Any, built: Callable[..., Path]) -> Callable[[Path], Path]:
    """``pdf(sample)``: the sample built with --format pdf (after its .docx, for comparison)."""
    return lambda sample: built(sample, ".pdf")


def pages(office: Any, path: Path) -> list[str]:
    """The text of each page, laid out as on the page."""
    return pdf_text(office, path).split("\f")[:-1]


def headings(document: Path) -> list[str]:
    """The heading paragraphs of the .docx, as Word numbers them in the contents."""
    found = []
    for paragraph in docx.Document(str(document)).paragraphs:
        if paragraph.style.style_id in HEADINGS:
            found.append(paragraph.text)
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_contents_list_every_heading_with_the_page_it_is_on(sample: Path, office: Any, built: Callable[..., Path],
                                                                 pdf: Callable[[Path], Path]):
    shown = pages(office, pdf(sample))
    contents = "\n".join(contents_pages(shown))
    titles = headings(built(sample))
    assert titles, "the document has no headings"
    for title in titles:
        words = r"\s+".join(re.escape(w) for w in title.split())
        entry = re.search(rf"{words}\s*\.{{3,}}\s*(\d+)\s*$", contents, re.M)
        assert entry, f"{title!r} is not in the contents with a page number:\n{contents}"
        page = int(entry.group(1))
        heading = re.compile(rf"^\s*(?:\S+\s+){{0,2}}{words}\s*$", re.M)  # "7.", "Schedule 3"
        assert heading.search(shown[page - 1]), f"{title!r} is listed on page {page} but is not a heading there"


def structure(pdf_path: Path) -> Counter[str]:
    """How many structure elements of each standard type the PDF's tag tree holds."""
    reader = PdfReader(str(pdf_path))
    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    roles = {str(k): str(v) for k, v in (tree.get("/RoleMap") or {}).items()}
    counted: Counter[str] = Counter()
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif hasattr(node, "get"):
            kind = node.get("/S")
            if kind is not None:
                counted[roles.get(str(kind), str(kind))] += 1
            if node.get("/K") is not None:
                stack.append(node["/K"])
    return counted


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_pdf_is_tagged_with_its_headings_tables_title_and_language(sample: Path, built: Callable[..., Path],
                                                                       pdf: Callable[[Path], Path]):
    reader = PdfReader(str(pdf(sample)))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    title = docx.Document(str(built(sample))).core_properties.title
    assert reader.metadata is not None and reader.metadata.title == title
    tags = structure(pdf(sample))
    # Each heading of the agreement is a heading in the tags, and each table has header cells.
    assert tags["/H1"] >= len(headings(built(sample)))
    tables = [t for t in docx.Document(str(built(sample))).tables if t.style.style_id == "AgreementTable"]
    assert tags["/Table"] >= len(tables) and tags["/TH"] >= len(tables)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_pdf_claims_pdf_a_2b_and_embeds_its_fonts(sample: Path, pdf: Callable[[Path], Path]):
    reader = PdfReader(str(pdf(sample)))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(?:>|=\")2", xmp) and re.search(r"pdfaid:conformance(?:>|=\")B", xmp)
    assert root["/OutputIntents"]
    for page in reader.pages:  # PDF/A wants every annotation placed (LibreOffice's comment pop-ups are not)
        for annotation in page.get("/Annots") or ():
            assert "/Rect" in annotation.get_object(), annotation.get_object().get("/Subtype")
    for font in fonts(reader):
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None:
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")


def fonts(reader: PdfReader) -> Iterator[Any]:
    for page in reader.pages:
        resources = page.get("/Resources")
        for font in (resources.get_object().get("/Font") or {}).values() if resources is not None else ():
            font = font.get_object()
            yield font
            for descendant in font.get("/DescendantFonts") or ():
                yield descendant.get_object()


def words_of(text: str) -> list[str]:
    """Words as a line break may divide them: at spaces, and after a hyphen (a compound split there is not
    broken)."""
    return [w for w in re.split(r"\s+|(?<=-)", text) if w]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_no_word_amount_or_date_is_broken_in_a_table_cell(sample: Path, office: Any, built: Callable[..., Path],
                                                          pdf: Callable[[Path], Path]):
    shown = pages(office, pdf(sample))
    after = 1 + len(contents_pages(shown))
    first = next(i for i, page in enumerate(shown)
                 if i >= after and re.search(r"^\s*(?:Schedule|Annex) 1\s+\S", page, re.M))
    printed = "\n".join(shown[first:])
    # (A soft hyphen shows only where a line breaks at it.)
    cells = [cell.text.replace("\u00ad", "") for table in schedule_tables(docx.Document(str(built(sample))))
             for row in table.rows for cell in row.cells]
    missing = Counter(w for cell in cells for w in words_of(cell)) - Counter(words_of(printed))
    assert not missing, f"words broken or lost in the schedules' tables: {sorted(missing)[:20]}"
    lines = Counter(m for line in printed.splitlines() for m in DATE_OR_AMOUNT.findall(" ".join(line.split())))
    split = Counter(m for cell in cells for m in DATE_OR_AMOUNT.findall(" ".join(cell.split()))) - lines
    assert not split, f"dates or amounts broken across lines: {sorted(split)}"


def contents_pages(shown: list[str]) -> list[str]:
    """The contents: from page 2, every page with dot leaders (a long agreement's take two)."""
    return list(itertools.takewhile(lambda page: re.search(r"\.{3,}\s*\d+\s*$", page, re.M), shown[1:]))


def schedule_tables(document: Any) -> list[Any]:
    """The tables after the first schedule's or annex's heading (not the document-control box on the cover)."""
    body = document.element.body
    first = next((i for i, element in enumerate(body) if element.tag == qn("w:p") and any(
        s.get(qn("w:val")) in ("ScheduleHeading", "AnnexHeading") for s in element.iter(qn("w:pStyle")))),
        len(body))
    return [docx.table.Table(element, document._body) for element in list(body)[first:] if element.tag == qn("w:tbl")]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_last_page_is_not_blank_and_the_cover_has_no_running_header(sample: Path, office: Any,
                                                                         pdf: Callable[[Path], Path]):
    shown = pages(office, pdf(sample))
    footer = re.compile(r"^\s*Page \d+ of \d+\s*$", re.M)
    last = [line for line in footer.sub("", shown[-1]).splitlines() if line.strip()]
    assert len(last) > 1, f"the last page holds only its header: {last}"
    header = re.compile(r"^.*\S {5,}Version \S+.*$", re.M)  # the title, then the version at the right margin
    assert not footer.search(shown[0]) and not header.search(shown[0])
    assert footer.search(shown[1]) and header.search(shown[1])
