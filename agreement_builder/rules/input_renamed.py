"""A key the schema has renamed is still used: it works, and the finding says what to write instead.

Checks every key the schema marks `deprecated`, with its `x-replaced-by` annotation naming the key that
replaces it: today `agreement.short_name` (now `agreement.partnership_name`) and the top-level `signatories`
list (now each party's `signatory`). One warning for each such key in the file.

Why:
Old files keep working, but a renamed key is read only for the time being, and the new key says more plainly
what it means: the partnership's name is not the short name of the document, and who signs belongs with the
party that signs (briefing: Structures > Have a partnership agreement).

Fails:
    agreement:
      title: Northvale Health and Care Partnership Agreement
      short_name: the Northvale Partnership

Passes:
    agreement:
      title: Northvale Health and Care Partnership Agreement
      partnership_name: the Northvale Partnership

Fix:
Rename the key as the finding says; the value stays the same (for `signatories`, give each party its
`signatory`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from .. import schema
from ..findings import Severity
from ..model import Agreement
from ..source import JsonPath
from .base import Issue

ID = "AB007"
NAME = "renamed-key"
SEVERITY = Severity.WARNING
PACK = "input"
SOURCE = "Structures > Have a partnership agreement"

Pattern = tuple[str, ...]  # keys, with "*" for each list item


@cache
def renamed() -> tuple[tuple[Pattern, str], ...]:
    """Every deprecated key in the agreement's schema, with the key that replaces it."""
    return deprecated(schema.shared())


def deprecated(root: dict[str, Any]) -> tuple[tuple[Pattern, str], ...]:
    """Every deprecated key in the schema ``root``, as a pattern of keys, with the key that replaces it."""
    found: list[tuple[Pattern, str]] = []

    def walk(node: dict[str, Any], at: Pattern, seen: frozenset[str]) -> None:
        ref = node.get("$ref", "")
        if ref:
            if ref in seen:
                return
            target: Any = root
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            walk(target, at, seen | {ref})
            return
        for key, child in node.get("properties", {}).items():
            if child.get("deprecated"):
                found.append((at + (key,), child.get("x-replaced-by", "")))
            walk(child, at + (key,), seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], at + ("*",), seen)

    walk(root, (), frozenset())
    return tuple(found)


def _matches(data: Any, pattern: Pattern, at: JsonPath = ()) -> Iterator[JsonPath]:
    """The paths in ``data`` where ``pattern`` is present."""
    if not pattern:
        yield at
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _matches(item, rest, at + (i,))
    elif isinstance(data, dict) and head in data:
        yield from _matches(data[head], rest, at + (head,))


def check(agreement: Agreement) -> Iterator[Issue]:
    for pattern, replacement in renamed():
        for path in _matches(agreement.data, pattern):
            old = ".".join(k for k in pattern if k != "*")
            yield Issue(path, f"The key {old} has been renamed: write {replacement} instead (the old key still "
                        "works for now).", hint=f"rename `{old}` to `{replacement}`")
