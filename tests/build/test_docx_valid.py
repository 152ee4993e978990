"""Every built .docx is one Word opens without repair, and holds every piece of text the input gave it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from ooxml import check_docx, docx_text

from agreement_builder.drafting import omitted
from agreement_builder.model import Agreement
from agreement_builder.source import JsonPath, load, pointer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / "agreement.schema.json"
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))

# Sections that instruct the tool rather than speak in the agreement: their text is not expected in it.
NOT_AGREEMENT_TEXT = ("$schema", "waivers")


@cache
def schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = schema()
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def prose(data: Any, node: Mapping[str, Any] | None = None, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every string in ``data`` that is wording: not a key, an id or reference, a date or a choice from a list.

    Those are recognisable from the schema: ids, references, dates and codes have a ``pattern``, and choices
    an ``enum``; the document shows them as names, formatted dates and labels, not as typed.
    """
    node = _resolve(schema() if node is None else node)
    if isinstance(data, dict):
        properties = node.get("properties", {})
        for key, value in data.items():
            if path or key not in NOT_AGREEMENT_TEXT:
                yield from prose(value, properties.get(key, {}), path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from prose(value, node.get("items", {}), path + (index,))
    elif isinstance(data, str) and "pattern" not in node and "enum" not in node and data.strip():
        yield path, data


def lost(source: Path, document: Path) -> list[str]:
    """The input's wording that the document's text does not contain, as ``/json/path: text``. A clause that
    places the wording in a sentence of its own may change the case of its first letter and drop its closing
    full stop; a field the document leaves out on purpose (drafting.OMITTED) is not looked for."""
    text = spaced(docx_text(document))
    data = load(str(source)).data
    kind = Agreement(data, (), None).kind  # type: ignore[arg-type]
    return [f"{pointer(path)}: {value[:80]!r}" for path, value in prose(data)
            if not omitted(".".join(str(p) for p in path if not isinstance(p, int)), kind)
            and not _kept(spaced(value.strip()), text)]


def _kept(words: str, text: str) -> bool:
    """Whether ``words`` are in ``text``; a reference token ({schedule:KEY}) is replaced by the number it
    refers to, so each piece around it is looked for instead."""
    if words.endswith(".") and not words.endswith(".."):
        words = words[:-1].rstrip()
    first, *rest = re.split(r"\{(?:clause|schedule|annex):[A-Za-z][A-Za-z0-9_.-]*\}", words)
    return (any(w in text for w in (first, first[:1].lower() + first[1:], first[:1].upper() + first[1:]))
            and all(piece in text for piece in rest))


def spaced(text: str) -> str:
    """``text`` with each run of white space (spaces, tabs, line breaks) as one space: a line break in a
    value is a space or a paragraph break in the document, and the test looks for the words."""
    return re.sub(r"[ \t\r\n]+", " ", text)


# ---------------------------------------------------------------- the samples


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_each_sample_builds_a_docx_that_passes_the_ooxml_checks(sample: Path, built: Callable[..., Path]) -> None:
    assert check_docx(built(sample)) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_each_sample_loses_no_text_on_the_way_into_the_docx(sample: Path, built: Callable[..., Path]) -> None:
    assert list(prose(load(str(sample)).data)), "the sample has no wording to look for"
    assert lost(sample, built(sample)) == []


# ---------------------------------------------------------------- hostile text

HOSTILE = (
    "Fees & charges, R&D and AT&T; &amp; stays as typed",
    "A clause that says <w:p>injected</w:p> and <b>not bold</b> <clause>",
    "Data ending ]]> and <![CDATA[ opening",
    "Template syntax {{ 7*7 }} stays literal, as does {{ agreement.title }}",
    "A statement {% include 'x' %} and {# a comment #} stay literal too",
    "Quotes: \"double\", 'single', \u201ccurly\u201d, \u2018curly\u2019 and `back`",
    "\u0627\u0644\u0634\u0631\u0627\u0643\u0629 \u0627\u0644\u0635\u062d\u064a\u0629 (the health partnership) mixed in",
    "Combining marks: Cafe\u0301, n\u0303, a\u0308\u0323, and a Hangul \u1100\u1161\u11a8 syllable",
    "Emoji: \U0001f91d \U0001f469\U0001f3fd\u200d\u2695\ufe0f \U0001f3f3\ufe0f\u200d\U0001f308 keep their joiners",
    "Tabs\tinside\ttext, a no-break\u00a0space and a zero\u200bwidth space",
)
LONG_WORD = ("Partnership" * 9_091)[:100_000]  # 100,000 characters, no space
MANY_LINES = "\n".join(f"Line {i} of a long note" for i in range(5_001))  # 5,000 newlines


def test_the_hostile_strings_are_what_they_claim() -> None:
    assert len(LONG_WORD) == 100_000 and " " not in LONG_WORD
    assert MANY_LINES.count("\n") == 5_000


def hostile_agreement() -> dict[str, Any]:
    """The complete sample with hostile text in every field of wording: the two giants in the longest fields."""
    data = load(str(ROOT / "samples" / "complete.yaml")).data
    fields = list(prose(data))
    longest = sorted(fields, key=lambda f: -len(f[1]))[:2]
    for index, (path, _) in enumerate(fields):
        value = HOSTILE[index % len(HOSTILE)]
        if path == longest[0][0]:
            value = LONG_WORD
        elif path == longest[1][0]:
            value = MANY_LINES
        _set(data, path, value)
    return dict(data)


def _set(data: Any, path: JsonPath, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def write(data: dict[str, Any], path: Path) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_hostile_text_reaches_the_docx_exactly_and_the_docx_stays_valid(tmp_path: Path, suffix: str,
                                                                        build: Callable[..., Path]) -> None:
    source = write(hostile_agreement(), tmp_path / f"hostile{suffix}")
    assert load(str(source)).data == hostile_agreement(), "the hostile input did not survive being written"
    document = build(source, tmp_path / "hostile.docx")
    assert lost(source, document) == []
    assert check_docx(document) == []


def test_every_hostile_string_is_in_the_hostile_agreement() -> None:
    values = {value for _, value in prose(hostile_agreement())}
    assert set(HOSTILE) | {LONG_WORD, MANY_LINES} <= values
