"""Mutation testing: how many small deliberate bugs in the core does the test suite catch, module by module.

    python bench/mutate.py [MODULE ...] [-j N] [--match TEXT] [--tests 'PYTEST ARGS'] [--thorough] [--list]

A mutant is one small change to one module: a comparison negated or moved across its boundary, `and` for `or`,
a `not` dropped, `+` for `-`, a number one higher, True for False, a short key or word changed, a Severity
swapped for another, `any` for `all` or `min` for `max`, a statement replaced by `pass`, `return None`,
`break` for `continue`. It is *killed* when a test fails with it in place, and *survives* when every test
still passes: either a gap in the tests, or a change nobody could notice (an *equivalent* mutant, listed with
its reason in bench/mutants-equivalent.yaml and then counted without being run). The score of a module is
killed / (mutants - equivalent). Docstrings, annotations, decorators and imports are not mutated.

How it stays fast on two cores:
1. The suite runs once under coverage with one context per test (its files shared between -j processes),
   giving the tests that execute each line
   (cached in bench/out/mutate/ until a file under agreement_builder/, tests/, templates/, schemas/ or
   samples/ changes).
2. A second pytest session collects the suite once and then, for each mutant, forks: the child puts the mutant
   in place and runs only the tests that execute the mutated line, fastest first, stopping at the first
   failure, under a time limit (a mutant that runs past it, an endless loop say, counts as killed).
   - A mutant inside a function swaps that function's code object, so every reference to the function (a
     rule's `check`, a name imported elsewhere) runs the mutated code; `functools` caches are emptied first.
   - A mutant in a module constant that only the module's own functions read is assigned again in place.
   - Any other mutant in code that runs at import or collection (a rule's SEVERITY, a default argument, a
     constant other modules import) makes the child forget every module of the repository, import them
     again with the mutated source, and run in a fresh pytest session the tests that execute any line of the
     module or any line of the package that names what the mutated statement defines, with the rule
     catalogue's tests (CATALOGUE_TESTS).
By default the tests are the suite less six files of slow end-to-end checks (DEFAULT_TESTS): the robustness
corpus and the pre-commit hooks run the CLI in child processes, which the line map cannot see anyway, and the
LibreOffice, browser and Hypothesis checks would add minutes to every surviving mutant. `--tests tests` runs
with everything.
Tests that use a result a cached fixture made in an earlier test are invisible to step 1; `--thorough`
re-runs each survivor against every test that executes any line of its module, which catches those.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import functools
import hashlib
import importlib.abc
import importlib.util
import json
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Generator, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import CodeType, FunctionType, ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "mutate"
EQUIVALENT_FILE = ROOT / "bench" / "mutants-equivalent.yaml"
DEFAULT_MODULES = ("agreement_builder/rules/*.py", "agreement_builder/rules/*/*.py", "agreement_builder/lint.py",
                   "agreement_builder/files.py", "agreement_builder/build.py", "agreement_builder/source.py",
                   "agreement_builder/schema.py")
DEFAULT_TESTS = ("tests", "--ignore=tests/test_robustness.py", "--ignore=tests/test_properties.py",
                 "--ignore=tests/build/test_libreoffice.py", "--ignore=tests/build/test_robustness_pdf.py",
                 "--ignore=tests/serve/test_browser.py", "--ignore=tests/test_pre_commit.py")
# Tests that read what every module defines at import (the rule catalogue: each rule's id, name, severity and
# pack, read into the registry when the package is imported, where the line map sees no test): they run for
# every mutant in code run at import, besides the tests the line map picks.
CATALOGUE_TESTS = ("tests/rules/test_rule_catalogue.py", "tests/test_docs.py")
# Under --max-tests, a module's own test files are all kept, whatever their speed: those whose name holds the
# module's (test_source.py for source.py), these, by the start of the module's path, and for a mutant in code
# run at import the catalogue's. The rules' own are the files that lint fixtures and samples rule by rule.
OWN_TESTS = {
    "agreement_builder/rules/": ("tests/rules/test_rule_findings.py", "tests/rules/test_element_rules.py",
                                 "tests/rules/test_recommendation_rules.py", "tests/rules/test_input_rules.py",
                                 "tests/rules/test_sample_findings.py", "tests/rules/test_precision.py",
                                 "tests/rules/test_hidden_characters.py", "tests/rules/test_numbering_scan.py",
                                 "tests/rules/test_pack_checks.py", "tests/rules/test_statutory.py"),
    "agreement_builder/build.py": ("tests/build/test_final_with_errors.py",),
    "agreement_builder/lint.py": ("tests/test_waivers.py", "tests/test_waivers_linear.py",
                                  "tests/rules/test_precision.py"),
}
HASHED = ("agreement_builder", "tests", "templates", "schemas", "samples", "pyproject.toml")
COLLECT = "<import or collection>"  # the coverage context of code run outside any test


# ---------------------------------------------------------------- mutants


@dataclass(frozen=True)
class Mutant:
    """One small change to one module, and where it is."""

    module: str  # path from the repository root
    function: str  # qualified name of the function it is in, or "<module>" / a class name
    line: int
    end_line: int
    operator: str
    before: str
    after: str
    key: str  # stable id: module, function and a hash of the statement and the change
    node: int  # index of the changed node in ast.walk order (same source, same index)
    swap: str | None  # "name:first line" of the top-level function whose code is swapped; None: see below
    rebind: tuple[int, ...] = ()  # for a module constant only this module's functions read: the lines that read it

    @property
    def where(self) -> str:
        return f"{self.module}:{self.line} ({self.function})"

    def describe(self) -> str:
        return f"{self.where} [{self.operator}] {_short(self.before)} -> {_short(self.after)}"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


_FLIP: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,), ast.In: (ast.NotIn,), ast.NotIn: (ast.In,),
    ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,),
    ast.Lt: (ast.GtE, ast.LtE), ast.LtE: (ast.Gt, ast.Lt), ast.Gt: (ast.LtE, ast.GtE), ast.GtE: (ast.Lt, ast.Gt),
}
_ARITH: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult,
}
_BUILTIN_SWAPS = {"any": "all", "all": "any", "min": "max", "max": "min"}
def _severities() -> tuple[str, ...]:
    """The members of the package's Severity enum, read from its source (nothing is imported before the run)."""
    tree = ast.parse((ROOT / "agreement_builder" / "findings.py").read_text(encoding="utf-8"))
    enum = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Severity")
    return tuple(t.id for n in enum.body if isinstance(n, ast.Assign) for t in n.targets
                 if isinstance(t, ast.Name) and t.id.isupper())


SEVERITIES = _severities()
_DROPPED = (ast.Expr, ast.AugAssign, ast.Raise, ast.If, ast.For, ast.While, ast.Continue, ast.Break, ast.Assert,
            ast.Delete, ast.With)


def _variants(node: ast.AST, parent: ast.AST | None) -> Iterator[tuple[str, ast.AST]]:
    """(operator, replacement) for each mutant of ``node``."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for new in _FLIP.get(type(op), ()):
                changed = copy.copy(node)
                changed.ops = [*node.ops[:i], new(), *node.ops[i + 1:]]
                yield "comparison", changed
    elif isinstance(node, ast.BoolOp):
        changed = copy.copy(node)
        changed.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield "and/or", changed
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "drop not", node.operand
    elif isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        changed = copy.copy(node)
        changed.op = _ARITH[type(node.op)]()
        yield "arithmetic", changed
    elif isinstance(node, ast.Constant):
        yield from _constant_variants(node, parent)
    elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Severity"
          and node.attr in SEVERITIES):
        for other in SEVERITIES:
            if other != node.attr:
                yield "severity", ast.Attribute(value=ast.Name("Severity", ast.Load()), attr=other, ctx=ast.Load())
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _BUILTIN_SWAPS:
        changed = copy.copy(node)
        changed.func = ast.Name(_BUILTIN_SWAPS[node.func.id], ast.Load())
        yield "builtin", changed
    elif isinstance(node, ast.Return) and node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None):
        yield "return", ast.Return(value=ast.Constant(None))
    elif isinstance(node, ast.Break):
        yield "break/continue", ast.Continue()
    elif isinstance(node, ast.Continue):
        yield "break/continue", ast.Break()
    if isinstance(node, _DROPPED) and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
        yield "statement", ast.Pass()


def _constant_variants(node: ast.Constant, parent: ast.AST | None) -> Iterator[tuple[str, ast.AST]]:
    value = node.value
    if isinstance(value, bool):
        yield "constant", ast.Constant(not value)
    elif isinstance(value, int):
        yield "constant", ast.Constant(value + 1)
    elif isinstance(value, str) and not isinstance(parent, ast.JoinedStr) and (
            value == "" or (len(value) <= 40 and value.replace("_", "a").replace("-", "a").replace(".", "a")
                            .isalnum())):
        yield "constant", ast.Constant(value + "X" if value else "X")


def _skipped(node: ast.AST) -> set[int]:
    """ids of nodes no mutant touches: docstrings, annotations, decorators, TYPE_CHECKING blocks, __all__."""
    skip: set[int] = set()

    def all_of(n: ast.AST | None) -> None:
        if n is not None:
            skip.update(id(x) for x in ast.walk(n))

    for n in ast.walk(node):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = n.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                all_of(body[0])
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            all_of(n.returns)
            for arg in [*n.args.posonlyargs, *n.args.args, *n.args.kwonlyargs, n.args.vararg, n.args.kwarg]:
                if arg is not None:
                    all_of(arg.annotation)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in n.decorator_list:
                all_of(decorator)
        if isinstance(n, ast.AnnAssign):
            all_of(n.annotation)
        if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
            all_of(n)
        if isinstance(n, (ast.Assign, ast.AnnAssign)) and "__all__" in ast.unparse(n):
            all_of(n)
        if isinstance(n, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)):
            all_of(n)
    return skip


@dataclass
class _Place:
    qualname: str
    top: ast.FunctionDef | ast.AsyncFunctionDef | None  # the top-level function whose code a swap replaces
    in_body: bool  # inside that function's body (not its defaults): runs when called, not when defined
    statement: ast.stmt | None


def _places(tree: ast.Module) -> dict[int, _Place]:
    """Where each node is: its function, the top-level function holding it, its innermost statement."""
    places: dict[int, _Place] = {}
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)

    def visit(node: ast.AST, qual: list[str], top: Any, in_body: bool, stmt: ast.stmt | None) -> None:
        for name, value in ast.iter_fields(node):
            for child in value if isinstance(value, list) else [value]:
                if not isinstance(child, ast.AST):
                    continue
                # A function's body runs when it is called; its defaults and decorators when it is defined.
                child_in_body = in_body or (top is node and name == "body")
                child_stmt = child if isinstance(child, ast.stmt) else stmt
                places[id(child)] = _Place(".".join(qual) or "<module>", top, child_in_body, child_stmt)
                if isinstance(child, functions):
                    visit(child, [*qual, child.name], child if top is None else top, child_in_body, child_stmt)
                elif isinstance(child, ast.ClassDef):
                    visit(child, [*qual, child.name], top, child_in_body, child_stmt)
                else:
                    visit(child, qual, top, child_in_body, child_stmt)

    visit(tree, [], None, False, None)
    return places


def _header(node: ast.AST) -> str:
    """A statement as text without the statements it holds, so edits inside a block leave its key alone."""
    if isinstance(node, ast.stmt):
        shallow = copy.copy(node)
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            if hasattr(shallow, name):
                setattr(shallow, name, [])
        try:
            return ast.unparse(shallow)
        except Exception:  # an emptied statement some Python version cannot print
            return type(node).__name__
    return ast.unparse(node)


def mutants_of(module: str) -> list[Mutant]:
    """Every mutant of ``module`` (a path from the repository root), in source order."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    skip, places, readers = _skipped(tree), _places(tree), _private_constants(module, tree)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[Mutant] = []
    seen: dict[str, int] = defaultdict(int)
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip or id(node) not in places:
            continue
        place = places[id(node)]
        for operator, replacement in _variants(node, parents.get(id(node))):
            before, after = ast.unparse(node), ast.unparse(replacement)
            statement = _header(place.statement) if place.statement is not None else ""
            digest = hashlib.sha256(f"{statement}\0{_header(node)}\0{after}".encode()).hexdigest()[:10]
            key = f"{module}::{place.qualname}::{digest}"
            seen[key] += 1
            if seen[key] > 1:
                key += f"#{seen[key]}"
            swap = f"{place.top.name}:{_first_line(place.top)}" if place.top is not None and place.in_body else None
            rebind = readers.get(id(place.statement), ()) if swap is None else ()
            found.append(Mutant(module, place.qualname, node.lineno, getattr(node, "end_lineno", None) or node.lineno,
                                operator, before, after, key, index, swap, rebind))
    return sorted(found, key=lambda m: (m.line, m.node, m.after))


def _private_constants(module: str, tree: ast.Module) -> dict[int, tuple[int, ...]]:
    """Module-level assignments that can be redone in place, by id: those whose names only this module's
    functions read (no other module-level statement, and no other file of the package or the tests, names
    them), with the lines that read them. Any other module-level mutant needs a fresh import."""
    found: dict[int, tuple[int, ...]] = {}
    for statement in tree.body:
        if not (isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None):
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if not all(isinstance(t, ast.Name) for t in targets):
            continue
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if names & _words_elsewhere(module):
            continue
        at_import = [n for other in tree.body if other is not statement
                     for n in _walk_at_import(other) if isinstance(n, ast.Name) and n.id in names]
        read = sorted({n.lineno for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in names
                       and isinstance(n.ctx, ast.Load)})
        if read and not at_import:
            found[id(statement)] = tuple(read)
    return found


def _walk_at_import(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a module-level statement that run when the module is imported: not function bodies."""
    yield node
    for name, value in ast.iter_fields(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and name == "body":
            continue
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ast.AST):
                yield from _walk_at_import(child)


@functools.cache
def _words_elsewhere(module: str) -> frozenset[str]:
    """Every identifier in the package's and the tests' other Python files."""
    words: set[str] = set()
    for folder in ("agreement_builder", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if str(path.relative_to(ROOT)) != module:
                words.update(re.findall(r"[A-Za-z_]\w*", path.read_text(encoding="utf-8")))
    return frozenset(words)


@functools.cache
def _naming_lines() -> dict[str, list[tuple[str, int]]]:
    """Every identifier in the package's modules: the (module, line) pairs that name it."""
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for path in sorted((ROOT / "agreement_builder").rglob("*.py")):
        module = str(path.relative_to(ROOT))
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for word in set(re.findall(r"[A-Za-z_]\w*", text)):
                found[word].append((module, number))
    return found


@functools.cache
def _bound_names(module: str, line: int) -> frozenset[str]:
    """What the module-level statement holding ``line`` defines: a class's or function's name, or the names
    an assignment (or any other statement) binds."""
    for statement in ast.parse((ROOT / module).read_text(encoding="utf-8")).body:
        first = _first_line(statement) if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                 ast.ClassDef)) else statement.lineno
        if first <= line <= (statement.end_lineno or statement.lineno):
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                return frozenset({statement.name})
            return frozenset(n.id for n in ast.walk(statement) if isinstance(n, ast.Name)
                             and isinstance(n.ctx, ast.Store))
    return frozenset()


def _first_line(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> int:
    """The line a function's code object starts on: its first decorator's, else its `def`'s."""
    return min([function.lineno, *(d.lineno for d in function.decorator_list)])


def mutated_source(mutant: Mutant) -> ast.Module:
    """The module's syntax tree with ``mutant`` applied."""
    tree = ast.parse((ROOT / mutant.module).read_text(encoding="utf-8"))
    nodes = list(ast.walk(tree))
    target = nodes[mutant.node]
    parents = {id(child): node for node in nodes for child in ast.iter_child_nodes(node)}
    replacement = next(r for op, r in _variants(target, parents.get(id(target)))
                       if op == mutant.operator and ast.unparse(r) == mutant.after)
    parent = parents[id(target)]
    ast.copy_location(replacement, target)
    for name, value in ast.iter_fields(parent):
        if value is target:
            setattr(parent, name, replacement)
        elif isinstance(value, list) and any(v is target for v in value):
            value[[i for i, v in enumerate(value) if v is target][0]] = replacement
    return ast.fix_missing_locations(tree)


# ---------------------------------------------------------------- which tests run each line


@dataclass
class LineMap:
    """Per module: line -> the tests that execute it; per test: its duration and whether it passed."""

    lines: dict[str, dict[int, list[str]]]
    durations: dict[str, float]
    failed: list[str] = field(default_factory=list)

    def tests_for(self, module: str, first: int, last: int) -> set[str]:
        by_line = self.lines.get(module, {})
        return {t for line in range(first, last + 1) for t in by_line.get(line, ())}

    def tests_of_module(self, module: str) -> set[str]:
        return {t for tests in self.lines.get(module, {}).values() for t in tests} - {COLLECT}


def _digest(pytest_args: Sequence[str]) -> str:
    h = hashlib.sha256(f"{sys.version}\0{list(pytest_args)}".encode())
    for top in HASHED:
        path = ROOT / top
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()
                                                     and "__pycache__" not in p.parts)
        for p in files:
            h.update(str(p.relative_to(ROOT)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def line_map(pytest_args: Sequence[str], fresh: bool, shards: int) -> LineMap:
    """The line map, from the cache when nothing it depends on has changed, else by running the suite once, its
    test files shared between ``shards`` processes."""
    OUT.mkdir(parents=True, exist_ok=True)
    cached = OUT / f"map-{_digest(pytest_args)}.json"
    if cached.is_file() and not fresh:
        print(f"line map: {cached.relative_to(ROOT)} (cached)", file=sys.stderr)
    else:
        for old in sorted(OUT.glob("map-*.json"), key=lambda p: p.stat().st_mtime)[:-3]:
            old.unlink()  # the three newest are kept: one for the core's tests, one for --tests '...' say
        print(f"line map: running the suite once under coverage, in {shards} parts at once ...", file=sys.stderr)
        started = time.monotonic()
        parts = [cached.with_suffix(f".part{i}") for i in range(shards)]
        children = [subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--make-map", str(part),
                                      "--shard", f"{i}/{shards}", "--tests", shlex.join(pytest_args)],
                                     stdout=subprocess.DEVNULL if i else None)
                    for i, part in enumerate(parts)]
        codes = [child.wait() for child in children]
        if any(codes) or not all(part.is_file() for part in parts):
            sys.exit(f"line map: the suite run under coverage failed (exits {codes})")
        cached.write_text(json.dumps(_merge([json.loads(part.read_text()) for part in parts])))
        for part in parts:
            part.unlink()
        print(f"line map: {time.monotonic() - started:.0f} s", file=sys.stderr)
    data = json.loads(cached.read_text())
    lines = {m: {int(k): v for k, v in by_line.items()} for m, by_line in data["lines"].items()}
    return LineMap(lines, data["durations"], data["failed"])


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One line map from the maps of the parts of the suite."""
    lines: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for part in parts:
        for module, by_line in part["lines"].items():
            for line, tests in by_line.items():
                lines[module][line] = sorted({*lines[module].get(line, ()), *tests})
    return {"lines": lines, "durations": {t: d for part in parts for t, d in part["durations"].items()},
            "failed": sorted({t for part in parts for t in part["failed"]})}


def make_map(target: Path, pytest_args: Sequence[str], shard: tuple[int, int]) -> int:
    """Run the suite (or, for ``shard`` (i, n), the i-th of every n test files) under coverage, one context per
    test, and write the line map of every module of the package to ``target`` (so that any choice of modules
    can use it)."""
    import coverage

    modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "agreement_builder").rglob("*.py"))
    files = [str(ROOT / m) for m in modules]
    cov = coverage.Coverage(data_file=None, include=files, config_file=False)
    plugin = _MapPlugin(cov, shard)
    cov.start()
    cov.switch_context(COLLECT)
    try:
        code = pytest.main([*pytest_args, "-q", "-p", "no:cacheprovider", "-p", "no:randomly"], plugins=[plugin])
    finally:
        cov.stop()
    data = cov.get_data()
    lines: dict[str, dict[int, list[str]]] = {}
    for module, path in zip(modules, files, strict=True):
        by_line = data.contexts_by_lineno(path)
        lines[module] = {line: sorted(c for c in contexts if c) for line, contexts in by_line.items()}
    target.write_text(json.dumps({"lines": lines, "durations": plugin.durations, "failed": sorted(plugin.failed)}))
    return 0 if code in (0, 1) else int(code)


class _MapPlugin:
    def __init__(self, cov: Any, shard: tuple[int, int]) -> None:
        self.cov, self.shard = cov, shard
        self.durations: dict[str, float] = defaultdict(float)
        self.failed: set[str] = set()

    def pytest_configure(self, config: Any) -> None:
        _quiet_hypothesis()

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        index, count = self.shard
        files = sorted({item.nodeid.split("::")[0] for item in items})
        mine = set(files[index::count])
        items[:] = [item for item in items if item.nodeid.split("::")[0] in mine]

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Generator[None, object, object]:
        _clear_caches()  # so that work a cache would keep is seen in every test that needs it
        self.cov.switch_context(item.nodeid)
        try:
            return (yield)
        finally:
            self.cov.switch_context(COLLECT)

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.durations[report.nodeid] += report.duration
        if report.failed:
            self.failed.add(report.nodeid)


def _quiet_hypothesis() -> None:
    """The same examples every run (so a mutant is judged the same way twice), and no example database."""
    try:
        from hypothesis import settings
    except ImportError:
        return
    settings.register_profile("mutate", parent=settings.default, derandomize=True, database=None)
    settings.load_profile("mutate")


def _clear_caches() -> None:
    for name, module in list(sys.modules.items()):
        if name.startswith("agreement_builder") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


# ---------------------------------------------------------------- running mutants


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed | timeout | survived | untested | error
    tests: int  # how many tests were selected
    seconds: float
    by: str = ""  # the test that killed it, or what went wrong


class _MutantLoader(importlib.abc.Loader):
    def __init__(self, code: CodeType) -> None:
        self.code = code

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        exec(self.code, module.__dict__)


class _MutantFinder(importlib.abc.MetaPathFinder):
    """Serves the mutated source for one module; every other import goes on as usual."""

    def __init__(self, name: str, path: Path, code: CodeType) -> None:
        self.name, self.path, self.code = name, path, code

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        is_package = self.path.name == "__init__.py"
        return importlib.util.spec_from_file_location(
            fullname, self.path, loader=_MutantLoader(self.code),
            submodule_search_locations=[str(self.path.parent)] if is_package else None)


def _module_name(module: str) -> str:
    parts = list(Path(module).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _swap(mutant: Mutant, code: CodeType) -> bool:
    """Put the mutated code of the mutant's top-level function in place; False when the function is not found."""
    assert mutant.swap is not None
    name, first = mutant.swap.rsplit(":", 1)
    new = _code_named(code, name, int(first))
    module = sys.modules.get(_module_name(mutant.module))
    if new is None or module is None:
        return False
    path = str(ROOT / mutant.module)
    for function in _functions(module):
        old = function.__code__
        if old.co_name == name and old.co_firstlineno == int(first) and old.co_filename == path:
            if len(old.co_freevars) != len(new.co_freevars):
                return False
            function.__code__ = new
            _clear_caches()
            return True
    return False


def _rebind(mutant: Mutant, tree: ast.Module) -> bool:
    """Redo the mutated module-level assignment in the loaded module; False when the module is not loaded."""
    module = sys.modules.get(_module_name(mutant.module))
    statement = next((s for s in tree.body if s.lineno <= mutant.line <= (s.end_lineno or s.lineno)), None)
    if module is None or statement is None:
        return False
    exec(compile(ast.Module([statement], type_ignores=[]), str(ROOT / mutant.module), "exec"), vars(module))
    _clear_caches()
    return True


def _code_named(code: CodeType, name: str, first: int) -> CodeType | None:
    """The code object of function ``name`` starting at line ``first``, at any depth (methods are in a class's)."""
    for const in code.co_consts:
        if isinstance(const, CodeType):
            if const.co_name == name and const.co_firstlineno == first:
                return const
            found = _code_named(const, name, first)
            if found is not None:
                return found
    return None


def _functions(module: ModuleType) -> Iterator[FunctionType]:
    """Every function the module defines, in classes too, unwrapped from staticmethod, property and caches."""
    seen: set[int] = set()

    def unwrap(value: Any, depth: int = 0) -> Iterator[FunctionType]:
        if id(value) in seen or depth > 5:
            return
        seen.add(id(value))
        if isinstance(value, FunctionType):
            yield value
        if isinstance(value, (staticmethod, classmethod)):
            yield from unwrap(value.__func__, depth + 1)
        elif isinstance(value, property):
            for part in (value.fget, value.fset, value.fdel):
                yield from unwrap(part, depth + 1)
        elif isinstance(value, type) and getattr(value, "__module__", None) == module.__name__:
            for member in vars(value).values():
                yield from unwrap(member, depth + 1)
        wrapped = getattr(value, "__wrapped__", None)
        if wrapped is not None:
            yield from unwrap(wrapped, depth + 1)

    for value in list(vars(module).values()):
        yield from unwrap(value)


class _Loop:
    """A pytest plugin: after collection, run the mutants instead of the tests, each in a forked child."""

    def __init__(self, mutants: list[Mutant], lines: LineMap, jobs: int, factor: float, thorough: bool,
                 verbose: bool, pytest_args: Sequence[str], max_tests: int | None = None) -> None:
        self.mutants, self.lines, self.jobs, self.factor = mutants, lines, jobs, factor
        self.max_tests = max_tests
        self.thorough, self.verbose, self.pytest_args = thorough, verbose, pytest_args
        self.outcomes: list[Outcome] = []
        self.items: dict[str, Any] = {}

    def pytest_configure(self, config: Any) -> None:
        _quiet_hypothesis()

    def pytest_runtestloop(self, session: Any) -> bool:
        self.items = {item.nodeid: item for item in session.items}
        self.config = session.config
        jobs = [(m, self._selection(m, wide=False)) for m in self.mutants]
        self.outcomes = self._run_all(jobs)
        if self.thorough:
            again = [(o.mutant, self._selection(o.mutant, wide=True)) for o in self.outcomes
                     if o.status == "survived"]
            for outcome in self._run_all(again):
                self.outcomes = [outcome if o.mutant == outcome.mutant else o for o in self.outcomes]
        return True

    def _selection(self, mutant: Mutant, wide: bool) -> list[str]:
        lines = self.lines
        covering = lines.tests_for(mutant.module, mutant.line, mutant.end_line)
        for line in mutant.rebind:
            covering |= lines.tests_for(mutant.module, line, line)
        if not self._in_place(mutant):
            # Code run at import is read by the module's own functions and by any line that names what it
            # defines, here or in another module: the tests that run any of those lines.
            covering = lines.tests_of_module(mutant.module) | {t for t in self.items
                                                                if t.split("::")[0] in CATALOGUE_TESTS}
            for name in _bound_names(mutant.module, mutant.line):
                for module, line in _naming_lines().get(name, ()):
                    covering |= lines.tests_for(module, line, line)
        elif wide:
            covering |= lines.tests_of_module(mutant.module)
        covering -= {COLLECT, *lines.failed}
        chosen = sorted((t for t in covering if t in self.items), key=lambda t: (lines.durations.get(t, 0.0), t))
        if wide or self.max_tests is None:
            return chosen
        # Under a cap, the module's own test files (OWN_TESTS) are all kept; the fastest of the others fill the rest.
        stem = Path(mutant.module).stem
        mine = {f for start, files in OWN_TESTS.items() if mutant.module.startswith(start) for f in files}
        if not self._in_place(mutant):
            mine.update(CATALOGUE_TESTS)

        def own(test: str) -> bool:
            file = test.split("::")[0]
            return stem in Path(file).stem or file in mine

        others = [t for t in chosen if not own(t)]
        return [t for t in chosen if own(t)] + others[:max(0, self.max_tests - (len(chosen) - len(others)))]

    def _run_all(self, jobs: list[tuple[Mutant, list[str]]]) -> list[Outcome]:
        results: dict[Mutant, Outcome] = {}
        pending = list(jobs)
        running: dict[int, tuple[Mutant, list[str], float, float, int, Path]] = {}
        total, done = len(jobs), 0
        while pending or running:
            while pending and len(running) < self.jobs:
                mutant, tests = pending.pop(0)
                if not tests:
                    results[mutant] = Outcome(mutant, "untested", 0, 0.0, "no test executes this line")
                    done += 1
                    continue
                limit = 10.0 + self.factor * sum(self.lines.durations.get(t, 0.0) for t in tests)
                if not self._in_place(mutant):
                    limit += 15.0  # a fresh import and collection
                pid, reader, temp = self._start(mutant, tests)
                running[pid] = (mutant, tests, time.monotonic(), limit, reader, temp)
            finished = self._reap(running)
            for outcome in finished:
                results[outcome.mutant] = outcome
                done += 1
                if self.verbose or outcome.status == "survived":
                    print(f"[{done}/{total}] {outcome.status:8} {outcome.mutant.describe()}"
                          + (f"  ({outcome.tests} tests)" if outcome.status == "survived" else ""),
                          file=sys.stderr, flush=True)
                elif done % 50 == 0:
                    print(f"[{done}/{total}] ...", file=sys.stderr, flush=True)
                if done % 25 == 0:
                    _save(list(results.values()))  # so that a run stopped part way keeps what it judged
            if not finished:
                time.sleep(0.02)
        return [results[m] for m, _ in jobs]

    def _start(self, mutant: Mutant, tests: list[str]) -> tuple[int, int, Path]:
        temp = Path(tempfile.mkdtemp(prefix="mutant-"))
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(reader)
            os.setpgid(0, 0)
            status, by = "error", "the child stopped before reporting"
            try:
                _detach(temp)
                status, by = self._child(mutant, tests)
            except BaseException as e:  # noqa: BLE001 - anything at all is reported, never raised
                status, by = "error", f"{type(e).__name__}: {e}"
            finally:
                os.write(writer, json.dumps([status, by[:500]]).encode())
                os._exit(0)
        os.close(writer)
        return pid, reader, temp

    def _limits(self, tests: list[str]) -> list[float]:
        """A time limit for each test: an endless loop is caught in the test it starts in, not after the time
        all the selected tests would take."""
        return [5.0 + self.factor * self.lines.durations.get(t, 0.0) for t in tests]

    def _in_place(self, mutant: Mutant) -> bool:
        """Whether the mutant can be put in place in the collected session (else: a fresh import): inside a
        function that nothing ran at import or collection, or a private constant nothing read then."""
        if mutant.swap is not None:
            return COLLECT not in self.lines.tests_for(mutant.module, mutant.line, mutant.end_line)
        return bool(mutant.rebind) and not any(COLLECT in self.lines.tests_for(mutant.module, line, line)
                                               for line in mutant.rebind)

    def _child(self, mutant: Mutant, tests: list[str]) -> tuple[str, str]:
        tree = mutated_source(mutant)
        code = compile(tree, str(ROOT / mutant.module), "exec")
        in_place = self._in_place(mutant)
        if in_place and mutant.swap is not None and _swap(mutant, code):
            return _run_items([self.items[t] for t in tests], self._limits(tests))
        try:
            rebound = in_place and mutant.swap is None and _rebind(mutant, tree)
            if not rebound:
                return _run_fresh(mutant, code, tests, self.pytest_args)
        except Exception as e:  # the mutated module cannot even be imported: every use of it fails
            return "killed", f"fails on import: {type(e).__name__}: {e}"
        return _run_items([self.items[t] for t in tests], self._limits(tests))

    def _reap(self, running: dict[int, tuple[Mutant, list[str], float, float, int, Path]]) -> list[Outcome]:
        finished = []
        now = time.monotonic()
        for pid, (mutant, tests, started, limit, reader, temp) in list(running.items()):
            ended, _ = os.waitpid(pid, os.WNOHANG)
            if ended == 0 and now - started <= limit:
                continue
            if ended == 0:
                _kill_group(pid)
                os.waitpid(pid, 0)
                outcome = Outcome(mutant, "timeout", len(tests), now - started, f"ran past {limit:.0f} s")
            else:
                report = _read_all(reader)
                status, by = json.loads(report) if report else ("error", "the child died without a word")
                outcome = Outcome(mutant, status, len(tests), now - started, by)
                _kill_group(pid)  # anything it left running
            os.close(reader)
            shutil.rmtree(temp, ignore_errors=True)
            del running[pid]
            finished.append(outcome)
        return finished


def _detach(temp: Path) -> None:
    """In the child: output to nowhere, temporary files under ``temp``."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.environ["TMPDIR"] = os.environ["PYTEST_DEBUG_TEMPROOT"] = str(temp)
    tempfile.tempdir = str(temp)


class _TooLong(BaseException):
    """Raised in a test that runs past its time limit (a BaseException, so that no `except Exception` in the
    code under test swallows it; pytest reports the test failed)."""


def _too_long(signum: int, frame: Any) -> None:
    raise _TooLong


def _run_items(items: list[Any], limits: list[float]) -> tuple[str, str]:
    from _pytest.runner import runtestprotocol

    config = items[0].config
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is not None:
        factory._basetemp = None  # under this child's TMPDIR, not the parent's
    signal.signal(signal.SIGALRM, _too_long)
    for i, item in enumerate(items):
        signal.setitimer(signal.ITIMER_REAL, limits[i])
        try:
            reports = runtestprotocol(item, log=False, nextitem=items[i + 1] if i + 1 < len(items) else None)
        except _TooLong:
            return "timeout", f"{item.nodeid} ran past {limits[i]:.0f} s"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if any(r.failed for r in reports):
            return "killed", item.nodeid
    return "survived", ""


def _run_fresh(mutant: Mutant, code: CodeType, tests: list[str], pytest_args: Sequence[str]) -> tuple[str, str]:
    """Import the repository's modules again, the mutated one from ``code``, and run ``tests`` in a new session."""
    root = str(ROOT)
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if name != "__main__" and path.startswith(root) and "/.venv/" not in path:
            del sys.modules[name]
    sys.meta_path.insert(0, _MutantFinder(_module_name(mutant.module), ROOT / mutant.module, code))
    files = sorted({t.split("::")[0] for t in tests})
    selector = _Select(tests)
    exit_code = pytest.main([*files, "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"], plugins=[selector])
    if exit_code == 0 and selector.ran:
        return "survived", ""
    if exit_code == pytest.ExitCode.NO_TESTS_COLLECTED or (exit_code == 0 and not selector.ran):
        return "survived", "the selected tests were no longer collected"
    return "killed", selector.failed or f"pytest exit {int(exit_code)}"


class _Select:
    """Keeps the selected tests (fastest first, as chosen) and notes the first that fails."""

    def __init__(self, tests: list[str]) -> None:
        self.order = {t: i for i, t in enumerate(tests)}
        self.ran = 0
        self.failed = ""

    def pytest_configure(self, config: Any) -> None:
        _quiet_hypothesis()

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        items[:] = sorted((i for i in items if i.nodeid in self.order), key=lambda i: self.order[i.nodeid])
        self.ran = len(items)

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed and not self.failed:
            self.failed = report.nodeid


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _read_all(fd: int) -> str:
    chunks = []
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode()


# ---------------------------------------------------------------- the report


def load_equivalent() -> dict[str, dict[str, str]]:
    import yaml

    if not EQUIVALENT_FILE.is_file():
        return {}
    data = yaml.safe_load(EQUIVALENT_FILE.read_text(encoding="utf-8")) or {}
    missing = [key for key, entry in data.items() if not (entry or {}).get("reason")]
    if missing:
        sys.exit(f"{EQUIVALENT_FILE.relative_to(ROOT)}: no reason given for {', '.join(missing)}")
    return data


def report(outcomes: list[Outcome], equivalent: dict[str, dict[str, str]], all_keys: set[str],
           matched_everything: bool) -> tuple[str, dict[str, float]]:
    """The table per module and the list of survivors, as Markdown; and each module's score."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    survivors, wrongly_listed = [], []
    for o in outcomes:
        row = rows[o.mutant.module]
        row["mutants"] += 1
        if o.status in ("killed", "timeout"):
            row["killed"] += 1
            row["timeout"] += o.status == "timeout"
            if o.mutant.key in equivalent:
                wrongly_listed.append(o)
        elif o.mutant.key in equivalent:
            row["equivalent"] += 1
        else:
            row["survived"] += 1
            survivors.append(o)
            row["errors"] += o.status == "error"
    lines = ["| module | mutants | killed | survived | equivalent | score |", "|---|---:|---:|---:|---:|---:|"]
    scores: dict[str, float] = {}
    totals: dict[str, int] = defaultdict(int)
    for module in sorted(rows):
        row = rows[module]
        for k, v in row.items():
            totals[k] += v
        scores[module] = _score(row)
        lines.append(_row(module.removeprefix("agreement_builder/"), row))
    if len(rows) > 1:
        lines.append(_row("**all**", totals))
    out = ["\n".join(lines), ""]
    if survivors:
        out.append(f"Survivors ({len(survivors)}); key for {EQUIVALENT_FILE.name} in brackets:")
        for o in sorted(survivors, key=lambda o: (o.mutant.module, o.mutant.line)):
            note = f" ({o.by})" if o.by else f" ({o.tests} tests ran)"
            out.append(f"- {o.mutant.describe()}{note} [{o.mutant.key}]")
        out.append("")
    if wrongly_listed:
        out.append("Listed as equivalent but killed (remove them from the list):")
        out += [f"- {o.mutant.describe()} by {o.by} [{o.mutant.key}]" for o in wrongly_listed]
        out.append("")
    stale = sorted(set(equivalent) - all_keys) if matched_everything else []
    if stale:
        out.append("Listed as equivalent but no longer generated (the code changed; remove or re-key them):")
        out += [f"- {key}: {equivalent[key].get('mutant', '')}" for key in stale]
        out.append("")
    return "\n".join(out), scores


def _score(row: dict[str, int]) -> float:
    judged = row["mutants"] - row["equivalent"]
    return 100.0 * row["killed"] / judged if judged else 100.0


def _row(name: str, row: dict[str, int]) -> str:
    killed = f"{row['killed']}" + (f" ({row['timeout']} by time)" if row["timeout"] else "")
    return (f"| {name} | {row['mutants']} | {killed} | {row['survived']} | {row['equivalent']} | "
            f"{_score(row):.0f} % |")


# ---------------------------------------------------------------- command line


@functools.cache
def _source_digest(module: str) -> str:
    return hashlib.sha256((ROOT / module).read_bytes()).hexdigest()[:16]


def _results() -> dict[str, dict[str, Any]]:
    path = OUT / "results.json"
    return {r["key"]: r for r in json.loads(path.read_text())} if path.is_file() else {}


def _save(outcomes: list[Outcome]) -> None:
    """Record the outcomes in bench/out/mutate/results.json, keeping the earlier runs' results for other mutants
    (so that modules run one at a time add up to one table: see --report)."""
    records = _results()
    for o in outcomes:
        records[o.mutant.key] = {**asdict(o.mutant), "status": o.status, "tests": o.tests,
                                 "seconds": round(o.seconds, 2), "by": o.by, "source": _source_digest(o.mutant.module)}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(sorted(records.values(), key=lambda r: (r["module"], r["line"],
                                                                                          r["key"])), indent=1))


def _recorded(mutants: list[Mutant], statuses: tuple[str, ...]) -> list[Outcome]:
    """The recorded outcomes of ``mutants`` with one of ``statuses``, where the module has not changed since."""
    before = _results()
    kept = []
    for m in mutants:
        r = before.get(m.key)
        if r and r["status"] in statuses and r.get("source") == _source_digest(m.module):
            kept.append(Outcome(m, r["status"], r["tests"], r["seconds"], r["by"]))
    return kept


def _modules(patterns: Sequence[str]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        matches = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern) if p.suffix == ".py")
        if not matches:
            sys.exit(f"no module matches {pattern}")
        found += [m for m in matches if m not in found]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", default=list(DEFAULT_MODULES),
                        help="modules to mutate, as paths or globs from the repository root (default: the core)")
    parser.add_argument("-j", "--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                        help="mutants run at once (default: half the cores)")
    parser.add_argument("--match", action="append", default=[],
                        help="only mutants whose key or location contains TEXT (repeatable), e.g. lint.py::apply")
    parser.add_argument("--tests", type=shlex.split, default=list(DEFAULT_TESTS), metavar="'ARGS'",
                        help="what pytest is given, quoted as one argument (default: tests, less the slow "
                             "end-to-end files: see above); e.g. --tests 'tests/rules tests/test_lint.py'")
    parser.add_argument("--factor", type=float, default=3.0,
                        help="time limit per mutant: 10 s + FACTOR x the selected tests' normal time (default 3)")
    parser.add_argument("--max-tests", type=int, metavar="N",
                        help="run each mutant against the tests chosen for it from its module's own test files "
                             "(tests/test_source.py for source.py; see OWN_TESTS) and at most N in all with the "
                             "fastest of the others: much quicker where a line runs in every test, and the score "
                             "a lower bound")
    parser.add_argument("--thorough", action="store_true",
                        help="re-run each survivor against every test that executes any line of its module")
    parser.add_argument("--survivors", action="store_true",
                        help="run only what the last run did not kill, where its module is unchanged since; the "
                             "others keep their last result (for after writing tests)")
    parser.add_argument("--recheck", action="store_true",
                        help="run the mutants listed as equivalent too (by default they are counted, not run)")
    parser.add_argument("--report", action="store_true",
                        help="run nothing: print the table from the recorded results of earlier runs (bench/out/"
                             "mutate/results.json), for modules whose source has not changed since")
    parser.add_argument("--fresh-map", action="store_true", help="run the suite under coverage even if cached")
    parser.add_argument("--list", action="store_true", help="print the mutants and stop")
    parser.add_argument("--fail-under", type=float, metavar="PCT",
                        help="exit 1 when a module scores under PCT percent")
    parser.add_argument("-v", "--verbose", action="store_true", help="a line for every mutant, not only survivors")
    parser.add_argument("--make-map", type=Path, help=argparse.SUPPRESS)  # the child runs behind line_map
    parser.add_argument("--shard", default="0/1", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    # Started in the background (nohup, or `&` in a script), a run inherits SIGHUP or SIGINT ignored, and so would
    # the child processes of the tests: those of write_atomic's clean-up on these signals would fail and be left
    # out of the line map. The run behaves as one started at a terminal (use setsid to let it outlive one).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if args.make_map:
        index, count = (int(n) for n in args.shard.split("/"))
        return make_map(args.make_map, args.tests, (index, count))
    modules = _modules(args.modules)
    mutants = [m for module in modules for m in mutants_of(module)]
    if args.match:
        mutants = [m for m in mutants if any(t in m.key or t in m.where for t in args.match)]
    if args.list:
        for m in mutants:
            how = "" if m.swap else "  (redone in place)" if m.rebind else "  (re-import)"
            print(f"{m.describe()}  [{m.key}]{how}")
        print(f"{len(mutants)} mutants in {len(modules)} modules")
        return 0
    equivalent = load_equivalent()
    if args.report:
        recorded = _recorded(mutants, ("killed", "timeout", "survived", "untested", "error"))
        unknown = {m for m in mutants if m.key not in equivalent} - {o.mutant for o in recorded}
        counted = [Outcome(m, "equivalent", 0, 0.0, "listed, not run") for m in mutants if m.key in equivalent]
        text, _ = report([o for o in recorded if o.mutant.key not in equivalent] + counted, equivalent,
                         {m.key for m in mutants}, not args.match and list(args.modules) == list(DEFAULT_MODULES))
        print(text)
        if unknown:
            print(f"{len(unknown)} mutants have no result recorded for their module's present source: run them")
            return 1
        return 0
    started = time.monotonic()
    lines = line_map(args.tests, args.fresh_map, max(1, args.jobs))
    if lines.failed:
        print(f"{len(lines.failed)} tests fail on the unmutated code and are left out: {lines.failed[:5]}",
              file=sys.stderr)
    listed = [] if args.recheck else [m for m in mutants if m.key in equivalent]
    kept = _recorded(mutants, ("killed", "timeout")) if args.survivors else []
    skipped = {o.mutant for o in kept} | set(listed)
    loop = _Loop([m for m in mutants if m not in skipped], lines, args.jobs, args.factor, args.thorough,
                 args.verbose, args.tests, args.max_tests)
    print(f"{len(mutants)} mutants in {len(modules)} modules ({len(listed)} listed as equivalent, {len(kept)} "
          f"killed in the last run; neither run again), {args.jobs} at a time", file=sys.stderr)
    code = pytest.main([*args.tests, "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--no-header"],
                       plugins=[loop])
    if code not in (0, 5) and not loop.outcomes:
        return int(code)
    outcomes = loop.outcomes + kept + [Outcome(m, "equivalent", 0, 0.0, "listed, not run") for m in listed]
    text, scores = report(outcomes, equivalent, {m.key for m in mutants}, not args.match
                          and list(args.modules) == list(DEFAULT_MODULES))
    elapsed = time.monotonic() - started
    print(text)
    print(f"{len(mutants)} mutants in {elapsed / 60:.1f} min ({args.jobs} at a time)")
    _save(outcomes)
    if args.fail_under is not None and any(s < args.fail_under for s in scores.values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
