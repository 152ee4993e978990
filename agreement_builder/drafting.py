"""From a valid agreement and its lint findings to the rendered `Draft`: which clause templates render, in
what order, with which drafting notes, and how clauses, schedules and annexes are numbered and referred to."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from . import clauses, library, schema
from .document import Draft, Meta, Note, Reader, Rendered, root_of
from .errors import BuildError, TemplateError
from .findings import Finding, Severity
from .model import TOKEN, Agreement, Node
from .rules import RULES
from .rules.base import Rule
from .rules.statutory import statutory_packs
from .source import JsonPath, pointer

# Where a finding about an input section that has no clause of its own is noted.
_HOME = {"agreement": "definitions", "people": "definitions", "posts": "definitions", "bodies": "arrangements",
         "parties": "opening", "resources": "finance", "actions": "monitoring", "signatories": "signatures",
         "recitals": "definitions", "legal": "general", "schedules": "definitions"}
WHY_LIMIT = 240

# Input the document deliberately does not print, and why. Every other field of the schema has a rendering
# written for it in a clause template (tests/test_drafting.py walks the schema to prove it).
OMITTED: Mapping[str, str] = {
    "$schema": "the address of the schema, for editors; not part of the agreement",
    "waivers": "findings the partnership accepts; they steer lint, not the wording",
    "agreement.short_name": "the old name of partnership_name; printed only when partnership_name is absent",
    "signatories": "the old list of who signs; a party's own signatory takes its place when both are given",
    "additional_clauses.covers": "says which clause of the library an additional clause stands in for",
}

# What a kind of document leaves out besides, and why.
_SCHEME_TERM = ("an integration scheme is not a contract for a term: it runs until it is replaced after a review "
                "under section 44 of the 2014 Act, and cannot be ended by one Party")
_MODEL = "only an integration scheme states its integration model"
OMITTED_BY_KIND: Mapping[str, Mapping[str, str]] = {
    "agreement": {"agreement.integration_model": _MODEL,
                  "legal.binding": "only a memorandum of understanding has parts that bind and parts that do not"},
    "memorandum": {"agreement.integration_model": _MODEL},
    "integration_scheme": {
        "term.duration": _SCHEME_TERM, "term.initial_period_months": _SCHEME_TERM, "term.extension": _SCHEME_TERM,
        "term.renewal_months": _SCHEME_TERM, "term.notice_months": _SCHEME_TERM, "term.triggers": _SCHEME_TERM,
        "term.termination": _SCHEME_TERM, "term.breach": _SCHEME_TERM, "exit_strategy.notice_months": _SCHEME_TERM,
        "exit_strategy.triggers": _SCHEME_TERM,
        "legal.termination": _SCHEME_TERM,
        "legal.entire_agreement": "an integration scheme is not a contract, so it has no entire-agreement clause",
        "legal.data_protection": "an integration scheme covers personal data through its information sharing "
                                 "arrangements (the information sharing accord), not a data protection clause",
        "schemes": "the schemes and services of a section 75 agreement; an integration scheme lists the functions "
                   "it delegates in its annex",
    },
}


def omitted(path: str, kind: str = "agreement") -> bool:
    """Whether the field at dotted ``path`` ("parties.notices.email") is left out on purpose in a document of
    ``kind``: it, or a section it belongs to, is in OMITTED or in what the kind leaves out."""
    parts = path.split(".")
    table = {**OMITTED, **OMITTED_BY_KIND.get(kind, {})}
    return any(".".join(parts[:n]) in table for n in range(1, len(parts) + 1))


@dataclass(frozen=True)
class Options:
    """What a build may change: notes on or off (``None``: on for drafts), the user's clause folder, and whether
    a document marked final may be drafted although lint reports errors in it (it is then annotated)."""

    annotate: bool | None = None
    clauses: Path | None = None
    allow_errors: bool = False
    as_draft: bool = False  # drafted as a draft whatever the input's status (a final one with lint errors)
    # Where lint collects the reference tokens whose key the document does not have, instead of stopping:
    # (the token's path, the token, the keys it could name).
    unknown: list[tuple[JsonPath, str, str]] | None = None


def draft(agreement: Agreement, findings: list[Finding], options: Options) -> Draft:
    """Render every clause template for ``agreement`` and read the result into a `Draft`."""
    env = clauses.environment(options.clauses)
    meta = meta_of(agreement)
    if options.as_draft:
        meta = meta._replace(status="draft")
    annotate = meta.draft if options.annotate is None else options.annotate
    context = _context(agreement)
    kind, jurisdiction = agreement.kind, agreement.jurisdiction
    listed, annexed = library.schedules(kind, str(context["legal"].get("living_registers", "")))
    own = [s for s in agreement.children("schedules") if s.get("id")]
    schedules = _render_schedules(env, context, listed) + _render_own(env, context, own, "schedule")
    annexes = _render_schedules(env, context, annexed) + _render_own(env, context, own, "annex")
    _check_schedule_keys(agreement, schedules + annexes)
    numbers = {key: str(i) for i, (key, _) in enumerate(schedules, 1)}
    annexed_numbers = {key: str(i) for i, (key, _) in enumerate(annexes, 1)}
    context.update(schedules=numbers, annexes=annexed_numbers, annexed=bool(annexes))
    body, placed = _render_body(env, agreement, context, library.LAYOUTS[kind], jurisdiction)
    notes = notes_by_section(findings, placed, {key for key, _, _ in body}) if annotate else {}
    body = _render_late(env, agreement, context, body, notes, jurisdiction)
    front = _render(env, "front", context)
    opening = _render(env, library.template("opening", kind, jurisdiction), context)
    signatures = _render(env, library.template("signatures", kind, jurisdiction), context)
    notes = _unmarked(notes, [opening, signatures, *(root for _, _, root in body),
                              *(root for _, root in schedules + annexes)])
    kept = [(key, name, root) for key, name, root in body if len(root) > 1 or notes.get(key)]
    _docquets(env, context, schedules, jurisdiction, kind)
    sections = {key for key, _, _ in kept}
    _live_references(agreement, [opening] + [root for _, _, root in kept] + [root for _, root in schedules + annexes],
                     sections, numbers, annexed_numbers, options.unknown)
    reader = Reader({key: str(i) for i, (key, _, _) in enumerate(kept, 1)}, numbers, annexed_numbers,
                    annotate=annotate)
    reader.template = clauses.label(env, library.template("opening", kind, jurisdiction))
    opened = reader.section(_checked(opening, reader.template), "", tuple(notes.get("opening", ())), "opening")
    drafted = []
    for i, (key, name, root) in enumerate(kept, 1):
        reader.template = name
        drafted.append(reader.section(root, str(i), tuple(notes.get(key, ())), f"clause-{key}"))
    reader.template = clauses.label(env, "front")
    cover, contents = front.find("cover"), front.find("contents")
    if front.tag != "front" or cover is None or contents is None:
        raise TemplateError(f"{reader.template}: must produce <front> with a <cover> and <contents>")
    reader.template = clauses.label(env, library.template("signatures", kind, jurisdiction))
    signed = reader.section(signatures, "", tuple(notes.get("signatures", ())), "signatures")
    ours = {key for listed in library.SCHEDULES.values() for key, _ in listed}
    scheduled = []
    for i, (key, root) in enumerate(schedules, 1):
        reader.template = clauses.label(env, f"schedule-{key if key in ours else 'own'}")
        scheduled.append(reader.section(root, str(i), (), f"schedule-{key}", "schedule"))
    annexed_sections = []
    for i, (key, root) in enumerate(annexes, 1):
        reader.template = clauses.label(env, f"schedule-{key if key in ours else 'own'}")
        annexed_sections.append(reader.section(root, str(i), (), f"annex-{key}", "annex"))
    return reader.finish(Draft(meta, reader.cover(cover), reader.contents(contents), tuple(drafted), signed,
                               tuple(scheduled), opened, tuple(annexed_sections)))


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
        data = context["agreement"][source]
        label = clauses.label(env, name)
        root = root_of(Rendered(label, clauses.render(env, name, {**context, "data": data})))
        if root is not None:
            result.append((key, _checked(root, label)))
    return result


def _render_own(env: Any, context: dict[str, Any], own: list[Node], kind: str) -> list[tuple[str, etree._Element]]:
    """The user's own schedules (or annexes) in the order written."""
    views = {s.get("id"): view for s, view in zip(own, context["agreement"].schedules or (), strict=False)}
    result = []
    for schedule in own:
        if (schedule.get("kind") or "schedule") != kind:
            continue
        key = str(schedule.get("id"))
        root = _render(env, "schedule-own", {**context, "data": views[key]})
        result.append((key, _checked(root, clauses.label(env, "schedule-own"))))
    return result


def _check_schedule_keys(agreement: Agreement, schedules: list[tuple[str, etree._Element]]) -> None:
    seen: set[str] = set()
    for key, _ in schedules:
        if key in seen:
            where = next((s for s in agreement.children("schedules") if s.get("id") == key), None)
            location = _locate(agreement, where.at("id") if where is not None else ("schedules",))
            raise BuildError(f"{location}: the schedule id '{key}' is also the name of a schedule the tool "
                             "writes; choose another id")
        seen.add(key)


def _docquets(env: Any, context: dict[str, Any], schedules: list[tuple[str, etree._Element]], jurisdiction: str,
              kind: str) -> None:
    """In Scotland each schedule says it is the schedule referred to in the document (its docquet)."""
    name = library.template("docquet", kind, jurisdiction)
    for i, (_, root) in enumerate(schedules, 1):
        docquet = root_of(Rendered(clauses.label(env, name), clauses.render(env, name, {**context, "number": i})))
        if docquet is not None:
            heading = root.find("heading")
            root.insert(0 if heading is None else root.index(heading) + 1, docquet)


def _render_body(env: Any, agreement: Agreement, context: dict[str, Any], layout: tuple[str, ...],
                 jurisdiction: str) -> tuple[list[tuple[str, str, etree._Element | None]], dict[int, str]]:
    """Each clause of the layout in order, an additional clause standing in for what it covers (a clause of the
    library, or an element the input leaves out); then the additional clauses that stand in for nothing. Also
    returns where each additional clause was placed. The clauses that refer to which others the document has
    (library.LATE) are left as ``None``, for `_render_late`."""
    extra = context["agreement"].additional_clauses or ()
    covering: dict[str, int] = {}
    for i, clause in enumerate(agreement.children("additional_clauses")):
        covers = clause.get("covers")
        for name in [covers] if isinstance(covers, str) else covers or ():
            covering.setdefault(str(name), i)
    sections = schema.schema()["properties"]
    placed: dict[int, str] = {}
    body: list[tuple[str, str, etree._Element | None]] = []
    for key in layout:
        index = covering.get(key)
        if index is not None and (key not in sections or agreement.section(key) is None):
            if index not in placed:
                placed[index] = key
                body.append(_additional(env, context, extra[index], key))
            continue
        late = any(key in tier for tier in library.LATE)
        body.append((key, "", None) if late else _clause(env, agreement, context, key, jurisdiction))
    ids = [c.get("id") for c in agreement.children("additional_clauses")]
    for i, clause in enumerate(extra):
        if i not in placed:
            # Its own id, when it has one, is the key user text refers to it by ({clause:ID}).
            own = ids[i]
            placed[i] = str(own) if own and own not in layout and own not in sections else f"additional-{i}"
            body.append(_additional(env, context, clause, placed[i]))
    return body, placed


def _render_late(env: Any, agreement: Agreement, context: dict[str, Any],
                 body: list[tuple[str, str, etree._Element | None]], notes: Mapping[str, list[Note]],
                 jurisdiction: str) -> list[tuple[str, str, etree._Element]]:
    """Render the clauses that refer to which others the document has, now that it is known: every clause with
    text or a drafting note, in the document's order."""
    for tier in library.LATE:
        present = tuple(key for key, _, root in body if (root is not None and len(root) > 1) or notes.get(key))
        late = {**context, "present": present}
        body = [(key, name, root) if root is not None or key not in tier
                else _clause(env, agreement, late, key, jurisdiction) for key, name, root in body]
    return [(key, name, root) for key, name, root in body if root is not None]


def _clause(env: Any, agreement: Agreement, context: dict[str, Any], key: str,
            jurisdiction: str) -> tuple[str, str, etree._Element]:
    name = library.template(key, agreement.kind, jurisdiction)
    sections = schema.schema()["properties"]
    data = context["agreement"][key] if key in sections else None
    label = clauses.label(env, name)
    return key, label, _checked(_render(env, name, {**context, "data": data}), label)


def _additional(env: Any, context: dict[str, Any], clause: Any, key: str) -> tuple[str, str, etree._Element]:
    root = _render(env, "additional", {**context, "clause": clause, "key": key})
    return key, clauses.label(env, "additional"), root


def _checked(root: etree._Element, label: str) -> etree._Element:
    if root.tag != "section":
        raise TemplateError(f"{label}: must produce one <section>, not <{root.tag}>")
    return root


# ---------------------------------------------------------------- references the user writes



def _live_references(agreement: Agreement, roots: list[etree._Element], sections: Collection[str],
                     schedules: Mapping[str, str], annexes: Mapping[str, str],
                     unknown: list[tuple[JsonPath, str, str]] | None = None) -> None:
    """Turn each `{clause:KEY}`, `{schedule:KEY}` or `{annex:KEY}` in the user's text into a reference the
    document numbers: KEY names a clause of the document (its section key, or the id of a clause) or a schedule
    or annex. A key the document does not have is an error that says where the token is (or, for lint, is
    added to ``unknown`` and left as text)."""
    ids = {str(e.get("id")) for root in roots for e in root.iter("clause", "item") if e.get("id")}
    located: dict[str, JsonPath] = {}  # where each unknown token first stands: one search a token, not one a use
    for root in roots:
        for value in list(root.iter("v")):
            if value.text and "{" in value.text and TOKEN.search(value.text):
                _split(agreement, value, sections, ids, schedules, annexes, unknown, located)


def _split(agreement: Agreement, value: etree._Element, sections: Collection[str], ids: Collection[str],
           schedules: Mapping[str, str], annexes: Mapping[str, str],
           unknown: list[tuple[JsonPath, str, str]] | None, located: dict[str, JsonPath]) -> None:
    # Each piece goes in right after the last (addnext), not at an index: inserting at an index walks the
    # parent's children each time, which made a text with thousands of tokens take minutes.
    pieces = TOKEN.split(value.text or "")
    value.text = pieces[0]
    tail, value.tail = value.tail, None
    last = value
    for i in range(1, len(pieces), 3):
        kind, key, text = pieces[i], pieces[i + 1], pieces[i + 2]
        ref = etree.Element("ref")
        if kind == "clause" and key in sections:
            ref.set("section", key)
        elif kind == "clause" and key in ids:
            ref.set("clause", key)
        elif kind in ("schedule", "annex") and key in schedules:
            ref.set("schedule", key)
        elif kind in ("schedule", "annex") and key in annexes:
            ref.set("annex", key)
        else:
            token = "{" + kind + ":" + key + "}"
            if token not in located:
                located[token] = next((path for path, _ in agreement.texts(token)), ())
            found = located[token]
            known = sorted(sections) + sorted(ids) if kind == "clause" else sorted(schedules) + sorted(annexes)
            if unknown is None:
                raise BuildError(f"{_locate(agreement, found)}: {token} refers to a {kind} this agreement does "
                                 f"not have; the keys are: {', '.join(known)}")
            unknown.append((found, token, ", ".join(known)))
            ref = etree.Element("v")
            ref.text = token
        last.addnext(ref)
        last = ref
        if text:
            after = etree.Element("v")
            after.text = text
            last.addnext(after)
            last = after
    last.tail = tail


def _locate(agreement: Agreement, path: tuple[Any, ...]) -> str:
    where = agreement.document.locate(path)
    return f"{agreement.document.file}:{where.line}:{where.column}: {pointer(path)}"


# ---------------------------------------------------------------- notes


def notes_by_section(findings: list[Finding], placed: Mapping[int, str],
                     keys: Collection[str]) -> dict[str, list[Note]]:
    """Drafting notes from the linter's findings, by the section they belong to: one note for each gap (a
    finding several rules reported is one gap), saying what to insert, why it matters when it is an error, and
    the source. Findings about the input file itself (its keys, characters and waivers) belong in lint's
    report, not in the document."""
    notes: dict[str, list[Note]] = {}
    for finding in sorted(findings):
        rule = RULES.get(finding.rule)
        if finding.waived is not None or finding.severity < Severity.WARNING:
            continue
        if rule is not None and (not rule.noted or rule.pack == "input"):
            continue
        why = _first_sentence(rule.part("Why")) if rule is not None and finding.severity >= Severity.ERROR else ""
        why = _CITED.sub("", why)  # the source follows once, after it
        cited = (_source(RULES.get(r), s) for r, s in zip(finding.rules, finding.sources, strict=False))
        note = Note(finding.rule, str(finding.severity), _plain_message(finding.message), why,
                    "; ".join(dict.fromkeys(c for c in cited if c)))
        notes.setdefault(_home(finding.path, placed, keys), []).append(note)
    return notes


def _unmarked(notes: dict[str, list[Note]], roots: list[etree._Element]) -> dict[str, list[Note]]:
    """The notes less those for a gap that a placeholder marks where the words go (its ``rule``): that gap is
    noted once, at the placeholder."""
    marked = {b.get("rule") for root in roots for b in root.iter("bracket") if b.get("rule")}
    return {home: [n for n in found if n.rule not in marked] for home, found in notes.items()}


_CITED = re.compile(r"\s*\(briefing:[^()]*\)")


def _source(rule: Rule | None, citation: str) -> str:
    """A rule's citation as a reader of the document reads it: "the briefing, Structures > Decisions", an
    enactment as cited; nothing for a legal essential whose source is only the name of the matter."""
    pack, _, where = citation.partition(": ")
    if pack == "briefing" and where:
        return f"the briefing, {where}"
    if rule is not None and rule.pack == "legal" and not re.search(r"\d", citation):
        return ""
    return citation


def _home(path: str, placed: Mapping[int, str], keys: Collection[str]) -> str:
    parts = path.split("/")
    top = parts[1] if len(parts) > 1 else ""
    if top == "additional_clauses" and len(parts) > 2 and parts[2].isdigit():
        return placed.get(int(parts[2]), "definitions")
    if top in keys:
        return top
    home = _HOME.get(top, "definitions")
    return home if home in keys or home in ("signatures", "opening") else "definitions"


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


def _context(agreement: Agreement) -> dict[str, Any]:
    definitions = schema.schema()
    root = clauses.wrap(agreement.data, definitions, definitions["$defs"])
    meta = root.agreement or clauses.View({}, definitions["properties"]["agreement"], definitions["$defs"])
    legal = library.choices(agreement)
    packs = statutory_packs(agreement)
    return {
        "agreement": root, "meta": meta, "parties": root.parties or (), "short": agreement.partnership_name,
        "currency": meta.currency or "GBP", "who": _lookup(_names(agreement)), "outcome": _lookup(_outcomes(agreement)),
        "schedules": {}, "annexes": {}, "annexed": False, "present": (),
        "kind": agreement.kind, "doc": library.INSTRUMENTS[agreement.kind], "legal": legal,
        "annexes_bind": agreement.kind in library.ANNEXED_KINDS,
        "law": library.laws(agreement, legal), "titles": library.titles(),
        "regime": packs[0] if packs else "", "pooled_regimes": library.POOLED_FUNDS,
        "abbreviations": library.ABBREVIATIONS.get(packs[0] if packs else "", {}),
        "party_ids": frozenset(str(p.get("id")) for p in agreement.parties),
        "outcome_ids": _outcome_ids(agreement),
        "mentions_partner": any(True for _ in _partner_words(agreement)),
        "mentions_party": any(_PARTY.search(text) for _, text in agreement.texts()),
        "short_form": short_form(agreement),
        "signatories": signatories(agreement), "body_types": library.body_types(agreement),
        "statutory_groups": statutory_groups(agreement),
        "contract": agreement.kind in library.CONTRACTS,
        "described_bodies": library.described_bodies(agreement.kind, agreement.covered()),
        "exit_gives_notice": library.exit_gives_notice(agreement),
        "indemnity_membership_stated": library.indemnity_membership_stated(agreement),
    }


def statutory_groups(agreement: Agreement) -> frozenset[str]:
    """The ids of the groups that are bodies set up by or under an enactment, not by the agreement: marked
    `statutory`, or named as one of the `bodies` that are not parties."""
    bodies = {b.text("name").casefold() for b in agreement.children("bodies")}
    accountability = agreement.section("accountability")
    groups = accountability.children("groups") if accountability is not None else []
    return frozenset(str(g.get("id")) for g in groups
                     if g.get("statutory") is True or g.text("name").casefold() in bodies)


# "party" or "parties" in lower case in the user's text: the defined term meant, which the interpretation clause
# then says.
_PARTY = re.compile(r"\bpart(?:y|ies)\b")


def short_form(agreement: Agreement) -> str:
    """The last word of the partnership's name when the user's text calls it by that word alone ("the
    Partnership" for "the Northvale Partnership"): the definitions then define it. Empty otherwise."""
    words = clauses.bare(agreement.partnership_name).split()
    if len(words) < 2:
        return ""
    # Not the first word of another name ("the Partnership Board").
    used = re.compile(rf"\b[Tt]he {re.escape(words[-1])}\b(?!\s+[A-Z])")
    return words[-1] if any(used.search(text) for _, text in agreement.texts()) else ""


def _partner_words(agreement: Agreement) -> Iterator[str]:
    """The user's texts that speak of a "partner", which the interpretation clause then defines."""
    for _, text in agreement.texts():
        if re.search(r"\bpartners?\b", text, re.IGNORECASE):
            yield text


def _lookup(table: Mapping[str, str]) -> Callable[[str], str]:
    def find(key: str) -> str:
        return table.get(key, key)
    return find


def _outcomes(agreement: Agreement) -> dict[str, str]:
    """How the action plan names the outcome an action serves: briefly, by its number."""
    purpose = agreement.section("purpose") or agreement.meta
    return {str(o.get("id")): f"Outcome {i}" for i, o in enumerate(purpose.children("outcomes"), 1) if o.get("id")}


def _outcome_ids(agreement: Agreement) -> frozenset[str]:
    """The outcomes the purpose clause lists with their ids (other clauses refer to them), unless an additional
    clause stands in for that clause."""
    purpose = agreement.section("purpose")
    if purpose is None or "purpose" in agreement.covered():
        return frozenset()
    return frozenset(str(o.get("id")) for o in purpose.children("outcomes") if o.get("id"))


def _names(agreement: Agreement) -> dict[str, str]:
    """The name to print for each id a reference can hold: parties, bodies, people, posts and groups."""
    names = {str(p.get("id")): p.text("short_name") or p.text("name") for p in agreement.parties}
    names.update((str(b.get("id")), b.text("short_name") or b.text("name")) for b in agreement.children("bodies"))
    names.update((str(p.get("id")), p.text("name")) for p in agreement.people())
    names.update((str(p.get("id")), _post_name(agreement, p)) for p in agreement.children("posts"))
    accountability = agreement.section("accountability")
    if accountability is not None:
        names.update((str(g.get("id")), g.text("name")) for g in accountability.children("groups"))
    return names


def _post_name(agreement: Agreement, post: Node) -> str:
    """A post by its title: "the Chief Officer"."""
    title = post.text("title")
    return title if title[:4].lower() == "the " else f"the {title}"


def signatories(agreement: Agreement) -> list[dict[str, str]]:
    """Who signs for each party, one entry a party in the parties' order, read from one source (the party's
    `signatory`, or the old top-level list): the party's name, sector and kind of body (`library.body_type`), and
    the signatory's name and
    position, each empty when the input does not say. A post signs by its title; its holder, if named, is the
    name."""
    result = []
    for party in agreement.parties:  # the model's indexes: a look-up a party, not a scan each
        signer = agreement.signatory(party)
        person, post = agreement.person(signer), agreement.post(signer)
        if post is not None:
            holder = agreement.person(post.text("holder"))
            name, position = (holder.text("name") if holder is not None else ""), post.text("title")
        else:
            name = person.text("name") if person is not None else ""
            position = person.text("position") if person is not None else ""
        result.append({"party": party.text("name"), "sector": party.text("sector"), "name": name,
                       "position": position, "body": library.body_type(party)})
    return result
