"""The checking pipeline: load a file, check its schema, run the rules, apply waivers -> findings."""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from . import schema
from .errors import InputError, UnreadableError
from .findings import Finding, Severity
from .memory import paused_gc
from .model import Agreement
from .rules import RULES, Rule, packs_for
from .source import Document, load, pointer

PARSE, SHAPE, REFERENCE, WAIVER = "AB001", "AB002", "AB003", "AB004"


@dataclass(frozen=True)
class Checked:
    """One input file after loading and schema checking: a document when it parsed, and its findings."""

    file: str
    document: Document | None
    findings: list[Finding]

    @property
    def valid(self) -> bool:
        return self.document is not None and not self.findings


def validate(name: str) -> Checked:
    """Load ``name`` and check it against the schema and its cross-references."""
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
    return Checked(document.file, document, findings)


def lint(name: str, packs: Iterable[str] | None = None) -> list[Finding]:
    """Every finding for one file: parse and schema problems, or else the rules of the chosen packs."""
    return lint_checked(validate(name), packs)


def lint_checked(checked: Checked, packs: Iterable[str] | None = None) -> list[Finding]:
    """``lint`` for a file already loaded and schema-checked."""
    # Rules need the shape the schema promises; a dangling reference does not stop them (they look ids up and
    # cope with none found), so removing a section still reports that section as missing.
    if checked.document is None or any(f.rule != REFERENCE for f in checked.findings):
        return checked.findings
    return checked.findings + lint_agreement(Agreement.from_document(checked.document), packs)


PARALLEL_FROM = 32
BATCH = 8  # files a worker takes at a time: about a tenth of a second of work


def lint_many(names: list[str], packs: Iterable[str] | None = None) -> Iterator[list[Finding]]:
    """``lint`` for each name, in order; many files are shared between worker processes, one per core."""
    with paused_gc():
        yield from _lint_many(names, packs)


def _lint_many(names: list[str], packs: Iterable[str] | None) -> Iterator[list[Finding]]:
    workers = min(os.cpu_count() or 1, len(names) // (PARALLEL_FROM // 2))
    if workers < 2 or "-" in names or sys.platform not in ("linux", "darwin"):
        yield from (lint(name, packs) for name in names)
        return
    import multiprocessing  # imported here: it costs more start-up than a one-file lint takes
    from concurrent.futures import ProcessPoolExecutor

    task = partial(lint, packs=tuple(packs) if packs else None)
    context = multiprocessing.get_context("fork")  # the workers inherit the imported rules: no start-up cost
    # Small batches keep the workers busy to the end: with big ones, one worker could be left with a last batch
    # of many files while the other has finished.
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(task, names, chunksize=max(1, min(BATCH, len(names) // (workers * 8))))


def lint_agreement(agreement: Agreement, packs: Iterable[str] | None = None) -> list[Finding]:
    """The rule findings for a valid agreement, waivers applied; ``packs`` defaults to those that fit it."""
    # The input pack's own checks (how the file was typed) run whatever packs are chosen.
    rules = [rule for pack in ("input", *(packs or packs_for(agreement))) for rule in _pack_rules(pack)]
    findings = [finding for rule in rules for finding in run_rule(rule, agreement)]
    return apply_waivers(agreement, findings, {rule.id for rule in rules})


def _pack_rules(pack: str) -> list[Rule]:
    return [rule for rule in RULES.values() if rule.pack == pack]


def run_rule(rule: Rule, agreement: Agreement) -> list[Finding]:
    """The findings of one rule, stamped with its id, severity and each issue's position."""
    if rule.check is None or (rule.applies is not None and not rule.applies(agreement)):
        return []
    document = agreement.document
    findings = []
    for issue in rule.check(agreement):
        where = document.locate(issue.path)
        findings.append(Finding(document.file, where.line, where.column, rule.id, issue.severity or rule.severity,
                                issue.message, pointer(issue.path)))
    return findings


def apply_waivers(agreement: Agreement, findings: list[Finding], ran: Collection[str] | None = None) -> list[Finding]:
    """Mark waived findings; a waiver for an unknown rule, or one that matches nothing, is a finding itself.

    ``ran`` holds the ids of the rules that were run, when known: a waiver for a rule of a pack that was not
    chosen has nothing to match this time, and is left alone.
    """
    document = agreement.document
    result = list(findings)
    for waiver in agreement.children("waivers"):
        rule, scope, reason = waiver.text("rule"), waiver.text("path"), waiver.text("reason")
        where = document.locate(waiver.at("rule"))
        if rule not in RULES:
            result.append(Finding(document.file, where.line, where.column, WAIVER, Severity.WARNING,
                                  f"this waiver names the rule '{rule}', which does not exist; see `agreement rules`",
                                  pointer(waiver.at("rule"))))
            continue
        matched = False
        for i, finding in enumerate(result):
            if finding.rule == rule and finding.waived is None and _within(finding.path, scope):
                result[i] = replace(finding, waived=reason)
                matched = True
        if not matched and (ran is None or rule in ran):
            result.append(Finding(document.file, where.line, where.column, WAIVER, Severity.WARNING,
                                  f"this waiver for {rule} matches no finding; remove it", pointer(waiver.path)))
    return result


def _within(path: str, scope: str) -> bool:
    return not scope or path == scope or path.startswith(scope.rstrip("/") + "/")
