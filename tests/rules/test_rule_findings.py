"""Every finding each rule can give, with its severity, pinned by the table in `findings.yaml`.

For each rule the table lists cases (the rule's own `Fails:` example, or a snippet laid over the base agreement
of harness.py) and, for each, every finding the rule gives there: severity, path and message. A finding that
changes severity, place or wording, disappears or appears fails the rule's test. The table must also be
complete: each place in a rule's code that can yield a finding (each `Issue(...)` in the rule's module and in
the helpers it calls) must be drawn by one of its cases, so a new finding cannot go unpinned.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import FunctionType, ModuleType

import pytest
import yaml
from harness import check

from agreement_builder.findings import Finding, Severity
from agreement_builder.rules import MODULES, RULES, Rule

TABLE_FILE = Path(__file__).with_name("findings.yaml")
RECORDED: dict[str, list[dict[str, object]]] = yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))
TABLE = {key.split()[0]: cases for key, cases in RECORDED.items()}  # by rule id; the file's keys are "id name"
CHECKED = [rule for rule in RULES.values() if rule.check is not None]
MODULE_OF = {module.ID: module for module in MODULES}
FINDING = re.compile(rf"^({'|'.join(str(s) for s in Severity)}) (\S+): (.+)$", re.S)


def _case_text(rule: Rule, given: object) -> str:
    return rule.part("Fails") if given == "fails" else textwrap.dedent(str(given))


def _findings(rule: Rule, case: dict[str, object], folder: Path) -> list[Finding]:
    folder.mkdir()
    return check(folder, _case_text(rule, case["given"]), rule.id)


def test_the_table_records_every_rule_with_a_check_by_id_and_name_with_its_fails_example():
    assert sorted(RECORDED) == sorted(f"{rule.id} {rule.name}" for rule in CHECKED)
    assert [rid for rid, cases in TABLE.items() if not any(c["given"] == "fails" for c in cases)] == []


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_each_case_gives_exactly_the_findings_recorded_with_their_severity(rule: Rule, tmp_path: Path):
    for number, case in enumerate(TABLE[rule.id]):
        expected = [FINDING.match(line) for line in case["finds"]]  # type: ignore[union-attr]
        assert all(expected), f"{rule.id} case {number}: a `finds` line is not 'severity path: message'"
        found = _findings(rule, case, tmp_path / str(number))
        described = "\n".join(f"      - {json.dumps(f'{f.severity} {f.path}: {f.message}', ensure_ascii=False)}"
                              for f in found)  # as the table writes it
        assert [(str(f.severity), f.path, f.message) for f in found] == [(m[1], m[2], m[3]) for m in expected], (
            f"{rule.id} case {number} ({'its Fails example' if case['given'] == 'fails' else 'a snippet'}) "
            f"gives:\n{described}")


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_every_finding_a_rule_can_give_is_drawn_by_a_case(rule: Rule, tmp_path: Path):
    messages = [f.message for number, case in enumerate(TABLE.get(rule.id, []))
                for f in _findings(rule, case, tmp_path / str(number))]
    undrawn = [f"{where}: {pattern.pattern}" for where, pattern in issue_sites(MODULE_OF[rule.id])
               if not any(pattern.fullmatch(m) for m in messages)]
    assert undrawn == [], f"{rule.id}: add a case to {TABLE_FILE.name} that draws each of these findings"


def issue_sites(module: ModuleType) -> list[tuple[str, re.Pattern[str]]]:
    """Each `Issue(...)` the rule can reach, as (module:line, the pattern its message fits), its helpers'
    included: functions of other rule modules it calls, followed as deep as they go."""
    return list(_sites(module, inspect.getsource(module), 1, set()))


def _sites(owner: ModuleType, source: str, first: int, seen: set[str]) -> Iterator[tuple[str, re.Pattern[str]]]:
    for node in ast.walk(ast.parse(textwrap.dedent(source))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id == "Issue":
            message = node.args[1] if len(node.args) > 1 else next(k.value for k in node.keywords
                                                                     if k.arg == "message")
            yield f"{owner.__name__}:{first + node.lineno - 1}", re.compile(_pattern(message), re.S)
            continue
        helper = getattr(owner, node.func.id, None)
        name = f"{getattr(helper, '__module__', '')}.{node.func.id}"
        if (isinstance(helper, FunctionType) and helper.__module__ != owner.__name__
                and helper.__module__.startswith("agreement_builder.rules") and name not in seen):
            seen.add(name)
            lines, start = inspect.getsourcelines(helper)
            yield from _sites(inspect.getmodule(helper) or owner, "".join(lines), start, seen)


def _pattern(message: ast.expr) -> str:
    if isinstance(message, ast.Constant) and isinstance(message.value, str):
        return re.escape(message.value)
    if isinstance(message, ast.JoinedStr):
        return "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".*?" for part in message.values)
    if isinstance(message, ast.BinOp) and isinstance(message.op, ast.Add):
        return _pattern(message.left) + _pattern(message.right)
    return ".*"
