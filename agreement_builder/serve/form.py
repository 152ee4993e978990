"""The form: the schema and the file's data -> a tree of fields, which the page template turns into HTML.

Nothing here names a section or a field of the agreement: every label, choice and help text comes from the
schema, so a field added to the schema appears in the form without a change here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..source import pointer
from .schema_walk import Node, alternatives, chosen, plain, resolve

# Texts longer than this are written in a text area that keeps line breaks; shorter constrained ones (ids,
# codes, dates) in a one-line box.
ONE_LINE_MAX = 200
SUMMARY_MAX = 60


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass
class Field:
    """One control, or one group of them, at one place in the data."""

    widget: str  # object | array | text | line | number | choice | reference | boolean | alternatives | raw
    path: tuple[str | int, ...]
    label: str
    help: str = ""
    value: Any = None
    required: bool = False
    children: list[Field] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    refers_to: tuple[str, ...] = ()
    item_label: str = ""  # an array's: what one entry is called ("Party")
    summary: str = ""  # an array entry's: a few words that tell it from the others
    summary_key: str = ""  # the key whose text the summary shows, so the page can keep it up to date
    alternative: int = 0
    numeric: str = ""  # integer | number, for a number box
    unknown: bool = False  # a key the schema does not know: shown as written, so it can be seen and removed

    # Cached: the page template reads each of these several times per field, on a page of over 1,500 fields.
    @cached_property
    def pointer(self) -> str:
        return pointer(self.path)

    @cached_property
    def dom_id(self) -> str:
        """An HTML id for the control, unique in the page and the same each time the field is drawn."""
        return "f" + re.sub(r"[^A-Za-z0-9_-]", lambda m: f".{ord(m.group()):x}.", self.pointer.replace("/", "-"))

    @cached_property
    def text(self) -> str:
        """The value as the control shows it ('' when absent)."""
        if self.value is None:
            return ""
        if self.widget == "raw":
            return json.dumps(self.value, indent=2, ensure_ascii=False)
        if self.widget == "boolean":
            return "true" if self.value is True else "false" if self.value is False else str(self.value)
        return str(self.value)


def label_for(key: str | int, node: Node) -> str:
    """The schema's title, else the key made readable (``joining_and_leaving`` -> 'Joining and leaving')."""
    title = node.get("title")
    if isinstance(title, str) and title:
        return title
    words = str(key).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def enum_label(value: Any, node: Node, position: int) -> str:
    """A choice as a person reads it: from the schema's `x-enum-titles` when given, else the value made
    readable (``social_care`` -> 'Social care')."""
    titles = node.get("x-enum-titles")
    if isinstance(titles, dict) and str(value) in titles:
        return str(titles[str(value)])
    if isinstance(titles, list) and position < len(titles):
        return str(titles[position])
    if isinstance(value, bool):
        return "Yes" if value else "No"
    words = str(value).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


class FormBuilder:
    """Builds the field tree for data against a schema; ``ids`` are those the data defines, by kind."""

    def __init__(self, root: Node, ids: dict[str, list[str]], chosen_alternatives: dict[str, int] | None = None):
        self.root = root
        self.ids = ids
        self.chosen = chosen_alternatives or {}

    def sections(self, data: Any) -> list[Field]:
        """A field for each top-level property of the schema, in the schema's order, then any unknown keys."""
        top = self.build(self.root, data if isinstance(data, dict) else {}, (), "")
        return top.children

    def build(self, node: Node, value: Any, path: tuple[str | int, ...], key: str | int,
              required: bool = False) -> Field:
        node = resolve(self.root, node)
        options = alternatives(self.root, node)
        if options:
            return self._alternatives(node, options, value, path, key, required)
        node = plain(self.root, node)
        label, help_text = label_for(key, node), str(node.get("description", ""))
        kind = node.get("type")
        base = Field("raw", path, label, help_text, value, required)
        if kind == "object" and node.get("properties") and (value is None or isinstance(value, dict)):
            return self._object(node, value or {}, base)
        if kind == "array" and isinstance(node.get("items"), dict) and (value is None or isinstance(value, list)):
            return self._array(node, value or [], base)
        if isinstance(value, (dict, list)) or kind not in ("string", "integer", "number", "boolean"):
            return base  # a shape the widgets cannot show: the value is shown whole rather than lost
        return self._scalar(node, kind, base)

    def _scalar(self, node: Node, kind: str, base: Field) -> Field:
        value = base.value
        if "enum" in node:
            base.widget = "choice"
            base.choices = [Choice(_as_text(v), enum_label(v, node, i)) for i, v in enumerate(node["enum"])]
        elif node.get("x-refers-to"):
            base.widget = "reference"
            refers = node["x-refers-to"]
            base.refers_to = tuple(refers) if isinstance(refers, list) else (str(refers),)
            base.choices = [Choice(i, i) for kind_ in base.refers_to for i in self.ids.get(kind_, [])]
        elif kind == "boolean":
            base.widget = "boolean"
            base.choices = [Choice("true", "Yes"), Choice("false", "No")]
        elif kind in ("integer", "number"):
            base.widget, base.numeric = "number", kind
        else:
            short = node.get("pattern") or node.get("x-id-of") or node.get("format") \
                or node.get("maxLength", ONE_LINE_MAX + 1) <= ONE_LINE_MAX
            base.widget = "line" if short and "\n" not in str(value or "") else "text"
        if base.widget in ("choice", "reference") and value is not None \
                and _as_text(value) not in {c.value for c in base.choices}:
            base.choices.append(Choice(_as_text(value), f"{_as_text(value)} (not one of the choices)"))
        return base

    def _object(self, node: Node, value: dict[str, Any], base: Field) -> Field:
        base.widget, base.value = "object", None
        required = set(node.get("required", ()))
        properties: dict[str, Any] = node.get("properties", {})
        for key, child in properties.items():
            if key.startswith("$"):
                continue  # `$schema` and the like are for editors, not for the person drafting
            base.children.append(self.build(child, value.get(key), base.path + (key,), key, key in required))
        for key, item in value.items():
            if key not in properties and not key.startswith("$"):
                base.children.append(Field("raw", base.path + (key,), str(key), "", item, unknown=True))
        return base

    def _array(self, node: Node, value: list[Any], base: Field) -> Field:
        items = resolve(self.root, node["items"])
        base.widget, base.value = "array", None
        base.item_label = str(items["title"]) if isinstance(items.get("title"), str) else _singular(base.label)
        for i, item in enumerate(value):
            entry = self.build(items, item, base.path + (i,), i)
            entry.label = f"{base.item_label} {i + 1}"
            entry.summary_key, entry.summary = _summary(plain(self.root, items), item)
            base.children.append(entry)
        return base

    def _alternatives(self, node: Node, options: list[Node], value: Any, path: tuple[str | int, ...],
                      key: str | int, required: bool) -> Field:
        pick = self.chosen.get(pointer(path), chosen(self.root, options, value))
        inner = self.build({k: v for k, v in options[pick].items() if k not in ("title", "description")}
                           | {"title": label_for(key, node)}, value, path, key, required)
        choices = [Choice(str(i), _alternative_label(self.root, alt)) for i, alt in enumerate(options)]
        return Field("alternatives", path, label_for(key, node), str(node.get("description", "")), None, required,
                     children=[inner], choices=choices, alternative=pick)


def item_name(root: Node, data: Any, path: tuple[str | int, ...]) -> str:
    """What one entry of the list at ``path`` is called: its schema title, or the list's made singular."""
    from .schema_walk import node_at

    node = node_at(root, data, path) or {}
    items = resolve(root, node.get("items", {})) if isinstance(node.get("items"), dict) else {}
    if isinstance(items.get("title"), str):
        return str(items["title"])
    return _singular(label_for(path[-1] if path else "entry", node))


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _singular(label: str) -> str:
    """An entry of a list titled 'Parties' is a 'Party'; a guess, used only when the items have no title."""
    if label.endswith("ies"):
        return label[:-3] + "y"
    if label.endswith("s") and not label.endswith("ss"):
        return label[:-1]
    return "Entry"


def _alternative_label(root: Node, node: Node) -> str:
    node = plain(root, node)
    if isinstance(node.get("title"), str):
        return str(node["title"])
    return {"string": "Text", "object": "Details", "array": "A list", "integer": "A whole number",
            "number": "A number", "boolean": "Yes or no"}.get(str(node.get("type")), "Other")


def _summary(node: Node, value: Any) -> tuple[str, str]:
    """The key and the words that tell one entry of a list from another: its first short text, in schema
    order, that is not an id; else its id; else the entry itself when it is a text."""
    if isinstance(value, str):
        return "", _cut(value)
    if not isinstance(value, dict):
        return "", ""
    fallback = ("", "")
    for key in node.get("properties", {}):
        text = value.get(key)
        if isinstance(text, str) and text.strip():
            if node["properties"][key].get("x-id-of") or key == "id":
                fallback = fallback if fallback[0] else (key, _cut(text))
                continue
            return key, _cut(text)
    return fallback


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_MAX else text[:SUMMARY_MAX - 1].rstrip() + "…"
