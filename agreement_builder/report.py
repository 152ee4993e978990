"""Reporters: one run's findings as text, JSON, SARIF, GitHub annotations, JUnit XML or GitLab code quality."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import __version__
from .findings import NOT_XML, Finding, Result, Severity, printable
from .rules import Rule
from .rules.placeholders import ID as PLACEHOLDER

TOOL = "agreement-builder"
JSON_FORMAT_VERSION = 1  # schemas/lint-report.schema.json describes it; raise it when a key changes meaning


@dataclass(frozen=True)
class View:
    """How a run is shown: what fails it (JUnit marks only those as failures), and, for people, the source
    lines, colour, and whether placeholders are listed one by one or counted per section."""

    threshold: Severity | None = Severity.ERROR
    sources: Mapping[str, Sequence[str]] = field(default_factory=dict)
    colour: bool = False
    every_placeholder: bool = False
    statistics: bool = False
    hidden: int = 0  # findings below the threshold that --quiet left out
    advice: bool = False  # show advice in the reports written for people (--advice)


class Reporter:
    """Formats a result; never decides whether the run passed. Reports for people (text, concise, GitHub, JUnit,
    GitLab) leave out advice unless the view asks for it; JSON and SARIF always carry it."""

    def __init__(self, rules: Iterable[Rule], view: View | None = None) -> None:
        self.rules = list(rules)
        self.view = view or View()

    def render(self, result: Result) -> str:
        raise NotImplementedError

    def shown(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings a report for people shows: advice only when asked for."""
        return [f for f in findings if self.view.advice or f.severity > Severity.ADVICE]


def summary(result: Result, hidden: int = 0, advice: bool = True) -> str:
    """One line counting the findings by severity, for people, and saying what is not shown."""
    counts = Counter(f.severity for f in result.active())
    waived = len(result.findings) - len(result.active())
    files = len(result.files)
    parts = [_plural(counts[s], str(s)) for s in sorted(Severity, reverse=True)]
    line = f"{', '.join(parts)} in {_plural(files, 'file')}"
    notes = [f"{waived} waived"] * bool(waived) + [f"{hidden} below the failing level not shown"] * bool(hidden)
    if counts[Severity.ADVICE] and not advice:
        notes.append("advice not shown: --advice shows it")
    return line + (f" ({'; '.join(notes)})" if notes else "")


def packs_line(result: Result) -> list[str]:
    """Which rule packs ran, for people (none when nothing ran): one line, with the number of files each pack
    ran on where that is not every file."""
    counts = Counter(pack for packs in result.packs.values() for pack in packs)
    if not counts:
        return []
    every = len(result.packs)
    named = [pack if n == every else f"{pack} ({_plural(n, 'file')})" for pack, n in counts.items()]
    return [f"Rule packs run: {', '.join(named)}"]


def cited(f: Finding) -> str:
    """Where to make the change in the file, then the sources a finding cites and any other rule that found the
    same gap: what follows its plain words."""
    fix = f" Fix: {f.hint}." if f.hint else ""
    sources = "; ".join(f.sources) + (f"; also {', '.join(f.also)}" if f.also else "")
    return fix + (f" ({sources.removeprefix('; ')})" if sources else "")


def _plural(n: int, word: str) -> str:
    if word in ("info", "advice"):
        return f"{n} {word}"
    return f"{n} {word}" + ("" if n == 1 else "s")


EXCERPT_WIDTH = 120  # of a longer source line (JSON written on one line, say), the part around the column


def excerpt(lines: Sequence[str], line: int, column: int, caret: str = "^", number: str = "") -> str:
    """The source line of a finding and a caret under its column, as compilers show them (two lines); of a
    line longer than EXCERPT_WIDTH, the part around the column, its cut ends marked with an ellipsis."""
    source = lines[line - 1].rstrip("\r\n")
    at = column - 1
    if len(source) > EXCERPT_WIDTH:
        start = max(0, min(at - EXCERPT_WIDTH // 3, len(source) - EXCERPT_WIDTH))
        before, after = "…" if start else "", "…" if start + EXCERPT_WIDTH < len(source) else ""
        source, at = before + source[start:start + EXCERPT_WIDTH] + after, at - start + len(before)
    gutter = " " * len(str(line))
    # The caret goes under the same character: keep the line's tabs, blank everything else before it.
    lead = "".join(c if c == "\t" else " " for c in source[:at])
    return f" {number or line} | {source}\n {gutter} | {lead}{caret}"


class ConciseReporter(Reporter):
    """One line a finding, `file:line:column: rule [severity] message`, for people who grep."""

    def render(self, result: Result) -> str:
        lines = [f"{f.location}: {f.rule} [{f.severity}] {f.message}{cited(f)}{_waived(f)}"
                 for f in self.shown(result.findings)]
        lines += packs_line(result) + [summary(result, self.view.hidden, self.view.advice)]
        return "\n".join(lines) + "\n"


def _waived(f: Finding) -> str:
    return f" (waived: {f.waived})" if f.waived is not None else ""


_COLOURS = {"error": "31;1", "warning": "33;1", "info": "36", "advice": "32", "bold": "1", "dim": "2"}


class TextReporter(Reporter):
    """Each finding with the source line it is about and a caret under the spot (as compilers show them);
    placeholders (AB228) counted per section unless every one is asked for."""

    def render(self, result: Result) -> str:
        if self.view.statistics:
            return self._statistics(result)
        shown, more = self._placeholders(result)
        blocks = [self._finding(f, more.get(id(f), 0)) for f in self.shown(shown)]
        tail = packs_line(result) + [summary(result, self.view.hidden, self.view.advice)]
        left = sum(1 for f in result.active() if f.rule == PLACEHOLDER)
        if sum(more.values()):
            tail.insert(0, f"{_plural(left, 'placeholder')} still to fill in, the first of each section shown; "
                           "--every-placeholder lists them all")
        return "".join(block + "\n" for block in blocks) + "\n".join(tail) + "\n"

    def _paint(self, text: str, style: str) -> str:
        return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if self.view.colour and text else text

    def _finding(self, f: Finding, more: int) -> str:
        severity = str(f.severity)
        extra = f" ({more} more in this section)" if more else ""
        head = (f"{self._paint(f.location, 'bold')}: {self._paint(f.rule, 'bold')} "
                f"[{self._paint(severity, severity if f.waived is None else 'dim')}] {f.message}{cited(f)}{extra}"
                f"{_waived(f)}")
        lines = self.view.sources.get(f.file, ())
        if not 0 < f.line <= len(lines):
            return head + (f"\n    {self._paint(f.path, 'dim')}" if f.path else "")
        caret = self._paint("^", severity if f.waived is None else "dim")
        number = self._paint(str(f.line), "dim")
        return f"{head}\n{excerpt(lines, f.line, f.column, caret, number)}" + (
            f" {self._paint(f.path, 'dim')}" if f.path else "")

    def _placeholders(self, result: Result) -> tuple[list[Finding], dict[int, int]]:
        """The findings to show, and for each placeholder shown how many more its section holds."""
        if self.view.every_placeholder:
            return result.findings, {}
        first: dict[tuple[str, str], Finding] = {}
        more: dict[int, int] = {}
        shown = []
        for f in result.findings:
            if f.rule == PLACEHOLDER and f.waived is None:
                section = (f.file, f.path.split("/")[1] if f.path.count("/") else "")
                if section in first:
                    more[id(first[section])] = more.get(id(first[section]), 0) + 1
                    continue
                first[section] = f
            shown.append(f)
        return shown, more

    def _statistics(self, result: Result) -> str:
        counts = Counter((f.rule, f.severity) for f in result.active())
        names = {rule.id: rule.name for rule in self.rules}
        width = len(str(max(counts.values(), default=0)))
        rows = [f"{n:>{width}}  {rule}  {str(severity):<8} {names.get(rule, '')}"
                for (rule, severity), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
        return "".join(row + "\n" for row in rows) + summary(result, self.view.hidden, advice=True) + "\n"


class JsonReporter(Reporter):
    def render(self, result: Result) -> str:
        counts = Counter(str(f.severity) for f in result.active())
        payload = {
            "format_version": JSON_FORMAT_VERSION,
            "tool": TOOL,
            "version": __version__,
            "files": [printable(file) for file in result.files],
            "packs": {printable(file): list(packs) for file, packs in result.packs.items()},
            "findings": [_finding_dict(f) for f in result.findings],
            "summary": {str(s): counts[str(s)] for s in sorted(Severity, reverse=True)}
            | {"waived": len(result.findings) - len(result.active())},
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {"file": printable(f.file), "line": f.line, "column": f.column, "rule": f.rule, "severity": str(f.severity),
            "message": f.message, "hint": f.hint, "also": list(f.also), "sources": list(f.sources), "path": f.path,
            "waived": f.waived}


def _sarif_level(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(severity, "note")


class SarifReporter(Reporter):
    def render(self, result: Result) -> str:
        from . import docs  # reads the installed package's metadata: only SARIF needs it

        index = {rule.id: i for i, rule in enumerate(self.rules)}
        driver: dict[str, Any] = {"name": TOOL, "version": __version__}
        home = docs.home()
        if home:  # only where the documentation really is: no link beats a dead one
            driver["informationUri"] = home
        driver["rules"] = [_sarif_rule(rule) for rule in self.rules]
        run = {
            "tool": {"driver": driver},
            "artifacts": [{"location": {"uri": _uri(file)}} for file in result.files],
            "results": [_sarif_result(f, index) for f in result.findings],
            "properties": {"packs": {printable(file): list(packs) for file, packs in result.packs.items()}},
        }
        log = {
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _path(file: str) -> str:
    """A file's path as reports give it: relative to where the run began, or a file: URI when absolute."""
    if file.startswith("<"):
        return "stdin"
    path = Path(file)
    return path.as_posix() if not path.is_absolute() else path.as_uri()


def _uri(file: str) -> str:
    """`_path` as a URI reference, as SARIF needs: every byte a URI cannot hold as it is (a space, a byte of a
    name that is not UTF-8) percent-encoded."""
    if file.startswith("<") or Path(file).is_absolute():
        return _path(file)  # "stdin", or a file: URI, already encoded
    return quote(os.fsencode(_path(file)), safe="/")


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    from . import docs

    described: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.part("Why") or rule.summary},
        "help": {"text": rule.doc, "markdown": docs.page(rule)},
    }
    url = docs.url(rule)
    if url:
        described["helpUri"] = url
    return described | {
        "defaultConfiguration": {"level": _sarif_level(rule.severity)},
        "properties": {"pack": rule.pack, "source": rule.source, "tags": [rule.pack]},
    }


def _sarif_result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _sarif_level(f.severity),
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(f.file)},
                "region": {"startLine": f.line, "startColumn": f.column},
            },
            "logicalLocations": [{"fullyQualifiedName": f.path or "/", "kind": "object"}],
        }],
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    properties = {"severity": str(f.severity), "hint": f.hint, "sources": list(f.sources), "also": list(f.also)}
    result["properties"] = {key: value for key, value in properties.items() if value}
    if f.waived is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": f.waived}]
    return result


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, one annotation per unwaived finding."""

    _COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning"}

    def render(self, result: Result) -> str:
        lines = []
        for f in self.shown(result.active()):
            title = " ".join(filter(None, (f.rule, f.path)))
            props = f"file={_prop(printable(f.file))},line={f.line},col={f.column},title={_prop(title)}"
            lines.append(f"::{self._COMMAND.get(f.severity, 'notice')} {props}::{_data(f.message + cited(f))}")
        return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class JunitReporter(Reporter):
    """JUnit XML: a test suite per file, a test case per finding, failed only when the finding fails the run (at
    or above --fail-on), so that a dashboard counts what the exit code counts; a passing case for a clean file."""

    def render(self, result: Result) -> str:
        suites = []
        total = failed = 0
        shown = self.shown(result.findings)
        for file in result.files:
            label = quoteattr(printable(file))
            found = [f for f in shown if f.file == file]
            failures = sum(1 for f in found if self._fails(f))
            skipped = sum(1 for f in found if f.waived is not None)
            cases = [self._case(f) for f in found] or [
                f'    <testcase classname={label} name="agreement lint"/>']
            suites.append(
                f"  <testsuite name={label} tests=\"{max(len(found), 1)}\" failures=\"{failures}\" "
                f"errors=\"0\" skipped=\"{skipped}\">\n" + "\n".join(cases) + "\n  </testsuite>")
            total += max(len(found), 1)
            failed += failures
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<testsuites name="agreement lint" tests="{total}" failures="{failed}">\n'
                + "".join(s + "\n" for s in suites) + "</testsuites>\n")

    def _fails(self, f: Finding) -> bool:
        threshold = self.view.threshold
        return f.waived is None and threshold is not None and f.severity >= threshold

    def _case(self, f: Finding) -> str:
        name = quoteattr(f"{f.rule} {f.path or '/'} {f.line}:{f.column}")
        head = f"    <testcase classname={quoteattr(printable(f.file))} name={name}>"
        if f.waived is not None:
            return f"{head}<skipped message={quoteattr('waived: ' + f.waived)}/></testcase>"
        body = _xml_text(f"{f.location}: {f.rule} [{f.severity}] {f.message}")
        if self._fails(f):
            return f"{head}<failure message={quoteattr(f.message)} type=\"{f.severity}\">{body}</failure></testcase>"
        return f"{head}<system-out>{body}</system-out></testcase>"


class GitlabReporter(Reporter):
    """GitLab code quality: a JSON list of issues, each with a fingerprint that survives edits elsewhere in the file
    (it names the file, rule, JSON path and message, not the line), so a merge request shows new ones only."""

    _SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}

    def render(self, result: Result) -> str:
        import hashlib  # loads OpenSSL: a few megabytes only this format needs

        issues = []
        seen: Counter[str] = Counter()
        for f in self.shown(result.active()):
            key = "\0".join((f.file, f.rule, f.path, f.message))
            seen[key] += 1  # the same finding twice in one file still needs two fingerprints
            issues.append({
                "description": f"{f.rule} {f.message}",
                "check_name": f.rule,
                "fingerprint": hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogateescape")).hexdigest(),
                "severity": self._SEVERITY.get(f.severity, "info"),
                "location": {"path": printable(_path(f.file)), "lines": {"begin": f.line}},
            })
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _xml_text(text: str) -> str:
    return escape(NOT_XML.sub("\ufffd", text), quote=False)


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes, escaped; a character XML cannot hold becomes U+FFFD."""
    return '"' + escape(NOT_XML.sub("\ufffd", text), quote=True) + '"'


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "gitlab": GitlabReporter,
}
