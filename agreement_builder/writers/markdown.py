"""The Markdown writer: the rendered agreement as CommonMark with pipe tables, every value escaped so a
Markdown renderer shows it exactly as it was typed."""

from __future__ import annotations

import re

from ..document import Clause, Definition, Draft, Inline, Note, Para, Section, Signatory, Table, plain

# Every ASCII punctuation character that can start or end Markdown syntax; CommonMark allows a backslash
# before any of them, and a backslash before other punctuation would print.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
_BULLET = re.compile(r"^(\s*)([-=])", re.M)
_ORDERED = re.compile(r"^(\s*\d+)\.", re.M)
SIGN_HERE = "______________________________"


def escape(text: str, *, start: bool = True) -> str:
    """``text`` with Markdown syntax characters escaped, and a line start that would begin a list or a
    heading underline; ``start`` says whether the text itself begins a line."""
    text = _SPECIAL.sub(r"\\\1", text)
    head, newline, rest = ("", "", text) if start else text.partition("\n")
    return head + newline + _ORDERED.sub(r"\1\\.", _BULLET.sub(r"\1\\\2", rest))


def inline(content: Inline, *, cell: bool = False) -> str:
    out = []
    for i, span in enumerate(content):
        text = escape(span.text.replace("\r\n", "\n").replace("\r", "\n"), start=i == 0)
        text = text.replace("\n", "<br>" if cell else "\\\n")
        if span.bold or span.term:
            text = f"**{text}**"
        if span.italic:
            text = f"*{text}*"
        if span.link:
            text = f"[{text}](#{span.link})"
        out.append(text)
    return "".join(out)


def write(draft: Draft) -> bytes:
    out: list[str] = []
    parties = 0
    for line in draft.cover:
        text = inline(line.content)
        if line.kind == "party":
            parties += 1
            text = f"\\({parties}\\) {text}"
        out.append({"title": f"# {text}", "subtitle": f"*{text}*"}.get(line.kind, text))
    heading, _ = draft.contents
    out.append(f"## {inline(heading)}")
    out.append("\n".join(f"- [{_title(s)}](#{s.anchor})" for s in draft.all_sections()))
    for section in draft.all_sections():
        _section(section, out)
    return ("\n\n".join(out) + "\n").encode("utf-8")


def _title(section: Section) -> str:
    if section.anchor.startswith("schedule-"):
        return escape(f"Schedule {section.number}: {plain(section.heading)}")
    return escape(f"{section.number}. {plain(section.heading)}" if section.number else plain(section.heading))


def _section(section: Section, out: list[str]) -> None:
    out.append(f'<a id="{section.anchor}"></a>\n\n## {_title(section)}')
    for block in section.blocks:
        if isinstance(block, Clause):
            out.append(f"**{block.number}** {inline(block.content)}")
            out.extend(f"{escape(item.number)} {inline(item.content)}" for item in block.items)
        elif isinstance(block, (Para, Definition)):
            out.append(inline(block.content))
        elif isinstance(block, Note):
            if block.severity == "error":
                why = f" **Why it matters:** {escape(block.why)}" if block.why else ""
                out.append(f"> **Drafting note, {block.rule}:** {escape(block.message)}{why}")
            else:
                out.append("> **To check:**\\\n> " + escape(block.message).replace("\n", "\\\n> "))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Signatory):
            out.append("\\\n".join(f"{inline(label)}: {inline(value) if value else SIGN_HERE}"
                                   for label, value in block.fields))


def _table(table: Table) -> str:
    def row(cells: tuple[Inline, ...]) -> str:
        return "| " + " | ".join(inline(c, cell=True) or " " for c in cells) + " |"

    # Renderers that size pipe-table columns (pandoc) read the widths from the lengths of the dashes.
    lines = [row(table.head), "|" + "|".join("-" * (3 * w) for w in table.widths) + "|"]
    lines.extend(row(r) for r in table.rows)
    return "\n".join(lines)
