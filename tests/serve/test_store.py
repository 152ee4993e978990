"""The file stays the source of truth: each edit is written at once, as a minimal change, and checked."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest
from serving import SAMPLES, STARTER

from agreement_builder.lint import validate
from agreement_builder.schema import schema
from agreement_builder.serve.store import Conflict, Edit, EditRefused, Store, coerce


def _store(tmp_path: Path, name: str) -> Store:
    copy = tmp_path / name
    shutil.copyfile(SAMPLES / name, copy)
    return Store(copy, schema())


def _changed(before: str, after: str) -> list[str]:
    """The lines removed and added, as a unified diff shows them."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def _apply(store: Store, edit: Edit) -> tuple[str, str]:
    before = store.path.read_text(encoding="utf-8")
    store.apply(edit, store.state.revision)
    return before, store.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["complete.yaml", "first-draft.yaml", "scotland-2002.yaml"])
def test_changing_one_field_changes_that_line_only_and_keeps_every_comment(tmp_path: Path, name: str) -> None:
    store = _store(tmp_path, name)
    before, after = _apply(store, Edit("set", ("agreement", "version"), "9.9"))
    old = [line for line in before.splitlines() if line.strip().startswith("version:")][0]
    assert _changed(before, after) == [f"-{old}", f"+{old.split(':')[0]}: \"9.9\""]
    assert _comments(after) == _comments(before)


def test_a_json_file_stays_json_and_one_field_is_one_line(tmp_path: Path) -> None:
    store = _store(tmp_path, "pooled-budget.json")
    before, after = _apply(store, Edit("set", ("parties", 0, "name"), "Wendlebury Council"))
    assert json.loads(after)["parties"][0]["name"] == "Wendlebury Council"
    assert _changed(before, after) == ['-      "name": "Wendlebury County Council",',
                                       '+      "name": "Wendlebury Council",']


@pytest.mark.parametrize("text", [
    "plain words", "Title: with a colon", "a # not a comment", "yes", "1.0", "2025-04-01", "'quoted'", '"double"',
    "  leading spaces", "trailing space ", "two\nlines", "ends with a line break\n", "Łukasz Wiśniewski £100 😀",
    "- looks like a list", "{not: a mapping}", "tab\there", "long " * 40 + "end",
])
def test_any_text_written_to_a_field_reads_back_exactly(tmp_path: Path, text: str) -> None:
    store = _store(tmp_path, "complete.yaml")
    before, after = _apply(store, Edit("set", ("parties", 0, "description"), text))
    checked = validate(str(store.path))
    assert checked.document is not None and checked.document.data["parties"][0]["description"] == text
    assert _comments(after) == _comments(before)


def test_a_long_folded_text_stays_folded_and_changes_only_its_own_lines(tmp_path: Path) -> None:
    store = _store(tmp_path, "complete.yaml")
    before, after = _apply(store, Edit("set", ("parties", 0, "description"), ("A shorter description. " * 8).strip()))
    changed = _changed(before, after)
    assert all(line[1:].startswith("      ") for line in changed)  # only the text's own lines, under `>-`
    assert "    description: >-" in after


def test_an_empty_field_removes_that_key_only(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    before, after = _apply(store, Edit("set", ("agreement", "currency"), None))
    assert _changed(before, after) == ["-  currency: GBP"]


def test_clearing_the_last_field_of_a_section_leaves_no_empty_section(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    original = store.path.read_text(encoding="utf-8")
    _apply(store, Edit("set", ("term", "duration"), "Three years"))
    _apply(store, Edit("set", ("term", "duration"), None))
    assert store.path.read_text(encoding="utf-8") == original


def test_a_change_made_in_a_text_editor_meanwhile_is_noticed_not_overwritten(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    seen = store.state.revision
    edited = store.path.read_text(encoding="utf-8").replace("version: \"0.3\"", "version: \"0.4\"")
    store.path.write_text(edited, encoding="utf-8")
    with pytest.raises(Conflict):
        store.apply(Edit("set", ("agreement", "title"), "Another title"), seen)
    assert store.path.read_text(encoding="utf-8") == edited
    assert store.current().data["agreement"]["version"] == "0.4"


def test_a_change_with_the_same_size_and_time_is_still_noticed(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    info = store.path.stat()
    edited = store.path.read_text(encoding="utf-8").replace("0.3", "0.4", 1)
    store.path.write_text(edited, encoding="utf-8")
    os.utime(store.path, ns=(info.st_atime_ns, info.st_mtime_ns))
    store._stamp = (info.st_mtime_ns, info.st_size)  # as if the editor kept both: only the hash can tell
    assert store.current().data["agreement"]["version"] == "0.3"  # a stamp that matches is trusted...
    with pytest.raises(Conflict):  # ...but an edit checks the bytes
        store.apply(Edit("set", ("agreement", "title"), "x"), "stale")


def test_adding_an_entry_makes_its_id_and_marks_its_texts_to_write(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    before, after = _apply(store, Edit("add", ("parties",)))
    assert _changed(before, after) == ["+  - id: party-4", "+    name: '[Name]'"]
    assert _comments(after) == _comments(before)
    assert any(f.rule == "AB002" and f.path == "/parties/3" for f in store.state.findings)  # its sector is asked


def test_removing_the_last_entry_keeps_the_next_sections_heading_comment(tmp_path: Path) -> None:
    starter = tmp_path / "starter.yaml"
    shutil.copyfile(STARTER, starter)
    store = Store(starter, schema())
    count = len(store.state.data["parties"])
    before, after = _apply(store, Edit("remove", ("parties", count - 1)))
    lost = [c for c in _comments(before) if c not in _comments(after)]
    assert all(line.startswith("-  ") or line == "-" for line in _changed(before, after))
    assert len(store.state.data["parties"]) == count - 1
    # Only comments inside the removed entry may go; every heading comment stays.
    assert all(not line.startswith("# ") or "|" in line for line in lost)


def test_moving_an_entry_reorders_the_list_and_back_again_restores_the_file(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    original = store.path.read_text(encoding="utf-8")
    _apply(store, Edit("move", ("parties", 0), to=2))
    assert [p["id"] for p in store.state.data["parties"]] == ["nhse", "ecr", "emc"]
    _apply(store, Edit("move", ("parties", 2), to=0))
    assert store.path.read_text(encoding="utf-8") == original


def test_a_new_section_goes_where_the_schema_puts_it(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    _apply(store, Edit("set", ("disputes", "principles"), "Talk first."))
    keys = list(store.state.data)
    assert keys.index("risk") < keys.index("disputes") < keys.index("supervision")


def test_a_waiver_added_from_a_finding_waives_it(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    finding = next(f for f in store.state.findings if f.rule == "AB217")
    store.apply(Edit("add", ("waivers",), {"rule": "AB217", "path": finding.path, "reason": "No terms need it."}),
                store.state.revision)
    assert next(f for f in store.state.findings if f.rule == "AB217").waived == "No terms need it."


def test_an_edit_to_a_path_that_is_not_a_group_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    before = store.path.read_bytes()
    with pytest.raises(EditRefused):
        store.apply(Edit("set", ("agreement", "title", "deeper"), "x"), store.state.revision)
    assert store.path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_a_typed_number_is_written_as_a_number_and_a_non_number_as_the_text_typed(tmp_path: Path) -> None:
    store = _store(tmp_path, "first-draft.yaml")
    path = ("exit_strategy", "notice_months")
    assert coerce(store.schema, store.state.data, path, "12", "number") == 12
    assert coerce(store.schema, store.state.data, path, "twelve", "number") == "twelve"
    assert coerce(store.schema, store.state.data, ("agreement", "time_limited"), "true", "boolean") is True
    assert coerce(store.schema, store.state.data, path, "", "number") is None
