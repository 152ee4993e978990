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
from collections.abc import Iterable
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from ..document import Clause, Definition, Draft, Inline, Note, Para, Section, Signatory, Span, Table
from ..errors import BuildError
from . import reference

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
    reference.require_styles({s.style_id for s in document.styles}, "the reference document")
    width = _text_width(document.element.body.sectPr)
    _empty_body(document)
    writer = _Body(width, _comments(document, draft))
    writer.draft(draft)
    body = "".join(writer.out).encode("utf-8")
    del writer
    _header(document, draft)
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


def _text_width(section_properties: Any) -> int:
    """The width between the margins, in twentieths of a point (A4 with 2.5 cm margins by default)."""
    try:
        size = section_properties.find(qn("w:pgSz"))
        margins = section_properties.find(qn("w:pgMar"))
        width = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
    except (AttributeError, TypeError, ValueError):
        return 9070
    return width if width > 1000 else 9070


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


def runs(content: Inline) -> str:
    out = []
    for span in content:
        props = ('<w:rStyle w:val="DefinedTerm"/>' if span.term else "") + ("<w:b/>" if span.bold else "") + (
            "<w:i/>" if span.italic else "")
        run = f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{_run_text(span.text)}</w:r>"
        if span.link:
            run = f'<w:hyperlink w:anchor="{_bookmark(span.link)}" w:history="1">{run}</w:hyperlink>'
        out.append(run)
    return "".join(out)


def _bookmark(anchor: str) -> str:
    return anchor.replace("-", "_")[:40]


def _paragraph(style: str, content: str, properties: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{properties}</w:pPr>{content}</w:p>'


class _Body:
    """Collects the body's XML in order, with the positions of the paragraphs that carry comments."""

    def __init__(self, width: int, comments: list[int]) -> None:
        self.width = width
        self.out: list[str] = []
        self.comments = iter(comments)
        self.bookmarks = 0

    def add(self, xml: str) -> None:
        self.out.append(xml)

    def draft(self, draft: Draft) -> None:
        for line in draft.cover:
            self.add(_paragraph(_LOOKS[line.kind], runs(line.content)))
        heading, placeholder = draft.contents
        self.add(_paragraph("TOCHeading", runs(heading)))
        self.add(_paragraph("TOC1", '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                            f'<w:r><w:instrText xml:space="preserve">{_escape(TOC)}</w:instrText></w:r>'
                            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + runs(placeholder)
                            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
        for i, section in enumerate(draft.sections):
            self.section(section, "Heading1", "<w:pageBreakBefore/>" if i == 0 else "")
        if draft.signatures is not None:
            self.section(draft.signatures, "UnnumberedHeading", "<w:pageBreakBefore/>")
        for section in draft.schedules:
            self.section(section, "ScheduleHeading")
        if self.out and self.out[-1].startswith("<w:tbl>"):
            self.add("<w:p/>")

    def section(self, section: Section, style: str, properties: str = "") -> None:
        self.bookmarks += 1
        mark = self.bookmarks
        name = _bookmark(section.anchor)
        self.add(_paragraph(style, f'<w:bookmarkStart w:id="{mark}" w:name="{name}"/>{runs(section.heading)}'
                            f'<w:bookmarkEnd w:id="{mark}"/>', properties))
        for block in section.blocks:
            if isinstance(block, Clause):
                self.add(_paragraph("Clause2", runs(block.content)))
                for item in block.items:
                    self.add(_paragraph("Clause3", runs(item.content)))
            elif isinstance(block, Para):
                self.add(_paragraph("BodyText", runs(block.content)))
            elif isinstance(block, Definition):
                self.add(_paragraph("Definition", runs(block.content)))
            elif isinstance(block, Note):
                self.note(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Signatory):
                self.signatory(block)

    def note(self, note: Note) -> None:
        if note.severity != "error":
            self.add(_paragraph("DraftingNote", runs((Span("To check: ", bold=True), Span("\n" + note.message)))))
            return
        content = runs((Span(f"Drafting note, {note.rule}: ", bold=True), Span(note.message)))
        if note.why:
            content += runs((Span(" Why it matters: ", bold=True), Span(note.why)))
        n = next(self.comments)
        self.add(_paragraph("DraftingNote", f'<w:commentRangeStart w:id="{n}"/>{content}<w:commentRangeEnd w:id="{n}"/>'
                            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                            f'<w:commentReference w:id="{n}"/></w:r>'))

    def _table_start(self) -> None:
        if self.out and self.out[-1].startswith("<w:tbl>"):
            self.add("<w:p/>")  # two tables in a row would merge into one

    def table(self, table: Table) -> None:
        self._table_start()
        total = sum(table.widths)
        widths = [self.width * w // total for w in table.widths]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="AgreementTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
               '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
               f"<w:tblGrid>{grid}</w:tblGrid>", self._row(table.head, widths, "TableHeading", header=True)]
        out.extend(self._row(row, widths, "TableText") for row in table.rows)
        out.append("</w:tbl>")
        self.add("".join(out))

    @staticmethod
    def _row(cells: Iterable[Inline], widths: list[int], style: str, header: bool = False) -> str:
        props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
        return "<w:tr>" + props + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs(cell)}</w:p></w:tc>'
            for cell, w in zip(cells, widths, strict=True)) + "</w:tr>"

    def signatory(self, signatory: Signatory) -> None:
        self._table_start()
        label_width = self.width * 2 // 5
        value_width = self.width - label_width
        line = '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tcBorders>'
        rows = []
        for label, value in signatory.fields:
            rows.append(
                '<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="454"/></w:trPr>'
                f'<w:tc><w:tcPr><w:tcW w:w="{label_width}" w:type="dxa"/><w:vAlign w:val="bottom"/></w:tcPr>'
                f"{_paragraph('SignatureText', runs(label))}</w:tc>"
                f'<w:tc><w:tcPr><w:tcW w:w="{value_width}" w:type="dxa"/>{"" if value else line}'
                f'<w:vAlign w:val="bottom"/></w:tcPr>{_paragraph("SignatureText", runs(value))}</w:tc></w:tr>')
        self.add(f'<w:tbl><w:tblPr><w:tblStyle w:val="SignatureTable"/><w:tblW w:w="{self.width}" w:type="dxa"/>'
                 '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
                 'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                 f'<w:tblGrid><w:gridCol w:w="{label_width}"/><w:gridCol w:w="{value_width}"/></w:tblGrid>'
                 + "".join(rows) + "</w:tbl>")
        self.add("<w:p/>")


def _comments(document: Any, draft: Draft) -> list[int]:
    """A review comment for each drafting note about an error, carrying the rule id; their ids in reading
    order, for the body to anchor them on the notes."""
    date = _date(draft.meta.date)
    ids = []
    for note in draft.notes:
        if note.severity != "error":
            continue
        comment = document.comments.add_comment(text=note.comment, author=AUTHOR, initials=INITIALS)
        element = comment._comment_elm
        if date is None:
            element.attrib.pop(qn("w:date"), None)
        else:
            element.date = date
        ids.append(comment.comment_id)
    return ids


def _date(text: str) -> dt.datetime | None:
    """The input's date for the document's properties and comments, or None where they cannot carry it:
    python-docx writes the year without leading zeros, and a date before the year 1000 would not be valid."""
    try:
        date = dt.datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc) if text else None
    except ValueError:
        return None
    return date if date is not None and date.year >= 1000 else None


def _header(document: Any, draft: Draft) -> None:
    meta = draft.meta
    header = document.sections[-1].header
    header.is_linked_to_previous = False
    element = header._element
    for child in list(element):
        element.remove(child)
    right = " · ".join(x for x in (f"Version {meta.version}" if meta.version else "",) if x)
    mark = '<w:r><w:rPr><w:rStyle w:val="DraftMark"/></w:rPr><w:t xml:space="preserve">DRAFT</w:t></w:r>'
    content = (runs((Span(meta.title),)) + "<w:r><w:tab/></w:r>" + runs((Span(right + ("  " if right else "")),))
               + (mark + WATERMARK if meta.draft else ""))
    element.append(parse_xml(f'<w:p xmlns:w="{W}" xmlns:v="{VML}" xmlns:o="{VML_OFFICE}" xmlns:w10="{VML_WORD}">'
                             f'<w:pPr><w:pStyle w:val="Header"/></w:pPr>{content}</w:p>'))


# A draft's watermark: "DRAFT" across the middle of every page, pale and diagonal, behind the text. Word draws
# watermarks as a VML text-path shape anchored in the header; the shape type is Word's built-in text-path
# shape (number 136), defined inline as Word itself writes it, so that other readers can draw it too.
VML = "urn:schemas-microsoft-com:vml"
VML_OFFICE = "urn:schemas-microsoft-com:office:office"
VML_WORD = "urn:schemas-microsoft-com:office:word"
_TEXT_PATH_FORMULAS = ("sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3",
                       "if @0 @3 0", "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5",
                       "mid @7 @8", "mid @6 @7", "sum @6 0 @5")
WATERMARK = (
    '<w:r><w:rPr><w:noProof/></w:rPr><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">'
    "<v:formulas>" + "".join(f'<v:f eqn="{f}"/>' for f in _TEXT_PATH_FORMULAS) + "</v:formulas>"
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="AgreementDraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" o:allowincell="f" '
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
