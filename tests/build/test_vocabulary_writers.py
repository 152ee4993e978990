"""Each writer prints every word of the template vocabulary: read back with independent readers (lxml and
python-docx on the .docx, pandoc on the Markdown, an HTML parser, LibreOffice and pdftotext on the PDF)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
from libreoffice import convert, pdf_text
from lxml import etree
from ooxml import check_docx
from pypdf import PdfReader
from vocabulary import demo, wide

from agreement_builder.writers import write

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("vocabulary") / "demo.docx"
    path.write_bytes(write(demo(), "docx"))
    return path


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def body(path: Path) -> etree._Element:
    return part(path, "word/document.xml").find("w:body", NS)


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def style(paragraph: etree._Element) -> str:
    found = paragraph.find("w:pPr/w:pStyle", NS)
    return found.get(w("val")) if found is not None else ""


def paragraphs(path: Path) -> list[etree._Element]:
    return [p for p in body(path).iter(w("p"))]


# ---------------------------------------------------------------- .docx


def test_the_docx_passes_the_ooxml_checks_and_opens_in_python_docx(built: Path):
    assert check_docx(built) == []
    docx.Document(str(built))


def test_the_same_draft_gives_the_same_bytes():
    assert write(demo(), "docx") == write(demo(), "docx")


def fields(path: Path) -> list[tuple[str, str]]:
    """Each REF field's instruction and current result, read from the field characters."""
    found, instruction, result, state = [], "", "", ""
    for element in body(path).iter(w("fldChar"), w("instrText"), w("t")):
        if element.tag == w("fldChar"):
            kind = element.get(w("fldCharType"))
            if kind == "begin":
                instruction, result, state = "", "", "code"
            elif kind == "separate":
                state = "result"
            elif kind == "end" and instruction.strip().startswith("REF"):
                found.append((instruction.strip(), result))
                state = ""
        elif element.tag == w("instrText") and state == "code":
            instruction += element.text or ""
        elif element.tag == w("t") and state == "result":
            result += element.text or ""
    return found


def bookmarked_paragraphs(path: Path) -> dict[str, str]:
    """Bookmark name -> the text of the paragraph it starts in."""
    return {start.get(w("name")): text(start.getparent()) for start in body(path).iter(w("bookmarkStart"))}


def test_every_reference_is_a_ref_field_to_a_bookmark_in_the_paragraph_it_numbers(built: Path):
    found = fields(built)
    marks = bookmarked_paragraphs(built)
    assert len(found) == 13
    for instruction, _ in found:
        name, *switches = instruction.split()[1:]
        assert name in marks, instruction
        assert "\\h" in switches and ("\\w" in switches or "\\n" in switches), instruction
    by_name = {i.split()[1]: r for i, r in found}
    assert by_name["id_law"] == "2.1" and marks["id_law"].startswith("This agreement is governed")
    assert by_name["id_law_b"] == "2.2(a)" and marks["id_law_b"].startswith("the courts of")
    assert by_name["schedule_money"] == "Schedule 1" and by_name["annex_functions"] == "Annex 1"
    assert by_name["id_sch_p1a"] == "(a)" and "\\n" in next(i for i, _ in found if "id_sch_p1a" in i)
    assert by_name["clause_definitions"] == "1"


def test_the_words_around_a_reference_read_as_in_the_other_formats(built: Path):
    document = docx.Document(str(built))
    texts = [p.text for p in document.paragraphs]
    assert "The Parties are satisfied that clause 2.1 applies and that Annex 1 lists the functions." in texts
    assert "See Schedule 1 and paragraph 1(a) of Schedule 1." in texts


def test_a_placeholder_is_highlighted_in_square_brackets(built: Path):
    runs = [r for r in body(built).iter(w("r")) if r.find("w:rPr/w:rStyle[@w:val='Placeholder']", NS) is not None]
    assert [text(r) for r in runs] == ["[●]", "[legal status: to be confirmed]", "[Scotland]"]
    styles = part(built, "word/styles.xml")
    placeholder = styles.find("w:style[@w:styleId='Placeholder']", NS)
    assert placeholder.get(w("type")) == "character"
    assert placeholder.find("w:rPr/w:highlight", NS).get(w("val")) == "yellow"
    # ...and each run directly, which LibreOffice carries into the PDF (it drops a character style's highlight)
    assert all(r.find("w:rPr/w:highlight", NS).get(w("val")) == "yellow" for r in runs)


def test_every_drafting_note_is_a_comment_and_a_brackets_note_is_anchored_on_the_bracket(built: Path):
    comments = part(built, "word/comments.xml").findall("w:comment", NS)
    assert [text(c) for c in comments] == [
        "Insert the date on which the last Party signs. Source: briefing: Structures.",
        "Insert the duration of the agreement. Source: SI 2000/617 reg. 7(3)(f). (AB101)"]
    start = body(built).find(".//w:commentRangeStart", NS)
    covered = []
    for sibling in start.itersiblings():
        if sibling.tag == w("commentRangeEnd"):
            break
        covered.append(text(sibling))
    assert covered == ["[●]"]
    note = next(p for p in paragraphs(built) if style(p) == "DraftingNote")
    assert text(note) == "Drafting note: Insert the duration of the agreement. Source: SI 2000/617 reg. 7(3)(f)."
    assert note.find("w:commentRangeStart", NS) is not None
    assert all(c.get(w("date")) == "2025-04-01T00:00:00Z" for c in comments)


def test_no_notes_means_no_comments_and_no_note_paragraphs():
    document = docx.Document(io.BytesIO(write(demo(annotate=False), "docx")))
    assert len(list(document.comments)) == 0
    assert not [p for p in document.paragraphs if p.style.style_id == "DraftingNote"]


def test_each_block_has_its_style_and_values_paragraphs_continue_at_the_clause_or_item_indent(built: Path):
    shown = [(style(p), text(p)) for p in paragraphs(built) if p.getparent().tag == w("body")]
    opening = shown[shown.index(("BodyText", "THIS AGREEMENT is dated [●]")):]
    assert [s for s, _ in opening[:9]] == ["BodyText", "Subheading", "Party", "Party", "Subheading", "Recital",
                                           "Recital", "BodyText", "BodyText"]
    clause = shown.index(("Clause2", "In this agreement: one line wrapped by YAML"))
    assert shown[clause + 1:clause + 4] == [("BodyText", "and a new paragraph"), ("Clause3", "first item with a"),
                                            ("ItemText", "second paragraph")]
    assert ("ScheduleClause", "The Parties pay as follows:") in shown and ("ScheduleItem", "Alpha: £1,850,000") in shown
    assert ("AnnexHeading", "Functions delegated") in shown and ("ScheduleHeading", "Contributions") in shown
    assert ("UnnumberedHeading", "Signatures") in shown


def test_no_line_break_comes_from_a_values_line_breaks(built: Path):
    assert body(built).find(".//w:br", NS) is None


def test_the_opening_starts_a_new_page_and_a_lead_in_keeps_with_its_items(built: Path):
    first = next(p for p in paragraphs(built) if text(p) == "THIS AGREEMENT is dated [●]")
    assert first.find("w:pPr/w:pageBreakBefore", NS) is not None
    lead_in = next(p for p in paragraphs(built) if text(p) == "The Parties pay as follows:")
    assert lead_in.find("w:pPr/w:keepNext", NS) is not None
    heading = next(p for p in paragraphs(built) if style(p) == "Heading1")
    assert heading.find("w:pPr/w:pageBreakBefore", NS) is None  # clause 1 follows the operative words


def test_the_contents_list_the_headings_before_word_updates_them(built: Path):
    entries = [p for p in paragraphs(built) if style(p) == "TOC1"]
    shown = ["".join(t.text or ("\t" if t.tag == w("tab") else "") for t in p.iter(w("t"), w("tab"))
                     if t.getparent().tag == w("r")) for p in entries]
    assert shown == ["1.\tDefinitions", "2.\tGoverning law", "Signatures", "Schedule 1\tContributions",
                     "Annex 1\tFunctions delegated"]
    assert [e.find("w:hyperlink", NS).get(w("anchor")) for e in entries] == [
        "clause_definitions", "clause_law", "signatures", "schedule_money", "annex_functions"]
    instruction = "".join(t.text for t in body(built).iter(w("instrText")) if "TOC" in (t.text or ""))
    assert instruction.strip().startswith("TOC")


def test_the_cover_has_no_running_header_or_footer(built: Path):
    document = docx.Document(str(built))
    section = document.sections[-1]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    assert section.first_page_footer.paragraphs[0].text == ""
    assert section.header.paragraphs[0].text.startswith("Demo Agreement")


def test_the_document_control_box_and_a_signature_caption_are_tables_rows(built: Path):
    document = docx.Document(str(built))
    control = document.tables[0]
    assert [[c.text for c in row.cells] for row in control.rows] == [["Version", "0.4"],
                                                                    ["Status", "Draft for discussion"]]
    signature = next(t for t in document.tables if t.style.style_id == "SignatureTable")
    caption = signature.rows[2]._tr.findall("w:tc", NS)
    assert len(caption) == 1 and caption[0].find("w:tcPr/w:gridSpan", NS).get(w("val")) == "2"


def test_a_table_cell_holds_a_paragraph_for_each_paragraph_of_its_value(built: Path):
    table = next(t for t in docx.Document(str(built)).tables if t.style.style_id == "AgreementTable"
                 and t.rows[0].cells[0].text == "Party")
    assert [p.text for p in table.rows[1].cells[1].paragraphs] == ["£1,850,000", "(in two parts)"]


def sections(path: Path) -> list[etree._Element]:
    """Each section's properties in order: those ending a section inside the body, then the body's own."""
    return list(body(path).iter(w("sectPr")))


def test_a_schedule_too_wide_for_an_upright_page_is_turned_to_landscape(tmp_path: Path):
    path = tmp_path / "wide.docx"
    path.write_bytes(write(wide(), "docx"))
    assert check_docx(path) == []
    found = sections(path)
    sizes = [(s.find("w:pgSz", NS).get(w("w")), s.find("w:pgSz", NS).get(w("orient"))) for s in found]
    assert sizes == [("11906", None), ("16838", "landscape"), ("11906", None)]
    # The cover's section has its own first page (no running header); the others take the running header.
    assert [s.find("w:titlePg", NS) is not None for s in found] == [True, False, False]
    assert found[0].find("w:headerReference", NS) is not None and found[1].find("w:headerReference", NS) is None
    turned = found[1].getparent().getparent()
    following = turned.getnext()
    assert style(following) == "ScheduleHeading" and text(following) == "A wide register"
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text.startswith("Column0"))
    assert sum(c.width for c in table.columns) > 11906 - 2 * 1418  # wider than an upright page holds


def test_libreoffice_prints_the_wide_schedule_on_a_landscape_page_without_breaking_its_words(office: Any,
                                                                                             tmp_path: Path):
    path = tmp_path / "wide.docx"
    path.write_bytes(write(wide(), "docx"))
    pdf = convert(office, path, tmp_path)
    reader = PdfReader(str(pdf))
    turned = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    shown = pdf_text(office, pdf).split("\f")
    assert [i for i, t in enumerate(turned) if t] == [i for i, page in enumerate(shown) if "A wide register" in page
                                                      and "Schedule 2" in page and i > 1]
    assert sum(page.count("Column0Interdepartmental") for page in shown) == 2


# ---------------------------------------------------------------- Markdown and HTML


@pytest.fixture(scope="module")
def markdown() -> str:
    return write(demo(), "md").decode("utf-8")


def test_the_markdown_reads_like_the_docx(markdown: str):
    for words in ("(1) **Alpha Council**", "(A) The Parties are satisfied that [clause 2.1](#id-law) applies",
                  "THIS AGREEMENT is dated [●] *(Drafting note: Insert the date on which the last Party signs. "
                  "Source: briefing: Structures.)*", "[legal status: to be confirmed]",
                  "**1.1** In this agreement: one line wrapped by YAML\n\nand a new paragraph",
                  "(a) first item with a\n\nsecond paragraph", "## Schedule 1: Contributions",
                  "## Annex 1: Functions delegated", "[paragraph 1(a) of Schedule 1](#id-sch-p1a)",
                  "in the presence of:", "**Version:** 0.4"):
        assert words in markdown, words
    assert "\\(" not in markdown and "\\)" not in markdown


def pandoc_html(markdown: str) -> str:
    program = shutil.which("pandoc")
    if program is None:
        pytest.skip("pandoc is not installed")
    done = subprocess.run([program, "-f", "commonmark+pipe_tables", "-t", "html", "--wrap=none"],
                          input=markdown.encode("utf-8"), capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8")


def test_pandoc_renders_the_markdowns_references_as_links_and_placeholders_as_text(markdown: str):
    html = pandoc_html(markdown)
    assert '<a href="#id-law">clause 2.1</a>' in html
    assert '<a href="#id-sch-p1a">paragraph 1(a) of Schedule 1</a>' in html
    assert "[legal status: to be confirmed]" in html and "[Scotland]" in html
    assert "<td>£1,850,000<br><br>(in two parts)</td>" in html


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("mark", "a"):
            self._open.append((dict(attrs).get("href") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("mark", "a") and self._open:
            href, parts = self._open.pop()
            (self.links.append((href, "".join(parts))) if tag == "a" else self.marks.append("".join(parts)))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def test_the_html_marks_placeholders_and_links_each_reference_once():
    reader = _Reader()
    reader.feed(write(demo(), "html").decode("utf-8"))
    assert reader.marks == ["[●]", "[legal status: to be confirmed]", "[Scotland]"]
    assert ("#id-law", "clause 2.1") in reader.links
    assert ("#id-sch-p1a", "paragraph 1(a) of Schedule 1") in reader.links
    assert ("#annex-functions", "Annex 1") in reader.links


# ---------------------------------------------------------------- LibreOffice


def test_libreoffice_works_out_every_reference_from_its_bookmark(office: Any, tmp_path: Path):
    """The numbers come from the document's own numbering: cached results replaced with "WRONG" are
    recomputed, and a schedule reads "Schedule 1", with no colon from the heading's numbering."""
    document = tmp_path / "wrong.docx"
    original = write(demo(), "docx")
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(document, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb'( REF [^<]*</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                              rb'<w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t xml:space="preserve">)[^<]*', rb"\1WRONG", data)
            target.writestr(info, data)
    shown = " ".join(pdf_text(office, convert(office, document, tmp_path)).split())
    assert "WRONG" not in shown
    for words in ("satisfied that clause 2.1 applies and that Annex 1 lists",
                  "second, see clause 2.2(a) and Schedule 1",
                  "Subject to clause 2.1, clause 1.1(a) and paragraph 1 of Schedule 1:",
                  "See Schedule 1 and paragraph 1(a) of Schedule 1."):
        assert words in shown, words


def test_the_docx_says_its_title_and_language_keeps_widows_and_orphans_and_marks_table_header_rows(built: Path):
    document = docx.Document(str(built))
    assert document.core_properties.title == "Demo Agreement" and document.core_properties.language == "en-GB"
    styles = part(built, "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(w("val")) == "en-GB"
    assert styles.find("w:style[@w:styleId='Normal']/w:pPr/w:widowControl", NS) is not None
    for table in document.tables:
        if table.style.style_id == "AgreementTable" and table.rows[0].cells[0].text != "Version":
            assert table.rows[0]._tr.find("w:trPr/w:tblHeader", NS) is not None
