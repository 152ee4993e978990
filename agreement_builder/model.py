"""The agreement model: views over valid data, each node knowing its path in the input.

The views read the loaded data in place, without a copy (a read-only copy cost a twentieth of linting a
file): rules and drafting only read it, and the rule tests check that each rule leaves it as it found it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .source import Document, JsonPath

# A reference in the input's own text to a clause, schedule or annex by key, which the document numbers.
TOKEN = re.compile(r"\{(clause|schedule|annex):([A-Za-z][A-Za-z0-9_.-]*)\}")

ELEMENTS: tuple[str, ...] = (
    "purpose", "membership", "accountability", "roles", "finance", "boundaries", "risk",
    "disputes", "supervision", "complaints", "exit_strategy", "legal_powers",
)
KINDS: tuple[str, ...] = ("agreement", "memorandum", "integration_scheme")
# Arrangements that make a Scottish agreement an integration scheme under the 2014 Act.
INTEGRATION_TYPES = frozenset({"integration_joint_board", "lead_agency"})


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
        return self._people_by_id.get(person_id)

    def party(self, party_id: str) -> Node | None:
        return self._parties_by_id.get(party_id)

    # Drafting and rules look parties and people up once per reference: an index keeps an agreement with
    # thousands of them linear (a scan per look-up made 8,000 parties take minutes to build).
    @cached_property
    def _parties_by_id(self) -> dict[Any, Node]:
        return _first_by_id(self.parties)

    @cached_property
    def _people_by_id(self) -> dict[Any, Node]:
        return _first_by_id(self.people())

    def covered(self) -> dict[str, Node]:
        """What additional clauses say they ``covers`` (element names, legal clause names, rule ids), each with
        the first clause that covers it."""
        found: dict[str, Node] = {}
        for clause in self.children("additional_clauses"):
            covers = clause.get("covers")
            for name in [covers] if isinstance(covers, str) else covers or ():
                if isinstance(name, str):
                    found.setdefault(name, clause)
        return found

    @property
    def meta(self) -> Node:
        return self.child("agreement") or Node({}, ("agreement",))

    @property
    def jurisdiction(self) -> str:
        return self.meta.text("jurisdiction") or "generic"

    @property
    def kind(self) -> str:
        """The kind of instrument: as stated, else what the arrangement makes plain, else an agreement."""
        stated = self.meta.text("kind")
        if stated in KINDS:
            return stated
        return "integration_scheme" if self.integration_scheme_by_arrangement() else "agreement"

    def integration_scheme_by_arrangement(self) -> bool:
        """Whether the jurisdiction and arrangement make this a Scottish integration scheme (2014 Act)."""
        meta = self.meta
        return meta.text("jurisdiction") == "scotland" and (
            meta.text("arrangement_type") in INTEGRATION_TYPES or bool(meta.text("integration_model")))

    @property
    def partnership_name(self) -> str:
        """What the arrangement is called in the text (``short_name`` is its old key); empty when not given."""
        return self.meta.text("partnership_name") or self.meta.text("short_name")

    def signatory(self, party: Node) -> str:
        """The id of who signs for ``party``: its ``signatory``, else the old top-level ``signatories`` list."""
        return party.text("signatory") or self._signing.get(party.get("id"), "")

    def post(self, post_id: str) -> Node | None:
        return self._posts_by_id.get(post_id)

    def body(self, body_id: str) -> Node | None:
        return self._bodies_by_id.get(body_id)

    @cached_property
    def _signing(self) -> dict[Any, str]:
        """The first person the ``signatories`` list names for each party."""
        found: dict[Any, str] = {}
        for listed in self.children("signatories"):
            if listed.text("person"):
                found.setdefault(listed.get("party"), listed.text("person"))
        return found

    @cached_property
    def _posts_by_id(self) -> dict[Any, Node]:
        return _first_by_id(self.children("posts"))

    @cached_property
    def _bodies_by_id(self) -> dict[Any, Node]:
        return _first_by_id(self.children("bodies"))


def _first_by_id(nodes: Iterable[Node]) -> dict[Any, Node]:
    """Each node by its id; the first of any that share one, as a scan in order would find."""
    index: dict[Any, Node] = {}
    for node in nodes:
        index.setdefault(node.get("id"), node)
    return index
