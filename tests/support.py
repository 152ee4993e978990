"""Helpers the tests import by name (conftest modules share one name across folders, so they hold fixtures only).

The CLI runner, and the one way a test asks for an external tool such as LibreOffice (see "tests that need a
program from outside Python" below).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from click.testing import CliRunner

from agreement_builder.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run_cli(*args: str, input: str | bytes | None = None) -> Run:
    """Run `agreement ARGS...` in-process and return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


# ---------------------------------------------------------------- tests that need a program from outside Python
# Some checks need an external tool: LibreOffice to turn a .docx into PDF (and pdftotext to read it back),
# Chromium and axe-core for the browser tests of `agreement serve`, git and pre-commit to run the hooks. The one
# way to ask for one is `find_tool(TOOL)` (or, for a tool found some other way than on PATH,
# `tool_missing(TOOL, why)`):
#   - on a developer's machine a missing tool skips the test, saying which tool and how to install it;
#   - where $AGREEMENT_REQUIRE_TOOLS names the tool (or says `all`, as `.ci/run` does) the same test fails
#     instead, because in CI a skip would hide exactly what the check is for.
# A new tool is one more `Tool(...)` in TOOLS below; a test file asks for it through a fixture, e.g.
#   @pytest.fixture(scope="session")
#   def office() -> dict[str, str]:
#       return find_tool(LIBREOFFICE)        # {"soffice": "/usr/bin/soffice", "pdftotext": "/usr/bin/pdftotext"}

REQUIRE_TOOLS = "AGREEMENT_REQUIRE_TOOLS"


@dataclass(frozen=True)
class Tool:
    """An external program some tests need."""

    name: str  # how $AGREEMENT_REQUIRE_TOOLS names it
    commands: tuple[str, ...]  # the programs it must find on PATH
    install: str  # how to get it, for the skip message


LIBREOFFICE = Tool("libreoffice", ("soffice", "pdftotext"), "Debian packages libreoffice-writer-nogui, poppler-utils")
BROWSER = Tool("chromium", ("chromium",), "Debian package chromium")
AXE_CORE = Tool("axe-core", (), "npm install axe-core, then set AGREEMENT_AXE_CORE to its axe.min.js, as .ci/run does")
PRE_COMMIT = Tool("pre-commit", ("git", "pre-commit"), "Debian package git; pre-commit comes with the test extra")
TOOLS = {tool.name: tool for tool in (LIBREOFFICE, BROWSER, AXE_CORE, PRE_COMMIT)}


def required_tools(environ: Mapping[str, str] = os.environ) -> set[str]:
    """The tools $AGREEMENT_REQUIRE_TOOLS names (comma-separated, or `all`); a name no tool has is an error."""
    names = {n.strip().lower() for n in environ.get(REQUIRE_TOOLS, "").split(",") if n.strip()}
    if "all" in names:
        return set(TOOLS)
    unknown = names - set(TOOLS)
    if unknown:
        raise pytest.UsageError(f"{REQUIRE_TOOLS} names {', '.join(sorted(unknown))}, which no test needs; "
                                f"use `all` or some of: {', '.join(TOOLS)}")
    return names


def tool_missing(tool: Tool, why: str, environ: Mapping[str, str] = os.environ) -> NoReturn:
    """Skip the calling test because ``tool`` cannot be used (``why``), or fail it where the tool is required."""
    reason = f"{tool.name}: {why}, so this check cannot run (install: {tool.install})"
    if tool.name in required_tools(environ):
        pytest.fail(f"{reason}; {REQUIRE_TOOLS}={environ[REQUIRE_TOOLS]} says it must run", pytrace=False)
    pytest.skip(reason)


def find_tool(tool: Tool, environ: Mapping[str, str] = os.environ,
              which: Callable[[str], str | None] = shutil.which) -> dict[str, str]:
    """Where each of ``tool``'s commands is; a test that calls this skips, or fails, when one is not on PATH."""
    found = {command: which(command) for command in tool.commands}
    missing = [command for command, path in found.items() if path is None]
    if missing:
        tool_missing(tool, f"{' and '.join(missing)} not on PATH", environ)
    return {command: str(path) for command, path in found.items()}
