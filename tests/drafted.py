"""Helpers for the drafting tests: draft an agreement given as data, read the draft's text, and build a synthetic
agreement that fills every field of the schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agreement_builder.build import build
from agreement_builder.document import Bracket, Caption, Control, CoverLine, Draft, Span, inlines, plain
from agreement_builder.drafting import Options

Path_ = tuple[Any, ...]


def drafted(data: dict[str, Any], folder: Path, name: str = "agreement.json") -> Draft:
    """The `Draft` the build makes of ``data`` (which must be valid). A document marked final is drafted
    even with lint errors (as ``--allow-errors`` does), and without notes, as it would be without errors."""
    source = folder / name
    source.write_text(json.dumps(data), encoding="utf-8")
    final = data.get("agreement", {}).get("status") == "final"
    built = build(str(source), "md", options=Options(annotate=False if final else None, allow_errors=True))
    assert built.draft is not None, [f.message for f in built.findings]
    return built.draft


def text(draft: Draft) -> str:
    """Everything the draft says, one paragraph or cell a line: cover, control box, headings, blocks."""
    lines: list[str] = []
    for line in draft.cover:
        if isinstance(line, Control):
            lines.extend(f"{plain(label)}: {plain(value)}" for label, value in line.rows)
        elif isinstance(line, CoverLine):
            lines.append(plain(line.content))
    for section in draft.all_sections():
        lines.append(section.title)
        for block in section.blocks:
            if isinstance(block, Caption):
                lines.append(plain(block.content))
            pieces = list(inlines(block))
            lines.append("".join(p.text if isinstance(p, Span) else plain(p.content) for p in pieces
                                 if isinstance(p, Span | Bracket)))
    return "\n".join(lines)


def draft_text(data: dict[str, Any], folder: Path) -> str:
    return text(drafted(data, folder))


def brackets(draft: Draft) -> list[Bracket]:
    """Every placeholder in the draft."""
    return [p for b in draft.blocks() for p in inlines(b) if isinstance(p, Bracket)]


# ---------------------------------------------------------------- an agreement that fills every field

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "agreement.schema.json").read_text("utf-8"))
DEFS = SCHEMA["$defs"]
_KINDS = ("party", "person", "post", "body", "group", "outcome", "priority", "role", "risk", "action", "scheme",
          "schedule", "clause")


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    return DEFS[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node


class Filler:
    """Makes a value for every field: a distinct marker word for each text, a distinct number for each count,
    a distinct date for each date; ids by kind, so that references can point at them."""

    def __init__(self) -> None:
        self.count = 0
        self.markers: dict[Path_, str] = {}

    def marker(self, path: Path_, kind: str = "text") -> str:
        self.count += 1
        value = {"text": f"Qx{self.count:04d}", "date": f"{2030 + self.count % 60:04d}-0{1 + self.count % 9}-1"
                 f"{self.count % 10}", "email": f"qx{self.count:04d}@example.org"}[kind]
        self.markers[path] = value
        return value

    def value(self, node: dict[str, Any], path: Path_) -> Any:
        node = resolve(node)
        kind = node.get("type")
        if isinstance(kind, list):
            kind = "string"
        if "x-id-of" in node:
            return "id"  # given its own value by _ids
        if "x-refers-to" in node:
            return f"{node['x-refers-to'][0]}-0"
        if "enum" in node:
            return node["enum"][0]
        if kind == "object":
            return {key: self.value(field, path + (key,)) for key, field in node.get("properties", {}).items()}
        if kind == "array":
            return [self.value(node["items"], path + (0,))]
        if kind == "boolean":
            return True
        if kind in ("integer", "number"):
            if node.get("maximum", 1000) < 100:
                return node.get("minimum", 1)
            self.count += 1
            self.markers[path] = str(600 + self.count)
            return 600 + self.count
        last = path[-1] if path and isinstance(path[-1], str) else ""
        if "date" in last or last == "due":
            return self.marker(path, "date")
        if last == "email":
            return self.marker(path, "email")
        if last == "currency":
            return "GBP"
        return self.marker(path)


def full_agreement() -> tuple[dict[str, Any], dict[Path_, str]]:
    """An agreement with every field of the schema filled, and the marker each text, number and date holds."""
    filler = Filler()
    data = {key: filler.value(field, (key,)) for key, field in SCHEMA["properties"].items() if key != "$schema"}
    # Two of each thing references point at, so that a reference can be moved to the other.
    for key in ("parties", "people", "posts", "bodies"):
        second = copy.deepcopy(data[key][0])
        data[key].append(_renamed(second, filler, (key, 1)))
    groups = data["accountability"]["groups"]
    groups.append(_renamed(copy.deepcopy(groups[0]), filler, ("accountability", "groups", 1)))
    outcomes = data["purpose"]["outcomes"]
    outcomes.append(_renamed(copy.deepcopy(outcomes[0]), filler, ("purpose", "outcomes", 1)))
    _ids(data)
    data["agreement"].update(kind="memorandum", jurisdiction="england", status="draft")
    data["agreement"].pop("short_name")
    data["legal"]["data_protection"]["roles"] = "controller_processor"
    data["legal"]["data_protection"]["processor"] = "party-1"
    data["additional_clauses"][0]["covers"] = "schemes"  # a section the input also fills: no stand-in
    data["accountability"]["groups"][1]["reports_to"] = "group-0"
    data["accountability"]["groups"][0].pop("reports_to")
    return data, filler.markers


def _renamed(item: Any, filler: Filler, path: Path_) -> Any:
    """A copy of ``item`` whose texts are new markers (so the two copies can be told apart)."""
    if isinstance(item, dict):
        return {k: _renamed(v, filler, path + (k,)) if k not in ("id",) else v for k, v in item.items()}
    if isinstance(item, list):
        return [_renamed(v, filler, path + (i,)) for i, v in enumerate(item)]
    if isinstance(item, str) and item.startswith("Qx"):
        return filler.marker(path)
    if isinstance(item, str) and item.startswith("qx") and "@" in item:
        return filler.marker(path, "email")
    return item


def _ids(data: dict[str, Any]) -> None:
    """Give every id a distinct value and point every reference at the first thing of a kind it allows."""
    counts: dict[str, int] = {}
    for path, node, _ in _walk(data, SCHEMA):
        if "x-id-of" in node:
            kind = node["x-id-of"]
            n = counts.get(kind, 0)
            counts[kind] = n + 1
            _set(data, path, f"{kind}-{n}")
    for path, node, _ in _walk(data, SCHEMA):
        if "x-refers-to" in node:
            kind = next(k for k in node["x-refers-to"] if counts.get(k))
            _set(data, path, f"{kind}-0")


def _walk(value: Any, node: dict[str, Any], path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any], Any]]:
    node = resolve(node)
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, node.get("properties", {}).get(key, {}), path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, node.get("items", {}), path + (i,))
    else:
        yield path, node, value


def _set(data: Any, path: Path_, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def leaves(data: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any], Any]]:
    """Every scalar in ``data`` with its schema node."""
    yield from _walk(data, SCHEMA)


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int))
