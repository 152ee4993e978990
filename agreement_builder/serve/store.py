"""The agreement file as the form edits it: each change written at once and atomically, checked by loading
it again, never over a change another program made meanwhile."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings, discover
from ..errors import AgreementError
from ..findings import Finding
from ..lint import Checked, lint_checked, validate
from .form import item_name
from .patch import Unpatchable, replace_scalar
from .schema_walk import Node, alternatives, defined_ids, node_at, plain, resolve

Path_ = tuple[str | int, ...]


class Conflict(AgreementError):
    """Raised when the file changed on disk (in a text editor, say) after the page last read it."""


class EditRefused(AgreementError):
    """Raised when an edit cannot be made: a path that is not in the form, a value that cannot be written."""


@dataclass(frozen=True)
class Edit:
    """One change the page asks for. ``set``: the value at ``path`` (None clears it); ``add``: a new entry at
    the end of the list at ``path`` (``value``, or a fresh one); ``remove``: the entry or key at ``path``;
    ``move``: the list entry at ``path`` to position ``to``."""

    op: str
    path: Path_
    value: Any = None
    to: int = 0


@dataclass(frozen=True)
class State:
    """The file as last read or written: its revision (a hash of its bytes), data, findings and ids; or, when
    it cannot be read as an agreement, ``problem`` says why."""

    revision: str
    data: Any
    findings: list[Finding]
    ids: dict[str, list[str]]
    problem: str = ""


class Store:
    """One agreement file; every method is safe to call from the server's threads."""

    def __init__(self, path: Path, schema: Node) -> None:
        self.path = path
        self.schema = schema
        self.settings: Settings = discover(path)
        self.lock = threading.Lock()
        self.is_json = path.suffix.lower() == ".json"
        self._tree: Any = None  # the round-trip YAML tree, and the text it was read from
        self._tree_text = ""
        self._read()

    # ------------------------------------------------------------ reading

    def _read(self) -> None:
        raw = self.path.read_bytes()
        self._stamp = _stamp(self.path)
        self.text = raw.decode("utf-8", errors="replace")
        self.state = self._state(validate(str(self.path)), hashlib.sha256(raw).hexdigest())

    def _state(self, checked: Checked, revision: str) -> State:
        if checked.document is None or checked.document.data is None:
            message = checked.findings[0].message if checked.findings else "holds no agreement"
            where = f"line {checked.findings[0].line}: " if checked.findings else ""
            return State(revision, None, checked.findings, {}, where + message)
        findings = [f for f in lint_checked(checked, self.settings.packs or None) if self.settings.wants(f.rule)]
        data = checked.document.data
        return State(revision, data, sorted(findings, key=_order), defined_ids(self.schema, data))

    def current(self) -> State:
        """The state, read again first if another program changed the file."""
        with self.lock:
            if self._changed_on_disk():
                self._read()
            return self.state

    def _changed_on_disk(self) -> bool:
        if _stamp(self.path) == self._stamp:
            return False
        revision = hashlib.sha256(self.path.read_bytes()).hexdigest()
        return revision != self.state.revision

    # ------------------------------------------------------------ writing

    def apply(self, edit: Edit, revision: str) -> State:
        """Make ``edit`` to the file the page saw as ``revision``; raises Conflict if the file is not that one."""
        with self.lock:
            if revision != self.state.revision or self._changed_on_disk():
                self._read()
                raise Conflict("the file was changed by another program (a text editor?) after this page read "
                               "it; reload the page to see the change, then make yours again")
            if self.state.data is None:
                raise EditRefused(f"the file cannot be read as an agreement ({self.state.problem}); correct it in "
                                  "a text editor, then reload the page")
            if edit.op == "add" and edit.value is None:  # made once, so every way of writing it writes the same
                node = node_at(self.schema, self.state.data, edit.path + (0,)) or {}
                name = item_name(self.schema, self.state.data, edit.path)
                edit = Edit("add", edit.path, fresh(self.schema, {"title": name} | node, self.state.ids))
            expected = copy.deepcopy(self.state.data)
            apply_edit(expected, edit, self.schema)
            if expected == self.state.data and _same_types(expected, self.state.data):
                return self.state
            for text in self._candidates(edit, expected):
                if self._write_checked(text, expected):
                    if not self.is_json and self._tree is not None and self._tree_text != text:
                        self._follow(edit, text)
                    return self.state
            raise EditRefused("this change could not be written without changing something else in the file, "
                              "so nothing was saved; make it in a text editor")

    def _candidates(self, edit: Edit, expected: Any) -> Iterator[str]:
        """New texts for the file, the most faithful to its layout first."""
        if self.is_json:
            yield _json_text(expected, self.text)
            return
        if edit.op == "set" and edit.value is not None and not isinstance(edit.value, (dict, list)):
            patched = None
            with suppress(Unpatchable):
                patched = replace_scalar(self.text, edit.path, edit.value)
            if patched is not None:
                yield patched
        for fresh in (False, True):
            if fresh or self._tree is None or self._tree_text != self.text:
                self._tree, self._tree_text = _yaml().load(self.text), self.text
            tree = self._tree
            try:
                with _tails_kept(tree, edit):
                    apply_edit(tree, edit, self.schema, _for_yaml)
            except EditRefused:
                self._tree = None
                continue
            out = io.StringIO()
            _yaml(self.text).dump(tree, out)
            self._tree_text = out.getvalue()
            yield self._tree_text

    def _follow(self, edit: Edit, text: str) -> None:
        """Keep the cached round-trip tree in step with a scalar rewritten in place (reading the tree again
        costs a third of a second on the complete sample); if that cannot be done, drop it."""
        try:
            with _tails_kept(self._tree, edit):
                apply_edit(self._tree, edit, self.schema, _for_yaml)
            self._tree_text = text
        except (EditRefused, KeyError, IndexError, TypeError):
            self._tree = None

    def _write_checked(self, text: str, expected: Any) -> bool:
        """Write ``text`` beside the file, load it as `lint` would, and put it in place only if it holds
        exactly the data expected."""
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=self.path.suffix)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            checked = validate(temp)
            if checked.document is None or checked.document.data != expected \
                    or not _same_types(checked.document.data, expected):
                return False
            os.chmod(temp, self.path.stat().st_mode & 0o7777)
            os.replace(temp, self.path)
        except OSError as e:
            raise EditRefused(f"{self.path}: cannot write: {e.strerror or e}") from e
        finally:
            Path(temp).unlink(missing_ok=True)
        raw = text.encode("utf-8")
        self.text, self._stamp = text, _stamp(self.path)
        self.state = self._state(checked, hashlib.sha256(raw).hexdigest())
        return True


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def _order(f: Finding) -> tuple[int, int, str]:
    return f.line, f.column, f.rule


def _same_types(a: Any, b: Any) -> bool:
    """Whether equal data also has equal types (1 == 1.0 == True in Python; not in a file)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return all(_same_types(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return all(_same_types(x, y) for x, y in zip(a, b, strict=True))
    return True


# ---------------------------------------------------------------- edits on data


def apply_edit(root: Any, edit: Edit, schema: Node, convert: Any = None) -> None:
    """Make ``edit`` in ``root`` (plain data, or a round-trip YAML tree, whose mappings keep their comments);
    a key that is new goes where the schema puts it among its neighbours."""
    convert = convert or (lambda value, old: value)
    if not edit.path and edit.op != "set":
        raise EditRefused("an edit needs a path")
    parent = _container(root, edit.path[:-1], schema, create=edit.op in ("set", "add"))
    last = edit.path[-1] if edit.path else None
    if edit.op == "set":
        if edit.value is None:
            if isinstance(parent, dict) and last in parent:
                del parent[last]
                _prune(root, edit.path[:-1])
            elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
                parent[last] = convert("", parent[last])
            return
        _put(root, parent, edit.path, convert(edit.value, _get(parent, last)), schema)
    elif edit.op == "add":
        if edit.value is None:
            raise EditRefused("a new entry needs a value")
        _container(root, edit.path, schema, create=True, kind=list).append(convert(edit.value, None))
    elif edit.op == "remove":
        if _get(parent, last) is None and not (isinstance(parent, dict) and last in parent):
            raise EditRefused("there is nothing there to remove")
        del parent[last]
    elif edit.op == "move":
        if not (isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent)
                and 0 <= edit.to < len(parent)):
            raise EditRefused("that entry cannot move there")
        parent.insert(edit.to, parent.pop(last))
    else:
        raise EditRefused(f"unknown kind of edit '{edit.op}'")


def _prune(root: Any, path: Path_) -> None:
    """Remove the mappings a cleared field leaves empty (`term: {}`), up to the first that holds something
    else or stands in a list."""
    while path:
        parent = root
        for step in path[:-1]:
            parent = _get(parent, step)
        value = _get(parent, path[-1])
        if not isinstance(parent, dict) or not isinstance(value, dict) or value:
            return
        del parent[path[-1]]
        path = path[:-1]


def _get(container: Any, step: Any) -> Any:
    if isinstance(container, dict):
        return container.get(step)
    if isinstance(container, list) and isinstance(step, int) and 0 <= step < len(container):
        return container[step]
    return None


def _container(root: Any, path: Path_, schema: Node, *, create: bool, kind: type = dict) -> Any:
    """The mapping or list at ``path``, made (where the schema places it) when ``create`` and missing."""
    here = root
    for depth, step in enumerate(path):
        value = _get(here, step)
        if value is None:
            if not create:
                raise EditRefused("there is nothing there")
            inner = path[depth + 1] if depth + 1 < len(path) else None
            value = ([] if isinstance(inner, int) else {}) if inner is not None else kind()
            if isinstance(here, list):
                raise EditRefused("that list has no such entry")
            _put(root, here, path[:depth + 1], value, schema)
            value = here[step]
        if not isinstance(value, (dict, list)):
            raise EditRefused("that part of the file is not a group of fields")
        here = value
    return here


def _put(root: Any, parent: Any, path: Path_, value: Any, schema: Node) -> None:
    step = path[-1]
    if isinstance(parent, list):
        if not (isinstance(step, int) and 0 <= step < len(parent)):
            raise EditRefused("that list has no such entry")
        parent[step] = value
        return
    if not isinstance(step, str):
        raise EditRefused("a key must be text")
    if step in parent:
        parent[step] = value
        return
    node = node_at(schema, root, path[:-1]) or {}
    options = alternatives(schema, node)
    order = list(plain(schema, options[0] if options else node).get("properties", {}))
    for alt in options[1:]:
        order.extend(k for k in plain(schema, alt).get("properties", {}) if k not in order)
    position = len(parent)
    if step in order:
        rank = order.index(step)
        position = sum(1 for k in parent if k in order and order.index(k) < rank)
    if hasattr(parent, "insert"):
        parent.insert(position, step, value)
    else:  # a plain dict keeps insertion order: rebuild it with the new key in place
        items = list(parent.items())
        items.insert(position, (step, value))
        parent.clear()
        parent.update(items)


def fresh(schema: Node, node: Node, ids: dict[str, list[str]], inside: bool = False) -> Any:
    """A new entry for a list: an object with its required ids made up and its required texts as bracketed
    placeholders (lint points each out); a choice or a reference left unset inside an object, so no answer
    is invented where the person would not see it made."""
    options = alternatives(schema, node)
    node = plain(schema, options[0] if options else resolve(schema, node))
    kind = node.get("type")
    if kind == "object":
        made: dict[str, Any] = {}
        for key in node.get("required", ()):
            child = node.get("properties", {}).get(key)
            value = fresh(schema, child, ids, inside=True) if isinstance(child, dict) else None
            if value is not None:
                made[key] = value
        return made
    if kind == "array":
        return [] if not inside else None
    if kind == "string" and node.get("x-id-of"):
        return _new_id(str(node["x-id-of"]), ids)
    if inside:
        if kind == "string" and "enum" not in node and not node.get("x-refers-to") and not node.get("pattern"):
            return f"[{node.get('title') or 'Text'}]"
        return None
    if "enum" in node:
        return node["enum"][0]
    if node.get("x-refers-to"):
        kinds = node["x-refers-to"] if isinstance(node["x-refers-to"], list) else [node["x-refers-to"]]
        known = [i for k in kinds for i in ids.get(k, [])]
        return known[0] if known else f"[{node.get('title') or 'Id'}]"
    if kind in ("integer", "number"):
        return node.get("minimum", 0)
    if kind == "boolean":
        return False
    return f"[{node.get('title') or 'Text'}]"


def _new_id(kind: str, ids: dict[str, list[str]]) -> str:
    """An id no entry has yet, such as `party-3`."""
    taken = {i for found in ids.values() for i in found}
    base = re.sub(r"[^A-Za-z0-9_.-]", "-", kind) or "item"
    n = len(ids.get(kind, [])) + 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def coerce(schema: Node, data: Any, path: Path_, text: str | None, kind: str) -> Any:
    """The value a control's text stands for: None (clear the field) for an empty one; a number, true or
    false, or JSON read as such; else the text. A number that does not read as one stays text, so the file
    shows what was typed and the check says what is wrong with it."""
    if text is None or text == "":
        return None
    if kind == "raw":
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise EditRefused(f"this is not valid JSON ({e.msg}, line {e.lineno}); nothing was saved") from e
    if kind == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if kind == "number":
        cleaned = text.strip().replace(",", "")
        if re.fullmatch(r"[-+]?[0-9]+", cleaned):
            return int(cleaned)
        if re.fullmatch(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", cleaned):
            return float(cleaned)
        return text
    if kind == "choice":
        node = node_at(schema, data, path) or {}
        for option in plain(schema, node).get("enum", ()):
            if (("true" if option else "false") if isinstance(option, bool) else str(option)) == text:
                return option
    return text


# ---------------------------------------------------------------- file formats


def _json_text(data: Any, old: str) -> str:
    """JSON laid out as the file was: its indent, and non-ASCII written as itself or escaped."""
    found = re.search(r"\n( +|\t)\S", old)
    indent: int | str = (found.group(1) if found.group(1) == "\t" else len(found.group(1))) if found else 2
    escaped = bool(re.search(r"\\u[0-9a-fA-F]{4}", old)) and not re.search(r"[^\x00-\x7f]", old)
    return json.dumps(data, indent=indent, ensure_ascii=escaped) + ("\n" if old.endswith("\n") else "")


def _yaml(text: str = "") -> Any:
    """A round-trip YAML reader and writer that keeps comments, quotes, and the file's indentation."""
    from ruamel.yaml import YAML  # imported here: it costs a twentieth of a second to import

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines the person wrote
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _indentation(text: str) -> tuple[int, int, int]:
    """The file's indentation: of a nested key, of a list entry's content, and of its dash (the round-trip
    library's own guess reads the whole file, which takes as long as loading it)."""
    mapping, sequence, offset = 2, 4, 2
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for above, below in zip(lines, lines[1:], strict=False):
        parent = len(above) - len(above.lstrip())
        child = len(below) - len(below.lstrip())
        if not above.rstrip().endswith(":") or child <= parent:
            continue
        if below.lstrip().startswith("- "):
            rest = below.lstrip()[1:]
            offset, sequence = child - parent, child - parent + 1 + len(rest) - len(rest.lstrip())
            break
        mapping = child - parent
    return mapping, max(sequence, offset + 2), offset


@contextmanager
def _tails_kept(tree: Any, edit: Edit) -> Iterator[None]:
    """Keep the blank lines and comments that end each mapping or list on the edit's path at its end.

    The round-trip library stores what follows a block (the blank line and the heading comment of the next
    section, say) with the block's last value; without this, a new last entry would land below the next
    section's heading, and removing the last entry would take that heading with it.
    """
    paths = [edit.path[:depth] for depth in range(len(edit.path) + (edit.op == "add"))]
    taken = []
    for path in paths:
        slot = _tail_slot(tree, path)
        token = _slot_comment(slot, None) if slot else None
        if token is not None:
            taken.append((path, token))
    yield
    for path, token in taken:
        while path and _walk(tree, path) is None:
            path = path[:-1]
        slot = _tail_slot(tree, path)
        if slot is not None:
            old = _slot_comment(slot, None)
            if old is not None and old.value.strip():  # a comment of its own stays; blank lines give way
                token.value = old.value.rstrip("\n") + "\n" + token.value.lstrip("\n")
            _slot_comment(slot, token)


def _walk(tree: Any, path: Path_) -> Any:
    here = tree
    for step in path:
        here = _get(here, step)
    return here


def _tail_slot(tree: Any, path: Path_) -> tuple[Any, Any, int] | None:
    """Where the round-trip tree keeps the comment after the block at ``path``: beside its last value (in a
    mapping, the third place of the key's entry; in a list, the first), or beside the block itself when it
    is empty."""
    node = _walk(tree, path)
    if isinstance(node, (dict, list)) and not node:
        if not path:
            return None
        parent = _walk(tree, path[:-1])
        return (parent, path[-1], 2 if isinstance(parent, dict) else 0) if hasattr(parent, "ca") else None
    while isinstance(node, (dict, list)) and node and hasattr(node, "ca"):
        key = list(node)[-1] if isinstance(node, dict) else len(node) - 1
        inner = node[key]
        if isinstance(inner, (dict, list)) and inner and hasattr(inner, "ca"):
            node = inner
            continue
        return node, key, 2 if isinstance(node, dict) else 0
    return None


def _slot_comment(slot: tuple[Any, Any, int], token: Any) -> Any:
    """Take the comment out of ``slot`` (``token`` None) and return it, or put ``token`` there."""
    node, key, place = slot
    entry = node.ca.items.get(key)
    if token is None:
        if not entry or entry[place] is None:
            return None
        found, entry[place] = entry[place], None
        return found
    if entry is None:
        entry = node.ca.items[key] = [None, None, None, None]
    entry[place] = token
    return token


def _for_yaml(value: Any, old: Any) -> Any:
    """A new value as the round-trip writer should write it: several lines as a literal block; a text that
    was folded stays folded."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if isinstance(value, str):
        if "\n" in value.rstrip("\n"):
            return LiteralScalarString(value)
        if isinstance(old, FoldedScalarString):
            return FoldedScalarString(value)
        return value
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((k, _for_yaml(v, None)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_for_yaml(v, None) for v in value)
    return value
