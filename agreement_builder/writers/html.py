"""The HTML writer: the rendered agreement as one standalone HTML page, numbered like the .docx."""

from __future__ import annotations

from html import escape

from ..document import Clause, Definition, Draft, Inline, Note, Para, Section, Signatory, Table, plain

_STYLE = """
body { font-family: Calibri, Carlito, "Segoe UI", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
h1 { text-align: center; color: #1f3864; } h2 { color: #1f3864; margin-top: 2em; }
.cover { text-align: center; } .cover .party, .cover .fact { text-align: left; margin-left: 3em; }
.num { display: inline-block; min-width: 2.6em; font-weight: bold; }
p.clause { margin-left: 2.6em; text-indent: -2.6em; text-align: justify; }
p.item { margin-left: 5.2em; text-indent: -2.6em; }
p.body, p.definition { margin-left: 2.6em; } p.definition { margin-left: 5.2em; }
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
    out = []
    for span in content:
        text = escape(span.text, quote=False).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
        if span.term:
            text = f'<strong class="term">{text}</strong>'
        elif span.bold:
            text = f"<strong>{text}</strong>"
        if span.italic:
            text = f"<em>{text}</em>"
        if span.link:
            text = f'<a href="#{span.link}">{text}</a>'
        out.append(text)
    return "".join(out)


def write(draft: Draft) -> bytes:
    meta = draft.meta
    out = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(meta.title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>"]
    if meta.draft:
        out.append('<p class="draft">DRAFT</p>')
    out.append('<section class="cover">')
    parties = 0
    for line in draft.cover:
        tag = "h1" if line.kind == "title" else "p"
        parties += line.kind == "party"
        number = f'<span class="num">({parties})</span>' if line.kind == "party" else ""
        out.append(f'<{tag} class="{line.kind}">{number}{inline(line.content)}</{tag}>')
    out.append("</section>")
    heading, _ = draft.contents
    out.append(f'<nav><h2>{inline(heading)}</h2><ul>')
    out.extend(f'<li><a href="#{s.anchor}">{escape(_title(s))}</a></li>' for s in draft.all_sections())
    out.append("</ul></nav>")
    for section in draft.all_sections():
        _section(section, out)
    out.extend(["</body>", "</html>"])
    return ("\n".join(out) + "\n").encode("utf-8")


def _title(section: Section) -> str:
    if section.anchor.startswith("schedule-"):
        return f"Schedule {section.number}: {plain(section.heading)}"
    return f"{section.number}. {plain(section.heading)}" if section.number else plain(section.heading)


def _section(section: Section, out: list[str]) -> None:
    out.append(f'<section id="{section.anchor}">')
    out.append(f"<h2>{escape(_title(section))}</h2>")
    for block in section.blocks:
        if isinstance(block, Clause):
            out.append(f'<p class="clause"><span class="num">{block.number}</span>{inline(block.content)}</p>')
            out.extend(f'<p class="item"><span class="num">{item.number}</span>{inline(item.content)}</p>'
                       for item in block.items)
        elif isinstance(block, Para):
            out.append(f'<p class="body">{inline(block.content)}</p>')
        elif isinstance(block, Definition):
            out.append(f'<p class="definition">{inline(block.content)}</p>')
        elif isinstance(block, Note):
            out.append(_note(block))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Signatory):
            rows = "".join(f'<tr><td>{inline(label)}</td><td class="{"" if value else "blank"}">'
                           f"{inline(value)}</td></tr>" for label, value in block.fields)
            out.append(f'<table class="signatory">{rows}</table>')
    out.append("</section>")


def _note(note: Note) -> str:
    text = escape(note.message, quote=False).replace("\n", "<br>")
    if note.severity != "error":
        return f'<aside class="note check" data-rule="{escape(note.rule)}"><strong>To check:</strong><br>{text}</aside>'
    why = f" <strong>Why it matters:</strong> {escape(note.why, quote=False)}" if note.why else ""
    return (f'<aside class="note" data-rule="{escape(note.rule)}"><strong>Drafting note, {escape(note.rule)}:'
            f"</strong> {text}{why}</aside>")


def _table(table: Table) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)
    head = "".join(f"<th>{inline(c)}</th>" for c in table.head)
    body = "\n".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"
