"""The Markdown writer: the rendered agreement as CommonMark with pipe tables, readable as plain text, with a
backslash only where a character would otherwise change how a Markdown renderer shows the text."""

from __future__ import annotations

import re

from ..document import (
    Bracket,
    Caption,
    Clause,
    Control,
    Definition,
    Draft,
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
)

SIGN_HERE = "______________________________"
MAX_WIDTH = 100  # relative column widths beyond this say nothing more about a table on a page

# Characters that change the rendering wherever they are: code spans, emphasis (an underscore inside a word
# does not) and strikethrough.
_ALWAYS = re.compile(r"[`*~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)", re.M)  # before punctuation or a line end it escapes
_ANGLE = re.compile(r"<(?=[A-Za-z/!?])")  # raw HTML and autolinks
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINK = re.compile(r"\](?=[(\[])")  # the end of a link's text
# At the start of a line: a heading, a quote, a list item, a thematic break or setext underline, a link
# reference definition.
_LINE_START = re.compile(r"^([ \t]*)(#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$))"
                         r"|(?=-[ \t]*-[ \t]*-[- \t]*$)|=+[ \t]*$|\[(?=[^\]]*\]:))", re.M)


def escape(text: str, *, start: bool = True, after: str = "", cell: bool = False) -> str:
    """``text`` with a backslash before each character that would act as Markdown: ``start`` says whether it
    begins a line, ``after`` is the character that follows it, ``cell`` that it sits in a table cell."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _ALWAYS.sub(lambda m: "\\" + m.group(), text)
    text = _ANGLE.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINK.sub(r"\\]", text)
    if text.endswith("]") and not text.endswith("\\]") and after in ("(", "[", ":"):
        text = text[:-1] + "\\]"
    if cell:
        text = text.replace("|", "\\|")
    if start:
        return _LINE_START.sub(_line_start, text)
    head, newline, rest = text.partition("\n")
    return head + newline + _LINE_START.sub(_line_start, rest)


def _line_start(match: re.Match[str]) -> str:
    indent, mark = match.group(1), match.group(2)
    if mark[:1].isdigit():
        return f"{indent}{mark}\\"  # "1." or "1)" starts a list; "1\." does not
    return f"{indent}\\{mark}"


def inline(content: Inline, *, start: bool = True, cell: bool = False) -> str:
    """Inline content as Markdown: bold and italic, a link for each reference, brackets with their notes."""
    out: list[str] = []
    pieces = list(content)
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        first = start and not out
        if isinstance(piece, Bracket):
            following = _first(pieces[i + 1]) if i + 1 < len(pieces) else ""
            spans = list(piece.content)
            out.append("".join(_span(s, start=first and k == 0, after=_next(spans, k, following), cell=cell)
                               for k, s in enumerate(spans)))
            if piece.note is not None:
                out.append(f" *(Drafting note: {escape(piece.note.text, start=False, cell=cell)})*")
            i += 1
            continue
        j = i + 1  # a reference is a run of spans linked to one anchor: one link
        while piece.link and j < len(pieces) and _link(pieces[j]) == piece.link:
            j += 1
        group = [p for p in pieces[i:j] if isinstance(p, Span)]
        following = _first(pieces[j]) if j < len(pieces) else ""
        text = "".join(_span(s, start=first and k == 0, after=_next(group, k, following), cell=cell)
                       for k, s in enumerate(group))
        out.append(f"[{text}](#{piece.link})" if piece.link else text)
        i = j
    return "".join(out)


def _link(piece: Span | Bracket) -> str | None:
    return piece.link if isinstance(piece, Span) else None


def _first(piece: Span | Bracket) -> str:
    return piece.text[:1] if isinstance(piece, Span) else "["


def _next(spans: list[Span], k: int, following: str) -> str:
    return spans[k + 1].text[:1] if k + 1 < len(spans) else following


def _span(span: Span, *, start: bool, after: str, cell: bool) -> str:
    text = escape(span.text.replace("\r\n", "\n").replace("\r", "\n"), start=start, after=after, cell=cell)
    text = text.replace("\n", "<br>" if cell else "\\\n")
    marker = ("**" if span.bold or span.term else "") + ("*" if span.italic else "")
    if not marker or not text.strip():
        return text
    # Emphasis cannot begin or end with a space: keep the spaces outside the markers.
    body = text.strip(" ")
    lead, trail = text[:len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")):]
    return f"{lead}{marker}{body}{marker}{trail}"


def paragraphs(text: Text, prefix: str = "") -> list[str]:
    """``text`` as Markdown paragraphs, the first after ``prefix`` (a clause number)."""
    return [f"{prefix}{inline(p, start=not prefix)}" if i == 0 else inline(p) for i, p in enumerate(text)]


def write(draft: Draft) -> bytes:
    out: list[str] = []
    parties = 0
    for line in draft.cover:
        if isinstance(line, Control):
            out.append("\\\n".join(f"**{inline(label, start=False)}:** {inline(value, start=False)}"
                                   for label, value in line.rows))
            continue
        text = inline(line.content, start=line.kind not in ("party",))
        if line.kind == "party":
            parties += 1
            text = f"({parties}) {text}"
        out.append({"title": f"# {text}", "subtitle": f"*{text}*"}.get(line.kind, text))
    out.append(f"## {inline(draft.contents, start=False)}")
    out.append("\n".join(f"- [{escape(s.title, start=False)}](#{s.anchor})" for s in draft.all_sections()
                         if s.heading))
    for section in draft.all_sections():
        _section(section, out)
    return ("\n\n".join(out) + "\n").encode("utf-8")


def _section(section: Section, out: list[str]) -> None:
    if section.heading:
        out.append(f'<a id="{section.anchor}"></a>\n\n## {escape(section.title, start=False)}')
    elif section.blocks:
        out.append(f'<a id="{section.anchor}"></a>')
    for block in section.blocks:
        if isinstance(block, Clause):
            out.extend(paragraphs(block.text, f"{_anchor(block.anchor)}**{block.number}** "))
            for item in block.items:
                out.extend(paragraphs(item.text, f"{_anchor(item.anchor)}{item.number} "))
        elif isinstance(block, (Party, Recital)):
            out.extend(paragraphs(block.text, f"{block.number} "))
        elif isinstance(block, Para):
            out.append(inline(block.content))
        elif isinstance(block, Subheading):
            out.append(f"### {inline(block.content, start=False)}")
        elif isinstance(block, Definition):
            out.extend(paragraphs(block.text))
        elif isinstance(block, Note):
            out.append("> **Drafting note:** " + escape(block.text, start=False).replace("\n", "\\\n> "))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Signatory):
            out.append(_signatory(block))


def _anchor(anchor: str) -> str:
    return f'<a id="{anchor}"></a>' if anchor else ""


def _signatory(signatory: Signatory) -> str:
    lines: list[str] = []
    for row in signatory.rows:
        if isinstance(row, Caption):
            lines.append(inline(row.content, start=not lines))
        else:
            value = "<br>".join(inline(p, start=False) for p in row.value) if row.value else SIGN_HERE
            lines.append(f"{inline(row.label, start=not lines)}: {value}")
    return "\\\n".join(lines)


def _cell(text: Text) -> str:
    return "<br><br>".join(inline(p, start=False, cell=True) for p in text if p) or " "


def _table(table: Table) -> str:
    # Renderers that size pipe-table columns (pandoc) read the widths from the lengths of the dashes; a width
    # from a user's template is held to what a page can show.
    lines = ["| " + " | ".join(inline(c, start=False, cell=True) or " " for c in table.head) + " |",
             "|" + "|".join("-" * (3 * min(w, MAX_WIDTH)) for w in table.widths) + "|"]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows)
    return "\n".join(lines)

