"""The HTML writer: the rendered agreement as one standalone HTML page, numbered like the .docx."""

from __future__ import annotations

from html import escape

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
    Subheading,
    Table,
    Text,
)

_STYLE = """
body { font-family: Calibri, Carlito, "Segoe UI", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
h1 { text-align: center; color: #1f3864; } h2 { color: #1f3864; margin-top: 2em; }
.cover { text-align: center; } .cover .party, .cover .fact { text-align: left; margin-left: 3em; }
.num { display: inline-block; min-width: 2.6em; font-weight: bold; }
p.clause { margin-left: 2.6em; text-indent: -2.6em; text-align: justify; }
p.item { margin-left: 5.2em; text-indent: -2.6em; }
p.body, p.definition, p.clause-more { margin-left: 2.6em; } p.definition, p.item-more { margin-left: 5.2em; }
h3.subheading { font-size: 1em; margin-left: 2.2em; }
mark.placeholder { background: #ffff00; } .note.inline { font-style: italic; color: #5f4800; background: #fff2cc; }
table.control { width: auto; margin: 1.5em auto; } table.control th { background: none; text-align: left; }
.note { background: #fff2cc; border-left: 4px solid #bf8f00; margin: .5em 0 1em 2.2em; padding: .4em .8em;
        font-style: italic; color: #5f4800; }
table { border-collapse: collapse; width: 100%; font-size: .85em; table-layout: fixed; }
th, td { border: 1px solid #a6a6a6; padding: .25em .4em; vertical-align: top; text-align: left; }
th { background: #d9e2f3; }
td, th, p { overflow-wrap: anywhere; }
.signatory { margin: 1.5em 0; } .signatory td { border: none; padding: .6em .4em 0 0; }
.signatory td.blank { border-bottom: 1px solid #000; }
.draft { color: #c00000; font-weight: bold; letter-spacing: .1em; }
"""


def inline(content: Inline) -> str:
    """Inline content as HTML: a reference is one link; a placeholder is marked, with its note after it."""
    out: list[str] = []
    link: str | None = None
    for piece in content:
        if isinstance(piece, Bracket):
            if link:
                out.append("</a>")
                link = None
            out.append(f'<mark class="placeholder">{inline(piece.content)}</mark>')
            if piece.note is not None:
                out.append(f' <span class="note inline">Drafting note: {escape(piece.note.text, quote=False)}</span>')
            continue
        if piece.link != link:
            out.append("</a>" if link else "")
            out.append(f'<a href="#{escape(piece.link)}">' if piece.link else "")
            link = piece.link
        text = escape(piece.text, quote=False).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
        if piece.term:
            text = f'<strong class="term">{text}</strong>'
        elif piece.bold:
            text = f"<strong>{text}</strong>"
        if piece.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    if link:
        out.append("</a>")
    return "".join(out)


def write(draft: Draft) -> bytes:
    meta = draft.meta
    out = ["<!DOCTYPE html>", f'<html lang="{escape(meta.language)}">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(meta.title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>"]
    if meta.draft:
        out.append('<p class="draft">DRAFT</p>')
    out.append('<section class="cover">')
    parties = 0
    for line in draft.cover:
        if isinstance(line, Control):
            rows = "".join(f"<tr><th scope=\"row\">{inline(label)}</th><td>{inline(value)}</td></tr>"
                           for label, value in line.rows)
            out.append(f'<table class="control">{rows}</table>')
            continue
        tag = "h1" if line.kind == "title" else "p"
        parties += line.kind == "party"
        number = f'<span class="num">({parties})</span>' if line.kind == "party" else ""
        out.append(f'<{tag} class="{line.kind}">{number}{inline(line.content)}</{tag}>')
    out.append("</section>")
    out.append(f"<nav><h2>{inline(draft.contents)}</h2><ul>")
    out.extend(f'<li><a href="#{s.anchor}">{escape(s.title)}</a></li>' for s in draft.all_sections() if s.heading)
    out.append("</ul></nav>")
    for section in draft.all_sections():
        _section(section, out)
    out.extend(["</body>", "</html>"])
    return ("\n".join(out) + "\n").encode("utf-8")


def _paragraphs(text: Text, cls: str, number: str = "", anchor: str = "", more: str = "") -> list[str]:
    """``text`` as paragraphs of class ``cls``, the first numbered and carrying ``anchor``; the rest of
    class ``more`` (a continuation at the same indent)."""
    out = []
    for i, paragraph in enumerate(text):
        if i == 0:
            ident = f' id="{escape(anchor)}"' if anchor else ""
            num = f'<span class="num">{number}</span>' if number else ""
            out.append(f'<p class="{cls}"{ident}>{num}{inline(paragraph)}</p>')
        else:
            out.append(f'<p class="{more or cls}">{inline(paragraph)}</p>')
    return out


def _section(section: Section, out: list[str]) -> None:
    out.append(f'<section id="{escape(section.anchor)}">')
    if section.heading:
        out.append(f"<h2>{escape(section.title)}</h2>")
    for block in section.blocks:
        if isinstance(block, Clause):
            out.extend(_paragraphs(block.text, "clause", block.number, block.anchor, "clause-more"))
            for item in block.items:
                out.extend(_paragraphs(item.text, "item", item.number, item.anchor, "item-more"))
        elif isinstance(block, (Party, Recital)):
            out.extend(_paragraphs(block.text, "clause", block.number, more="clause-more"))
        elif isinstance(block, Para):
            out.append(f'<p class="body">{inline(block.content)}</p>')
        elif isinstance(block, Subheading):
            out.append(f'<h3 class="subheading">{inline(block.content)}</h3>')
        elif isinstance(block, Definition):
            out.extend(_paragraphs(block.text, "definition"))
        elif isinstance(block, Note):
            out.append(_note(block))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Signatory):
            out.append(_signatory(block))
    out.append("</section>")


def _signatory(signatory: Signatory) -> str:
    rows = []
    for row in signatory.rows:
        if isinstance(row, Caption):
            rows.append(f'<tr><td colspan="2" class="caption">{inline(row.content)}</td></tr>')
        else:
            rows.append(f'<tr><td>{inline(row.label)}</td><td class="{"" if row.value else "blank"}">'
                        f"{_cell(row.value)}</td></tr>")
    return f'<table class="signatory">{"".join(rows)}</table>'


def _note(note: Note) -> str:
    text = escape(note.text, quote=False).replace("\n", "<br>")
    return f'<aside class="note" data-rule="{escape(note.rule)}"><strong>Drafting note:</strong> {text}</aside>'


def _cell(text: Text) -> str:
    if len(text) <= 1:
        return "".join(inline(p) for p in text)
    return "".join(f"<p>{inline(p)}</p>" for p in text)


def _table(table: Table) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)
    head = "".join(f'<th scope="col">{inline(c)}</th>' for c in table.head)
    body = "\n".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"
