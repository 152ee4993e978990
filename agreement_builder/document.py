"""The rendered agreement: plain frozen values the writers share, read from the clause templates' XML.

The clause templates write a small XML vocabulary (below); `parse` turns it into these values, numbering
the clauses and schedules and resolving references, so every writer prints the same numbers.

Blocks: ``section`` and ``schedule`` (each with one ``heading``), ``clause`` (numbered 1.1, may hold
``item`` children numbered (a)), ``para`` (unnumbered text), ``definition`` (text holding a ``term``),
``table`` (``col width="N"`` headings, then ``row``/``cell``), ``note`` (a drafting note), ``signatory``
(``field`` rows of ``label`` and value). The cover uses ``title``, ``subtitle``, ``line``, ``party`` and
``fact``; the contents ``heading`` and ``placeholder``.
Inline: text, ``v`` (a value from the input, kept exactly), ``b``, ``i``, ``term`` (a defined term),
``ref schedule="KEY"`` or ``ref section="KEY"`` (replaced by "Schedule 3" or "clause 7"), ``br``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from lxml import etree

from .errors import TemplateError


class Span(NamedTuple):
    """A run of text with one look; ``link`` names the section or schedule it points to."""

    text: str
    bold: bool = False
    italic: bool = False
    term: bool = False
    link: str | None = None


Inline = tuple[Span, ...]


class Note(NamedTuple):
    """A drafting note: what the input leaves out or leaves thin, and why it matters."""

    rule: str
    severity: str
    message: str
    why: str = ""

    @property
    def comment(self) -> str:
        """The text of the review comment that carries the rule id."""
        return f"{self.rule}: {self.message}"


class Para(NamedTuple):
    content: Inline


class Item(NamedTuple):
    number: str
    content: Inline


class Clause(NamedTuple):
    number: str
    content: Inline
    items: tuple[Item, ...] = ()


class Definition(NamedTuple):
    """A defined term and its meaning, as one paragraph; the term is marked inside it."""

    content: Inline


class Table(NamedTuple):
    widths: tuple[int, ...]
    head: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


class Signatory(NamedTuple):
    """One signature block: label and value rows; an empty value is a line to sign or fill in."""

    fields: tuple[tuple[Inline, Inline], ...]


Block = Note | Para | Clause | Definition | Table | Signatory


class Section(NamedTuple):
    """A numbered clause heading and what follows it; schedules and the signature page are sections too."""

    key: str
    number: str
    heading: Inline
    blocks: tuple[Block, ...]
    anchor: str = ""


class CoverLine(NamedTuple):
    kind: str  # title, subtitle, line, party, fact
    content: Inline


class Meta(NamedTuple):
    """Facts for the document properties and the page header, taken from the input, never the clock."""

    title: str
    short_name: str = ""
    version: str = ""
    status: str = "draft"
    date: str = ""
    subject: str = ""

    @property
    def draft(self) -> bool:
        return self.status != "final"


class Draft(NamedTuple):
    """The whole rendered agreement, in reading order."""

    meta: Meta
    cover: tuple[CoverLine, ...]
    contents: tuple[Inline, Inline]
    sections: tuple[Section, ...]
    signatures: Section | None
    schedules: tuple[Section, ...]

    @property
    def notes(self) -> tuple[Note, ...]:
        """The drafting notes, in reading order."""
        return tuple(block for block in self.blocks() if isinstance(block, Note))

    def blocks(self) -> Iterator[Block]:
        for section in self.all_sections():
            yield from section.blocks

    def all_sections(self) -> Iterator[Section]:
        yield from self.sections
        if self.signatures is not None:
            yield self.signatures
        yield from self.schedules


# ---------------------------------------------------------------- parsing

class Rendered(NamedTuple):
    """One template's output: its name (for errors) and the XML it produced."""

    template: str
    xml: str


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True,
                          remove_pis=True)
_SPACE = re.compile(r"\s+")
_INLINE = frozenset({"v", "b", "i", "term", "ref"})


def letters(n: int) -> str:
    """Word's lower-letter numbering: a..z, then aa, bb, ..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def root_of(rendered: Rendered) -> etree._Element | None:
    """The single element a template produced, or ``None`` when it produced nothing."""
    text = rendered.xml.strip()
    if not text:
        return None
    try:
        root = etree.fromstring(text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as e:
        hint = " (a value inside an XML attribute? values belong in element text)" if "<v>" in text else ""
        raise TemplateError(f"{rendered.template}: produced malformed XML: {e.msg}, line {e.lineno} of its "
                            f"output{hint}") from e
    return root


class Reader:
    """Turns template XML into document values; knows the section and schedule numbers for references."""

    def __init__(self, sections: Mapping[str, str], schedules: Mapping[str, str]) -> None:
        self.sections = sections
        self.schedules = schedules
        self.template = ""

    def fail(self, element: etree._Element, message: str) -> TemplateError:
        return TemplateError(f"{self.template}: line {element.sourceline} of its output: {message}")

    # ---- inline

    def inline(self, element: etree._Element, skip: Iterable[str] = ()) -> Inline:
        """The inline content of ``element``, whitespace of template text collapsed, values kept exactly."""
        if not len(element):  # the common case, a cell or clause of template text only
            text = _SPACE.sub(" ", element.text or "").strip()
            return (Span(text),) if text else ()
        pieces: list[_Piece] = []
        self._collect(element, _PLAIN, pieces, frozenset(skip))
        return _tidy(pieces)

    def _collect(self, element: etree._Element, look: _Look, pieces: list[_Piece], skip: frozenset[str]) -> None:
        if element.text:
            pieces.append((_SPACE.sub(" ", element.text), look, True))
        for child in element:
            tag = child.tag
            if tag in skip:
                pass
            elif tag == "v":
                if len(child):
                    raise self.fail(child, "a value holds markup")
                pieces.append((child.text or "", look, False))
            elif tag == "b":
                self._collect(child, (True, look[1], look[2], look[3]), pieces, skip)
            elif tag == "i":
                self._collect(child, (look[0], True, look[2], look[3]), pieces, skip)
            elif tag == "term":
                self._collect(child, (look[0], look[1], True, look[3]), pieces, skip)
            elif tag == "ref":
                pieces.append(self._reference(child, look))
            elif tag == "br":
                pieces.append(("\n", look, False))
            else:
                raise self.fail(child, f"<{tag}> cannot appear inside text here")
            if child.tail:
                pieces.append((_SPACE.sub(" ", child.tail), look, True))

    def _reference(self, element: etree._Element, look: _Look) -> _Piece:
        if "schedule" in element.attrib:
            key = element.get("schedule", "")
            if key not in self.schedules:
                raise self.fail(element, f"refers to the schedule '{key}', which this agreement does not have")
            return f"Schedule {self.schedules[key]}", (look[0], look[1], look[2], f"schedule-{key}"), False
        key = element.get("section", "")
        if key not in self.sections:
            raise self.fail(element, f"refers to the section '{key}', which this agreement does not have")
        return f"clause {self.sections[key]}", (look[0], look[1], look[2], f"clause-{key}"), False

    # ---- blocks

    def section(self, element: etree._Element, number: str, notes: tuple[Note, ...], anchor: str) -> Section:
        heading: Inline = ()
        blocks: list[Block] = list(notes)
        clause = 0
        for child in element:
            tag = child.tag
            if tag == "heading":
                heading = self.inline(child)
            elif tag == "clause":
                clause += 1
                blocks.append(self.clause(child, f"{number}.{clause}"))
            elif tag == "para":
                blocks.append(Para(self.inline(child)))
            elif tag == "definition":
                blocks.append(self.definition(child))
            elif tag == "table":
                blocks.append(self.table(child))
            elif tag == "note":
                blocks.append(Note(child.get("rule", ""), child.get("severity", "warning"), _plain(child)))
            elif tag == "signatory":
                blocks.append(self.signatory(child))
            else:
                raise self.fail(child, f"<{tag}> is not a block this document knows")
            _no_text(self, child.tail, element)
        _no_text(self, element.text, element)
        if not heading:
            raise self.fail(element, "the section has no <heading>")
        return Section(element.get("key", ""), number, heading, tuple(blocks), anchor)

    def clause(self, element: etree._Element, number: str) -> Clause:
        items: list[Item] = []
        for child in element:
            if child.tag == "item":
                items.append(Item(f"({letters(len(items) + 1)})", self.inline(child)))
                if child.tail and child.tail.strip():
                    raise self.fail(child, "text after an <item>; put it in its own clause")
            elif items:
                raise self.fail(child, f"<{child.tag}> after an <item>")
        return Clause(number, self.inline(element, skip=("item",)), tuple(items))

    def definition(self, element: etree._Element) -> Definition:
        if element.find("term") is None:
            raise self.fail(element, "a <definition> needs a <term>")
        return Definition(self.inline(element))

    def table(self, element: etree._Element) -> Table:
        widths, head, rows = [], [], []
        for child in element:
            if child.tag == "col":
                try:
                    widths.append(int(child.get("width", "1")))
                except ValueError as e:
                    raise self.fail(child, "a column width must be a whole number") from e
                head.append(self.inline(child))
            elif child.tag == "row":
                cells = tuple(self.inline(cell) for cell in child if cell.tag == "cell")
                if len(cells) != len(head) or len(cells) != len(child):
                    raise self.fail(child, f"a row has {len(child)} cells but the table has {len(head)} columns")
                rows.append(cells)
            else:
                raise self.fail(child, f"<{child.tag}> cannot appear in a table")
        if not head or min(widths) < 1:
            raise self.fail(element, "a table needs columns with positive widths")
        return Table(tuple(widths), tuple(head), tuple(rows))

    def signatory(self, element: etree._Element) -> Signatory:
        fields = []
        for child in element:
            label = child.find("label")
            if child.tag != "field" or label is None:
                raise self.fail(child, "a <signatory> holds <field> rows, each with a <label>")
            fields.append((self.inline(label), self.inline(child, skip=("label",))))
        return Signatory(tuple(fields))

    def cover(self, element: etree._Element) -> tuple[CoverLine, ...]:
        lines = []
        for child in element:
            if child.tag not in ("title", "subtitle", "line", "party", "fact"):
                raise self.fail(child, f"<{child.tag}> cannot appear on the cover")
            lines.append(CoverLine(child.tag, self.inline(child)))
        return tuple(lines)

    def contents(self, element: etree._Element) -> tuple[Inline, Inline]:
        heading, placeholder = element.find("heading"), element.find("placeholder")
        if heading is None or placeholder is None:
            raise self.fail(element, "<contents> needs a <heading> and a <placeholder>")
        return self.inline(heading), self.inline(placeholder)


# While text is read: a look is (bold, italic, term, link); a piece is (text, look, is template prose).
# Template prose may be trimmed at the ends of a paragraph; values never are.
_Look = tuple[bool, bool, bool, str | None]
_Piece = tuple[str, _Look, bool]
_PLAIN: _Look = (False, False, False, None)


def _tidy(pieces: list[_Piece]) -> Inline:
    """Trim template white space at the ends, drop empty pieces, and join neighbours that look the same."""
    if pieces and pieces[0][2]:
        pieces[0] = (pieces[0][0].lstrip(), pieces[0][1], True)
    if pieces and pieces[-1][2]:
        pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1], True)
    result: list[Span] = []
    texts: list[str] = []
    current: _Look | None = None
    for text, look, _ in pieces:
        if not text:
            continue
        if look != current and texts:
            result.append(Span("".join(texts), *current))  # type: ignore[misc]
            texts = []
        current = look
        texts.append(text)
    if texts and current is not None:
        result.append(Span("".join(texts), *current))
    return tuple(result)


def _plain(element: etree._Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _no_text(reader: Reader, text: str | None, element: etree._Element) -> None:
    if text and text.strip():
        raise reader.fail(element, f"loose text {text.strip()[:40]!r}; put it in a <para> or <clause>")


def plain(content: Inline) -> str:
    """The text of inline content, without its look."""
    return "".join(span.text for span in content)
