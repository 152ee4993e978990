"""The agreement model: views over valid data, each node knowing its path in the input.

The views read the loaded data in place, without a copy (a read-only copy cost a twentieth of linting a
file): rules and drafting only read it, and the rule tests check that each rule leaves it as it found it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .source import Document, JsonPath

ELEMENTS: tuple[str, ...] = (
    "purpose", "membership", "accountability", "roles", "finance", "boundaries", "risk",
    "disputes", "supervision", "complaints", "exit_strategy", "legal_powers",
)


@dataclass(frozen=True)
class Node:
    """A mapping in the input and where it stands (its JSON path)."""

    data: Mapping[str, Any]
    path: JsonPath

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def text(self, key: str) -> str:
        """The text at ``key``, stripped; empty when absent."""
        value = self.data.get(key)
        return value.strip() if isinstance(value, str) else ""

    def child(self, key: str) -> Node | None:
        value = self.data.get(key)
        return Node(value, self.path + (key,)) if isinstance(value, dict) else None

    def children(self, key: str) -> list[Node]:
        """The mappings in the list at ``key``."""
        return [Node(v, self.path + (key, i)) for i, v in enumerate(self.data.get(key) or ())
                if isinstance(v, dict)]

    def strings(self, key: str) -> list[str]:
        return [v for v in self.data.get(key) or () if isinstance(v, str) and v.strip()]

    def texts(self, containing: str = "") -> Iterator[tuple[JsonPath, str]]:
        """Every text inside this node, at any depth, with its path (keys are not included); only those that
        hold ``containing`` when it is given, which spares making a path for each of the others."""
        stack: list[tuple[JsonPath, Any]] = [(self.path, self.data)]
        while stack:
            path, item = stack.pop()
            for key, value in (item.items() if isinstance(item, dict) else enumerate(item)):
                if isinstance(value, str):
                    if containing in value:
                        yield path + (key,), value
                elif isinstance(value, (dict, list)):
                    stack.append((path + (key,), value))

    def at(self, *keys: str | int) -> JsonPath:
        return self.path + keys


@dataclass(frozen=True)
class Agreement(Node):
    """The whole agreement, with the lookups rules share."""

    document: Document

    @classmethod
    def from_document(cls, document: Document) -> Agreement:
        return cls(document.data, (), document)

    def section(self, name: str) -> Node | None:
        """A top-level section, or ``None`` when it is absent or empty."""
        node = self.child(name)
        return node if node is not None and node.data else None

    @property
    def parties(self) -> list[Node]:
        return self.children("parties")

    def people(self) -> Iterator[Node]:
        """Every named person: the parties' representatives and the other people."""
        for party in self.parties:
            yield from party.children("representatives")
        yield from self.children("people")

    def person(self, person_id: str) -> Node | None:
        return next((p for p in self.people() if p.get("id") == person_id), None)

    def party(self, party_id: str) -> Node | None:
        return next((p for p in self.parties if p.get("id") == party_id), None)

    def covered(self) -> dict[str, Node]:
        """Elements provided by an additional clause that says it ``covers`` them."""
        return {str(c.get("covers")): c for c in self.children("additional_clauses") if c.get("covers")}

    @property
    def meta(self) -> Node:
        return self.child("agreement") or Node({}, ("agreement",))
