"""Every field of the schema reaches the drafted document, or is left out on purpose with the reason in
drafting.OMITTED: an agreement that fills every field is drafted, and each text, number and date it holds is
found; each choice (a yes or no, one of a list, a reference) changes the document when it is changed."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from drafted import dotted, draft_text, full_agreement, leaves, resolve

from agreement_builder.clauses import date_text
from agreement_builder.drafting import OMITTED, omitted
from agreement_builder.lint import validate

DATA, MARKERS = full_agreement()
# Choices whose other values are listed here because the first value is the one the walk keeps.
ALTERNATIVES = {"agreement.currency": "EUR", "agreement.jurisdiction": "scotland"}


def _other(path: tuple[Any, ...], node: dict[str, Any], value: Any) -> Any:
    node = resolve(node)
    if dotted(path) in ALTERNATIVES:
        return ALTERNATIVES[dotted(path)]
    if isinstance(value, bool):
        return not value
    if "enum" in node:
        return next(v for v in node["enum"] if v != value)
    if "x-refers-to" in node:
        return value[:-1] + ("1" if value.endswith("0") else "0")
    if isinstance(value, int):
        return value + 1
    raise AssertionError(f"no other value for {dotted(path)}")


def _choices() -> list[tuple[tuple[Any, ...], dict[str, Any], Any]]:
    return [(path, node, value) for path, node, value in leaves(DATA)
            if path not in MARKERS and "x-id-of" not in resolve(node) and not omitted(dotted(path), "memorandum")]


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> str:
    return draft_text(DATA, tmp_path_factory.mktemp("every-field"))


def test_the_agreement_that_fills_every_field_is_valid(tmp_path: Path):
    source = tmp_path / "full.json"
    source.write_text(json.dumps(DATA), encoding="utf-8")
    checked = validate(str(source))
    assert checked.valid, [(f.path, f.message) for f in checked.findings]


@pytest.mark.parametrize("kind", ["memorandum", "agreement", "integration_scheme"])
def test_every_text_number_and_date_reaches_the_document(kind: str, document: str, tmp_path: Path):
    if kind != DATA["agreement"]["kind"]:
        data = copy.deepcopy(DATA)
        data["agreement"].update(kind=kind, jurisdiction="scotland")
        document = draft_text(data, tmp_path)
    lost = []
    for path, marker in MARKERS.items():
        if omitted(dotted(path), kind):
            continue
        wanted = date_text(marker) if "-" in marker and marker[:4].isdigit() else marker
        if wanted not in document and wanted.lower() not in document:
            lost.append(f"{dotted(path)} ({wanted})")
    assert not lost, f"{len(lost)} values never reach the document: {lost}"


@pytest.mark.parametrize("choice", _choices(), ids=lambda c: "/".join(map(str, c[0])))
def test_every_choice_changes_the_document(choice, document: str):
    path, node, value = choice
    changed = copy.deepcopy(DATA)
    target: Any = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = _other(path, node, value)
    with tempfile.TemporaryDirectory() as folder:
        assert draft_text(changed, Path(folder)) != document, f"{dotted(path)} makes no difference to the document"


def test_every_omission_says_why():
    assert all(reason.strip() for reason in OMITTED.values())
