"""The agreement schema: loading it, and checking data against it with messages a partnership lead can read.

The checker implements the JSON Schema 2020-12 keywords the shipped schema uses (a test keeps the two in
step, and another compares its verdicts with the reference `jsonschema` package). It exists because
importing `jsonschema` alone costs more than the whole lint run may take, and because its messages are
written for developers. It also reads two annotations of our own: `x-id-of` declares an id and
`x-refers-to` a reference to one, so cross-references are checked from the schema, not from a second list.
Two more are for people and forms, not the checker: `x-enum-titles` gives each choice a name to show, and
`x-replaced-by` names the key that replaces a `deprecated` one.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .source import JsonPath

SCHEMA_FILE = "agreement.schema.json"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A date, or as much of one as is known: 2025-04-01, 2025-04, 2025, April 2025, 1 April 2025.
DATE_PATTERN = (f"^([0-9]{{4}}(-[0-9]{{2}}(-[0-9]{{2}})?)?|({_MONTHS}) [0-9]{{4}}|[0-9]{{1,2}} ({_MONTHS}) "
                "[0-9]{4})$")
SUGGESTION_BUDGET = 5_000  # candidate ids compared, in all, to suggest what a dangling reference meant

SUPPORTED_KEYWORDS = frozenset({
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties", "additionalProperties",
    "required", "items", "minItems", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "default", "deprecated", "x-id-of", "x-refers-to", "x-replaced-by", "x-enum-titles",
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


def shared() -> dict[str, Any]:
    """The schema as data, parsed once and shared: for readers of its annotations, which must not change it."""
    return _shared()


def check(data: Any) -> list[Problem]:
    """Every problem in ``data``: schema problems first; cross-references only when the shape is right."""
    run = _Run(data)
    _compiled()(data, (), run)
    run.names_for_ids()
    if run.problems:
        return run.problems
    return run.cross_references()


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
    DATE_PATTERN: "is not a date written as YYYY-MM-DD (or a month such as 2025-04 or April 2025, or a year)",
    "^[A-Z]{3}$": "is not a three-letter currency code such as GBP",
    "^[A-Za-z][A-Za-z0-9_.-]*$": "is not a usable id: start with a letter, then use letters, digits, '-', '_' or '.'",
    "\\S": "is only spaces; write the heading",
}
_ID_HINT = _PATTERN_HINTS["^[A-Za-z][A-Za-z0-9_.-]*$"]
_ID_SPACES = "is not a usable id: an id has no spaces; use letters, digits, '-', '_' or '.'"


def _spaced(value: str) -> bool:
    """Whether ``value`` holds spaces where an id begins as one should (with a letter): a name, most likely."""
    return value[:1].isalpha() and any(c.isspace() for c in value)


# Money as people write it: a currency sign, or thousands set off by commas (£250,000; 1,500.50).
_MONEY = re.compile(r"\s*(?P<sign>[£$€])?\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*")


def _as_number(value: Any, expected: str | list[str]) -> str:
    """For text that is money written with a £ sign or commas where a number belongs: how to write it."""
    wanted = {expected} if isinstance(expected, str) else set(expected)
    found = _MONEY.fullmatch(value) if isinstance(value, str) and wanted & {"number", "integer"} else None
    if found is None or not (found["sign"] or "," in found["number"]):
        return ""
    sign = f"the {found['sign']} sign or " if found["sign"] else ""
    return f": write the amount as a plain number without {sign}commas, e.g. {found['number'].replace(',', '')}"


def _type_names(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(_TYPE_NAMES[name] for name in names)


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


def _is_type(value: Any, name: str | list[str]) -> bool:
    if isinstance(name, list):
        return any(_is_type(value, one) for one in name)
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


# The checker is compiled once: each schema node becomes a function that checks a value against it with its
# keywords already looked up, $refs resolved and patterns compiled. Linting runs it on every node of every
# file, and this way it does about half the work of walking the schema's dictionaries each time.
Check = Callable[[Any, JsonPath, "_Run"], None]


@cache
def _compiled() -> Check:
    root = _shared()
    return _Compiler(root).compile(root)


class _Run:
    """What one check finds: problems, and the ids and references for the cross-reference pass."""

    def __init__(self, data: Any = None) -> None:
        self.data = data
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple[str, JsonPath]] = {}
        self.duplicates: list[Problem] = []
        self.refs: list[tuple[JsonPath, str, list[str]]] = []
        self.not_ids: list[tuple[JsonPath, str, list[str], str]] = []  # references with no id's form, and why
        self.names: dict[str, list[tuple[str, str]]] | None = None  # made by _by_name when first needed

    def declare(self, value: str, kind: str, path: JsonPath) -> None:
        if value in self.ids:
            other_kind, _ = self.ids[value]
            self.duplicates.append(Problem(path, f"the id '{value}' is already used by another {other_kind}; "
                                                 "every id in the agreement must be different", reference=True))
        else:
            self.ids[value] = (kind, path)

    def cross_references(self) -> list[Problem]:
        problems = list(self.duplicates)
        candidates: dict[tuple[str, ...], list[str]] = {}
        budget = SUGGESTION_BUDGET
        for path, value, kinds in self.refs:
            found = self.ids.get(value)
            if found is None or found[0] not in kinds:
                wanted = " or ".join(kinds)
                ids = candidates.get(tuple(kinds))
                if ids is None:
                    ids = candidates[tuple(kinds)] = [i for i, (k, _) in self.ids.items() if k in kinds]
                # Each suggestion compares the id with every candidate: a file with thousands of dangling
                # references to thousands of ids would take minutes. Suggestions stop when the budget is spent.
                budget -= len(ids)
                hint = (_suggest(value, ids) if budget >= 0 else "") or _listed(ids, wanted)
                what = "no" if found is None else f"a {found[0]}, not a"
                named = self.named(value, kinds)
                problems.append(Problem(path, named or f"'{value}' names {what} {wanted} in this agreement{hint}",
                                        reference=True))
        return problems

    def names_for_ids(self) -> None:
        """A reference that has no id's form may be a name: suggest the id of what has that name, or a name
        close to it."""
        for path, value, kinds, why in self.not_ids:
            named = self.named(value, kinds)
            self.problems.append(Problem(path, named or why + self.near_name(value, kinds),
                                         reference=named is not None))

    def near_name(self, value: str, kinds: list[str]) -> str:
        """`` (did you mean the id 'ID', of the KIND called NAME?)`` for a name close to ``value``, else nothing."""
        names = {name: found for name, found in self._by_name().items() if any(k in kinds for _, k in found)}
        close = _closest(_folded(value), list(names))
        if close is None:
            return ""
        ident, kind = next((i, k) for i, k in names[close] if k in kinds)
        return f" (did you mean the id '{ident}', of the {kind} called {_short(self._name_of(ident))}?)"

    def _name_of(self, ident: str) -> str:
        entity = _at_path(self.data, self.ids[ident][1][:-1])
        return next((entity[k] for k in ("name", "title", "short_name") if isinstance(entity.get(k), str)), ident)

    def named(self, value: str, kinds: list[str]) -> str | None:
        """What to say when ``value`` is the name (or short name or title) of a party, person or group of one
        of ``kinds``, not its id."""
        for ident, kind in self._by_name().get(_folded(value), ()):
            if kind in kinds:
                return (f"write the id '{ident}' here, not the name: {_short(value)} is the name of the {kind} whose "
                        f"id is '{ident}'")
        return None

    def _by_name(self) -> dict[str, list[tuple[str, str]]]:
        """The ids (and kinds) of what has each name, short name or title, in the order the ids were declared:
        made once, as a file with thousands of references to names would otherwise search every id for each."""
        if self.names is None:
            self.names = {}
            for ident, (kind, where) in self.ids.items():
                entity = _at_path(self.data, where[:-1])
                found = [entity.get(k) for k in ("name", "short_name", "title")] if isinstance(entity, dict) else []
                for name in dict.fromkeys(_folded(n) for n in found if isinstance(n, str)):
                    self.names.setdefault(name, []).append((ident, kind))
        return self.names


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.made: dict[int, Check] = {}

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target = self.root
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def compile(self, node: dict[str, Any]) -> Check:
        node = self.resolve(node)
        made = self.made.get(id(node))
        if made is not None:
            return made
        later: list[Check] = []  # a node that contains itself calls its check through this until it exists
        self.made[id(node)] = lambda value, path, run: later[0](value, path, run)
        check = self._text_node(node) if node.get("type") == "string" else self._node(node)
        later.append(check)
        self.made[id(node)] = check
        return check

    def _text_node(self, node: dict[str, Any]) -> Check:
        """The commonest node, checked without dispatching on the value's kind."""
        text = self._text(node)

        def check(value: Any, path: JsonPath, run: _Run) -> None:
            if isinstance(value, str):
                text(value, path, run)
            else:
                run.problems.append(Problem(path, f"expected {_TYPE_NAMES['string']}, found {_kind_of(value)}"))
        return check

    def _node(self, node: dict[str, Any]) -> Check:
        expected = node.get("type")
        on_object, on_array, on_scalar = self._object(node), self._array(node), self._scalar(node)

        def check(value: Any, path: JsonPath, run: _Run) -> None:
            if expected and not _is_type(value, expected):
                run.problems.append(Problem(path, f"expected {_type_names(expected)}, found {_kind_of(value)}"
                                                  f"{_as_number(value, expected)}"))
            elif isinstance(value, dict):
                on_object(value, path, run)
            elif isinstance(value, list):
                on_array(value, path, run)
            else:
                on_scalar(value, path, run)
        return check

    def plain_text(self, node: dict[str, Any]) -> tuple[int, int] | None:
        """The length bounds of a node that only bounds the length of a text, the commonest kind, which the
        object and array checks then accept inline: a call per text would cost more than its check."""
        node = self.resolve(node)
        if node.get("type") != "string" or set(node) - {"type", "minLength", "maxLength", "title", "description"}:
            return None
        return node.get("minLength", 0), node.get("maxLength", sys.maxsize)

    def _object(self, node: dict[str, Any]) -> Check:
        properties = {key: self.compile(child) for key, child in node.get("properties", {}).items()}
        texts = {key: bounds for key, child in node.get("properties", {}).items()
                 if (bounds := self.plain_text(child)) is not None}
        known = list(properties)
        closed = node.get("additionalProperties") is False
        required = tuple(node.get("required", ()))

        def check(value: dict[str, Any], path: JsonPath, run: _Run) -> None:
            misspelt: set[str] = set()
            for key, item in value.items():
                bounds = texts.get(key)
                if bounds is not None and type(item) is str and bounds[0] <= len(item) <= bounds[1]:
                    continue
                child = properties.get(key)
                if child is not None:
                    child(item, path + (key,), run)
                elif closed:
                    meant = _closest(key, known)
                    misspelt.update([meant] if meant else [])
                    run.problems.append(Problem(path + (key,), _unknown_key(key, meant, known), key=True))
            for name in required:
                # A misspelt key already says what is missing; saying it twice would only confuse.
                if name not in value and name not in misspelt:
                    run.problems.append(Problem(path, f"the key '{name}' is missing; it is required here"))
        return check

    def _array(self, node: dict[str, Any]) -> Check:
        least = node.get("minItems")
        items = self.compile(node["items"]) if "items" in node else None
        bounds = self.plain_text(node["items"]) if "items" in node else None
        shortest, longest = bounds or (0, 0)

        def check(value: list[Any], path: JsonPath, run: _Run) -> None:
            if least is not None and len(value) < least:
                run.problems.append(Problem(path, f"needs at least {least} entries, found {len(value)}"))
            if items is not None:
                for index, item in enumerate(value):
                    if bounds is None or type(item) is not str or not shortest <= len(item) <= longest:
                        items(item, path + (index,), run)
        return check

    def _scalar(self, node: dict[str, Any]) -> Check:
        enum = node.get("enum")
        text = self._text(node)
        least, most = node.get("minimum"), node.get("maximum")

        def check(value: Any, path: JsonPath, run: _Run) -> None:
            if isinstance(value, str):
                text(value, path, run)
            elif enum is not None and value not in enum:
                run.problems.append(Problem(path, _not_in_enum(value, enum)))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if least is not None and value < least:
                    run.problems.append(Problem(path, f"must be at least {least}, found {value}"))
                if most is not None and value > most:
                    run.problems.append(Problem(path, f"must be at most {most}, found {value}"))
        return check

    @staticmethod
    def _text(node: dict[str, Any]) -> Check:
        enum = node.get("enum")
        least, most = node.get("minLength", 0), node.get("maxLength")
        pattern = re.compile(node["pattern"]) if node.get("pattern") else None
        hint = _PATTERN_HINTS.get(node.get("pattern", ""), "has the wrong form")
        id_of, refers_to = node.get("x-id-of"), node.get("x-refers-to")

        def check(value: str, path: JsonPath, run: _Run) -> None:
            if enum is not None and value not in enum:
                run.problems.append(Problem(path, _not_in_enum(value, enum)))
                return
            if len(value) < least:
                run.problems.append(Problem(path, "must not be empty" if least == 1 else
                                            f"is shorter than {least} characters"))
            if most is not None and len(value) > most:
                run.problems.append(Problem(path, f"is longer than {most} characters"))
            if pattern is not None and not pattern.search(value):
                why = f"{_short(value)} {_ID_SPACES if hint == _ID_HINT and _spaced(value) else hint}"
                if refers_to is not None:  # perhaps a name where the id belongs: decided once every id is known
                    run.not_ids.append((path, value, refers_to, why))
                else:
                    run.problems.append(Problem(path, why))
            elif id_of is not None:
                run.declare(value, id_of, path)
            elif refers_to is not None:
                run.refs.append((path, value, refers_to))
        return check


def _closest(word: str, choices: list[str]) -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(word: str, choices: list[str]) -> str:
    meant = _closest(word, choices)
    return f" (did you mean '{meant}'?)" if meant else ""


def _listed(candidates: list[str], wanted: str) -> str:
    if not candidates or len(candidates) > 12:
        return ""
    return f" (the ids it may name: {', '.join(candidates)})"


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _at_path(data: Any, path: JsonPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _unknown_key(key: str, meant: str | None, known: list[str]) -> str:
    if meant:
        return f"unknown key '{key}' (did you mean '{meant}'?)"
    listed = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", ..."
    return f"unknown key '{key}'" + (f" (known keys here: {listed})" if known else "")


def _not_in_enum(value: Any, allowed: list[Any]) -> str:
    options = ", ".join(str(a) for a in allowed)
    hint = _suggest(str(value), [str(a) for a in allowed]) if isinstance(value, str) else ""
    return f"{_short(value)} is not one of: {options}{hint}"
