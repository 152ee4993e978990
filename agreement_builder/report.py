"""Reporters: one run's findings as text, JSON, SARIF, GitHub annotations or JUnit XML."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from . import __version__
from .findings import Finding, Result, Severity
from .rules import Rule

TOOL = "agreement-builder"
HELP_URI = "https://agreement-builder.invalid/rules/"


class Reporter:
    """Formats a result; never decides whether the run passed."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)

    def render(self, result: Result) -> str:
        raise NotImplementedError


def summary(result: Result) -> str:
    """One line counting the findings by severity, for people."""
    counts = Counter(f.severity for f in result.active())
    waived = len(result.findings) - len(result.active())
    files = len(result.files)
    parts = [_plural(counts[s], str(s)) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    line = f"{', '.join(parts)} in {_plural(files, 'file')}"
    return line + (f" ({waived} waived)" if waived else "")


def _plural(n: int, word: str) -> str:
    if word == "info":
        return f"{n} info"
    return f"{n} {word}" + ("" if n == 1 else "s")


class TextReporter(Reporter):
    def render(self, result: Result) -> str:
        lines = []
        for f in result.findings:
            waived = f" (waived: {f.waived})" if f.waived is not None else ""
            lines.append(f"{f.location}: {f.rule} [{f.severity}] {f.message}{waived}")
        lines.append(summary(result))
        return "\n".join(lines) + "\n"


class JsonReporter(Reporter):
    def render(self, result: Result) -> str:
        counts = Counter(str(f.severity) for f in result.active())
        payload = {
            "tool": TOOL,
            "version": __version__,
            "files": result.files,
            "findings": [_finding_dict(f) for f in result.findings],
            "summary": {s: counts[s] for s in ("error", "warning", "info")}
            | {"waived": len(result.findings) - len(result.active())},
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {"file": f.file, "line": f.line, "column": f.column, "rule": f.rule, "severity": str(f.severity),
            "message": f.message, "path": f.path, "waived": f.waived}


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter(Reporter):
    def render(self, result: Result) -> str:
        index = {rule.id: i for i, rule in enumerate(self.rules)}
        run = {
            "tool": {"driver": {
                "name": TOOL, "version": __version__, "informationUri": HELP_URI,
                "rules": [_sarif_rule(rule) for rule in self.rules],
            }},
            "artifacts": [{"location": {"uri": _uri(file)}} for file in result.files],
            "results": [_sarif_result(f, index) for f in result.findings],
        }
        log = {
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _uri(file: str) -> str:
    if file.startswith("<"):
        return "stdin"
    path = Path(file)
    return path.as_posix() if not path.is_absolute() else path.as_uri()


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.part("Why") or rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": HELP_URI + rule.id,
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"pack": rule.pack, "source": rule.source, "tags": [rule.pack]},
    }


def _sarif_result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _SARIF_LEVEL[f.severity],
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
    if f.waived is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": f.waived}]
    return result


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, one annotation per unwaived finding."""

    _COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

    def render(self, result: Result) -> str:
        lines = []
        for f in result.active():
            title = " ".join(filter(None, (f.rule, f.path)))
            props = f"file={_prop(f.file)},line={f.line},col={f.column},title={_prop(title)}"
            lines.append(f"::{self._COMMAND[f.severity]} {props}::{_data(f.message)}")
        return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class JunitReporter(Reporter):
    """JUnit XML: a test suite per file, a failed test case per finding, a passing one for a clean file."""

    def render(self, result: Result) -> str:
        suites = []
        for file in result.files:
            found = [f for f in result.findings if f.file == file]
            failures = sum(1 for f in found if f.waived is None)
            cases = [_junit_case(f) for f in found] or [
                f'    <testcase classname={quoteattr(file)} name="agreement lint"/>']
            suites.append(
                f"  <testsuite name={quoteattr(file)} tests=\"{max(len(found), 1)}\" failures=\"{failures}\" "
                f"errors=\"0\" skipped=\"{len(found) - failures}\">\n" + "\n".join(cases) + "\n  </testsuite>")
        total = sum(max(1, sum(1 for f in result.findings if f.file == file)) for file in result.files)
        failed = len(result.active())
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<testsuites name="agreement lint" tests="{total}" failures="{failed}">\n'
                + "".join(s + "\n" for s in suites) + "</testsuites>\n")


def _junit_case(f: Finding) -> str:
    name = quoteattr(f"{f.rule} {f.path or '/'} {f.line}:{f.column}")
    head = f"    <testcase classname={quoteattr(f.file)} name={name}>"
    if f.waived is not None:
        return f"{head}<skipped message={quoteattr('waived: ' + f.waived)}/></testcase>"
    message = quoteattr(f.message)
    body = _xml_text(f"{f.location}: {f.rule} [{f.severity}] {f.message}")
    return f"{head}<failure message={message} type=\"{f.severity}\">{body}</failure></testcase>"


def _xml_text(text: str) -> str:
    return escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes, escaped."""
    return '"' + escape(text, quote=True) + '"'


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
}
