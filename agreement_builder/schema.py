"""The agreement schema: loading it, and checking data against it with messages a partnership lead can read.

The checker implements the JSON Schema 2020-12 keywords the shipped schema uses (a test keeps the two in
step, and another compares its verdicts with the reference `jsonschema` package). It exists because
importing `jsonschema` alone costs more than the whole lint run may take, and because its messages are
written for developers. It also reads two annotations of our own: `x-id-of` declares an id and
`x-refers-to` a reference to one, so cross-references are checked from the schema, not from a second list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .source import JsonPath

SCHEMA_FILE = "agreement.schema.json"

SUPPORTED_KEYWORDS = frozenset({
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties", "additionalProperties",
    "required", "items", "minItems", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "x-id-of", "x-refers-to",
})


@dataclass(frozen=True)
class Problem:
    """One way the data breaks the schema; ``key`` says the position is the key's, not the value's."""

    path: JsonPath
    message: str
    key: bool = False
    reference: bool = False


@cache
def schema_text() -> str:
    """The schema as shipped, for `agreement schema` and editors."""
    return resources.files("agreement_builder.schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The schema as data: a fresh copy on each call, so a caller may change it without breaking the checker
    (hypothesis-jsonschema, for one, rewrites the schema it is given)."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@cache
def _shared() -> dict[str, Any]:
    return schema()


def check(data: Any) -> list[Problem]:
    """Every problem in ``data``: schema problems first; cross-references only when the shape is right."""
    checker = _Checker(_shared())
    checker.walk(data, checker.root, ())
    if checker.problems:
        return checker.problems
    return checker.cross_references()


_TYPE_NAMES = {
    "object": "a mapping of keys and values",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}

_PATTERN_HINTS = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "is not a date written as YYYY-MM-DD",
    "^[A-Z]{3}$": "is not a three-letter currency code such as GBP",
    "^[A-Za-z][A-Za-z0-9_.-]*$": "is not a usable id: start with a letter, then use letters, digits, '-', '_' or '.'",
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    return isinstance(value, (int, float))


def _short(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


class _Checker:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple[str, JsonPath]] = {}
        self.duplicates: list[Problem] = []
        self.refs: list[tuple[JsonPath, str, list[str]]] = []

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target = self.root
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def walk(self, value: Any, node: dict[str, Any], path: JsonPath) -> None:
        node = self.resolve(node)
        expected = node.get("type")
        if expected and not _is_type(value, expected):
            self.problems.append(Problem(path, f"expected {_TYPE_NAMES[expected]}, found {_kind_of(value)}"))
            return
        if isinstance(value, dict):
            self.walk_object(value, node, path)
        elif isinstance(value, list):
            self.walk_array(value, node, path)
        else:
            self.check_scalar(value, node, path)

    def walk_object(self, value: dict[str, Any], node: dict[str, Any], path: JsonPath) -> None:
        properties: dict[str, Any] = node.get("properties", {})
        misspelt: set[str] = set()
        for key, item in value.items():
            if key in properties:
                self.walk(item, properties[key], path + (key,))
            elif node.get("additionalProperties") is False:
                meant = _closest(key, list(properties))
                misspelt.update([meant] if meant else [])
                self.problems.append(Problem(path + (key,), _unknown_key(key, meant, list(properties)), key=True))
        for name in node.get("required", ()):
            # A misspelt key already says what is missing; saying it twice would only confuse.
            if name not in value and name not in misspelt:
                self.problems.append(Problem(path, f"the key '{name}' is missing; it is required here"))

    def walk_array(self, value: list[Any], node: dict[str, Any], path: JsonPath) -> None:
        least = node.get("minItems")
        if least is not None and len(value) < least:
            self.problems.append(Problem(path, f"needs at least {least} entries, found {len(value)}"))
        items = node.get("items")
        if items is not None:
            for index, item in enumerate(value):
                self.walk(item, items, path + (index,))

    def check_scalar(self, value: Any, node: dict[str, Any], path: JsonPath) -> None:
        problems = self.problems
        if "enum" in node and value not in node["enum"]:
            problems.append(Problem(path, _not_in_enum(value, node["enum"])))
            return
        if isinstance(value, str):
            if len(value) < node.get("minLength", 0):
                problems.append(Problem(path, "must not be empty"))
            if "maxLength" in node and len(value) > node["maxLength"]:
                problems.append(Problem(path, f"is longer than {node['maxLength']} characters"))
            pattern = node.get("pattern")
            if pattern and not re.search(pattern, value):
                problems.append(Problem(path, f"{_short(value)} {_PATTERN_HINTS.get(pattern, 'has the wrong form')}"))
            elif "x-id-of" in node:
                self.declare(value, node["x-id-of"], path)
            elif "x-refers-to" in node:
                self.refs.append((path, value, node["x-refers-to"]))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in node and value < node["minimum"]:
                problems.append(Problem(path, f"must be at least {node['minimum']}, found {value}"))
            if "maximum" in node and value > node["maximum"]:
                problems.append(Problem(path, f"must be at most {node['maximum']}, found {value}"))

    def declare(self, value: str, kind: str, path: JsonPath) -> None:
        if value in self.ids:
            other_kind, _ = self.ids[value]
            self.duplicates.append(Problem(path, f"the id '{value}' is already used by another {other_kind}; "
                                                 "every id in the agreement must be different", reference=True))
        else:
            self.ids[value] = (kind, path)

    def cross_references(self) -> list[Problem]:
        problems = list(self.duplicates)
        for path, value, kinds in self.refs:
            found = self.ids.get(value)
            if found is None or found[0] not in kinds:
                wanted = " or ".join(kinds)
                candidates = [i for i, (k, _) in self.ids.items() if k in kinds]
                what = "no" if found is None else f"a {found[0]}, not a"
                problems.append(Problem(path, f"'{value}' names {what} {wanted} in this agreement"
                                              f"{_suggest(value, candidates)}", reference=True))
        return problems


def _closest(word: str, choices: list[str]) -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(word: str, choices: list[str]) -> str:
    meant = _closest(word, choices)
    return f" (did you mean '{meant}'?)" if meant else ""


def _unknown_key(key: str, meant: str | None, known: list[str]) -> str:
    if meant:
        return f"unknown key '{key}' (did you mean '{meant}'?)"
    listed = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", ..."
    return f"unknown key '{key}'" + (f" (known keys here: {listed})" if known else "")


def _not_in_enum(value: Any, allowed: list[Any]) -> str:
    options = ", ".join(str(a) for a in allowed)
    hint = _suggest(str(value), [str(a) for a in allowed]) if isinstance(value, str) else ""
    return f"{_short(value)} is not one of: {options}{hint}"
