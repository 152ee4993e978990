"""The rendered agreement: plain frozen values the writers share, read from the clause templates' XML.

The clause templates write the small XML vocabulary below; `Reader` turns it into these values, numbering
clauses, schedules and annexes and resolving references, so every writer prints the same numbers and words.

Sections. ``<section key="KEY">`` holds an optional ``<heading>`` and blocks. A body section is a numbered
clause heading ("7."); ``numbered="no"`` prints its heading unnumbered, and only an unnumbered section may
leave the heading out (the opening: date line, parties, recitals, operative words). The drafting code says
whether a section is in the body, a schedule ("Schedule 3") or an annex (``kind="annex"``: "Annex 1").

Blocks, in any section:
- ``<clause id="KEY">``: a numbered clause: 7.1 in the body, 1, 2 … in a schedule or annex. It may end with
  ``<item id="KEY">`` children, numbered (a), (b) …; text after an item is an error. ``id`` is optional and
  makes the clause or item a target for ``<ref clause="KEY"/>``; ids are unique in the document.
- ``<para>``: unnumbered text at the clause indent. ``<subheading>``: a bold unnumbered heading inside a
  section, kept with what follows and left out of the contents.
- ``<party>``: a party in the opening's parties block, numbered (1), (2) …; ``<recital>``: a recital,
  numbered (A), (B) ….
- ``<definition>``: one definition; its text holds the ``<term>`` it defines.
- ``<table>``: ``<col width="N">`` headings (N: a relative width, a hint the writers may adjust to the
  content), then ``<row>`` of ``<cell>``.
- ``<note rule="ID" severity="error|warning|info" source="…">``: a drafting note (plain text).
- ``<signatory>``: a signature block of ``<field><label>…</label>value</field>`` rows (an empty value is a line
  to sign or fill in) and ``<caption>`` rows of full-width text ("in the presence of:").
The front template writes ``<front>`` with a ``<cover>`` (``title``, ``subtitle``, ``line``, ``party``,
``fact``, and ``<control>`` of ``<row><label>Version</label>value</row>`` rows: the document-control box) and
``<contents>`` with its ``<heading>``.

Inline, in any text: template text (white space collapsed), ``<v>`` (a value from the input, kept
exactly), ``<b>``, ``<i>``, ``<term>`` (a defined term), ``<br/>`` (a line break the template wants), and:
- ``<ref section="KEY"/>`` "clause 7"; ``<ref clause="KEY"/>`` "clause 7.2", "clause 7.2(a)", or in a schedule
  "paragraph 2 of Schedule 3"; ``<ref schedule="KEY"/>`` "Schedule 3"; ``<ref annex="KEY"/>`` "Annex 1". In the
  .docx each number is a Word cross-reference (a REF field to a bookmark), so it follows renumbering.
- ``<bracket>text</bracket>``: a placeholder, printed "[text]" and highlighted; ``<bracket/>`` prints "[●]".
  It may hold ``<v>``, ``<b>``, ``<i>`` and references. ``note="…"`` (and ``source="…"``) attach a drafting
  note to the spot: a Word comment on the bracket in the .docx, a marked note after it in Markdown and HTML.

Values: inside a ``<v>`` a single line break is a space, and a blank line starts a new paragraph: after a
clause's or an item's own paragraph, a continuation paragraph at its indent; in a table cell or a signature
value, a new paragraph in the cell; in a heading, label or cover line, a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from lxml import etree

from .errors import TemplateError


class FieldRef(NamedTuple):
    """A span whose text is the number of another paragraph: in Word, a REF field to its bookmark. ``full``
    asks for the number in full context ("7.2(a)", "Schedule 3"); otherwise only that level's own ("(a)")."""

    anchor: str
    full: bool = True


class Span(NamedTuple):
    """A run of text with one look; ``link`` names the anchor a reference points to."""

    text: str
    bold: bool = False
    italic: bool = False
    term: bool = False
    link: str | None = None
    field: FieldRef | None = None


class Note(NamedTuple):
    """A drafting note: an instruction to the person drafting in Word, and where it comes from."""

    rule: str
    severity: str
    message: str
    why: str = ""
    source: str = ""

    @property
    def text(self) -> str:
        """The note as one piece of prose: the instruction, why it matters, and its source."""
        parts = [self.message.strip()]
        if self.why:
            parts.append(self.why.strip())
        source = self.source.strip()
        if source:
            parts.append(f"Source: {source}" + ("" if source.endswith(".") else "."))
        return " ".join(p for p in parts if p)

    @property
    def comment(self) -> str:
        """The text of the review comment: the note, with the lint rule that raised it."""
        return self.text + (f" ({self.rule})" if self.rule else "")


class Bracket(NamedTuple):
    """A placeholder: its text, brackets included ("[●]"), and the drafting note attached to it, if any."""

    content: tuple[Span, ...]
    note: Note | None = None


Inline = tuple[Span | Bracket, ...]
Text = tuple[Inline, ...]  # paragraphs: a value's blank line starts a new one


class Para(NamedTuple):
    content: Inline


class Subheading(NamedTuple):
    content: Inline


class Party(NamedTuple):
    """A party in the opening's parties block, numbered "(1)"."""

    number: str
    text: Text


class Recital(NamedTuple):
    """A recital, numbered "(A)"."""

    number: str
    text: Text


class Item(NamedTuple):
    number: str
    text: Text
    anchor: str = ""


class Clause(NamedTuple):
    number: str
    text: Text
    items: tuple[Item, ...] = ()
    anchor: str = ""


class Definition(NamedTuple):
    """A defined term and its meaning; the term is marked inside it."""

    text: Text


class Table(NamedTuple):
    widths: tuple[int, ...]
    head: tuple[Inline, ...]
    rows: tuple[tuple[Text, ...], ...]


class SignatureRow(NamedTuple):
    """A label and its value; an empty value is a line to sign or fill in."""

    label: Inline
    value: Text


class Caption(NamedTuple):
    """Full-width text between signature rows ("in the presence of:")."""

    content: Inline


class Signatory(NamedTuple):
    """One signature block."""

    rows: tuple[SignatureRow | Caption, ...]


Block = Note | Para | Subheading | Party | Recital | Clause | Definition | Table | Signatory

BODY, SCHEDULE, ANNEX = "body", "schedule", "annex"
KINDS = (BODY, SCHEDULE, ANNEX)


class Section(NamedTuple):
    """A heading and what follows it: a clause, the opening, the signature page, a schedule or an annex.
    ``number`` is "" when the heading is unnumbered; ``heading`` is () only in an unnumbered section."""

    key: str
    number: str
    heading: Inline
    blocks: tuple[Block, ...]
    anchor: str = ""
    kind: str = BODY

    @property
    def title(self) -> str:
        """The numbered heading as text: "7. Finance", "Schedule 3: Contributions", "Annex 1: Functions"."""
        text = plain(self.heading)
        if not self.number:
            return text
        if self.kind == BODY:
            return f"{self.number}. {text}"
        return f"{self.label}: {text}" if text else self.label

    @property
    def label(self) -> str:
        """What a reference to the section prints: "clause 7", "Schedule 3", "Annex 1"."""
        return {SCHEDULE: "Schedule", ANNEX: "Annex"}.get(self.kind, "clause") + f" {self.number}"


class CoverLine(NamedTuple):
    kind: str  # title, subtitle, line, party, fact
    content: Inline


class Control(NamedTuple):
    """The cover's document-control box: label and value rows."""

    rows: tuple[tuple[Inline, Inline], ...]


class Meta(NamedTuple):
    """Facts for the document properties and the page header, taken from the input, never the clock."""

    title: str
    short_name: str = ""
    version: str = ""
    status: str = "draft"
    date: str = ""
    subject: str = ""
    language: str = "en-GB"

    @property
    def draft(self) -> bool:
        return self.status != "final"


class Draft(NamedTuple):
    """The whole rendered agreement, in reading order: cover, contents, opening, clauses, signatures,
    schedules, annexes."""

    meta: Meta
    cover: tuple[CoverLine | Control, ...]
    contents: Inline
    sections: tuple[Section, ...]
    signatures: Section | None
    schedules: tuple[Section, ...]
    opening: Section | None = None
    annexes: tuple[Section, ...] = ()

    @property
    def notes(self) -> tuple[Note, ...]:
        """Every drafting note, block or bracket, in reading order."""
        found: list[Note] = []
        for block in self.blocks():
            if isinstance(block, Note):
                found.append(block)
            else:
                found.extend(piece.note for piece in inlines(block) if isinstance(piece, Bracket) and piece.note)
        return tuple(found)

    def blocks(self) -> Iterator[Block]:
        for section in self.all_sections():
            yield from section.blocks

    def all_sections(self) -> Iterator[Section]:
        if self.opening is not None:
            yield self.opening
        yield from self.sections
        if self.signatures is not None:
            yield self.signatures
        yield from self.schedules
        yield from self.annexes


def inlines(block: Block) -> Iterator[Span | Bracket]:
    """Every inline piece of a block, in reading order."""
    if isinstance(block, (Para, Subheading)):
        yield from block.content
    elif isinstance(block, (Party, Recital, Definition)):
        yield from _pieces(block.text)
    elif isinstance(block, Clause):
        yield from _pieces(block.text)
        for item in block.items:
            yield from _pieces(item.text)
    elif isinstance(block, Table):
        for head in block.head:
            yield from head
        for row in block.rows:
            for cell in row:
                yield from _pieces(cell)
    elif isinstance(block, Signatory):
        for line in block.rows:
            if isinstance(line, Caption):
                yield from line.content
            else:
                yield from line.label
                yield from _pieces(line.value)


def _pieces(text: Text) -> Iterator[Span | Bracket]:
    for paragraph in text:
        yield from paragraph


# ---------------------------------------------------------------- parsing

class Rendered(NamedTuple):
    """One template's output: its name (for errors) and the XML it produced."""

    template: str
    xml: str


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True,
                          remove_pis=True)
_SPACE = re.compile(r"\s+")
# In a value: a blank line (line breaks with nothing but spaces or tabs between) ends a paragraph; a single
# line break, with the spaces around it, is one space.
_BLANK_LINE = re.compile(r" *\n(?:[ \t]*\n)+ *")
_LINE_BREAK = re.compile(r" *\n *")
EMPTY_BRACKET = "[●]"


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


# While text is read: a look is (bold, italic, term, link, field); a piece is (text, look, is template prose);
# a paragraph break is the piece _BREAK; a bracket is a _Bracket piece. Template prose may be trimmed at the
# ends of a paragraph; values never are.
_Look = tuple[bool, bool, bool, str | None, FieldRef | None]
_PLAIN: _Look = (False, False, False, None, None)


class _Bracket(NamedTuple):
    pieces: list[tuple[str, _Look, bool]]
    note: Note | None


_Piece = tuple[str, _Look, bool] | _Bracket
_BREAK: tuple[str, _Look, bool] = ("\n\n", _PLAIN, False)


class _Target(NamedTuple):
    """What a clause id refers to: the parts of its reference, each (text, anchor whose number it is)."""

    parts: tuple[tuple[str, str | None, bool], ...]
    anchor: str


class Reader:
    """Turns template XML into document values; knows the numbers of sections, schedules and annexes, and
    learns those of clauses as it reads them (a reference to a clause read later is resolved by `finish`)."""

    def __init__(self, sections: Mapping[str, str], schedules: Mapping[str, str],
                 annexes: Mapping[str, str] | None = None, *, annotate: bool = True) -> None:
        self.sections = sections
        self.schedules = schedules
        self.annexes = annexes or {}
        self.annotate = annotate
        self.template = ""
        self._targets: dict[str, _Target] = {}
        self._pending: list[tuple[str, _Look, TemplateError]] = []  # (clause id, look, the error if unknown)
        self._unresolved: set[str] = set()  # anchors of sections holding a reference read before its clause
        self._section = ""

    def fail(self, element: etree._Element, message: str) -> TemplateError:
        return TemplateError(f"{self.template}: line {element.sourceline} of its output: {message}")

    # ---- inline

    def inline(self, element: etree._Element, skip: Iterable[str] = ()) -> Inline:
        """The inline content of ``element`` as one paragraph: a value's paragraph breaks become spaces."""
        if not len(element):  # the common case, a cell or clause of template text only
            text = _SPACE.sub(" ", element.text or "").strip()
            return (Span(text),) if text else ()
        pieces = self._pieces(element, skip)
        return _tidy([(" ", _PLAIN, True) if p is _BREAK else p for p in pieces])

    def text(self, element: etree._Element, skip: Iterable[str] = ()) -> Text:
        """The inline content of ``element`` as paragraphs: a value's blank line starts a new one."""
        if not len(element):  # template text only: one paragraph
            text = _SPACE.sub(" ", element.text or "").strip()
            return ((Span(text),),) if text else ((),)
        only = element[0]
        if len(element) == 1 and only.tag == "v" and not len(only) and not (element.text or "").strip() and \
                not (only.tail or "").strip() and "\n" not in (only.text or "") and "\r" not in (only.text or ""):
            return ((Span(only.text),),) if only.text else ((),)  # the common cell: one value on one line
        paragraphs: list[list[_Piece]] = [[]]
        for piece in self._pieces(element, skip):
            if piece is _BREAK:
                paragraphs.append([])
            else:
                paragraphs[-1].append(piece)
        tidied = [_tidy(p) for p in paragraphs]
        kept = tuple(p for i, p in enumerate(tidied) if p or i == 0)
        return kept

    def _pieces(self, element: etree._Element, skip: Iterable[str]) -> list[_Piece]:
        pieces: list[_Piece] = []
        self._collect(element, _PLAIN, pieces, frozenset(skip), False)
        return pieces

    def _collect(self, element: etree._Element, look: _Look, pieces: list[_Piece], skip: frozenset[str],
                 bracketed: bool) -> None:
        if element.text:
            pieces.append((_SPACE.sub(" ", element.text), look, True))
        for child in element:
            tag = child.tag
            if tag in skip:
                pass
            elif tag == "v":
                if len(child):
                    raise self.fail(child, "a value holds markup")
                _value(child.text or "", look, pieces, bracketed)
            elif tag == "b":
                self._collect(child, (True, look[1], look[2], look[3], look[4]), pieces, skip, bracketed)
            elif tag == "i":
                self._collect(child, (look[0], True, look[2], look[3], look[4]), pieces, skip, bracketed)
            elif tag == "term":
                self._collect(child, (look[0], look[1], True, look[3], look[4]), pieces, skip, bracketed)
            elif tag == "ref":
                pieces.extend(self._reference(child, look))
            elif tag == "br":
                pieces.append(("\n", look, False))
            elif tag == "bracket":
                if bracketed:
                    raise self.fail(child, "a <bracket> inside a <bracket>")
                pieces.append(self._bracket(child, look, skip))
            else:
                raise self.fail(child, f"<{tag}> cannot appear inside text here")
            if child.tail:
                pieces.append((_SPACE.sub(" ", child.tail), look, True))

    def _bracket(self, element: etree._Element, look: _Look, skip: frozenset[str]) -> _Bracket:
        inner: list[_Piece] = []
        self._collect(element, look, inner, skip, True)
        flat = [p for p in inner if not isinstance(p, _Bracket)]
        text = "".join(t for t, _, _ in flat).strip()
        if not text:
            flat = [(EMPTY_BRACKET[1:-1], look, False)]
        elif flat[0][2]:
            flat[0] = (flat[0][0].lstrip(), flat[0][1], True)
        if flat[-1][2]:
            flat[-1] = (flat[-1][0].rstrip(), flat[-1][1], True)
        message = _SPACE.sub(" ", element.get("note", "")).strip()
        note = None
        if message and self.annotate:
            note = Note("", "warning", message, source=_SPACE.sub(" ", element.get("source", "")).strip())
        return _Bracket([("[", look, False), *flat, ("]", look, False)], note)

    def _reference(self, element: etree._Element, look: _Look) -> list[tuple[str, _Look, bool]]:
        kinds = [k for k in ("section", "clause", "schedule", "annex") if k in element.attrib]
        if len(kinds) != 1:
            raise self.fail(element, "a <ref> names one of section=, clause=, schedule= or annex=")
        kind = kinds[0]
        key = element.get(kind, "")
        if kind == "clause":
            target = self._targets.get(key)
            if target is None:  # perhaps a clause further on: resolved when reading is finished
                self._pending.append((key, look, self.fail(element, f"refers to the clause '{key}', which this "
                                                                      "agreement does not have")))
                self._unresolved.add(self._section)
                return [("", (look[0], look[1], look[2], f"\x00{len(self._pending) - 1}", None), False)]
            return _parts(target, look)
        numbers = {"section": self.sections, "schedule": self.schedules, "annex": self.annexes}[kind]
        if key not in numbers:
            raise self.fail(element, f"refers to the {kind} '{key}', which this agreement does not have")
        anchor = f"{'clause' if kind == 'section' else kind}-{key}"
        if kind == "section":
            return [("clause ", (look[0], look[1], look[2], anchor, None), False),
                    (numbers[key], (look[0], look[1], look[2], anchor, FieldRef(anchor)), False)]
        label = "Schedule" if kind == "schedule" else "Annex"
        return [(f"{label} {numbers[key]}", (look[0], look[1], look[2], anchor, FieldRef(anchor)), False)]

    # ---- blocks

    def section(self, element: etree._Element, number: str, notes: tuple[Note, ...], anchor: str,
                kind: str | None = None) -> Section:
        """One section; ``kind`` is body, schedule or annex (by default the element's ``kind``, else body)."""
        kind = kind or element.get("kind") or BODY
        if kind not in KINDS:
            raise self.fail(element, f"kind=\"{kind}\" is not one of {', '.join(KINDS)}")
        if element.get("numbered") == "no":
            number = ""
        self._section = anchor
        heading: Inline = ()
        blocks: list[Block] = list(notes) if self.annotate else []
        counts = {"clause": 0, "party": 0, "recital": 0}
        for child in element:
            tag = child.tag
            if tag == "heading":
                heading = self.inline(child)
            elif tag == "clause":
                if not number:
                    raise self.fail(child, "a <clause> in an unnumbered section; use <para>")
                counts["clause"] += 1
                blocks.append(self.clause(child, number, counts["clause"], kind))
            elif tag == "para":
                blocks.extend(Para(p) for p in self.text(child) if p)
            elif tag == "subheading":
                blocks.append(Subheading(self.inline(child)))
            elif tag in ("party", "recital"):
                counts[tag] += 1
                n = counts[tag]
                blocks.append(Party(f"({n})", self.text(child)) if tag == "party"
                              else Recital(f"({letters(n).upper()})", self.text(child)))
            elif tag == "definition":
                blocks.append(self.definition(child))
            elif tag == "table":
                blocks.append(self.table(child))
            elif tag == "note":
                if self.annotate:
                    blocks.append(Note(child.get("rule", ""), child.get("severity", "warning"), _plain(child),
                                       source=_SPACE.sub(" ", child.get("source", "")).strip()))
            elif tag == "signatory":
                blocks.append(self.signatory(child))
            else:
                raise self.fail(child, f"<{tag}> is not a block this document knows")
            _no_text(self, child.tail, element)
        _no_text(self, element.text, element)
        if not heading and number:
            raise self.fail(element, "the section has no <heading>")
        return Section(element.get("key", ""), number, heading, tuple(blocks), anchor, kind)

    def clause(self, element: etree._Element, section: str, n: int, kind: str = BODY) -> Clause:
        """Clause ``n`` of section ``section`` (a number; in a schedule or annex, its number too)."""
        number = f"{section}.{n}" if kind == BODY else str(n)
        anchor = self._target(element, kind, section, number, None)
        if not anchor and kind != BODY and any(c.tag == "item" and c.get("id") for c in element):
            anchor = f"{self._section}-{number}"  # a reference to one of its items shows its number too
        items: list[Item] = []
        for child in element:
            if child.tag == "item":
                letter = f"({letters(len(items) + 1)})"
                item_anchor = self._target(child, kind, section, number, (letter, anchor))
                items.append(Item(letter, self.text(child), item_anchor))
                if child.tail and child.tail.strip():
                    raise self.fail(child, "text after an <item>; put it in its own clause")
            elif items:
                raise self.fail(child, f"<{child.tag}> after an <item>")
        return Clause(number, self.text(element, skip=("item",)), tuple(items), anchor)

    def _target(self, element: etree._Element, kind: str, section: str, number: str,
                item: tuple[str, str] | None) -> str:
        """Record a clause or item id as a reference target; its anchor ("" without an id)."""
        key = element.get("id")
        if key is None:
            return ""
        if not key.strip() or key in self._targets:
            raise self.fail(element, f"the id '{key}' is {'empty' if not key.strip() else 'used twice'}")
        anchor = f"id-{key}"
        if kind == BODY:
            parts: tuple[tuple[str, str | None, bool], ...] = (
                ("clause ", None, False), (number + (item[0] if item else ""), anchor, True))
        else:
            label = f"{'Schedule' if kind == SCHEDULE else 'Annex'} {section}"
            numbers = ((number, item[1], False), (item[0], anchor, False)) if item else ((number, anchor, False),)
            parts = (("paragraph ", None, False), *numbers, (" of ", None, False), (label, self._section, True))
        self._targets[key] = _Target(parts, anchor)
        return anchor

    def definition(self, element: etree._Element) -> Definition:
        if element.find("term") is None:
            raise self.fail(element, "a <definition> needs a <term>")
        return Definition(self.text(element))

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
                cells = tuple(self.text(cell) for cell in child if cell.tag == "cell")
                if len(cells) != len(head) or len(cells) != len(child):
                    raise self.fail(child, f"a row has {len(child)} cells but the table has {len(head)} columns")
                rows.append(cells)
            else:
                raise self.fail(child, f"<{child.tag}> cannot appear in a table")
        if not head or min(widths) < 1:
            raise self.fail(element, "a table needs columns with positive widths")
        return Table(tuple(widths), tuple(head), tuple(rows))

    def signatory(self, element: etree._Element) -> Signatory:
        rows: list[SignatureRow | Caption] = []
        for child in element:
            label = child.find("label")
            if child.tag == "caption":
                rows.append(Caption(self.inline(child)))
            elif child.tag == "field" and label is not None:
                value = self.text(child, skip=("label",))
                rows.append(SignatureRow(self.inline(label), value if any(value) else ()))
            else:
                raise self.fail(child, "a <signatory> holds <field> rows, each with a <label>, and <caption> rows")
        return Signatory(tuple(rows))

    def cover(self, element: etree._Element) -> tuple[CoverLine | Control, ...]:
        lines: list[CoverLine | Control] = []
        for child in element:
            if child.tag == "control":
                lines.append(self.control(child))
            elif child.tag in ("title", "subtitle", "line", "party", "fact"):
                lines.append(CoverLine(child.tag, self.inline(child)))
            else:
                raise self.fail(child, f"<{child.tag}> cannot appear on the cover")
        return tuple(lines)

    def control(self, element: etree._Element) -> Control:
        rows = []
        for child in element:
            label = child.find("label")
            if child.tag != "row" or label is None:
                raise self.fail(child, "a <control> box holds <row> rows, each with a <label>")
            rows.append((self.inline(label), self.inline(child, skip=("label",))))
        return Control(tuple(rows))

    def contents(self, element: etree._Element) -> Inline:
        """The contents heading. (A ``<placeholder>`` is allowed and not printed: the writers list the
        headings themselves.)"""
        heading = element.find("heading")
        if heading is None:
            raise self.fail(element, "<contents> needs a <heading>")
        return self.inline(heading)

    # ---- references read before their clause

    def finish(self, draft: Draft) -> Draft:
        """``draft`` with every reference to a clause read after it resolved; an unknown id is an error."""
        for key, _, error in self._pending:
            if key not in self._targets:
                raise error
        if not self._pending:
            return draft

        def section(s: Section | None) -> Section | None:
            if s is None or s.anchor not in self._unresolved:
                return s
            blocks: tuple[Block, ...] = self._resolved(s.blocks)
            return s._replace(blocks=blocks)

        return draft._replace(
            opening=section(draft.opening), signatures=section(draft.signatures),
            sections=tuple(section(s) for s in draft.sections),  # type: ignore[misc]
            schedules=tuple(section(s) for s in draft.schedules),  # type: ignore[misc]
            annexes=tuple(section(s) for s in draft.annexes))  # type: ignore[misc]

    def _resolved(self, value: Any) -> Any:
        """``value`` with pending references replaced, rebuilt only where something changed."""
        if isinstance(value, Span):
            return value
        if isinstance(value, tuple):
            changed = False
            out: list[Any] = []
            for part in value:
                if isinstance(part, Span) and part.link is not None and part.link.startswith("\x00"):
                    key, look, _ = self._pending[int(part.link[1:])]
                    out.extend(Span(t, *lk) for t, lk, _ in _parts(self._targets[key], look))
                    changed = True
                else:
                    new = self._resolved(part)
                    changed = changed or new is not part
                    out.append(new)
            if not changed:
                return value
            return type(value)(*out) if hasattr(value, "_fields") else tuple(out)
        return value


def _parts(target: _Target, look: _Look) -> list[tuple[str, _Look, bool]]:
    """The pieces a reference prints: literal words linked to the target, numbers as fields."""
    return [(text, (look[0], look[1], look[2], target.anchor, FieldRef(anchor, full) if anchor else None), False)
            for text, anchor, full in target.parts]


def _value(text: str, look: _Look, pieces: list[_Piece], bracketed: bool) -> None:
    """A value's pieces: a single line break is a space; a blank line a paragraph break (a space inside a
    bracket, which is one run of text)."""
    if "\n" not in text and "\r" not in text:
        pieces.append((text, look, False))
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for i, paragraph in enumerate(_BLANK_LINE.split(text)):
        if i:
            pieces.append((" ", look, False) if bracketed else _BREAK)
        pieces.append((_LINE_BREAK.sub(" ", paragraph), look, False))


def _tidy(pieces: list[_Piece]) -> Inline:
    """Trim template white space at the ends, drop empty pieces, and join neighbours that look the same."""
    first, last = (pieces[0], pieces[-1]) if pieces else (None, None)
    if first is not None and not isinstance(first, _Bracket) and first[2]:
        pieces[0] = (first[0].lstrip(), first[1], True)
    if last is not None and not isinstance(last, _Bracket) and last[2]:
        pieces[-1] = (last[0].rstrip(), last[1], True)
    result: list[Span | Bracket] = []
    texts: list[str] = []
    current: _Look | None = None
    for piece in pieces:
        if isinstance(piece, _Bracket):
            if texts and current is not None:
                result.append(Span("".join(texts), *current))
            texts, current = [], None
            spans = _tidy(list(piece.pieces))
            result.append(Bracket(tuple(s for s in spans if isinstance(s, Span)), piece.note))
            continue
        text, look, _ = piece
        if not text and not (look[3] or "").startswith("\x00"):
            continue
        if look != current and texts and current is not None:
            result.append(Span("".join(texts), *current))
            texts = []
        if look[3] is not None and look[3].startswith("\x00"):  # a pending reference stays a span of its own
            if texts and current is not None:
                result.append(Span("".join(texts), *current))
            result.append(Span(text, *look))
            texts, current = [], None
            continue
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
    return "".join(piece.text if isinstance(piece, Span) else plain(piece.content) for piece in content)


def plain_text(text: Text) -> str:
    """The text of paragraphs, one a line."""
    return "\n".join(plain(p) for p in text)
