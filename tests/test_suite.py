"""The test suite's own machinery: every test file is collected, and an external tool is skipped or required."""

from __future__ import annotations

import pytest
import suite
import support
from support import LIBREOFFICE, REQUIRE_TOOLS, Tool, find_tool, required_tools, tool_missing

pytest_plugins = ["pytester"]

PASSING = "def test_it():\n    assert 1 + 1 == 2\n"


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A scratch project laid out like ours: tests/, tests/build/, tests/rules/, with this suite's plugin."""
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\ntestpaths = ["tests"]\n')
    for name in ("tests/test_top.py", "tests/build/test_building.py", "tests/rules/test_rule.py"):
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PASSING)
    (pytester.path / "tests/helper.py").write_text("VALUE = 1\n")  # not a test file: never expected
    return pytester


def run(project: pytest.Pytester, *args: str) -> pytest.RunResult:
    return project.runpytest_inprocess(*args, plugins=[suite])


def test_a_test_folder_pytest_passes_over_stops_the_run_naming_its_files(project: pytest.Pytester):
    result = run(project)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stdout.fnmatch_lines(["*1 test file(s) were not collected*", "  tests/build/test_building.py",
                                 "*norecursedirs*"])
    assert result.parseoutcomes().get("passed") is None  # stopped before any test ran


def test_every_folder_collected_runs_and_the_summary_counts_what_ran(project: pytest.Pytester):
    project.makepyprojecttoml('[tool.pytest.ini_options]\ntestpaths = ["tests"]\nnorecursedirs = [".*"]\n')
    (project.path / "tests/test_top.py").write_text(
        PASSING + "import pytest\n@pytest.mark.parametrize('n', [1, 2, 3])\ndef test_many(n):\n    assert n\n"
        "def test_skipped():\n    pytest.skip('no frobnicator here')\n")
    result = run(project)
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=6, skipped=1)
    result.stdout.fnmatch_lines([
        "collected 7 tests from 3 files: 5 test functions, 1 of them parametrised into 3 items",
        "skipped 1: no frobnicator here", "    tests/test_top.py::test_skipped"])


def test_one_file_or_one_folder_can_still_be_run_alone(project: pytest.Pytester):
    assert run(project, "tests/test_top.py").ret == pytest.ExitCode.OK
    assert run(project, "tests/rules").ret == pytest.ExitCode.OK
    assert run(project, "tests/test_top.py::test_it").ret == pytest.ExitCode.OK


def test_an_explicitly_ignored_file_is_not_reported(project: pytest.Pytester):
    assert run(project, "--ignore", "tests/build").ret == pytest.ExitCode.OK
    assert run(project, "--ignore-glob", "*/build/*").ret == pytest.ExitCode.OK


def test_a_keyword_selection_still_checks_that_every_file_was_collected(project: pytest.Pytester):
    assert run(project, "-k", "it").ret == pytest.ExitCode.USAGE_ERROR


# ---------------------------------------------------------------- external tools

FROB = Tool("libreoffice", ("soffice", "pdftotext"), "the frob package")


def test_a_missing_tool_skips_the_test_naming_the_command_and_how_to_install_it():
    with pytest.raises(pytest.skip.Exception, match=r"libreoffice: pdftotext not on PATH.*install: the frob package"):
        find_tool(FROB, {}, which=lambda name: None if name == "pdftotext" else f"/usr/bin/{name}")


@pytest.mark.parametrize("setting", ["all", "libreoffice", "chromium, LibreOffice"])
def test_a_missing_tool_fails_the_test_where_it_is_required(setting: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(support.TOOLS, "chromium", Tool("chromium", ("chromium",), "x"))
    with pytest.raises(pytest.fail.Exception, match=rf"soffice and pdftotext not on PATH.*{REQUIRE_TOOLS}="):
        find_tool(FROB, {REQUIRE_TOOLS: setting}, which=lambda name: None)


def test_requiring_another_tool_leaves_this_one_to_skip(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(support.TOOLS, "chromium", Tool("chromium", ("chromium",), "x"))
    with pytest.raises(pytest.skip.Exception):
        find_tool(FROB, {REQUIRE_TOOLS: "chromium"}, which=lambda name: None)


def test_a_tool_found_another_way_uses_the_same_decision():
    with pytest.raises(pytest.fail.Exception, match="libreoffice: no profile folder, so this check cannot run"):
        tool_missing(LIBREOFFICE, "no profile folder", {REQUIRE_TOOLS: "all"})


def test_a_misspelt_tool_name_is_a_usage_error_not_a_silent_pass():
    with pytest.raises(pytest.UsageError, match="names libreofice, which no test needs"):
        required_tools({REQUIRE_TOOLS: "libreofice"})  # tests/conftest.py asks before the first test


def test_an_installed_tool_gives_where_each_command_is():
    assert find_tool(FROB, {REQUIRE_TOOLS: "all"}, which=lambda name: f"/opt/bin/{name}") == {
        "soffice": "/opt/bin/soffice", "pdftotext": "/opt/bin/pdftotext"}
