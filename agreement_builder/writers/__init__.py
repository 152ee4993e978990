"""The writers: the same rendered `Draft` as .docx, Markdown, HTML, or PDF (the .docx through LibreOffice)."""

from __future__ import annotations

from pathlib import Path

from ..document import Draft

FORMATS: tuple[str, ...] = ("docx", "md", "html", "pdf")
SUFFIXES: dict[str, str] = {".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                            ".pdf": "pdf"}


def suffix(fmt: str) -> str:
    """The file suffix a format is written with."""
    return "." + fmt


def write(draft: Draft, fmt: str, reference: Path | None = None) -> bytes:
    """The document in ``fmt``; ``reference`` is the user's reference .docx (docx and pdf only)."""
    if fmt == "md":
        from .markdown import write as markdown

        return markdown(draft)
    if fmt == "html":
        from .html import write as html

        return html(draft)
    from .docx import write as docx
    from .reference import load

    document = docx(draft, load(reference))
    if fmt == "pdf":
        from .pdf import convert

        return convert(document)
    return document
