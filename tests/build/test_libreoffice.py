"""LibreOffice opens each built agreement and prints it as a reader would see it: numbered, titled, no tags."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from libreoffice import convert
from libreoffice import pdf_text as read_pdf
from ooxml import Numbered, numbered_paragraphs

from agreement_builder.source import load

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
TAGS = ("{{", "{%", "<clause", "</")


@pytest.fixture(scope="module")
def pdf_text(office: Any, built: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
             ) -> Callable[[Path], str]:
    """``pdf_text(sample)``: the sample built to .docx, converted once by LibreOffice, as text."""
    cache: dict[Path, str] = {}

    def _text(sample: Path) -> str:
        if sample not in cache:
            pdf = convert(office, built(sample), tmp_path_factory.mktemp(f"pdf-{sample.stem}"))
            cache[sample] = read_pdf(office, pdf)
        return cache[sample]

    return _text


# ---------------------------------------------------------------- what numbering the reader should see


def _label(n: int, format: str) -> str:
    if format in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if format == "lowerLetter" else letter.upper()
    if format in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if format == "lowerRoman" else roman.upper()
    return str(n)


def _roman(n: int) -> str:
    digits = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
              (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in digits:
        while n >= value:
            out, n = out + letters, n - value
    return out


def expected_labels(paragraphs: list[Numbered]) -> Iterator[tuple[Numbered, str, tuple[int, ...]]]:
    """Each numbered paragraph with the label a reader should see and its counters: a level counts on from
    the last paragraph at that level of the same list and starts again under each new parent."""
    counters: dict[str, list[int]] = {}
    formats: dict[tuple[str, int], str] = {}
    for paragraph in paragraphs:
        if paragraph.format in ("bullet", "none"):
            continue
        count = counters.setdefault(paragraph.abstract, [0] * 9)
        count[paragraph.level] += 1
        count[paragraph.level + 1:] = [0] * (8 - paragraph.level)
        formats[paragraph.abstract, paragraph.level] = paragraph.format
        shown = [_label(n, formats.get((paragraph.abstract, level), "decimal")) for level, n in enumerate(count)]
        label = paragraph.pattern
        for level, text in enumerate(shown):
            label = label.replace(f"%{level + 1}", text)
        yield paragraph, label, tuple(count[:paragraph.level + 1])


def clause_outline(paragraphs: list[Numbered]) -> list[Numbered]:
    """The agreement's clauses: the list that uses the most levels (the longest, of those that tie)."""
    lists: dict[str, list[Numbered]] = {}
    for paragraph in paragraphs:
        lists.setdefault(paragraph.abstract, []).append(paragraph)
    if not lists:
        return []
    return max(lists.values(), key=lambda members: (len({p.level for p in members}), len(members)))


def _key(text: str) -> str:
    """The first few words of a paragraph: enough to find it, short enough to stay on its first line."""
    words = text.split()[:4]
    while len(" ".join(words)) > 28 and len(words) > 1:
        words.pop()
    return " ".join(words)[:28]


def shown_labels(pdf: str, paragraphs: list[Numbered]) -> list[tuple[str, str]]:
    """For each paragraph in order, the token the PDF shows in front of its first words on the same line."""
    position = 0
    shown: list[tuple[str, str]] = []
    for paragraph in paragraphs:
        key = _key(paragraph.text)
        if not key:
            continue
        words = r"\s+".join(re.escape(w) for w in key.split())
        # The token must look like a label ("4.2", "(a)", "12."), not a word ending the line above's sentence.
        found = re.compile(rf"^[ \t]*(\(?[0-9A-Za-z]{{1,6}}(?:\.[0-9]+)*\)?\.?)[ \t]+{words}", re.M | re.I
                           ).search(pdf, position)
        shown.append((key, found.group(1) if found else "<not found>"))
        if found:
            position = found.end()
    return shown


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_libreoffice_shows_the_clause_numbers_in_order(sample: Path, built: Callable[..., Path],
                                                       pdf_text: Callable[[Path], str]) -> None:
    outline = clause_outline(numbered_paragraphs(built(sample)))
    assert outline, "no numbered clause headings in the document"
    expected = list(expected_labels(outline))
    tops = [counts[0] for p, _, counts in expected if p.level == 0]
    assert tops == list(range(1, len(tops) + 1))
    subs = [counts for p, _, counts in expected if p.level == 1]
    assert subs, "no numbered clauses under the headings"
    assert all(label.rstrip(".") == ".".join(map(str, counts)) for p, label, counts in expected if p.level < 2), \
        "clauses should read 1, 2, 3 and 1.1, 1.2 under 1"
    wanted = [(_key(p.text), label) for p, label, _ in expected if _key(p.text)]
    assert shown_labels(pdf_text(sample), [p for p, _, _ in expected]) == wanted


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_libreoffice_shows_no_leftover_template_tags(sample: Path, pdf_text: Callable[[Path], str]) -> None:
    typed = list(_strings(load(str(sample)).data))
    left = [tag for tag in TAGS if tag in pdf_text(sample) and not any(tag in s for s in typed)]
    assert left == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_libreoffice_shows_the_title(sample: Path, pdf_text: Callable[[Path], str]) -> None:
    title = " ".join(load(str(sample)).data["agreement"]["title"].split())
    assert title in " ".join(pdf_text(sample).split())


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        yield from data
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def test_expected_labels_restart_under_each_new_parent() -> None:
    def para(level: int, pattern: str, fmt: str = "decimal") -> Numbered:
        return Numbered("1", level, fmt, pattern, f"text {level}")

    outline = [para(0, "%1"), para(1, "%1.%2"), para(2, "(%3)", "lowerLetter"), para(2, "(%3)", "lowerLetter"),
               para(1, "%1.%2"), para(2, "(%3)", "lowerLetter"), para(0, "%1"), para(1, "%1.%2")]
    assert [label for _, label, _ in expected_labels(outline)] == ["1", "1.1", "(a)", "(b)", "1.2", "(a)", "2",
                                                                   "2.1"]


def test_shown_labels_reads_the_token_in_front_of_each_paragraph() -> None:
    pdf = "Contents\n\n   1     Purpose and outcomes\n\n  1.1  The partners agree that\n  2  Membership\n"
    paragraphs = [Numbered("1", 0, "decimal", "%1", "Purpose and outcomes"),
                  Numbered("1", 1, "decimal", "%1.%2", "The partners agree that the Partnership exists"),
                  Numbered("1", 0, "decimal", "%1", "Membership"), Numbered("1", 0, "decimal", "%1", "Risk")]
    assert shown_labels(pdf, paragraphs) == [("Purpose and outcomes", "1"), ("The partners agree that", "1.1"),
                                             ("Membership", "2"), ("Risk", "<not found>")]
