"""Walking the JSON Schema beside the data: resolving `$ref`, choosing among alternatives, finding ids."""

from __future__ import annotations

from typing import Any

Node = dict[str, Any]

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def resolve(root: Node, node: Node) -> Node:
    """``node`` with its `$ref`s followed (local references only: the agreement schema has no others)."""
    seen = 0
    while "$ref" in node and seen < 50:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        # Keywords beside a $ref (a title, say) describe this use of the target, so they win.
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}} if len(node) > 1 else target
        seen += 1
    return node


def alternatives(root: Node, node: Node) -> list[Node]:
    """The alternatives of a node: its `oneOf` or `anyOf`, or one per type of a list of types; [] for none."""
    node = resolve(root, node)
    listed = node.get("oneOf") or node.get("anyOf")
    if listed:
        shared = {k: v for k, v in node.items() if k not in ("oneOf", "anyOf")}
        return [{**shared, **resolve(root, alt)} for alt in listed]
    types = node.get("type")
    if isinstance(types, list):
        kinds = [t for t in types if t != "null"]
        if len(kinds) > 1:
            return [{**node, "type": t} for t in kinds]
    return []


def plain(root: Node, node: Node) -> Node:
    """A node with one type: a list of types with one non-null entry becomes that type."""
    node = resolve(root, node)
    types = node.get("type")
    if isinstance(types, list):
        kinds = [t for t in types if t != "null"]
        if len(kinds) == 1:
            return {**node, "type": kinds[0]}
    if "const" in node and "enum" not in node:
        return {**node, "enum": [node["const"]]}
    return node


def fits(root: Node, node: Node, value: Any) -> bool:
    """Whether ``value`` has the type (and, for a fixed choice, a value) ``node`` allows: enough to tell
    simple alternatives apart, not a validation."""
    node = plain(root, node)
    kind = node.get("type")
    if kind in ("integer", "number"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind in _TYPES:
        ok = isinstance(value, _TYPES[kind])
    else:
        ok = True
    if ok and "enum" in node and not isinstance(value, (dict, list)):
        ok = value in node["enum"]
    return ok


def chosen(root: Node, options: list[Node], value: Any, step: str | int | None = None) -> int:
    """The alternative that ``value`` fits; when there is no value, the first that has ``step`` inside it."""
    if value is not None:
        return next((i for i, alt in enumerate(options) if fits(root, alt, value)), 0)
    if step is not None:
        for i, alt in enumerate(options):
            alt = plain(root, alt)
            if (isinstance(step, int) and alt.get("type") == "array") or step in alt.get("properties", {}):
                return i
    return 0


def child(root: Node, node: Node, value: Any, step: str | int) -> Node | None:
    """The schema of ``value[step]`` inside ``node``, or None when the schema has no place for it."""
    options = alternatives(root, node)
    if options:
        node = options[chosen(root, options, value, step)]
    node = plain(root, node)
    if isinstance(step, int):
        items = node.get("items")
        return resolve(root, items) if isinstance(items, dict) else None
    found = node.get("properties", {}).get(step)
    if found is None and isinstance(node.get("additionalProperties"), dict):
        found = node["additionalProperties"]
    return resolve(root, found) if isinstance(found, dict) else None


def node_at(root: Node, data: Any, path: tuple[str | int, ...]) -> Node | None:
    """The schema of the value at ``path`` in ``data`` (which need not exist yet)."""
    node: Node | None = root
    value = data
    for step in path:
        if node is None:
            return None
        node = child(root, node, value, step)
        value = _step(value, step)
    return node


def _step(value: Any, step: str | int) -> Any:
    if isinstance(step, int):
        return value[step] if isinstance(value, list) and 0 <= step < len(value) else None
    return value.get(step) if isinstance(value, dict) else None


def defined_ids(root: Node, data: Any) -> dict[str, list[str]]:
    """The ids the data defines (values of `x-id-of` fields), by kind, in the order they appear."""
    found: dict[str, list[str]] = {}
    stack: list[tuple[Node, Any]] = [(root, data)]
    while stack:
        node, value = stack.pop()
        node = resolve(root, node)
        options = alternatives(root, node)
        if options:
            node = options[chosen(root, options, value)]
        node = plain(root, node)
        if isinstance(value, str) and node.get("x-id-of"):
            found.setdefault(node["x-id-of"], []).append(value)
        elif isinstance(value, dict):
            properties = node.get("properties", {})
            stack.extend((properties[k], v) for k, v in reversed(value.items()) if k in properties)
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            stack.extend((node["items"], v) for v in reversed(value))
    return found
