"""From a valid agreement and its lint findings to the rendered `Draft`: which clause templates render, in
what order, with which drafting notes, and how clauses and schedules are numbered."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from . import clauses, library, schema
from .document import Draft, Meta, Note, Reader, Rendered, root_of
from .errors import TemplateError
from .findings import Finding, Severity
from .model import Agreement
from .rules import RULES

# Where a finding about an input section that has no clause of its own is noted.
_HOME = {"agreement": "definitions", "people": "definitions", "posts": "definitions", "bodies": "definitions",
         "parties": "signatures", "resources": "finance", "actions": "monitoring", "signatories": "signatures",
         "recitals": "definitions", "legal": "general"}
WHY_LIMIT = 240


@dataclass(frozen=True)
class Options:
    """What a build may change: notes on or off (``None``: on for drafts) and the user's clause folder."""

    annotate: bool | None = None
    clauses: Path | None = None


def draft(agreement: Agreement, findings: list[Finding], options: Options) -> Draft:
    """Render every clause template for ``agreement`` and read the result into a `Draft`."""
    env = clauses.environment(options.clauses)
    meta = meta_of(agreement)
    annotate = meta.draft if options.annotate is None else options.annotate
    seen: set[tuple[Any, ...]] = set()
    context = _context(agreement, seen)
    kind, jurisdiction = agreement.kind, agreement.jurisdiction
    listed, annexed = library.schedules(kind, str(context["legal"].get("living_registers", "")))
    schedules = _render_schedules(env, context, listed + annexed)
    numbers = {key: str(i) for i, (key, _) in enumerate(schedules, 1)}
    context["schedules"] = numbers
    body, placed = _render_body(env, agreement, context, library.LAYOUTS[kind], jurisdiction)
    front = _render(env, "front", context)
    signatures = _render(env, library.template("signatures", kind, jurisdiction), context)
    _add_leftovers(agreement, seen, context["who"], body)
    notes = notes_by_section(findings, placed, {key for key, _, _ in body}) if annotate else {}
    kept = [(key, name, root) for key, name, root in body if len(root) > 1 or notes.get(key)]
    reader = Reader({key: str(i) for i, (key, _, _) in enumerate(kept, 1)}, numbers, annotate=annotate)
    sections = []
    for i, (key, name, root) in enumerate(kept, 1):
        reader.template = name
        sections.append(reader.section(root, str(i), tuple(notes.get(key, ())), f"clause-{key}"))
    reader.template = clauses.label(env, "front")
    cover, contents = front.find("cover"), front.find("contents")
    if front.tag != "front" or cover is None or contents is None:
        raise TemplateError(f"{reader.template}: must produce <front> with a <cover> and <contents>")
    reader.template = clauses.label(env, library.template("signatures", kind, jurisdiction))
    signed = reader.section(signatures, "", tuple(notes.get("signatures", ())), "signatures")
    scheduled = []
    for i, (key, root) in enumerate(schedules, 1):
        reader.template = clauses.label(env, f"schedule-{key}")
        scheduled.append(reader.section(root, str(i), (), f"schedule-{key}", "schedule"))
    return reader.finish(Draft(meta, reader.cover(cover), reader.contents(contents), tuple(sections), signed,
                               tuple(scheduled)))


def _render(env: Any, name: str, context: Mapping[str, Any]) -> etree._Element:
    label = clauses.label(env, name)
    root = root_of(Rendered(label, clauses.render(env, name, context)))
    if root is None:
        raise TemplateError(f"{label}: produced nothing")
    return root


def _render_schedules(env: Any, context: dict[str, Any],
                      listed: tuple[tuple[str, str], ...]) -> list[tuple[str, etree._Element]]:
    result = []
    for key, source in listed:
        name = f"schedule-{key}"
        if not clauses.exists(env, name):
            continue
        data = context["agreement"][source]
        label = clauses.label(env, name)
        root = root_of(Rendered(label, clauses.render(env, name, {**context, "data": data})))
        if root is not None:
            result.append((key, _checked(root, label)))
    return result


def _render_body(env: Any, agreement: Agreement, context: dict[str, Any], layout: tuple[str, ...],
                 jurisdiction: str) -> tuple[list[tuple[str, str, etree._Element]], dict[int, str]]:
    """Each clause of the layout in order, an additional clause standing in for what it covers (a clause of the
    library, or an element the input leaves out); then the additional clauses that stand in for nothing. Also
    returns where each additional clause was placed."""
    extra = context["agreement"].additional_clauses or ()
    covering: dict[str, int] = {}
    for i, clause in enumerate(agreement.children("additional_clauses")):
        covers = clause.get("covers")
        for name in [covers] if isinstance(covers, str) else covers or ():
            covering.setdefault(str(name), i)
    sections = schema.schema()["properties"]
    placed: dict[int, str] = {}
    body = []
    for key in layout:
        index = covering.get(key)
        if index is not None and (key not in sections or agreement.section(key) is None):
            if index not in placed:
                placed[index] = key
                body.append(_additional(env, context, extra[index], key))
            continue
        name = library.template(key, agreement.kind, jurisdiction)
        if not clauses.exists(env, name):
            continue
        data = context["agreement"][key] if key in sections else None
        label = clauses.label(env, name)
        body.append((key, label, _checked(_render(env, name, {**context, "data": data}), label)))
    for i, clause in enumerate(extra):
        if i not in placed:
            placed[i] = f"additional-{i}"
            body.append(_additional(env, context, clause, placed[i]))
    return body, placed


def _additional(env: Any, context: dict[str, Any], clause: Any, key: str) -> tuple[str, str, etree._Element]:
    root = _render(env, "additional", {**context, "clause": clause, "key": key})
    return key, clauses.label(env, "additional"), root


def _checked(root: etree._Element, label: str) -> etree._Element:
    if root.tag != "section":
        raise TemplateError(f"{label}: must produce one <section>, not <{root.tag}>")
    return root


# ---------------------------------------------------------------- fields no template printed

# Top-level input that is not agreement text, or that is printed without going through a template view.
_NOT_TEXT = frozenset({"$schema", "waivers", "signatories", "additional_clauses"})


def _add_leftovers(agreement: Agreement, seen: set[tuple[Any, ...]], who: Callable[[str], str],
                   body: list[tuple[str, str, etree._Element]]) -> None:
    """Give every input value that no template printed a clause of its own, labelled from the schema, so
    nothing in the input is lost from the document (a field added to the schema, a user template that
    leaves one out). Top-level sections with no clause of their own get a section at the end."""
    definitions = schema.schema()
    roots = {key: root for key, _, root in body}
    for key, value in agreement.document.data.items():
        if key in _NOT_TEXT:
            continue
        field = definitions["properties"].get(key, {})
        found = list(_uncovered(value, field, (key,), seen, definitions["$defs"], who, [field.get("title", key)]))
        if not found:
            continue
        home = key if key in roots else _HOME.get(key)
        if home not in roots:
            home = key
            element = etree.SubElement(etree.Element("section", key=key), "heading")
            element.text = field.get("title", key)
            body.append((key, "the schema", element.getparent()))
            roots[key] = element.getparent()
        for label, text in found:
            clause = etree.SubElement(roots[home], "clause")
            etree.SubElement(clause, "v").text = f"{label}: {text}" if label else text


def _uncovered(value: Any, field: Mapping[str, Any], path: tuple[Any, ...], seen: set[tuple[Any, ...]],
               defs: Mapping[str, Any], who: Callable[[str], str], label: list[str]) -> Iterator[tuple[str, str]]:
    """(label, text) for each value under ``path`` that no template asked for; the label leaves out the
    section's own title."""
    if "$ref" in field:
        field = defs[field["$ref"].rsplit("/", 1)[-1]]
    if isinstance(value, dict):
        properties = field.get("properties", {})
        for key, item in value.items():
            sub = properties.get(key, {})
            if "x-id-of" not in sub:
                yield from _uncovered(item, sub, path + (key,), seen, defs, who,
                                      label + [sub.get("title", key)])
    elif isinstance(value, list):
        items = field.get("items", {})
        if "$ref" in items:
            items = defs[items["$ref"].rsplit("/", 1)[-1]]
        if path in seen and not any(isinstance(v, (dict, list)) for v in value):
            return
        name = items.get("title") or "Item"
        for i, item in enumerate(value):
            yield from _uncovered(item, items, path + (i,), seen, defs, who, label + [f"{name} {i + 1}"])
    elif path not in seen and not (len(path) > 1 and path[:-1] in seen and isinstance(path[-1], int)):
        yield ", ".join(label[1:]), _scalar(value, field, who)


def _scalar(value: Any, field: Mapping[str, Any], who: Callable[[str], str]) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and "x-refers-to" in field:
        return who(value)
    if isinstance(value, str) and "enum" in field:
        return value.replace("_", " ")
    return str(value).strip()


# ---------------------------------------------------------------- notes


def notes_by_section(findings: list[Finding], placed: Mapping[int, str],
                     keys: Collection[str]) -> dict[str, list[Note]]:
    """Drafting notes from the linter's findings, by the section they belong to: one note for each error
    (what is missing, and why it matters), then one note per section gathering its warnings."""
    errors: dict[str, list[Note]] = {}
    warnings: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        rule = RULES.get(finding.rule)
        if finding.waived is not None or finding.severity < Severity.WARNING or (rule is not None and not rule.noted):
            continue
        home = _home(finding.path, placed, keys)
        if finding.severity >= Severity.ERROR:
            why = _first_sentence(rule.part("Why")) if rule is not None else ""
            errors.setdefault(home, []).append(Note(finding.rule, "error", _plain_message(finding.message), why))
        else:
            warnings.setdefault(home, []).append(finding)
    notes = errors
    for home, found in warnings.items():
        rules = ", ".join(dict.fromkeys(f.rule for f in found))
        lines = "\n".join(f"{_plain_message(f.message)} ({f.rule})" for f in found)
        notes.setdefault(home, []).append(Note(rules, "warning", lines))
    return notes


def _home(path: str, placed: Mapping[int, str], keys: Collection[str]) -> str:
    parts = path.split("/")
    top = parts[1] if len(parts) > 1 else ""
    if top == "additional_clauses" and len(parts) > 2 and parts[2].isdigit():
        return placed.get(int(parts[2]), "definitions")
    if top in keys:
        return top
    return _HOME.get(top, "definitions")


def _plain_message(message: str) -> str:
    text = message.replace("`", "")
    return text[:1].upper() + text[1:]


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= WHY_LIMIT:
        return text
    match = re.match(r"(.+?[.!?])(?:\s+[A-Z(]|$)", text)
    return match.group(1) if match else text


# ---------------------------------------------------------------- what the templates see


def meta_of(agreement: Agreement) -> Meta:
    meta = agreement.meta
    return Meta(
        title=meta.text("title"), short_name=agreement.partnership_name,
        version=meta.text("version"), status=meta.text("status") or "draft",
        date=meta.text("effective_date"), subject=meta.text("model"),
    )


def _context(agreement: Agreement, seen: set[tuple[Any, ...]]) -> dict[str, Any]:
    definitions = schema.schema()
    root = clauses.wrap(agreement.data, definitions, definitions["$defs"], (), seen)
    meta = root.agreement or clauses.View({}, definitions["properties"]["agreement"], definitions["$defs"])
    names = _names(agreement)
    outcomes = {str(o.get("id")): o.text("statement") for o in
                (agreement.section("purpose") or agreement.meta).children("outcomes") if o.get("id")}
    legal = library.choices(agreement)
    return {
        "agreement": root, "meta": meta, "parties": root.parties or (), "short": agreement.partnership_name,
        "currency": meta.currency or "GBP", "who": _lookup(names), "outcome": _lookup(outcomes),
        "schedules": {}, "kind": agreement.kind, "legal": legal, "law": library.laws(agreement, legal),
        "signatories": signatories(agreement),
    }


def _lookup(table: Mapping[str, str]) -> Callable[[str], str]:
    def find(key: str) -> str:
        return table.get(key, key)
    return find


def _names(agreement: Agreement) -> dict[str, str]:
    """The name to print for each id a reference can hold: parties, bodies, people, posts and groups."""
    names = {str(p.get("id")): p.text("short_name") or p.text("name") for p in agreement.parties}
    names.update((str(b.get("id")), b.text("short_name") or b.text("name")) for b in agreement.children("bodies"))
    names.update((str(p.get("id")), p.text("name")) for p in agreement.people())
    names.update((str(p.get("id")), p.text("title")) for p in agreement.children("posts"))
    accountability = agreement.section("accountability")
    if accountability is not None:
        names.update((str(g.get("id")), g.text("name")) for g in accountability.children("groups"))
    return names


def signatories(agreement: Agreement) -> list[dict[str, str]]:
    """Who signs for each party, one entry a party in the parties' order, read from one source (the party's
    `signatory`, or the old top-level list): the party's name, and the signatory's name and position, each
    empty when the input does not say. A post signs by its title; its holder, if named, is the name."""
    result = []
    for party in agreement.parties:
        signer = agreement.signatory(party)
        person, post = agreement.person(signer), agreement.post(signer)
        if post is not None:
            holder = agreement.person(post.text("holder"))
            name, position = (holder.text("name") if holder is not None else ""), post.text("title")
        else:
            name = person.text("name") if person is not None else ""
            position = person.text("position") if person is not None else ""
        result.append({"party": party.text("name"), "name": name, "position": position})
    return result
