"""The .docx writer: the rendered agreement into a copy of the reference document, styled by style id.

The body is written as WordprocessingML text and parsed once, because python-docx's paragraph API looks
styles up by name for every paragraph, which is too slow for a long risk register. Numbering comes from the
styles (Heading 1 / Clause 2 / Clause 3 are bound to one multi-level list in the reference document), so
the file holds no literal clause numbers and Word renumbers when a clause is inserted. The zip is re-packed
with fixed timestamps and a fixed entry order, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from copy import deepcopy
from typing import Any
from xml.sax.saxutils import quoteattr

import docx
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from lxml import etree

from ..document import (
    ANNEX,
    BODY,
    SCHEDULE,
    Bracket,
    Caption,
    Clause,
    Control,
    Definition,
    Draft,
    FieldRef,
    Inline,
    Note,
    Para,
    Party,
    Recital,
    Section,
    Signatory,
    Span,
    Subheading,
    Table,
    Text,
    plain,
)
from ..errors import BuildError
from . import reference
from .layout import Layout, layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
AUTHOR, INITIALS = "agreement-builder", "AB"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FIRST = ("[Content_Types].xml", "_rels/.rels")
TOC = ' TOC \\o "1-1" \\h \\z \\u '
_LOOKS = {"title": "Title", "subtitle": "Subtitle", "line": "CoverText", "party": "CoverParty", "fact": "CoverFact"}


def write(draft: Draft, reference_docx: bytes) -> bytes:
    """The agreement as .docx bytes, styled by ``reference_docx``."""
    try:
        document = docx.Document(io.BytesIO(reference_docx))
    except Exception as e:  # python-docx raises many kinds for a damaged package
        raise BuildError(f"the reference document cannot be opened as a Word document: {e}") from e
    reference.require_structure(document.element.body, "the reference document")
    reference.require_styles({s.style_id for s in document.styles}, "the reference document")
    _empty_body(document)
    _header(document, draft)
    writer = _Body(_Pages(document.element.body.sectPr), _first_comment(document))
    writer.draft(draft)
    body = "".join(writer.out).encode("utf-8")
    _comments(document, draft, writer.comments, writer.first_comment)
    del writer
    _properties(document, draft)
    saved = io.BytesIO()
    document.save(saved)
    return repack(saved.getvalue(), body)


# The body is not built as a tree inside python-docx: a long risk register would cost hundreds of
# megabytes of elements. python-docx saves the document around this marker, and `repack` puts the body
# text in its place.
_MARKER = "agreement-builder: the body goes here"
_PLACEHOLDER = re.compile(rb"<w:p(?: [^>]*)?><w:r><w:t>" + _MARKER.encode() + rb"</w:t></w:r></w:p>")


def _empty_body(document: Any) -> None:
    root = document.element
    if root.nsmap.get("w") != W:
        raise BuildError("the reference document does not use the usual WordprocessingML prefix 'w'; save it "
                         "again from Word")
    body = root.body
    section_properties = body.sectPr
    for child in list(body):
        if child is not section_properties:
            body.remove(child)
    marker = parse_xml(f'<w:p xmlns:w="{W}"><w:r><w:t>{_MARKER}</w:t></w:r></w:p>')
    if section_properties is not None:
        section_properties.addprevious(marker)
    else:
        body.append(marker)


class _Pages:
    """The page set-up: the width for text, upright and turned to landscape, and the section breaks that a
    schedule turned to landscape needs. The first section holds the cover, which has a first-page header and
    footer of its own (empty); later sections take the running ones from it."""

    def __init__(self, final: Any) -> None:
        self.final = final  # the body's own section properties, which close the last section
        size, margins = final.find(qn("w:pgSz")), final.find(qn("w:pgMar"))
        try:
            across, down = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
            sides = int(margins.get(qn("w:left"))) + int(margins.get(qn("w:right")))
        except (AttributeError, TypeError, ValueError):
            across, down, sides = 11906, 16838, 2836  # A4 with 2.5 cm margins
        self.upright = across - sides if across - sides > 1000 else 9070
        self.turned = max(down, across) - sides if max(down, across) - sides > 1000 else self.upright
        self.first = True
        self.landscape = False

    @property
    def width(self) -> int:
        return self.turned if self.landscape else self.upright

    def turn(self, landscape: bool) -> str:
        """The paragraph that ends the open section when the next one is turned otherwise, else ""."""
        if landscape == self.landscape:
            return ""
        ending = self._properties(self.first, self.landscape)
        self.first, self.landscape = False, landscape
        return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr>'
                f'<w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{ending}</w:pPr></w:p>')

    def finish(self) -> None:
        """Make the body's section properties those of the section still open."""
        if not self.first:
            _settle(self.final, first=False, landscape=self.landscape, keep_references=True)

    def _properties(self, first: bool, landscape: bool) -> str:
        copy = deepcopy(self.final)
        _settle(copy, first=first, landscape=landscape, keep_references=first)
        return str(etree.tostring(copy, encoding="unicode"))


def _settle(properties: Any, *, first: bool, landscape: bool, keep_references: bool) -> None:
    """Section properties for a first or later section, upright or turned."""
    for name in ([] if first else ["w:titlePg"]) + ([] if keep_references else ["w:headerReference",
                                                                                 "w:footerReference"]):
        for element in properties.findall(qn(name)):
            properties.remove(element)
    size = properties.find(qn("w:pgSz"))
    if size is None:
        return
    across, down = int(size.get(qn("w:w"), "11906")), int(size.get(qn("w:h"), "16838"))
    if landscape != (across > down):
        size.set(qn("w:w"), str(down))
        size.set(qn("w:h"), str(across))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif qn("w:orient") in size.attrib:
        del size.attrib[qn("w:orient")]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run_text(text: str) -> str:
    """Text as run content: newlines become line breaks and tabs become tabs, so nothing is lost."""
    if "\n" not in text and "\t" not in text and "\r" not in text:
        return f'<w:t xml:space="preserve">{_escape(text)}</w:t>'
    out = []
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            out.append("<w:br/>")
        for j, part in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if part:
                out.append(f'<w:t xml:space="preserve">{_escape(part)}</w:t>')
    return "".join(out)


# Styles by the kind of section: heading; clause, item, and the paragraphs continuing them.
_HEADINGS = {BODY: "Heading1", SCHEDULE: "ScheduleHeading", ANNEX: "AnnexHeading"}
_CLAUSES = {BODY: ("Clause2", "Clause3"), SCHEDULE: ("ScheduleClause", "ScheduleItem"),
            ANNEX: ("AnnexClause", "AnnexItem")}
_MORE_CLAUSE, _MORE_ITEM = "BodyText", "ItemText"
_TOC_STOPS = {BODY: 709, SCHEDULE: 1701, ANNEX: 1701}  # where a contents entry's title starts after its number
_KEEP = "<w:keepNext/>"
# The paragraph Word needs after a table that ends the document, too small to start a page of its own.
_END = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def _paragraph(style: str, content: str, properties: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{properties}</w:pPr>{content}</w:p>'


class _Bookmarks:
    """Word bookmark names for the document's anchors: letters, digits and _, at most 40 characters, unique;
    given in the order first asked for, which is the same every build."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.taken: set[str] = set()
        self.count = 0

    def name(self, anchor: str) -> str:
        found = self.names.get(anchor)
        if found is None:
            base = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
            base = (base if base[:1].isalpha() else "b_" + base)[:40]
            found, n = base, 1
            while found in self.taken:
                n += 1
                found = f"{base[:40 - len(str(n)) - 1]}_{n}"
            self.names[anchor] = found
            self.taken.add(found)
        return found

    def around(self, anchor: str, content: str) -> str:
        """``content`` inside a bookmark named for ``anchor``."""
        self.count += 1
        return (f'<w:bookmarkStart w:id="{self.count}" w:name="{self.name(anchor)}"/>{content}'
                f'<w:bookmarkEnd w:id="{self.count}"/>')


class _Body:
    """Collects the body's XML in order, and the drafting notes that become review comments."""

    def __init__(self, pages: _Pages, first_comment: int) -> None:
        self.pages = pages
        self.out: list[str] = []
        self.first_comment = first_comment
        self.comments: list[Note] = []
        self.bookmarks = _Bookmarks()
        self.break_page = False
        self.layouts: dict[int, tuple[Table, Layout]] = {}

    def add(self, xml: str) -> None:
        self.out.append(xml)

    # ---- text

    def runs(self, content: Inline, placeholder: bool = False) -> str:
        out = []
        for piece in content:
            if isinstance(piece, Bracket):
                out.append(self.bracket(piece))
                continue
            style = "Placeholder" if placeholder else "DefinedTerm" if piece.term else ""
            # A placeholder is highlighted directly as well as by its style: LibreOffice, which makes the PDF,
            # does not carry a character style's highlight into it.
            props = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/>" if piece.bold or (
                piece.term and placeholder) else "") + ("<w:i/>" if piece.italic else "") + (
                '<w:highlight w:val="yellow"/>' if placeholder else "")
            run = f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{_run_text(piece.text)}</w:r>"
            if piece.field is not None:
                run = self.reference(piece.field, run)
            out.append(run)
        return "".join(out)

    def reference(self, field: FieldRef, result: str) -> str:
        """A REF field showing the paragraph number at ``field``'s bookmark, ``result`` its current text."""
        switch = "\\w" if field.full else "\\n"
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF '
                f'{self.bookmarks.name(field.anchor)} {switch} \\h </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>')

    def bracket(self, bracket: Bracket) -> str:
        content = self.runs(bracket.content, placeholder=True)
        return self.commented(bracket.note, content) if bracket.note is not None else content

    def commented(self, note: Note, content: str) -> str:
        """``content`` with a review comment carrying ``note`` anchored on it."""
        n = self.first_comment + len(self.comments)
        self.comments.append(note)
        return (f'<w:commentRangeStart w:id="{n}"/>{content}<w:commentRangeEnd w:id="{n}"/>'
                f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{n}"/></w:r>')

    def paragraphs(self, text: Text, first: str, more: str, *, anchor: str = "", keep: bool = False) -> None:
        """``text``: its first paragraph in style ``first`` (bookmarked for ``anchor``), the rest in ``more``;
        ``keep`` keeps the last with what follows."""
        for i, paragraph in enumerate(text):
            content = self.runs(paragraph)
            if i == 0 and anchor:
                content = self.bookmarks.around(anchor, content)
            self.add(self.paragraph(first if i == 0 else more, content, _KEEP if keep and i == len(text) - 1
                                    else ""))

    def paragraph(self, style: str, content: str, properties: str = "") -> str:
        if self.break_page:
            properties = "<w:pageBreakBefore/>" + properties
            self.break_page = False
        return _paragraph(style, content, properties)

    # ---- the document

    def draft(self, draft: Draft) -> None:
        for line in draft.cover:
            if isinstance(line, Control):
                self.control(line)
            else:
                self.add(self.paragraph(_LOOKS[line.kind], self.runs(line.content)))
        self.contents(draft)
        self.break_page = True
        if draft.opening is not None:
            self.section(draft.opening)
        for section in draft.sections:
            self.section(section)
        if draft.signatures is not None:
            self.break_page = True
            self.section(draft.signatures)
        for section in (*draft.schedules, *draft.annexes):
            turned = any(self.layout(t).landscape for t in section.blocks if isinstance(t, Table))
            ending = self.pages.turn(turned)
            if ending:
                self.add(ending)
            self.section(section)
        if self.out and self.out[-1].startswith("<w:tbl>"):
            self.add(_END)
        self.pages.finish()

    def contents(self, draft: Draft) -> None:
        """The contents: a TOC field whose current result already lists the headings, so the list is
        there before Word or LibreOffice first updates it (which adds the page numbers)."""
        self.add(self.paragraph("TOCHeading", self.runs(draft.contents)))
        entries = [s for s in draft.all_sections() if s.heading]
        begin = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                 f'<w:r><w:instrText xml:space="preserve">{_escape(TOC)}</w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        if not entries:
            self.add(_paragraph("TOC1", begin + end))
        for i, section in enumerate(entries):
            number = section.number + "." if section.kind == BODY else section.label
            text = (f"<w:r><w:t>{_escape(number)}</w:t></w:r><w:r><w:tab/></w:r>" if section.number else "")
            link = (f'<w:hyperlink w:anchor="{self.bookmarks.name(section.anchor)}" w:history="1">{text}'
                    f"{self.runs(section.heading)}</w:hyperlink>")
            # As Word writes its own entries: a tab stop for the title after the number.
            stop = _TOC_STOPS[section.kind] if section.number else 0
            self.add(_paragraph("TOC1", (begin if i == 0 else "") + link + (end if i == len(entries) - 1 else ""),
                                f'<w:tabs><w:tab w:val="left" w:pos="{stop}"/></w:tabs>' if stop else ""))

    def section(self, section: Section) -> None:
        style = _HEADINGS[section.kind] if section.number else "UnnumberedHeading"
        if section.heading:
            self.add(self.paragraph(style, self.bookmarks.around(section.anchor, self.runs(section.heading))))
        clause, item = _CLAUSES[section.kind]
        blocks = section.blocks
        for i, block in enumerate(blocks):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, Clause):
                self.paragraphs(block.text, clause, _MORE_CLAUSE, anchor=block.anchor, keep=bool(block.items))
                for entry in block.items:
                    self.paragraphs(entry.text, item, _MORE_ITEM, anchor=entry.anchor)
            elif isinstance(block, Para):
                # In a schedule or annex a paragraph lines up with the tables, at the margin.
                self.add(self.paragraph("BodyText" if section.kind == BODY else "Normal", self.runs(block.content),
                                        _KEEP if isinstance(following, (Table, Signatory)) else ""))
            elif isinstance(block, Subheading):
                self.add(self.paragraph("Subheading", self.runs(block.content)))
            elif isinstance(block, Party):
                self.paragraphs(block.text, "Party", _MORE_CLAUSE)
            elif isinstance(block, Recital):
                self.paragraphs(block.text, "Recital", _MORE_CLAUSE)
            elif isinstance(block, Definition):
                self.paragraphs(block.text, "Definition", "Definition")
            elif isinstance(block, Note):
                self.note(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Signatory):
                self.signatory(block)

    def note(self, note: Note) -> None:
        lines = [Span(line) for line in note.text.split("\n")]
        content = self.runs((Span("Drafting note: ", bold=True),)) + "<w:r><w:br/></w:r>".join(
            self.runs((span,)) for span in lines)
        self.add(self.paragraph("DraftingNote", self.commented(note, content)))

    def layout(self, table: Table) -> Layout:
        """The table's column widths, measured once: in a schedule, for an upright page or else a turned one."""
        found = self.layouts.get(id(table))
        if found is None or found[0] is not table:
            found = (table, layout(table, self.pages.upright, self.pages.turned))
            self.layouts[id(table)] = found
        return found[1]

    def _table_start(self) -> None:
        if self.out and self.out[-1].startswith("<w:tbl>"):
            self.add("<w:p/>")  # two tables in a row would merge into one

    def cell(self, text: Text, width: int, style: str, properties: str = "") -> str:
        paragraphs = "".join(_paragraph(style, self.runs(p)) for p in text) or _paragraph(style, "")
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{properties}</w:tcPr>{paragraphs}</w:tc>'

    def table(self, table: Table) -> None:
        self._table_start()
        measured = self.layout(table)
        # A table among the clauses stays on the upright page, squeezed if it must be.
        widths = (measured if measured.landscape == self.pages.landscape else layout(table, self.pages.width)).widths
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        head = ("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                + "".join(self.cell((c,), w, "TableHeading") for c, w in zip(table.head, widths, strict=True))
                + "</w:tr>")
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="AgreementTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
               '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
               f"<w:tblGrid>{grid}</w:tblGrid>", head]
        out.extend("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
            self.cell(c, w, "TableText") for c, w in zip(row, widths, strict=True)) + "</w:tr>" for row in table.rows)
        out.append("</w:tbl>")
        self.add("".join(out))

    def control(self, control: Control) -> None:
        """The cover's document-control box: a two-column table of labels and values."""
        self._table_start()
        width = self.pages.width
        label_width = width // 4
        rows = "".join(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + self.cell((((Span(plain(label), bold=True),)),), label_width, "TableText")
            + self.cell((value,), width // 2 - label_width, "TableText") + "</w:tr>"
            for label, value in control.rows)
        self.add(f'<w:tbl><w:tblPr><w:tblStyle w:val="AgreementTable"/>'
                 f'<w:tblW w:w="{width // 2}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
                 '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                 f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{label_width}"/>'
                 f'<w:gridCol w:w="{width // 2 - label_width}"/></w:tblGrid>{rows}</w:tbl>')

    def signatory(self, signatory: Signatory) -> None:
        self._table_start()
        width = self.pages.width
        label_width = width * 2 // 5
        value_width = width - label_width
        line = '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tcBorders>'
        rows = []
        for row in signatory.rows:
            if isinstance(row, Caption):
                rows.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                            + self.cell((row.content,), width, "SignatureText", '<w:gridSpan w:val="2"/>')
                            + "</w:tr>")
                continue
            rows.append(
                '<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="454"/></w:trPr>'
                + self.cell((row.label,), label_width, "SignatureText", '<w:vAlign w:val="bottom"/>')
                + self.cell(row.value, value_width, "SignatureText",
                            ("" if row.value else line) + '<w:vAlign w:val="bottom"/>') + "</w:tr>")
        self.add(f'<w:tbl><w:tblPr><w:tblStyle w:val="SignatureTable"/><w:tblW w:w="{width}" w:type="dxa"/>'
                 '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
                 'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                 f'<w:tblGrid><w:gridCol w:w="{label_width}"/><w:gridCol w:w="{value_width}"/></w:tblGrid>'
                 + "".join(rows) + "</w:tbl>")
        self.add("<w:p/>")


def _comments(document: Any, draft: Draft, notes: list[Note], first: int) -> None:
    """A review comment for every drafting note, with the ids the body gave them, written here in one piece:
    python-docx's own way looks through every comment for a free id and adds text a character at a time, which
    made thousands of notes take minutes."""
    probe = parse_xml(f'<w:comment {nsdecls("w")} w:id="0" w:author=""/>')
    probe.author, probe.initials = AUTHOR, INITIALS
    date = _date(draft.meta.date)
    if date is not None:
        probe.date = date
    attributes = " ".join(f"w:{etree.QName(k).localname}={quoteattr(v)}"
                          for k, v in probe.attrib.items() if k != qn("w:id"))
    style = '<w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
    mark = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
    parts = []
    for i, note in enumerate(notes):
        first_paragraph, *more = note.comment.split("\n")
        parts.append(f'<w:comment w:id="{first + i}" {attributes}><w:p>{style}{mark}'
                     f"<w:r>{_run_text(first_paragraph)}</w:r></w:p>"
                     + "".join(f"<w:p>{style}<w:r>{_run_text(text)}</w:r></w:p>" for text in more) + "</w:comment>")
    made = parse_xml(f'<w:comments {nsdecls("w")}>{"".join(parts)}</w:comments>')
    document.comments._comments_elm.extend(list(made))


def _first_comment(document: Any) -> int:
    """The id the first new comment will get: one more than any the reference document holds."""
    return max((c.comment_id for c in document.comments), default=-1) + 1


def _date(text: str) -> dt.datetime | None:
    """The input's date for the document's properties and comments, or None where they cannot carry it:
    python-docx writes the year without leading zeros, and a date before the year 1000 would not be valid."""
    try:
        date = dt.datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc) if text else None
    except ValueError:
        return None
    return date if date is not None and date.year >= 1000 else None


def _header(document: Any, draft: Draft) -> None:
    """The running header (title, version, and DRAFT on a draft); the cover page (the first) has none, and
    no footer, but a draft's watermark."""
    meta = draft.meta
    section = document.sections[-1]
    section.different_first_page_header_footer = True
    right = f"Version {meta.version}  " if meta.version else ""
    mark = '<w:r><w:rPr><w:rStyle w:val="DraftMark"/></w:rPr><w:t xml:space="preserve">DRAFT</w:t></w:r>'
    running = (f"<w:r>{_run_text(meta.title)}</w:r><w:r>{_RIGHT_MARGIN}</w:r>"
               + (f"<w:r>{_run_text(right)}</w:r>" if right else "") + (mark + _watermark(1) if meta.draft else ""))
    for header, content in ((section.header, running), (section.first_page_header,
                                                         _watermark(2) if meta.draft else "")):
        header.is_linked_to_previous = False
        _replace(header._element, f'<w:p xmlns:w="{W}" xmlns:v="{VML}" xmlns:o="{VML_OFFICE}" '
                 f'xmlns:w10="{VML_WORD}"><w:pPr><w:pStyle w:val="Header"/></w:pPr>{content}</w:p>')
    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    _replace(footer._element, f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p>')


# A tab to the right margin, wherever it is: the header's version sits at the right of upright and turned pages.
_RIGHT_MARGIN = '<w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>'


def _replace(element: Any, paragraph: str) -> None:
    for child in list(element):
        element.remove(child)
    element.append(parse_xml(paragraph))


# A draft's watermark: "DRAFT" across the middle of every page, pale and diagonal, behind the text. Word draws
# watermarks as a VML text-path shape anchored in the header; the shape type is Word's built-in text-path
# shape (number 136), defined inline as Word itself writes it, so that other readers can draw it too.
VML = "urn:schemas-microsoft-com:vml"
VML_OFFICE = "urn:schemas-microsoft-com:office:office"
VML_WORD = "urn:schemas-microsoft-com:office:word"
_TEXT_PATH_FORMULAS = ("sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3",
                       "if @0 @3 0", "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5",
                       "mid @7 @8", "mid @6 @7", "sum @6 0 @5")
_WATERMARK = (
    '<w:r><w:rPr><w:noProof/></w:rPr><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">'
    "<v:formulas>" + "".join(f'<v:f eqn="{f}"/>' for f in _TEXT_PATH_FORMULAS) + "</v:formulas>"
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="AgreementDraftWatermark{n}" o:spid="_x0000_s204{n}" type="#_x0000_t136" o:allowincell="f" '
    'style="position:absolute;margin-left:0;margin-top:0;width:400pt;height:133pt;rotation:315;'
    "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" fillcolor="#c8c8c8" stroked="f">'
    '<v:fill opacity=".5"/><v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="DRAFT"/>'
    '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
)


def _properties(document: Any, draft: Draft) -> None:
    meta = draft.meta
    props = document.core_properties
    props.title = _fit(meta.title)
    props.subject = meta.subject if 0 < len(meta.subject) <= 255 else "Partnership agreement"
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.category = "Partnership agreement"
    props.content_status = "Draft" if meta.draft else "Final"
    props.version = _fit(meta.version)
    props.keywords = _fit("; ".join(x for x in ("partnership agreement", f"version {meta.version}" if meta.version
                                               else "", props.content_status.lower()) if x))
    props.comments = ""
    props.language = meta.language
    date = _date(meta.date)
    element = props._element
    for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for old in element.findall(qn(name)):
            element.remove(old)
    if date is not None:
        props.created = date
        props.modified = date


def _fit(text: str) -> str:
    """Document properties hold at most 255 characters; the full text is in the document itself."""
    return text if len(text) <= 255 else text[:254] + "…"


def repack(data: bytes, body: bytes) -> bytes:
    """The saved package with the body in place, fixed timestamps and a fixed order of entries, so the
    same input gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [n for n in _FIRST if n in names] + sorted(n for n in names if n not in _FIRST)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            content = source.read(name)
            if name == "word/document.xml":
                content, count = _PLACEHOLDER.subn(lambda _: body, content)
                if count != 1:
                    raise BuildError("the body could not be placed in the document; please report this")
            target.writestr(info, content)
    return out.getvalue()


def _watermark(n: int) -> str:
    """The watermark shape, numbered ``n`` so the two headers that carry it give it different ids."""
    return _WATERMARK.replace("{n}", str(n))
