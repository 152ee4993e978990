"""The loader: data and positions from YAML and JSON, and a clear located error for each kind of bad input."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from agreement_builder.errors import InputError, UnreadableError
from agreement_builder.lint import validate
from agreement_builder.source import (
    _FORBIDDEN,
    MAX_BYTES,
    MAX_NODES,
    Position,
    _first_colon,
    _may_hold_forbidden,
    _tab_indented,
    load,
    pointer,
    read_lines,
)


def test_yaml_positions_cover_nested_keys_and_list_items(write):
    doc = load(write("a.yaml", "agreement:\n  title: T\nparties:\n  - id: a\n    name: A\n  - id: b\n"))
    assert doc.locate(("agreement", "title")) == Position(2, 10)
    assert doc.locate(("agreement", "title"), key=True) == Position(2, 3)
    assert doc.locate(("parties", 0)) == Position(4, 5)
    assert doc.locate(("parties", 1, "id")) == Position(6, 9)
    assert doc.locate(("parties", 0, "name"), key=True) == Position(5, 5)


def test_json_positions_cover_nested_keys_and_list_items(write):
    doc = load(write("a.json", '{"agreement": {"title": "T"},\n "parties": [{"id": "a"},\n  {"id": "b"}]}'))
    assert doc.data == {"agreement": {"title": "T"}, "parties": [{"id": "a"}, {"id": "b"}]}
    assert doc.locate(("agreement", "title")) == Position(1, 25)
    assert doc.locate(("parties",), key=True) == Position(2, 2)
    assert doc.locate(("parties", 1)) == Position(3, 3)
    assert doc.locate(("parties", 1, "id")) == Position(3, 10)


def test_json_positions_survive_escaped_quotes_and_brackets_in_strings(write):
    doc = load(write("a.json", '{"a": "x\\"]}{", "b": [1, "[", {"c": 2}]}'))
    assert doc.locate(("b", 2, "c")) == Position(1, 37)


def test_missing_node_is_located_at_its_nearest_parent(write):
    doc = load(write("a.yaml", "agreement:\n  title: T\n"))
    assert doc.locate(("agreement", "status")) == Position(2, 3)
    assert doc.locate(("finance",)) == Position(1, 1)


@pytest.mark.parametrize("text", ["no", "on", "off", "yes", "2026-01-01", "1:20", "Norway"])
def test_yaml_words_that_yaml_1_1_turns_into_other_types_stay_strings(write, text):
    assert load(write("a.yaml", f"a: {text}\n")).data == {"a": text}


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False),
    ("12", 12), ("1.5", 1.5), ("", None), ("~", None), ("null", None), ("Null", None), ("NULL", None), ("0x1f", 31),
    ('"12"', "12"), ("'true'", "true"), ("!!str 12", "12"), ("! 12", "12"), ('&n "12"', "12"), ("&n TRUE", True),
    ("&n Norway", "Norway")])
def test_yaml_core_schema_values_resolve(write, text, value):
    assert load(write("a.yaml", f"a: {text}\n")).data == {"a": value}


def test_crlf_line_endings_are_read(write):
    doc = load(write("a.yaml", "a: 1\r\nb: two\r\n"))
    assert doc.data == {"a": 1, "b": "two"}
    assert doc.locate(("b",)) == Position(2, 4)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_files_with_a_byte_order_mark_are_decoded(tmp_path: Path, encoding):
    path = tmp_path / "a.yaml"
    path.write_bytes("a: Łódź\n".encode(encoding))
    assert load(str(path)).data == {"a": "Łódź"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_byte_order_mark_in_either_byte_order_decodes_and_a_second_is_not_read_as_another(tmp_path: Path,
                                                                                           encoding):
    # Two marks: a UTF-32-LE mark followed by a second one begins like a UTF-16-LE mark too; the first mark
    # found decides the encoding (and YAML drops the second as it drops any mark at the start).
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeff\ufeffa: Łódź\n".encode(encoding))
    assert load(str(path)).data == {"a": "Łódź"}


def _error(path: str) -> InputError:
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value


@pytest.mark.parametrize(("name", "text", "line", "column", "words"), [
    ("dup.yaml", "a: 1\nb: 2\na: 3\n", 3, 1, "appears twice"),
    ("dup.json", '{"a": 1,\n "b": {"c": 1, "c": 2}}', 2, 16, "appears twice"),
    ("tab.yaml", "a:\n\tb: 1\n", 2, 1, "tab"),
    ("merge.yaml", "a: &x {b: 1}\nc:\n  <<: *x\n", 3, 3, "merge keys"),
    ("trailing.json", '{"a": 1,}', 1, 9, "trailing comma"),
    ("comment.json", '{"a": 1 // note\n}', 1, 9, "comments"),
    ("truncated.json", '{"a": [1, 2', 1, 12, "JSON"),
    ("surrogate.json", '{"a": "\\ud800"}', 1, 7, "U+D800"),
    ("nul.yaml", "a: b\x00c\n", 1, 5, "U+0000"),
    ("escaped-control.yaml", 'a: "b\\x01"\n', 1, 4, "U+0001"),
    ("two-documents.yaml", "a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
    ("tag.yaml", "a: !!binary aGk=\n", 1, 4, "tag"),
    ("colon.yaml", "a: b: c\n", 1, 5, "quotes"),
    ("undefined-alias.yaml", "a: *nope\n", 1, 4, "no anchor"),
    ("deep.json", "[" * 10_000 + "]" * 10_000, 1, 1, "nested too deeply"),
    ("deep.yaml", "a: " + "[" * 10_000 + "]" * 10_000 + "\n", 1, 1003, "nested too deeply"),
])
def test_bad_input_gives_a_located_error(write, name, text, line, column, words):
    error = _error(write(name, text))
    assert (error.line, error.column) == (line, column), str(error)
    assert words in error.message
    assert "\n" not in str(error)


def test_alias_bomb_is_refused_quickly(write):
    lines = ["a: &a [x,x,x,x,x,x,x,x,x,x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    error = _error(write("bomb.yaml", "\n".join(lines) + "\n"))
    assert "expands to more than" in error.message


def test_a_few_aliases_are_expanded(write):
    doc = load(write("a.yaml", "x: &p {id: b}\ny: *p\n"))
    assert doc.data == {"x": {"id": "b"}, "y": {"id": "b"}}
    assert doc.data["y"] is not doc.data["x"]


def test_invalid_utf8_is_located(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: ok\nb: h\xffllo\n")
    error = _error(str(path))
    assert (error.line, error.column) == (2, 5)
    assert "UTF-8" in error.message


@pytest.mark.parametrize(("raw", "line", "column"), [
    (b"\nab: h\xffllo\n", 2, 6),  # after an empty first line
    (b"ab: h\xffllo\n", 1, 6),
])
def test_an_invalid_byte_is_located_on_its_own_line(tmp_path: Path, raw: bytes, line: int, column: int):
    path = tmp_path / "a.yaml"
    path.write_bytes(raw)
    assert (_error(str(path)).line, _error(str(path)).column) == (line, column)


@pytest.mark.parametrize(("text", "line", "column"), [("\nab: c\x01d\n", 2, 6), ("ab: c\x01d\n", 1, 6)])
def test_a_control_character_is_located_on_its_own_line(write, text: str, line: int, column: int):
    error = _error(write("a.yaml", text))
    assert (error.line, error.column, "U+0001" in error.message) == (line, column, True)


def test_a_binary_file_is_refused(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    assert "binary" in _error(str(path)).message


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    assert "larger than" in _error(str(path)).message


@pytest.mark.parametrize("depth", [100, 101])
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_hundred_levels_of_nesting_are_read_and_one_more_is_refused(write, depth: int, suffix: str):
    def nested(levels: int) -> str:
        return "[" * levels + "1" + "]" * levels

    # In the YAML file the mapping holding `a` is the first level.
    name = write("deep" + suffix, nested(depth) if suffix == ".json" else f"a: {nested(depth - 1)}\n")
    if depth == 100:
        assert load(name).data is not None
    else:
        assert _error(name).message == "is nested too deeply (more than 100 levels)"


FIVE_MB = 5 * 1024 * 1024  # the limit the README states, written out here so that a change to it is noticed


@pytest.mark.parametrize("size", [FIVE_MB, FIVE_MB + 1])
@pytest.mark.parametrize("from_stdin", [False, True], ids=["file", "stdin"])
def test_an_input_of_exactly_five_megabytes_is_read_and_one_byte_more_is_refused(tmp_path: Path, monkeypatch,
                                                                                 size: int, from_stdin: bool):
    data = b'{"a": 1}'.rjust(size, b" ")  # JSON after spaces: a byte left unread would cut it short
    if from_stdin:
        monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": io.BytesIO(data)})())
        name = "-"
    else:
        name = str(tmp_path / "big.json")
        Path(name).write_bytes(data)
    if size == FIVE_MB:
        assert load(name).data == {"a": 1}
        # and a finding's excerpt can show its lines (standard input cannot be read twice)
        assert (read_lines(name) is None) is from_stdin
    else:
        assert read_lines(name) is None
        with pytest.raises(InputError) as caught:
            load(name)
        assert caught.value.message == "is larger than 5 MB; an agreement is never this big"


def test_a_folder_is_not_a_file(tmp_path: Path):
    assert "folder" in _error(str(tmp_path)).message


def test_pointer_escapes_slashes_and_tildes():
    assert pointer(("a/b", 0, "c~d")) == "/a~1b/0/c~0d"
    assert pointer(()) == ""


def test_long_text_repeated_by_aliases_is_refused(write):
    # 2,000 copies of a 100 KB text: few values, but 200 MB of text for every later stage to scan and write.
    text = "x" * 100_000
    lines = [f"a: &t {text}", "b:"] + ["  - *t"] * 2_000
    error = _error(write("text-bomb.yaml", "\n".join(lines) + "\n"))
    assert "MB of text through aliases" in error.message
    assert error.line > 2


def test_json_with_more_values_than_the_limit_is_refused_at_the_value_past_it_not_at_its_key(write):
    text = '{"a": [' + ",".join(["1"] * (MAX_NODES - 2)) + '], "b": 7}'
    error = _error(write("wide.json", text))
    assert "holds more than 200,000 values" in error.message
    assert (error.line, error.column) == (1, text.index("7") + 1)


def test_yaml_with_more_values_than_the_limit_does_not_blame_aliases(write):
    error = _error(write("wide.yaml", "a:\n" + "  - 1\n" * (MAX_NODES + 1)))
    assert "holds more than 200,000 values" in error.message


@pytest.mark.parametrize(("name", "number", "line", "column"), [
    ("float.yaml", "1e999", 2, 5),
    ("digits.yaml", "9" * 400, 2, 5),
    ("many-digits.yaml", "9" * 5_000, 2, 5),
    ("hex.yaml", "0x" + "f" * 300, 2, 5),
    ("float.json", "1e400", 2, 7),
    ("digits.json", "9" * 400, 2, 7),
    ("many-digits.json", "-" + "9" * 5_000, 2, 7),
])
def test_a_number_too_large_to_be_an_amount_is_refused_at_its_position(write, name, number, line, column):
    text = f'{{"a": 1,\n "b": {number}}}' if name.endswith(".json") else f"a: 1\nb: [{number}]\n"
    error = _error(write(name, text))
    assert "too large to be a real amount" in error.message
    assert (error.line, error.column) == (line, column), str(error)


@pytest.mark.parametrize("name", ["a.yaml", "a.json"])
def test_large_but_real_amounts_are_kept(write, name):
    json_text, yaml_text = '{"a": 12345678901234567890, "b": 1.5e300}', "a: 12345678901234567890\nb: 1.5e300\n"
    text = json_text if name.endswith(".json") else yaml_text
    assert load(write(name, text)).data == {"a": 12345678901234567890, "b": 1.5e300}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_files_without_a_byte_order_mark_are_decoded(tmp_path: Path, encoding):
    path = tmp_path / "a.yaml"
    path.write_bytes("a: Łódź\nb: 2\n".encode(encoding))
    assert load(str(path)).data == {"a": "Łódź", "b": 2}


@pytest.mark.parametrize("where", ["missing.yaml", ".", "file.yaml/inside.yaml"])
def test_a_path_that_cannot_be_read_is_an_error_of_its_own_not_a_finding(tmp_path: Path, where):
    (tmp_path / "file.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(UnreadableError) as caught:
        validate(str(tmp_path / where))
    assert str(caught.value).startswith(f"{tmp_path / where}: ")
    assert ":1:1:" not in str(caught.value)


@pytest.mark.parametrize(("name", "text", "line", "column", "words"), [
    ("empty.json", "", 1, 1, "is empty"),
    ("blank.json", " \n\n", 1, 1, "is empty"),
    ("cut-in-a-string.json", '{"a": {"b": "unfinish', 1, 13, "ends too soon"),
    ("cut-after-a-colon.json", '{"a": ', 1, 7, "ends too soon"),
    ("cut-after-a-comma.json", '{"a": [1,', 1, 10, "ends too soon"),
    ("trailing-comma.json", '{"a": [1,]}', 1, 10, "trailing comma"),
])
def test_json_that_is_empty_or_cut_short_says_so(write, name, text, line, column, words):
    checked = validate(write(name, text))
    [finding] = checked.findings
    assert (finding.line, finding.column) == (line, column), finding
    assert words in finding.message


@pytest.mark.parametrize("text", ["a: !!python/object/apply:os.system [echo]\n", "a: !!python/name:os.system {}\n",
                                  "a: !custom [1]\n"])
def test_a_tag_on_a_list_or_mapping_is_refused_like_one_on_text(write, text):
    error = _error(write("tag.yaml", text))
    assert (error.line, error.column) == (1, 4)
    assert "tag" in error.message and "not supported" in error.message


def test_explicit_standard_tags_on_lists_and_mappings_are_accepted(write):
    assert load(write("a.yaml", "a: !!seq [1]\nb: !!map {c: d}\n")).data == {"a": [1], "b": {"c": "d"}}


def test_a_key_indented_more_than_its_siblings_is_called_an_indentation_problem(write):
    error = _error(write("indent.yaml", "parties:\n  - id: a\n     name: A\n"))
    assert (error.line, error.column) == (3, 6)  # the key that is too deep, not the colon the parser stopped at
    assert error.message.startswith("line this key up with `id:` on line 2 (column 5)")
    assert "indented 1 space more" in error.message and "quotes" not in error.message


@given(st.text(st.characters(blacklist_categories=["Cs"])))
@example("clean text, £ and Ł")
@example("a bell \x07 inside")
@example("\ufffe")
@example("\uffff at the start")
@example("\x7f")
def test_the_quick_byte_test_finds_every_character_the_pattern_refuses(text: str):
    # Decoded text holds no surrogates (strict decoding refuses them), hence the blacklist.
    assert _may_hold_forbidden(text.encode("utf-8")) == bool(_FORBIDDEN.search(text))


def test_the_lines_of_standard_input_are_not_looked_for_in_a_file_of_its_name(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("-", "<stdin>"):
        (tmp_path / name).write_text("a: 1\n", encoding="utf-8")  # a file that happens to bear the name
        assert read_lines(name) is None


def test_a_file_that_cannot_be_read_for_a_reason_the_system_does_not_name_says_what_went_wrong(tmp_path: Path,
                                                                                              monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("the device went away")  # no errno, so no strerror

    monkeypatch.setattr(Path, "open", fail)
    with pytest.raises(UnreadableError) as caught:
        load(str(path))
    assert str(caught.value) == f"{path}: cannot be read: the device went away"


@pytest.mark.parametrize(("zero_at", "hint"), [(4095, "it looks like a binary file, not YAML or JSON"),
                                               (4096, "save it as UTF-8")])
def test_a_zero_byte_in_the_first_4_kb_of_an_undecodable_file_calls_it_binary(tmp_path: Path, zero_at: int,
                                                                                hint: str):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a:\n \xff".ljust(zero_at, b"b") + b"\x00")
    error = _error(str(path))
    assert error.message.endswith(hint)
    assert (error.line, error.column) == (2, 2)  # the byte that cannot be decoded, on its line


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_of_one_character_is_decoded(tmp_path: Path, encoding: str):
    path = tmp_path / "a.yaml"
    path.write_bytes("1".encode(encoding))  # two bytes, no byte order mark
    assert load(str(path)).data == 1


@pytest.mark.parametrize("code", [*(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)), 0x7F])
def test_every_control_character_a_text_file_cannot_hold_is_located(write, code: int):
    error = _error(write("a.yaml", f"a: 1\nb: x{chr(code)}y\n"))
    # Refused as the file is decoded, before the YAML parser (which would refuse most of them in other words).
    assert error.message == f"contains the control character U+{code:04X}, which a text file cannot hold; delete it"
    assert (error.line, error.column) == (2, 5)


@pytest.mark.parametrize("text", ['{"agreement": {"title": "T",}}', ' \n\t{"agreement": {"title": "T",}}'])
def test_standard_input_beginning_with_a_brace_is_read_as_json(monkeypatch, text: str):
    # YAML accepts a comma before }, JSON does not: the message shows which was read.
    monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": io.BytesIO(text.encode())})())
    with pytest.raises(InputError, match="trailing comma"):
        load("-")


def test_standard_input_beginning_otherwise_is_read_as_yaml(monkeypatch):
    monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": io.BytesIO(b"a: {b: 1,}\n")})())
    assert load("-").data == {"a": {"b": 1}}


def test_json_nested_deeper_than_the_parser_can_go_is_too_deeply_nested_not_too_big(write):
    error = _error(write("deep.json", "[" * 300_000 + "]" * 300_000))
    assert error.message == "is nested too deeply (more than 100 levels)"


def test_json_missing_a_value_says_so_in_the_parsers_words(write):
    error = _error(write("a.json", '{"agreement": nope}'))
    assert error.message == "is not valid JSON: expecting value"
    assert (error.line, error.column) == (1, 15)


def test_a_json_number_too_large_is_refused_when_it_is_the_only_number(write):
    error = _error(write("a.json", '{"b": 1e400}'))
    assert "too large to be a real amount" in error.message


def test_the_first_key_repeated_in_json_is_the_one_reported(write):
    error = _error(write("dup.json", '{"a": 1,\n "a": 2,\n "b": 1,\n "b": 2}'))
    assert (error.line, error.column, error.message) == (2, 2, "the key 'a' appears twice in the same object")


def test_a_json_value_at_the_start_of_a_line_is_located_there(write):
    doc = load(write("a.json", '{"a":\n1,\n"b":\n[2]}'))
    assert [doc.locate(("a",)), doc.locate(("b",)), doc.locate(("b", 0))] == [
        Position(2, 1), Position(4, 1), Position(4, 2)]


@pytest.mark.parametrize("name", ["wide.json", "wide.yaml"])
def test_exactly_as_many_values_as_the_limit_are_read(write, name: str):
    # The mapping, the list and its items: MAX_NODES values in all.
    items = MAX_NODES - 2
    text = '{"a": [' + ",".join(["1"] * items) + "]}" if name.endswith(".json") else "a:\n" + "  - 1\n" * items
    assert len(load(write(name, text)).data["a"]) == items


@pytest.mark.parametrize(("copies", "refused"), [(5, False), (6, True)])
def test_aliases_may_repeat_five_megabytes_of_text_and_no_more(write, copies: int, refused: bool):
    text = "x" * (MAX_BYTES // 5)
    path = write("copies.yaml", f"a: &t {text}\nb: [{', '.join(['*t'] * copies)}]\n")
    if refused:
        assert _error(path).message == ("repeats more than 5 MB of text through aliases; an agreement is never "
                                        "this big")
    else:
        assert load(path).data["b"] == [text] * copies


@pytest.mark.parametrize(("text", "column"), [("? [a]\n: 1\n", 3), ("{[a]: 1}\n", 2), ("{{a: 1}: 1}\n", 2),
                                              ("b: &k x\n*k : 1\n", 1)])
def test_a_key_that_is_a_list_a_mapping_or_an_alias_is_refused_at_it(write, text: str, column: int):
    error = _error(write("a.yaml", text))
    assert error.message == "a key must be plain text, not a list, a mapping or an alias"
    assert error.column == column


@pytest.mark.parametrize(("copies", "refused"), [(5, False), (6, True)])
def test_keys_repeated_by_aliases_count_towards_the_five_megabytes(write, copies: int, refused: bool):
    key = "k" * (MAX_BYTES // 5)
    path = write("copies.yaml", f"a: &t\n  ? {key}\n  : 1\nb: [{', '.join(['*t'] * copies)}]\n")
    if refused:
        assert "MB of text through aliases" in _error(path).message
    else:
        assert load(path).data["b"] == [{key: 1}] * copies


@pytest.mark.parametrize(("text", "line", "column", "message"), [
    ("-   vision: >-\n    One community team\n    therapy and repairs.\n", 3, 5,
     "is not valid YAML (could not find expected ':'); check the indentation of this line and the one before"),
    ("\ta: 1\n", 1, 1,
     "replace the tab at the start of this line with spaces: a tab is used for indentation; YAML needs spaces"),
    ("a: b\tc: d\n", 1, 7, "a colon followed by a space inside a value; put the value in quotes"),
    ("a: “x: y”\n", 1, 6, "type straight quotes (\") around this text instead of the curly ones: YAML does not count "
                          "“ ” as quotes, so the colon inside the text reads as the start of another key"),
    ("a: 1\nb: “x: y”\nc: 2\n", 2, 6, "type straight quotes (\") around this text instead of the curly ones: YAML "
                                      "does not count “ ” as quotes, so the colon inside the text reads as the start "
                                      "of another key"),
    ("“one\n“x:\ty”\n", 2, 3, "type straight quotes (\") around this text instead of the curly ones: YAML does not "
                              "count “ ” as quotes, so the colon inside the text reads as the start of another key"),
    ("a: [1, 2\n", 2, 1, "is not valid YAML (did not find expected ',' or ']')"),
])
def test_a_yaml_error_no_common_slip_explains_is_told_by_its_kind(write, text: str, line: int, column: int,
                                                                   message: str):
    error = _error(write("a.yaml", text))
    assert (error.line, error.column, error.message) == (line, column, message)


@pytest.mark.parametrize(("digits", "value"), [(4000, 1), (4001, None)])
def test_a_yaml_whole_number_of_4000_digits_is_read_and_a_longer_one_is_refused(write, digits: int, value):
    path = write("a.yaml", "a: " + "0" * (digits - 1) + "1\n")
    if value is None:
        assert "too large to be a real amount" in _error(path).message
    else:
        assert load(path).data == {"a": value}


def test_an_escaped_control_character_in_a_list_item_is_refused(write):
    error = _error(write("a.json", '{"a": ["ok", "b\\u0001"]}'))
    assert "/a/1 holds U+0001" in error.message


@pytest.mark.parametrize(("extra", "refused"), [("", False), ("d: 1\n", True)])
def test_aliases_may_expand_to_exactly_as_many_values_as_the_limit(write, extra: str, refused: bool):
    # The mapping, c, the anchored list and its k items, the list of m aliases, and k + 1 copied per alias:
    # (k + 2)(m + 1) + 2 values, which is MAX_NODES for k = 244 and m = 812.
    k, m = 244, 812
    assert (k + 2) * (m + 1) + 2 == MAX_NODES
    path = write("a.yaml", f"c: 1\na: &t [{', '.join(['1'] * k)}]\nb: [{', '.join(['*t'] * m)}]\n{extra}")
    if refused:
        assert "more than 200,000 values" in _error(path).message
    else:
        assert len(load(path).data["b"]) == m


def test_a_whole_number_as_large_as_the_largest_float_is_kept(write):
    largest = int(sys.float_info.max)
    assert load(write("a.json", f'{{"a": {largest}}}')).data == {"a": largest}
    assert "too large" in _error(write("b.json", f'{{"a": {largest + 1}}}')).message


def test_a_tab_the_parser_names_counts_as_indentation_with_a_tab():
    # The pure-Python parser names the tab it stopped at; the C parser does not, and the line is looked at.
    named = yaml.MarkedYAMLError(problem="found character '\\t' that cannot start any token")
    assert _tab_indented(named, "a: b\n", 1)
    assert not _tab_indented(yaml.MarkedYAMLError(problem="found character that cannot start any token"), "a: b\n", 1)


@pytest.mark.parametrize(("line", "column"), [("name: x", 4), ("  key:", 5), (": x", 0), ("a: b: c", 1),
                                              ("no colon", -1), ("url http://x", -1)])
def test_the_first_colon_is_where_a_key_on_the_line_would_end(line: str, column: int):
    assert _first_colon(line) == column


@pytest.mark.parametrize(("text", "line", "column"), [("a: ééé\nb: x{c}y\n", 2, 5), ("\nb: x{c}y\n", 2, 5),
                                                    ("{c}a: 1\n", 1, 1)])
@pytest.mark.parametrize("code", [0x80, 0x84, 0x86, 0x9F])
def test_a_c1_control_character_yaml_refuses_is_one_located_line(write, code: int, text: str, line: int,
                                                                  column: int):
    error = _error(write("a.yaml", text.format(c=chr(code))))
    assert error.message == (f"contains the control character U+{code:04X}, which YAML does not accept in a file; "
                             "delete it")
    assert (error.line, error.column) == (line, column)


@pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json_numbers(write, word: str):
    assert _error(write("a.json", f'{{"a": {word}}}')).message == f"is not valid JSON: {word} is not a JSON number"


@pytest.mark.parametrize(("text", "value"), [("0o17", 15), (".inf", ".inf"), ("-.Inf", "-.Inf"), (".nan", ".nan"),
                                              ('"<<"', None)])
def test_octal_numbers_are_read_and_special_floats_and_a_quoted_merge_key_stay_text(write, text: str, value):
    data = load(write("a.yaml", f"{text}: 1\n" if value is None else f"a: {text}\n")).data
    assert data == ({"<<": 1} if value is None else {"a": value})


def test_a_document_with_nothing_in_it_locates_everything_at_its_start(write):
    doc = load(write("a.yaml", "# nothing\n"))
    assert doc.locate(("agreement", "title")) == Position(1, 1)


def test_a_file_the_system_will_not_let_be_read_is_said_to_be_so(write, monkeypatch):
    path = write("a.yaml", "a: 1\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # root reads any file, so the refusal is made here
    with pytest.raises(UnreadableError, match="cannot be read: permission denied"):
        load(path)


def test_a_key_whose_space_was_typed_as_an_escape_is_read_as_written(write):
    # The check for a look-alike space pasted before a key looks at the raw text: an escape is deliberate.
    assert load(write("a.yaml", 'a: é\n"\\u00a0sector": x\n')).data == {"a": "é", "\u00a0sector": "x"}


@pytest.mark.parametrize(("name", "text", "json"), [("a.json", "{}", True), ("a.json", " ", True),
                                                    ("a.yaml", "{}", False), ("-", ' {"a": 1}', True),
                                                    ("-", "a: 1", False)])
def test_a_document_says_whether_it_was_read_as_json(write, monkeypatch, name: str, text: str, json: bool):
    if name == "-":
        monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": io.BytesIO(text.encode())})())
    else:
        name = write(name, text)
    assert load(name).json is json
