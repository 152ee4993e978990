"""The Markdown and HTML say what the .docx says: the same paragraphs, numbers, dates, references and
placeholders. The .docx is read with python-docx and its numbering definitions; the Markdown through pandoc."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from ooxml import numbered_paragraphs
from test_libreoffice import clause_outline, expected_labels

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
SKIP_STYLES = ("TOC1",)  # the contents: Markdown and HTML list the headings with their numbers instead


class _Text(HTMLParser):
    """The text of an HTML page, a block a line, without its style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip = tag in ("style", "title")
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skip = False
        if tag in ("p", "td", "th", "h1", "h2", "h3", "li", "aside", "tr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


# A placeholder's drafting note: a Word comment on it in the .docx, written inline after it in the other formats.
_INLINE_NOTES = re.compile(r'\s*(?:<span class="note inline">.*?</span>|<em>\(Drafting note: .*?\)</em>)', re.S)


def html_text(html: str) -> str:
    """The text of ``html``, less the placeholders' inline notes (which the .docx holds as comments)."""
    parser = _Text()
    parser.feed(_INLINE_NOTES.sub("", html))
    return " ".join("".join(parser.parts).split())


def markdown_as_html(path: Path) -> str:
    program = shutil.which("pandoc")
    if program is None:
        pytest.skip("pandoc is not installed")
    done = subprocess.run([program, "-f", "commonmark+pipe_tables", "-t", "html", "--wrap=none", str(path)],
                          capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8")


def docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body and its tables, as text."""
    document = docx.Document(str(path))
    found = [p.text for p in document.paragraphs if p.style.style_id not in SKIP_STYLES]
    found += [p.text for table in document.tables for row in table.rows for cell in row.cells
              for p in cell.paragraphs]
    return [" ".join(t.split()) for t in found if t.strip()]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_markdown_and_the_html_hold_every_paragraph_of_the_docx(sample: Path, built: Callable[..., Path]):
    paragraphs = docx_paragraphs(built(sample))
    shown = {"Markdown": html_text(markdown_as_html(built(sample, ".md"))),
             "HTML": html_text(built(sample, ".html").read_text(encoding="utf-8"))}
    for name, text in shown.items():
        missing = [p for p in paragraphs if p not in text]
        assert not missing, f"{name} lacks {len(missing)} paragraphs of the .docx, e.g. {missing[:3]}"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_markdown_numbers_the_clauses_as_word_does(sample: Path, built: Callable[..., Path]):
    outline = clause_outline(numbered_paragraphs(built(sample)))
    word = [(label.rstrip("."), " ".join(re.sub(r"[\[\]]", "", p.text.split("\n")[0]).split()[:3]))
            for p, label, _ in expected_labels(outline) if p.text.strip()]
    markdown = built(sample, ".md").read_text(encoding="utf-8")
    shown = []
    for line in markdown.splitlines():
        if re.match(r"^## (?:Execution|Schedule \d|Annex \d)", line):
            break  # the clauses end here; schedules and annexes number their paragraphs in lists of their own
        heading = re.match(r"^## (\d+)\. (.*)$", line)
        clause = re.match(r"^(?:<a id=\"[^\"]+\"></a>)?(?:\*\*(\d+\.\d+)\*\*|(\([a-z]+\))) (.*)$", line)
        if heading:
            shown.append((heading.group(1), " ".join(heading.group(2).split()[:3])))
        elif clause:
            words = re.sub(r"\*\*|\*|\[|\]\([^)]*\)|\\$", "", clause.group(3)).split()[:3]
            shown.append((clause.group(1) or clause.group(2), " ".join(words)))
    assert shown == word


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_markdown_has_no_escapes_plain_text_does_not_need(sample: Path, built: Callable[..., Path]):
    markdown = built(sample, ".md").read_text(encoding="utf-8")
    assert not re.findall(r"\\[().:;,!?'\"/-]", markdown)


def test_a_markdown_renderer_shows_hostile_text_exactly_as_typed(tmp_path: Path, build: Callable[..., Path]):
    from test_docx_valid import HOSTILE, hostile_agreement, write

    source = write(hostile_agreement(), tmp_path / "hostile.yaml")
    # (pandoc composes combining marks, as Unicode's NFC: that is the renderer, not the escaping.)
    shown = unicodedata.normalize("NFC", html_text(markdown_as_html(build(source, tmp_path / "hostile.md"))))
    for value in HOSTILE:
        assert unicodedata.normalize("NFC", " ".join(value.split())) in shown, value
