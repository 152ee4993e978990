"""Properties of every agreement the schema accepts, drawn by Hypothesis from the schema itself.

For any schema-valid agreement: lint finishes with findings and never an exception; build writes a .docx that
python-docx opens, that passes the OOXML checks, that holds every piece of wording in the input (so do the
.md and .html), and that is byte-identical when built again. A character no document can hold is refused
where it stands. Our schema checker gives the same verdict as the reference `jsonschema` package.

`hypothesis-jsonschema` draws the data; it does not know our `x-id-of` / `x-refers-to` keywords, so each
drawn agreement is repaired: ids made unique, each reference pointed at an id of the right kind. Example
counts come from the profile in `conftest.py`: `HYPOTHESIS_PROFILE=long` for a 1,000-example run.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import docx
import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from ooxml import check_docx, compiled_schemas
from robustness import lost_wording, wording
from support import run_cli

from agreement_builder import schema
from agreement_builder.source import JsonPath, load, pointer

SCHEMA = schema.schema()
# What the loader refuses in any text: C0 controls but tab, LF and CR; DEL; surrogates; U+FFFE and U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
SLOW_DATA = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                            HealthCheck.filter_too_much])


# ---------------------------------------------------------------- drawing valid agreements


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = SCHEMA
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def annotated(data: Any, node: Mapping[str, Any] = SCHEMA, path: JsonPath = ()
              ) -> Iterator[tuple[JsonPath, str, tuple[str, ...]]]:
    """Every id and reference in ``data``: (path, "id" or "ref", the kinds it declares or may name)."""
    node = _resolve(node)
    if isinstance(data, dict):
        properties = node.get("properties", {})
        for key, value in data.items():
            yield from annotated(value, properties.get(key, {}), path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from annotated(value, node.get("items", {}), path + (index,))
    elif isinstance(data, str) and "x-id-of" in node:
        yield path, "id", (node["x-id-of"],)
    elif isinstance(data, str) and "x-refers-to" in node:
        yield path, "ref", tuple(node["x-refers-to"])


def _get(data: Any, path: JsonPath) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: JsonPath, value: Any) -> Any:
    if not path:
        return value
    _get(data, path[:-1])[path[-1]] = value
    return data


# Where a kind of thing can be added when a reference needs one and the drawn data declares none.
_HOMES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "person": (("people",), {"name": "A person added so that a reference has someone to name"}),
    "group": (("accountability", "groups"), {"name": "A group added so that a reference has one to name"}),
    "outcome": (("purpose", "outcomes"), {"statement": "An outcome added so that an action can serve it"}),
}


def repair(drawn: dict[str, Any]) -> dict[str, Any]:
    """``drawn`` with every id unique and every reference naming an id of a kind it may name."""
    data = copy.deepcopy(drawn)
    marks = list(annotated(data))
    declared: dict[str, list[str]] = {}
    for number, (path, role, kinds) in enumerate(marks):
        if role == "id":
            unique = f"{_get(data, path)[:40]}-{number}"  # still starts with a letter, within 64 characters
            _set(data, path, unique)
            declared.setdefault(kinds[0], []).append(unique)
    for _, role, kinds in marks:
        if role == "ref" and not any(declared.get(kind) for kind in kinds):
            _add(data, kinds[0], declared)
    for path, role, kinds in marks:
        if role == "ref":
            candidates = [i for kind in kinds for i in declared.get(kind, [])]
            _set(data, path, candidates[zlib.crc32(_get(data, path).encode()) % len(candidates)])
    return data


def _add(data: dict[str, Any], kind: str, declared: dict[str, list[str]]) -> None:
    if kind not in _HOMES:
        raise AssertionError(f"the schema lets a reference name a {kind}, which the repair cannot add")
    where, fields = _HOMES[kind]
    taken = {i for ids in declared.values() for i in ids}
    new = next(f"added-{kind}-{n}" for n in range(len(taken) + 1) if f"added-{kind}-{n}" not in taken)
    container: Any = data
    for key in where[:-1]:
        container = container.setdefault(key, {})
    container.setdefault(where[-1], []).append({"id": new, **fields})
    declared.setdefault(kind, []).append(new)


def clean(value: Any) -> Any:
    """``value`` with every character no document can hold replaced by a question mark."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return FORBIDDEN.sub("?", value) if isinstance(value, str) else value


agreements = from_schema(SCHEMA).map(clean).map(repair)


def write(data: dict[str, Any], folder: Path, fmt: str) -> Path:
    """``data`` as an agreement file in ``folder``: JSON, or YAML as a person might save it."""
    path = folder / f"agreement.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                        encoding="utf-8")
    return path


class _Dumper(yaml.SafeDumper):
    """Writes every string in double quotes: PyYAML's emitter follows YAML 1.1 and would leave unquoted some
    text that YAML 1.2 reads as a number (0o17, for one)."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


# ---------------------------------------------------------------- the drawing and repair themselves


@SLOW_DATA
@given(data=agreements)
def test_every_drawn_agreement_is_valid_after_repair(data: dict[str, Any]):
    assert schema.check(data) == []


def test_repair_makes_duplicate_ids_unique_and_dangling_references_real():
    drawn = {"agreement": {"title": "T"},
             "parties": [{"id": "a", "name": "A", "sector": "health"}, {"id": "a", "name": "B", "sector": "health"}],
             "roles": {"individuals": [{"title": "Chair", "holder": "nobody"}]},
             "accountability": {"groups": [{"id": "g", "name": "G", "chair": "nobody"}]}}
    assert [p.reference for p in schema.check(drawn)] == [True, True, True]
    repaired = repair(drawn)
    assert schema.check(repaired) == []
    assert repaired["parties"][0]["id"] != repaired["parties"][1]["id"]
    assert repaired["accountability"]["groups"][0]["chair"] == repaired["people"][0]["id"]


def test_clean_replaces_what_the_loader_refuses_and_keeps_the_rest():
    assert clean({"a": ["x\x00y\ud800\uffff", "\t\n\r é \U0001f91d"]}) == {"a": ["x?y??", "\t\n\r é \U0001f91d"]}


# ---------------------------------------------------------------- lint


@SLOW_DATA
@given(data=agreements, fmt=st.sampled_from(["yaml", "json"]))
def test_lint_finishes_with_findings_for_any_valid_agreement(data: dict[str, Any], fmt: str):
    with tempfile.TemporaryDirectory() as folder:
        path = write(data, Path(folder), fmt)
        assert load(str(path)).data == data, "the agreement did not survive being written"
        run = run_cli("lint", "--format", "json", str(path))
        lines = path.read_text(encoding="utf-8").count("\n") + 1
    assert run.exit_code in (0, 1), run
    assert "internal error" not in run.stderr, run
    findings = json.loads(run.stdout)["findings"]
    assert not [f for f in findings if f["rule"] in ("AB001", "AB002", "AB003")], "a valid agreement judged invalid"
    assert all(1 <= f["line"] <= lines and f["column"] >= 1 and f["message"] for f in findings), findings
    errors = [f for f in findings if f["severity"] == "error" and f["waived"] is None]
    assert run.exit_code == (1 if errors else 0), run


# ---------------------------------------------------------------- build


@pytest.fixture(scope="module")
def ooxml_schemas() -> None:
    compiled_schemas()  # a schema that cannot be read fails here, once, not in each drawn example


@pytest.mark.timeout(900)  # thirty drawn agreements built four times each: minutes on a busy machine
@SLOW_DATA
@given(data=agreements, fmt=st.sampled_from(["yaml", "json"]))
def test_build_writes_a_docx_word_opens_that_keeps_every_piece_of_wording(data: dict[str, Any], fmt: str,
                                                                          ooxml_schemas: None):
    with tempfile.TemporaryDirectory() as folder:
        source = write(data, Path(folder), fmt)
        outputs = {}
        for suffix in (".docx", ".md", ".html"):
            outputs[suffix] = Path(folder) / f"built{suffix}"
            run = run_cli("build", str(source), "-o", str(outputs[suffix]), "--allow-errors")
            assert run.exit_code == 0 and "internal error" not in run.stderr, run
        document = outputs[".docx"]
        docx.Document(str(document))  # python-docx opens it
        assert check_docx(document) == []
        for output in outputs.values():
            assert lost_wording(data, output) == [], output.suffix
        again = Path(folder) / "again.docx"
        assert run_cli("build", str(source), "-o", str(again), "--allow-errors").exit_code == 0
        assert again.read_bytes() == document.read_bytes(), "two builds of one input differ"


# ---------------------------------------------------------------- what the loader refuses

REFUSED = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\ud800", "\udfff", "\ufffe", "\uffff"]


@SLOW_DATA
@given(data=agreements, character=st.sampled_from(REFUSED), pick=st.integers(min_value=0), at=st.integers(0))
def test_a_character_no_document_can_hold_is_refused_where_it_stands(data: dict[str, Any], character: str,
                                                                     pick: int, at: int):
    places = [path for path, _ in wording(data)]
    assume(places)
    path = places[pick % len(places)]
    value = _get(data, path)
    _set(data, path, value[:at % (len(value) + 1)] + character + value[at % (len(value) + 1):])
    escaped = json.dumps(character) != f'"{character}"'  # all but DEL, which JSON writes as it is
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "agreement.json"
        source.write_text(json.dumps(data), encoding="utf-8")
        for command in (["validate"], ["lint"], ["build", "-o", str(Path(folder) / "agreement.docx")]):
            run = run_cli(command[0], str(source), *command[1:])
            assert run.exit_code == 1, run
            assert f"U+{ord(character):04X}" in run.stdout, run
            assert not escaped or pointer(path) in run.stdout, f"the message does not say where\n{run}"
        assert [p.name for p in Path(folder).iterdir()] == ["agreement.json"]


# ---------------------------------------------------------------- our checker against the reference

REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
DELETE = object()
REPLACEMENTS = st.one_of(
    st.just(DELETE), st.none(), st.booleans(), st.integers(-3, 10), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "x", "draft", "health", "2026-01-01", "not a date", "A1", "1A"]), st.text(max_size=4),
    st.lists(st.sampled_from(["x", 1, None]), max_size=2), st.dictionaries(st.sampled_from(["id", "name", "zz"]),
                                                                             st.sampled_from(["x", 1]), max_size=2),
)


def _paths(value: Any, path: JsonPath = ()) -> Iterator[JsonPath]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


def mutate(data: Any, path: JsonPath, replacement: Any) -> Any:
    """``data`` with the node at ``path`` replaced, or removed when ``replacement`` is DELETE."""
    data = copy.deepcopy(data)
    if replacement is not DELETE:
        return _set(data, path, copy.deepcopy(replacement))
    if path:
        del _get(data, path[:-1])[path[-1]]
    return data


@SLOW_DATA
@given(drawn=from_schema(SCHEMA), mutated=st.booleans(), pick=st.integers(min_value=0), replacement=REPLACEMENTS)
def test_our_schema_checker_agrees_with_jsonschema_on_drawn_and_mutated_data(drawn: Any, mutated: bool, pick: int,
                                                                            replacement: Any):
    data = drawn
    if mutated:
        paths = list(_paths(drawn))
        data = mutate(drawn, paths[pick % len(paths)], replacement)
    ours = [p for p in schema.check(data) if not p.reference]
    theirs = [e.message for e in REFERENCE.iter_errors(data)]
    assert bool(ours) == bool(theirs), (ours, theirs)


@pytest.mark.parametrize(("path", "replacement", "valid"), [
    (("agreement", "status"), "Draft", False),
    (("agreement", "title"), DELETE, False),
    (("agreement", "status"), DELETE, True),
    (("parties", 0, "sector"), 1, False),
])
def test_mutate_replaces_or_removes_one_node(path: JsonPath, replacement: Any, valid: bool):
    base = {"agreement": {"title": "T", "status": "draft"},
            "parties": [{"id": "a", "name": "A", "sector": "health"}, {"id": "b", "name": "B", "sector": "health"}]}
    assert REFERENCE.is_valid(mutate(base, path, replacement)) is valid
    assert base["agreement"] == {"title": "T", "status": "draft"}, "the original was changed"
