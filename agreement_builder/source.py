"""Reading an input file: bytes -> text -> data, with the source position of every node."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import yaml

from . import slips
from .errors import InputError, UnreadableError
from .files import read_file

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 200_000
STDIN = "-"
_TOO_BIG = f"is larger than {MAX_BYTES // (1024 * 1024)} MB; an agreement is never this big"
_TOO_MANY = f"holds more than {MAX_NODES:,} values; an agreement is never this big"

JsonPath = tuple[str | int, ...]


class Position(NamedTuple):
    """A 1-based line and column in the input file, as messages give them (`Document.locate` makes these)."""

    line: int
    column: int


class Mark(Protocol):
    """Where a node starts, counted from 0: the YAML parser's own marks, kept as they come (converting each to
    a pair cost an eighth of the loader's work), or `ZeroBased` pairs."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class ZeroBased(NamedTuple):
    """A `Mark` made here rather than by the YAML parser (JSON input, tests)."""

    line: int
    column: int


@dataclass(frozen=True)
class Document:
    """One parsed input file: its data, where each value and key stands in the source, and the source."""

    file: str
    data: Any
    values: dict[JsonPath, Mark] = field(repr=False)
    keys: dict[JsonPath, Mark] = field(repr=False)
    text: str = field(repr=False)
    json: bool = False  # read as JSON (by its name, or standard input beginning with { or [), not YAML

    def locate(self, path: JsonPath, *, key: bool = False) -> Position:
        """The position of the value at ``path`` (or of its key); for a missing node, its nearest parent."""
        table = self.keys if key else self.values
        if path in table:
            return _at(table[path])
        while path:
            path = path[:-1]
            if path in self.values:
                return _at(self.values[path])
        return Position(1, 1)


def pointer(path: JsonPath) -> str:
    """A JSON pointer (RFC 6901) for ``path``, the form findings show."""
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path) if path else ""


def load(name: str) -> Document:
    """Read and parse a YAML or JSON file (or ``-`` for standard input)."""
    label = "<stdin>" if name == STDIN else name
    raw = _read_bytes(name, label)
    text, utf8 = _decode(raw, label)
    if _is_json(name, text):
        return _load_json(text, label)
    return _load_yaml(text, utf8, label)


def read_lines(name: str) -> list[str] | None:
    """The lines of a file as `load` reads them (for showing the source under a finding); None when it cannot
    be read again (standard input, a file gone or undecodable)."""
    if name == STDIN or name.startswith("<"):
        return None
    try:
        # Regular files only: a FIFO was read once already, and a second read would wait for a writer for ever.
        raw = read_file(Path(name), MAX_BYTES)
    except OSError:
        return None
    try:
        return _decode(raw, name)[0].splitlines() if len(raw) <= MAX_BYTES else None
    except InputError:
        return None


def _read_bytes(name: str, label: str) -> bytes:
    try:
        if name == STDIN:
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            path = Path(name)
            if path.is_dir():
                raise UnreadableError(label, "is a folder, not a file")
            if path.stat().st_size > MAX_BYTES:
                raise InputError(label, _TOO_BIG)
            with path.open("rb") as f:
                raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError as e:
        raise UnreadableError(label, "no such file") from e
    except PermissionError as e:
        raise UnreadableError(label, "cannot be read: permission denied") from e
    except OSError as e:
        raise UnreadableError(label, f"cannot be read: {e.strerror or e}") from e
    if len(raw) > MAX_BYTES:
        raise InputError(label, _TOO_BIG)
    return raw


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _decode(raw: bytes, label: str) -> tuple[str, bytes]:
    """The text of a file, and the same text as UTF-8 (what the YAML parser reads)."""
    encoding = _sniff(raw)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raw, encoding = raw[len(bom):], name
            break
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        hint = "save it as UTF-8" if b"\x00" not in raw[:4096] else "it looks like a binary file, not YAML or JSON"
        raise InputError(label, f"is not valid {encoding.upper()} text (byte 0x{raw[e.start]:02x}); {hint}",
                         line, column) from e
    utf8 = raw if encoding == "utf-8" else text.encode("utf-8")
    bad = _FORBIDDEN.search(text) if _may_hold_forbidden(utf8) else None
    if bad:
        where = _offset_at(text, bad.start())
        raise InputError(label, f"contains the control character U+{ord(bad.group()):04X}, which a text file "
                         "cannot hold; delete it", where.line, where.column)
    return text, utf8


def _sniff(raw: bytes) -> str:
    """The encoding of a file without a byte order mark, from where the zero bytes of its first character
    fall (the rule of YAML 1.2, section 5.2; an agreement starts with an ASCII character)."""
    head = raw[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0":
        return "utf-32-be"
    if len(head) == 4 and head[1:] == b"\0\0\0":
        return "utf-32-le"
    if len(head) >= 2 and head[0] == 0:
        return "utf-16-be"
    if len(head) >= 2 and head[1] == 0:
        return "utf-16-le"
    return "utf-8"


# Characters that neither YAML nor XML accepts in a file: C0 controls but tab, LF, CR; and surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _may_hold_forbidden(utf8: bytes) -> bool:
    """Whether decoded text may hold a `_FORBIDDEN` character: a quick test on its UTF-8 bytes, since the
    pattern costs about 60 instructions a character. Control characters are single bytes in UTF-8 (never part
    of a longer sequence), U+FFFE and U+FFFF have one encoding each, and strict decoding lets no surrogate in."""
    return (len(utf8.translate(None, _CONTROL_BYTES)) != len(utf8) or b"\xef\xbf\xbe" in utf8
            or b"\xef\xbf\xbf" in utf8)


def _is_json(name: str, text: str) -> bool:
    if name == STDIN:
        return text.lstrip()[:1] in ("{", "[")
    return name.lower().endswith(".json")


# ---------------------------------------------------------------- JSON


def _load_json(text: str, label: str) -> Document:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise _DuplicateKey(key)
            result[key] = value
        return result

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    if not text.strip():
        return Document(label, None, {}, {}, text, json=True)  # empty, as an empty YAML file is: validate says so
    overflow: list[int | float] = []

    def number(parse: Callable[[str], int | float]) -> Callable[[str], int | float]:
        def checked(text: str) -> int | float:
            value = parse(text)
            if not _finite(value):
                overflow.append(value)
            return value
        return checked

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=number(_whole),
                          parse_float=number(float))
    except json.JSONDecodeError as e:
        raise InputError(label, f"is not valid JSON: {_json_reason(e.msg, text, e.pos)}", e.lineno, e.colno) from e
    except _DuplicateKey as e:
        where = _at(_locate_json(text, label)[2])
        raise InputError(label, f"the key '{e.key}' appears twice in the same object", where.line, where.column) from e
    except RecursionError as e:
        raise InputError(label, f"is nested too deeply (more than {MAX_DEPTH} levels)") from e
    except ValueError as e:
        raise InputError(label, f"is not valid JSON: {e}") from e
    values, keys, _ = _locate_json(text, label)
    if len(values) and max(len(p) for p in values) > MAX_DEPTH:
        raise InputError(label, f"is nested too deeply (more than {MAX_DEPTH} levels)")
    doc = Document(label, data, values, keys, text, json=True)
    _check_values(doc, risky="\\" in text or bool(overflow))
    return doc


def _locate_json(text: str, label: str) -> tuple[dict[JsonPath, Mark], dict[JsonPath, Mark], Mark | None]:
    try:
        return _json_positions(text)
    except _TooMany as e:
        where = _at(e.where)
        raise InputError(label, _TOO_MANY, where.line, where.column) from e


class _TooMany(Exception):
    def __init__(self, where: Mark) -> None:
        super().__init__(where)
        self.where = where


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _json_reason(msg: str, text: str, pos: int) -> str:
    rest = text[pos:pos + 2]
    if rest.startswith(("//", "/*")):
        return "JSON cannot hold comments; remove them (or write the file as YAML)"
    if pos >= len(text.rstrip()) or msg.startswith("Unterminated string"):
        return "the file ends too soon; is it cut short?"
    if msg.startswith("Expecting property name") or (msg.startswith("Expecting value") and text[pos] in "]}"):
        return "a trailing comma or a missing value; JSON allows no comma before } or ]"
    return msg[0].lower() + msg[1:]


# The tokens of JSON text, found one after another by finditer, which steps over the spaces between them. (A
# leading `\s*` made a long run of spaces quadratic: each try from inside the run consumed the rest of it.)
_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^\s{}\[\]:,"]+)', re.S)


def _json_positions(text: str) -> tuple[dict[JsonPath, Mark], dict[JsonPath, Mark], Mark | None]:
    """Positions of every value and key in a JSON text ``json.loads`` accepts, and of the first repeated key.

    Raises ``_TooMany`` past MAX_NODES values: a table of millions of positions would cost gigabytes.
    """
    values: dict[JsonPath, Mark] = {}
    keys: dict[JsonPath, Mark] = {}
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(offset: int) -> Mark:
        line = _bisect(line_starts, offset)
        return ZeroBased(line, offset - line_starts[line])

    # Each stack entry: [path, is_object, next index, pending key, expecting key]
    stack: list[list[Any]] = []
    path: JsonPath = ()
    duplicate: Mark | None = None
    for m in _TOKEN.finditer(text):
        string, punct, atom = m.groups()
        start = m.start(1) if string else m.start(2) if punct else m.start(3)
        if punct in (":", ","):
            if punct == "," and stack and stack[-1][1]:
                stack[-1][4] = True
            continue
        if punct in ("}", "]"):
            stack.pop()
            continue
        top = stack[-1] if stack else None
        if top is not None and top[1] and top[4]:
            key = json.loads(string)
            top[3] = key
            top[4] = False
            if top[0] + (key,) in keys and duplicate is None:
                duplicate = position(start)
            keys[top[0] + (key,)] = position(start)
            continue
        if top is None:
            path = ()
        elif top[1]:
            path = top[0] + (top[3],)
        else:
            path = top[0] + (top[2],)
            top[2] += 1
        where = values[path] = position(start)
        if len(values) > MAX_NODES:
            raise _TooMany(where)
        if punct in ("{", "["):
            stack.append([path, punct == "{", 0, None, punct == "{"])
    return values, keys, duplicate


def _bisect(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi - 1:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo


# ---------------------------------------------------------------- YAML

# The plain scalars that are not text: these words, and what starts like a number.
_KEYWORDS = {"": None, "~": None, "null": None, "Null": None, "NULL": None, "true": True, "True": True, "TRUE": True,
             "false": False, "False": False, "FALSE": False}
_NUMERIC = frozenset("0123456789+-.")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


def _resolve(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar under the YAML 1.2 core schema: `no`, `on` and dates stay strings."""
    value: str = event.value
    if event.style or event.tag in ("!", "tag:yaml.org,2002:str"):
        return value
    if event.tag is not None:
        raise ValueError(f"the tag {event.tag} is not supported; remove it")
    if value in _KEYWORDS:
        return _KEYWORDS[value]
    if value[:1] not in _NUMERIC:  # most values are words: skip the patterns below
        return value
    number: int | float
    if _INT.match(value):
        number = _whole(value)
    elif _OCT.match(value):
        number = _whole(value[2:], 8)
    elif _HEX.match(value):
        number = _whole(value[2:], 16)
    elif _SPECIAL_FLOAT.match(value):
        return value
    elif _FLOAT.match(value):
        number = float(value)
    else:
        return value
    if not _finite(number):
        raise ValueError(_TOO_LARGE)
    return number


class _Builder:
    """Builds data from YAML parser events without recursion, keeping positions and bounding aliases."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.values: dict[JsonPath, Mark] = {}
        self.keys: dict[JsonPath, Mark] = {}
        self.anchors: dict[str, Any] = {}
        self.nodes = 0
        self.copied = 0

    def fail(self, mark: Any, message: str) -> InputError:
        where = _at(mark)
        return InputError(self.label, message, where.line, where.column)

    def build(self, events: Iterator[Any]) -> Any:
        # Stack entries: [container, path, path of the pending key or None, anchor, is_mapping]. This loop runs
        # once per node of every file linted, so plain keys and scalars are handled inline and the rest in
        # methods, and positions are the parser's marks, unconverted.
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        values, keys = self.values, self.keys
        nodes = self.nodes
        for event in events:
            kind = type(event)
            if kind is _MAPPING_END or kind is _SEQUENCE_END:
                container, _, _, anchor, _ = stack.pop()
                if anchor:
                    self.anchors[anchor] = container
                continue
            if kind not in _NODE_EVENTS:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise self.fail(event.start_mark, "holds more than one YAML document; keep one agreement "
                                        "a file")
                continue
            mark = event.start_mark
            if stack:
                top = stack[-1]
                if top[4]:
                    if top[2] is None:  # a key: its path is the path of the value that follows
                        key = event.value if kind is _SCALAR else None
                        if key is None or key in top[0] or key == "<<":
                            key = self._key(event, top)  # says what is wrong, or allows a quoted "<<"
                        path = top[1] + (key,)
                        keys[path] = mark
                        top[2] = path
                        continue
                    path = top[2]
                else:
                    path = top[1] + (len(top[0]),)
            else:
                top, path = None, ()
            nodes += 1
            if nodes > MAX_NODES:
                raise self.fail(mark, _TOO_MANY)
            values[path] = mark
            if kind is _SCALAR and not (event.tag or event.anchor) and (
                    event.style or (event.value[:1] not in _NUMERIC and event.value not in _KEYWORDS)):
                value = event.value  # text, quoted or not: the commonest case by far
            else:
                self.nodes = nodes  # aliases count the values they copy
                value = self._value(event, path, stack)
                nodes = self.nodes
            if top is None:
                root = value
            elif top[4]:
                top[0][path[-1]] = value
                top[2] = None
            else:
                top[0].append(value)
        self.nodes = nodes
        return root

    def _key(self, event: yaml.Event, top: list[Any]) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            raise self.fail(event.start_mark, "a key must be plain text, not a list, a mapping or an alias")
        key = event.value
        if key == "<<" and not event.style:
            raise self.fail(event.start_mark, "merge keys (<<) are not part of YAML 1.2; write the keys out in full")
        if key in top[0]:
            raise self.fail(event.start_mark, f"the key '{key}' appears twice in the same mapping")
        return key

    def _value(self, event: yaml.Event, path: JsonPath, stack: list[list[Any]]) -> Any:
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event, path)
        if isinstance(event, yaml.ScalarEvent):
            try:
                value = _resolve(event)
            except ValueError as e:
                raise self.fail(event.start_mark, str(e)) from e
            if event.anchor:
                self.anchors[event.anchor] = value
            return value
        assert isinstance(event, yaml.CollectionStartEvent)
        if event.tag is not None and event.tag not in ("!", _MAP_TAG, _SEQ_TAG):
            raise self.fail(event.start_mark, f"the tag {event.tag} is not supported; remove it")
        if len(stack) >= MAX_DEPTH:
            raise self.fail(event.start_mark, f"is nested too deeply (more than {MAX_DEPTH} levels)")
        container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        stack.append([container, path, None, event.anchor, isinstance(container, dict)])
        return container

    def _alias(self, event: yaml.AliasEvent, path: JsonPath) -> Any:
        if event.anchor not in self.anchors:
            raise self.fail(event.start_mark, f"the alias *{event.anchor} refers to no anchor defined before it")
        # Nodes inside the copy have no positions of their own: locate() finds the alias for them.
        return self._copy(self.anchors[event.anchor], event)

    def _copy(self, value: Any, event: yaml.Event) -> Any:
        pending: list[tuple[Any, Any]] = []
        result = self._shell(value, pending, event)
        while pending:
            source, target = pending.pop()
            for key, item in (source.items() if isinstance(source, dict) else enumerate(source)):
                child = self._shell(item, pending, event)
                if isinstance(target, dict):
                    self._count_text(event, str(key))
                    target[key] = child
                else:
                    target.append(child)
        return result

    def _shell(self, value: Any, pending: list[tuple[Any, Any]], event: yaml.Event) -> Any:
        self._count_copy(event)
        if isinstance(value, (dict, list)):
            shell: Any = type(value)()
            pending.append((value, shell))
            return shell
        if isinstance(value, str):
            self._count_text(event, value)
        return value

    def _count_copy(self, event: yaml.Event) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(event.start_mark, f"expands to more than {MAX_NODES:,} values (aliases repeated "
                            "inside aliases?); an agreement is never this big")

    def _count_text(self, event: yaml.Event, text: str) -> None:
        # A long text repeated by aliases costs nothing here but everything later: bound the copies too.
        self.copied += len(text)
        if self.copied > MAX_BYTES:
            raise self.fail(event.start_mark, f"repeats more than {MAX_BYTES // (1024 * 1024)} MB of text through "
                            "aliases; an agreement is never this big")


def _offset_at(text: str, offset: int) -> Position:
    """The line and column (1-based) of the character at ``offset`` in ``text``."""
    start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - start + 1)


def _at(mark: Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


def _load_yaml(text: str, utf8: bytes, label: str) -> Document:
    builder = _Builder(label)
    parser = _LOADER(utf8)  # bytes: given text, the parser would encode it to UTF-8 itself
    try:
        data = builder.build(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as e:
        where = _at(e.problem_mark or e.context_mark)
        slip = None if _tab_indented(e, text, where.line) else slips.explain(text, where.line)
        if slip is not None:
            raise InputError(label, slip.message, slip.line, slip.column) from e
        raise InputError(label, _yaml_reason(e, text, where.line), where.line, where.column) from e
    except yaml.reader.ReaderError as e:
        # A character YAML does not accept in a file though decoding let it through: a C1 control (U+0080 to
        # U+009F, but U+0085). The parser stops at the first, so the first of that character is the one.
        char = chr(e.character) if isinstance(e.character, int) else e.character
        where = _offset_at(text, max(text.find(char), 0))
        raise InputError(label, f"contains the control character U+{ord(char):04X}, which YAML does not accept in a "
                         "file; delete it", where.line, where.column) from e
    except yaml.YAMLError as e:
        raise InputError(label, f"is not valid YAML: {e}") from e
    finally:
        parser.dispose()
    if not text.isascii() and slips.has_lookalike_space(text):
        _check_keys(builder.keys, label)
    doc = Document(label, data, builder.values, builder.keys, text)
    _check_values(doc, risky="\\" in text)
    return doc


def _check_keys(keys: dict[JsonPath, Mark], label: str) -> None:
    for path, mark in keys.items():
        key = path[-1]
        where = _at(mark)
        slip = slips.pasted_key(key, where.line, where.column) if isinstance(key, str) else None
        if slip is not None:
            raise InputError(label, slip.message, slip.line, slip.column)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MAPPING_END, _SEQUENCE_END, _SCALAR = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.ScalarEvent
_NODE_EVENTS = frozenset({yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent})


def _tab_indented(e: yaml.MarkedYAMLError, text: str, line: int) -> bool:
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    return "\t" in here[: len(here) - len(here.lstrip())] or "'\\t'" in (e.problem or "")


def _yaml_reason(e: yaml.MarkedYAMLError, text: str, line: int) -> str:
    problem = e.problem or "a syntax error"
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if _tab_indented(e, text, line):
        return "replace the tab at the start of this line with spaces: a tab is used for indentation; YAML needs spaces"
    if "maximum nesting depth" in problem:
        return "is nested too deeply; an agreement needs only a few levels"
    if "mapping values are not allowed" in problem and e.problem_mark and _first_colon(here) == e.problem_mark.column:
        return "this line is indented more than the keys beside it; line the keys of one mapping up"
    if "mapping values are not allowed" in problem and here[_first_colon(here) + 1:].lstrip()[:1] in _CURLY:
        return ("type straight quotes (\") around this text instead of the curly ones: YAML does not count “ ” as "
                "quotes, so the colon inside the text reads as the start of another key")
    if "mapping values are not allowed" in problem:
        return "a colon followed by a space inside a value; put the value in quotes"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return f"is not valid YAML ({problem}); check the indentation of this line and the one before"
    return f"is not valid YAML ({problem})"


_CURLY = ("“", "‘", "„", "«")


def _first_colon(line: str) -> int:
    """The column (0-based) of the first ": " or final ":" in ``line``: where its key would end."""
    found = line.find(": ")
    return found if found >= 0 else len(line.rstrip()) - 1 if line.rstrip().endswith(":") else -1


def _whole(digits: str, base: int = 10) -> int | float:
    """``int(digits, base)``; infinity for more digits than Python converts, which _check_values then refuses."""
    return math.inf if len(digits) > _MAX_DIGITS else int(digits, base)


_MAX_DIGITS = 4000
_TOO_LARGE = "is too large to be a real amount; put it in quotes if it is meant as text"
_FLOAT_MAX = int(sys.float_info.max)


def _check_values(doc: Document, *, risky: bool) -> None:
    """Refuse strings that no file can hold exactly (lone surrogates, control characters from escapes), and
    numbers too large to print or compute with (1e999 reads as infinity; a 400-digit amount overflows).

    Only an escape can put such a character into a value (the raw text was checked when it was decoded), and
    YAML numbers are checked as they are read, so the walk runs only when the caller says the text is risky."""
    if not risky:
        return
    stack: list[tuple[JsonPath, Any]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in value.items())
            texts: list[tuple[JsonPath, str]] = [(path + (k,), k) for k in value]
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
            texts = []
        else:
            texts = [(path, value)] if isinstance(value, str) else []
            if isinstance(value, (int, float)) and not isinstance(value, bool) and not _finite(value):
                pos = doc.locate(path)
                raise InputError(doc.file, f"the number at {pointer(path)} {_TOO_LARGE}", pos.line, pos.column)
        for where, text in texts:
            bad = _FORBIDDEN.search(text)
            if bad:
                pos = doc.locate(where)
                raise InputError(doc.file, f"the text at {pointer(where)} holds U+{ord(bad.group()):04X}, which is "
                                 "not a character a document can hold; remove that escape", pos.line, pos.column)


def _finite(number: int | float) -> bool:
    return math.isfinite(number) if isinstance(number, float) else abs(number) <= _FLOAT_MAX
