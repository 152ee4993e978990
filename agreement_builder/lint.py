"""The checking pipeline: load a file, check its schema, run the rules, turn what free clauses cover into
questions, apply waivers and merge the reports of one gap -> findings."""

from __future__ import annotations

import os
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from . import schema
from .errors import InputError, UnreadableError
from .findings import Finding, Severity
from .memory import paused_gc
from .model import Agreement, Node
from .rules import RULES, Rule, choose_packs
from .rules.base import Issue, label, listed
from .rules.statutory import FITS
from .source import Document, JsonPath, load, pointer

PARSE, SHAPE, REFERENCE, WAIVER = "AB001", "AB002", "AB003", "AB004"
FREE_TEXT, PACK_FIT = "AB009", "AB010"

Wants = Callable[[str], bool]


@dataclass(frozen=True)
class Checked:
    """One input file after loading and schema checking: a document when it parsed, and its findings."""

    file: str
    document: Document | None
    findings: list[Finding]

    @property
    def valid(self) -> bool:
        return self.document is not None and not self.findings


@dataclass(frozen=True)
class Linted:
    """The findings for one file, and the rule packs that were run on it."""

    findings: list[Finding]
    packs: tuple[str, ...] = ()


def validate(name: str) -> Checked:
    """Load ``name`` and check it against the schema, its cross-references and the names it gives."""
    try:
        document = load(name)
    except UnreadableError:
        raise  # not a problem in the file: the tool cannot do its job (exit 2)
    except InputError as e:
        return Checked(e.file, None, [Finding(e.file, e.line, e.column, PARSE, Severity.ERROR, e.message)])
    if document.data is None:
        return Checked(document.file, document, [Finding(document.file, 1, 1, PARSE, Severity.ERROR,
                                                         "is empty: it holds no agreement")])
    findings = []
    for problem in schema.check(document.data):
        where = document.locate(problem.path, key=problem.key)
        findings.append(Finding(document.file, where.line, where.column, REFERENCE if problem.reference else SHAPE,
                                Severity.ERROR, problem.message, pointer(problem.path)))
    if not findings:
        findings = _names(document)
    return Checked(document.file, document, findings)


# Words the document uses for itself and its parts: a partnership called by one of them garbles the text
# ("who by this agreement form the Agreement").
_DOCUMENT_WORDS = {word: title for title in ("Agreement", "Memorandum", "Scheme", "Party", "Parties", "Schedule",
                                             "Annex") for word in (title.lower(), title.lower() + "s",
                                                                   title.lower() + "es")}
_ARTICLE = re.compile(r"^(the|this|these|a|an)\s+", re.I)


def _names(document: Document) -> list[Finding]:
    """A partnership name that is one of the document's own defined terms, refused like a shape error."""
    meta = document.data.get("agreement") if isinstance(document.data, dict) else None
    found = []
    for key in ("partnership_name", "short_name"):
        value = meta.get(key) if isinstance(meta, dict) else None
        if not isinstance(value, str):
            continue
        word = _ARTICLE.sub("", value.strip().strip("\"'“”‘’")).strip().lower()
        if word in _DOCUMENT_WORDS:
            path: JsonPath = ("agreement", key)
            where = document.locate(path)
            found.append(Finding(document.file, where.line, where.column, SHAPE, Severity.ERROR,
                                 f"'{value}' cannot be the partnership's name: the document calls itself or its "
                                 f"parts '{_DOCUMENT_WORDS[word]}'. Give the partnership a name of its own, for "
                                 "example 'the Northvale Health and Care Partnership'", pointer(path)))
    return found


def lint(name: str, packs: Iterable[str] | None = None, wants: Wants | None = None,
         briefing: bool = True) -> list[Finding]:
    """Every finding for one file: parse and schema problems, or else the rules of the chosen packs."""
    return lint_file(name, packs, wants, briefing).findings


def lint_checked(checked: Checked, packs: Iterable[str] | None = None, wants: Wants | None = None,
                 briefing: bool = True) -> list[Finding]:
    """``lint`` for a file already loaded and schema-checked."""
    return _linted(checked, packs, wants, briefing).findings


def lint_file(name: str, packs: Iterable[str] | None = None, wants: Wants | None = None,
              briefing: bool = True) -> Linted:
    """``lint``, with the rule packs that were run."""
    return _linted(validate(name), packs, wants, briefing)


def _linted(checked: Checked, packs: Iterable[str] | None, wants: Wants | None, briefing: bool) -> Linted:
    # Rules need the shape the schema promises; a dangling reference does not stop them (they look ids up and
    # cope with none found), so removing a section still reports that section as missing.
    if checked.document is None or any(f.rule != REFERENCE for f in checked.findings):
        return Linted(checked.findings)
    linted = run(Agreement.from_document(checked.document), packs, wants, briefing)
    return Linted(checked.findings + linted.findings, linted.packs)


PARALLEL_FROM = 32
BATCH = 8  # files a worker takes at a time: about a tenth of a second of work


def lint_many(names: list[str], packs: Iterable[str] | None = None, wants: Wants | None = None,
              briefing: bool = True) -> Iterator[Linted]:
    """``lint_file`` for each name, in order; many files are shared between worker processes, one per core."""
    with paused_gc():
        yield from _lint_many(names, tuple(packs) if packs is not None else None, wants, briefing)


def _lint_many(names: list[str], packs: tuple[str, ...] | None, wants: Wants | None,
               briefing: bool) -> Iterator[Linted]:
    workers = min(os.cpu_count() or 1, len(names) // (PARALLEL_FROM // 2))
    if workers < 2 or "-" in names or sys.platform not in ("linux", "darwin"):
        yield from (lint_file(name, packs, wants, briefing) for name in names)
        return
    import multiprocessing  # imported here: it costs more start-up than a one-file lint takes
    from concurrent.futures import ProcessPoolExecutor

    task = partial(lint_file, packs=packs, wants=wants, briefing=briefing)
    context = multiprocessing.get_context("fork")  # the workers inherit the imported rules: no start-up cost
    # Small batches keep the workers busy to the end: with big ones, one worker could be left with a last batch
    # of many files while the other has finished.
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(task, names, chunksize=max(1, min(BATCH, len(names) // (workers * 8))))


def lint_agreement(agreement: Agreement, packs: Iterable[str] | None = None, wants: Wants | None = None,
                   briefing: bool = True) -> list[Finding]:
    """The findings for a valid agreement: see ``run``."""
    return run(agreement, packs, wants, briefing).findings


def run(agreement: Agreement, packs: Iterable[str] | None = None, wants: Wants | None = None,
        briefing: bool = True) -> Linted:
    """The rule findings for a valid agreement, one per gap.

    ``packs`` defaults to the briefing and legal packs and the statutory pack that fits the agreement; packs
    given keep the briefing pack unless ``briefing`` is false. A chosen statutory pack that does not fit is
    reported once and not run. ``wants`` says which rule ids to report (the --select and --ignore options).
    """
    chosen, misfits = choose_packs(agreement, packs, briefing)
    rules = [rule for rule in RULES.values() if (rule.pack == "input" or rule.pack in chosen)
             and (wants is None or wants(rule.id))]
    found = [item for rule in rules for item in _run_rule(rule, agreement)]
    notes = [_misfit(agreement, pack) for pack in misfits if wants is None or wants(PACK_FIT)]
    found, waived = apply_waivers(agreement, found, {rule.id for rule in rules})
    found, covered = _covered(agreement, found)
    confirm = [] if wants is not None and not wants(FREE_TEXT) else _confirm(agreement, covered)
    findings = [*_merge(found), *confirm, *notes, *waived]
    return Linted(findings, tuple(chosen))


@dataclass(frozen=True)
class Found:
    """A finding as one rule made it, before the reports of one gap are merged."""

    rule: Rule
    issue: Issue
    finding: Finding

    @property
    def gap(self) -> tuple[str, ...]:
        """The gap reported, as the segments of a path: the issue's own gap, else the node at its path."""
        return tuple(p for p in self.issue.gap.split("/") if p) if self.issue.gap else tuple(map(str, self.issue.path))


def run_rule(rule: Rule, agreement: Agreement) -> list[Finding]:
    """The findings of one rule, stamped with its id, severity and each issue's position (nothing merged)."""
    return [item.finding for item in _run_rule(rule, agreement)]


def _run_rule(rule: Rule, agreement: Agreement) -> list[Found]:
    if rule.check is None or (rule.applies is not None and not rule.applies(agreement)):
        return []
    document = agreement.document
    found = []
    for issue in rule.check(agreement):
        where = document.locate(issue.path)
        severity = rule.severity if issue.severity is None else issue.severity
        finding = Finding(document.file, where.line, where.column, rule.id, severity,
                          issue.message, pointer(issue.path), hint=issue.hint,
                          sources=(issue.cite or rule.citation,) if rule.pack != "input" else ())
        found.append(Found(rule, issue, finding))
    return found


def _misfit(agreement: Agreement, pack: str) -> Finding:
    meta = agreement.meta
    path = meta.at("jurisdiction" if pack.split("-")[0] != agreement.jurisdiction else "arrangement_type")
    where = agreement.document.locate(path)
    facts = f"jurisdiction {agreement.jurisdiction}" + (f", arrangement {meta.text('arrangement_type')}"
                                                         if meta.text("arrangement_type") else "")
    return Finding(agreement.document.file, where.line, where.column, PACK_FIT, Severity.WARNING,
                   f"The {pack} rules are for {FITS[pack]}; this agreement ({facts}) is not one, so they were not "
                   "run.", pointer(path), hint=f"drop `--pack {pack}` (or the `packs` setting), or correct "
                   "`agreement.jurisdiction` and `agreement.arrangement_type`")


def apply_waivers(agreement: Agreement, found: list[Found],
                  ran: Collection[str] | None = None) -> tuple[list[Found], list[Finding]]:
    """Split off the waived findings; a waiver for an unknown rule, for one of the checks every file must pass
    (which cannot be waived), or one that matches nothing, is a finding.

    ``ran`` holds the ids of the rules that were run, when known: a waiver for a rule of a pack that was not
    chosen has nothing to match this time, and is left alone. Returns the findings still active (with the
    waiver problems among them) and the waived ones.
    """
    unwaived = _Unwaived([item.finding for item in found])
    problems: list[Found] = []
    waiver_rule = RULES[WAIVER]
    for waiver in agreement.children("waivers"):
        rule, scope, reason = waiver.text("rule"), waiver.text("path"), waiver.text("reason")
        if rule not in RULES:
            problems.append(_problem(waiver_rule, agreement, waiver.at("rule"),
                                     f"This waiver names the rule '{rule}', which does not exist.",
                                     "correct `rule`; `agreement rules` lists them"))
        elif RULES[rule].pack == "input" and RULES[rule].check is None:
            problems.append(_problem(waiver_rule, agreement, waiver.at("rule"),
                                     f"This waiver names {rule}, one of the checks every file must pass, which "
                                     "cannot be waived.", "correct the file instead, and remove the waiver"))
        elif not unwaived.waive(rule, scope, reason) and (ran is None or rule in ran):
            problems.append(_problem(waiver_rule, agreement, waiver.path, f"This waiver for {rule} matches no "
                                     "finding.", "remove the waiver"))
    reasons = unwaived.reasons
    active = [item for i, item in enumerate(found) if i not in reasons]
    waived = [replace(item.finding, waived=reasons[i]) for i, item in enumerate(found) if i in reasons]
    return active + problems, waived


def _problem(rule: Rule, agreement: Agreement, path: JsonPath, message: str, hint: str) -> Found:
    where = agreement.document.locate(path)
    finding = Finding(agreement.document.file, where.line, where.column, rule.id, rule.severity, message,
                      pointer(path), hint=hint)
    return Found(rule, Issue(path, message, hint=hint), finding)


class _Unwaived:
    """The findings no waiver has matched yet, by rule, in order of path: a waiver finds those in its scope by
    bisection and passes over those already waived, so many waivers over many findings take linear time (a
    scan of every finding per waiver made 8,000 of each take half a minute). ``reasons`` holds, by the
    findings' positions, the reason of the waiver that matched each."""

    def __init__(self, findings: list[Finding]) -> None:
        self.reasons: dict[int, str] = {}
        by_rule: dict[str, list[tuple[str, int]]] = {}
        for i, finding in enumerate(findings):
            by_rule.setdefault(finding.rule, []).append((finding.path, i))
        self.entries = {rule: sorted(entries) for rule, entries in by_rule.items()}
        self.paths = {rule: [path for path, _ in entries] for rule, entries in self.entries.items()}
        # For each position, the next position not yet waived (itself while unwaived); the last is a sentinel.
        self.after = {rule: list(range(len(entries) + 1)) for rule, entries in self.entries.items()}

    def waive(self, rule: str, scope: str, reason: str) -> bool:
        """Waive the findings of ``rule`` at ``scope`` or below (all of them for an empty scope); whether any
        were waived that were not before."""
        paths = self.paths.get(rule)
        if not paths:
            return False
        if not scope:
            spans = [(0, len(paths))]
        else:
            below = scope.rstrip("/") + "/"
            # Paths below the scope sort together, from "below" up to the same text with its "/" raised by one.
            spans = [(bisect_left(paths, scope), bisect_right(paths, scope)),
                     (bisect_left(paths, below), bisect_left(paths, below[:-1] + chr(ord("/") + 1)))]
        matched = False
        for start, end in spans:
            position = self._next(rule, start)
            while position < end:
                self.reasons[self.entries[rule][position][1]] = reason
                self.after[rule][position] = position + 1
                matched = True
                position = self._next(rule, position + 1)
        return matched

    def _next(self, rule: str, position: int) -> int:
        """The first position from ``position`` on that is not yet waived (shortening the chain it followed)."""
        after = self.after[rule]
        found = position
        while after[found] != found:
            found = after[found]
        while after[position] != found:
            after[position], position = found, after[position]
        return found


# --- What free clauses cover -------------------------------------------------------------------------------------

Covered = dict[JsonPath, tuple[Node, list[tuple[str, Found]]]]


def _covered(agreement: Agreement, found: list[Found]) -> tuple[list[Found], Covered]:
    """Split off the findings an additional clause says it covers, by the clause's path (with the name that
    covers each). A name covers a gap when it is the rule's id or a key on the gap's path (`term` covers the
    term's duration; `liability` the liability clause)."""
    clauses = [(clause, _names_of(clause)) for clause in agreement.children("additional_clauses")]
    clauses = [(clause, names) for clause, names in clauses if names]
    if not clauses:
        return found, {}
    kept: list[Found] = []
    covered: Covered = {}
    for item in found:
        cover = None if item.rule.pack == "input" else _cover(clauses, item)
        if cover is None:
            kept.append(item)
        else:
            clause, name = cover
            covered.setdefault(clause.path, (clause, []))[1].append((name, item))
    return kept, covered


def _names_of(clause: Node) -> list[str]:
    covers = clause.get("covers")
    return [n for n in ([covers] if isinstance(covers, str) else covers or ()) if isinstance(n, str)]


def _cover(clauses: list[tuple[Node, list[str]]], item: Found) -> tuple[Node, str] | None:
    gap = item.gap
    for clause, names in clauses:
        for name in names:
            if name == item.rule.id or name in gap:
                return clause, name
    return None


def _confirm(agreement: Agreement, covered: Covered) -> list[Finding]:
    """One finding for each covering clause: its wording cannot be checked, so what the rules would have
    checked is listed for the user to confirm. Advice is dropped: the clause stands for it."""
    findings = []
    rule = RULES[FREE_TEXT]
    for clause, all_items in covered.values():
        items = [(name, item) for name, item in all_items if item.finding.severity > Severity.ADVICE]
        if not items:
            continue
        names = list(dict.fromkeys(name for name, _ in items))
        asks = list(dict.fromkeys(_ask(item.issue) for _, item in items))
        path = clause.at("covers")
        where = agreement.document.locate(path)
        message = (f"The clause '{label(clause.text('title'))}' covers {listed(names)}, but its wording cannot be "
                   f"checked: confirm that it does the following. {' '.join(asks)}")
        findings.append(Finding(
            agreement.document.file, where.line, where.column, rule.id, rule.severity, message, pointer(path),
            hint="if the clause does not do all of this, take the name out of its `covers` and fill in the keys "
            "the other findings name",
            also=tuple(dict.fromkeys(item.rule.id for _, item in items)),
            sources=tuple(dict.fromkeys(s for _, item in items for s in item.finding.sources))))
    return findings


def _ask(issue: Issue) -> str:
    """What a covering clause must do, as a sentence."""
    text = (issue.confirm or issue.message).strip()
    return text if text.endswith(".") else text + "."


# --- One finding per gap -------------------------------------------------------------------------------------------

_ORDER = {rule_id: i for i, rule_id in enumerate(RULES)}


def _merge(found: list[Found]) -> list[Finding]:
    """One finding per gap: reports of one gap by several rules become one finding (the most severe report,
    citing the others), and a report that a whole section is absent takes in the reports about its parts."""
    single = [item.finding for item in found if item.rule.pack == "input"]
    items = [item for item in found if item.rule.pack != "input"]
    wholes = {item.gap for item in items if item.issue.whole}
    grouped: dict[tuple[str, ...], list[Found]] = {}
    for item in items:
        gap = item.gap
        anchor = next((gap[:k] for k in range(len(gap), 0, -1) if gap[:k] in wholes), gap)
        grouped.setdefault(anchor, []).append(item)
    merged = [finding for group in grouped.values() for finding in _combine(group)]
    return single + merged


def _combine(group: list[Found]) -> list[Finding]:
    if len(group) == 1:
        return [group[0].finding]
    ranked = sorted(group, key=lambda item: (-item.finding.severity, not item.issue.whole, _ORDER[item.rule.id]))
    primary = ranked[0]
    own = [item for item in ranked[1:] if item.rule.id == primary.rule.id]  # the same rule's other gaps stay apart
    # Notes and advice about a gap that is more serious than they are fold into it without being cited: a drafter
    # gets one note for a missing section, not its good-practice suggestions too.
    floor = min(primary.finding.severity, Severity.WARNING)
    others = [item for item in ranked[1:] if item.rule.id != primary.rule.id and item.finding.severity >= floor]
    also = tuple(dict.fromkeys(item.rule.id for item in others))
    sources = tuple(dict.fromkeys(s for item in [primary, *others] for s in item.finding.sources))
    return [replace(primary.finding, also=also, sources=sources), *(item.finding for item in own)]
