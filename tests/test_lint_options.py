"""`agreement lint` options people and pipelines expect of a linter: rule lists, thresholds, quiet, statistics,
colour, exclusions and `--show-settings`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import ROOT

STARTER = (ROOT / "templates" / "starter.yaml").read_text(encoding="utf-8")
MINIMAL = (ROOT / "tests" / "cases" / "valid-minimal-agreement.yaml").read_text(encoding="utf-8")


def test_ignore_takes_a_comma_separated_list_in_any_case(cli, write):
    plan = write("plan.yaml", STARTER)
    run = cli("lint", "--format", "json", "--ignore", "ab228, AB201, lg", plan)
    rules = {f["rule"] for f in json.loads(run.stdout)["findings"]}
    assert rules == {"AB105", "AB210"}, run


def test_an_empty_rule_id_in_a_list_cannot_run(cli, write):
    run = cli("lint", "--ignore", "AB228,", write("plan.yaml", STARTER))
    assert run.exit_code == 2, run
    assert "--ignore: give a rule id or prefix" in run.stderr


def test_max_warnings_fails_a_run_with_more_warnings_than_allowed(cli, write):
    plan = write("plan.yaml", STARTER)
    assert cli("lint", "--max-warnings", "112", plan).exit_code == 0
    run = cli("lint", "--max-warnings", "111", plan)
    assert run.exit_code == 1, run
    assert run.stderr == "More than 111 warnings (--max-warnings).\n"


def test_max_warnings_can_be_a_setting(cli, tmp_path: Path):
    (tmp_path / ".agreement.toml").write_text("[lint]\nmax-warnings = 0\n")
    (tmp_path / "plan.yaml").write_text(STARTER)
    assert cli("lint", str(tmp_path / "plan.yaml")).exit_code == 1
    (tmp_path / ".agreement.toml").write_text("[lint]\nmax-warnings = -1\n")
    run = cli("lint", str(tmp_path / "plan.yaml"))
    assert run.exit_code == 2 and "max-warnings must be a whole number" in run.stderr, run


def test_quiet_shows_only_what_fails_the_run_and_says_how_much_it_left_out(cli, write):
    plan = write("plan.yaml", MINIMAL)
    full = cli("lint", "--format", "concise", plan)
    run = cli("lint", "--format", "concise", "--quiet", plan)
    assert run.exit_code == full.exit_code == 1
    assert run.stdout.splitlines()[-2] == "Rule packs run: briefing, legal"
    assert all("[error]" in line for line in run.stdout.splitlines()[:-2])
    every = cli("lint", "--format", "concise", "--advice", plan)
    hidden = sum(f"[{level}]" in line for line in every.stdout.splitlines() for level in ("warning", "info", "advice"))
    assert run.stdout.splitlines()[-1].endswith(f"({hidden} below the failing level not shown)")


def test_statistics_count_findings_per_rule(cli, write):
    run = cli("lint", "--statistics", write("plan.yaml", STARTER))
    assert run.stdout.splitlines()[0].split() == ["107", "AB228", "warning", "placeholder"]
    assert "  1  AB201  advice   partner-breadth" in run.stdout.splitlines()
    assert run.stdout.splitlines()[-1] == "0 errors, 112 warnings, 0 info, 3 advice in 1 file"


def test_statistics_are_for_text_output_only(cli, write):
    run = cli("lint", "--statistics", "--format", "json", write("plan.yaml", STARTER))
    assert run.exit_code == 2 and "--statistics" in run.stderr


def test_a_fresh_starter_shows_its_real_findings_among_a_few_placeholders(cli, write):
    run = cli("lint", write("plan.yaml", STARTER))
    shown = [line for line in run.stdout.splitlines() if " [" in line]
    assert sum("AB228" in line for line in shown) < 30
    assert {"AB105", "LG102", "LG105"} <= {line.split(": ")[1].split()[0] for line in shown}
    assert "AB201" not in run.stdout  # advice, shown with --advice
    assert "107 placeholders still to fill in" in run.stdout
    every = cli("lint", "--every-placeholder", write("plan.yaml", STARTER))
    assert sum(": AB228 " in line for line in every.stdout.splitlines()) == 107


@pytest.mark.parametrize(("environment", "coloured"), [
    ({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ({"NO_COLOR": ""}, False)])
def test_colour_follows_force_color_and_no_color(cli, write, monkeypatch, environment, coloured):
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    run = cli("lint", write("plan.yaml", MINIMAL))
    assert ("\x1b[" in run.stdout) is coloured


def test_colour_never_goes_into_a_report_file(cli, write, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    cli("lint", "-o", str(tmp_path / "report.txt"), write("plan.yaml", MINIMAL))
    assert "\x1b[" not in (tmp_path / "report.txt").read_text(encoding="utf-8")


def test_text_output_shows_the_source_line_under_a_finding(cli, write):
    run = cli("lint", "--select", "AB228", "--every-placeholder", write("plan.yaml", STARTER))
    assert ' 18 |   title: "[Name of the partnership] Partnership Agreement"\n' in run.stdout
    assert '    |          ^ /agreement/title\n' in run.stdout


def test_exclude_option_and_setting_leave_files_out_of_a_folder(cli, tmp_path: Path):
    for name in ("plan.yaml", "drafts/old.yaml", "archive/2019.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(MINIMAL)
    (tmp_path / ".agreement.toml").write_text('[lint]\nexclude = ["archive/"]\n')
    run = cli("lint", "--format", "json", "--exclude", str(tmp_path / "drafts"), str(tmp_path))
    assert json.loads(run.stdout)["files"] == [str(tmp_path / "plan.yaml")], run


def test_show_settings_says_where_the_settings_come_from_and_what_is_left_out(cli, tmp_path: Path):
    (tmp_path / ".agreement.toml").write_text('[lint]\nignore = ["ab210"]\nexclude = ["drafts/"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "old.yaml").write_text(MINIMAL)
    (tmp_path / "plan.yaml").write_text(MINIMAL)
    (tmp_path / "ci.yml").write_text("jobs: {}\n")
    run = cli("lint", "--show-settings", "--exclude", "old-*.yaml", str(tmp_path))
    assert run.exit_code == 0, run
    lines = run.stdout.splitlines()
    assert "exclude: drafts/, old-*.yaml (--exclude)" in lines
    assert lines[0] == f"settings file: {tmp_path / '.agreement.toml'}"
    assert "ignore: AB210" in lines
    assert f"  {tmp_path / 'plan.yaml'}" in lines
    assert f"  {tmp_path / 'drafts'}: excluded" in lines
    assert f"  {tmp_path / 'ci.yml'}: no top-level `agreement:` key" in lines


def test_show_settings_without_a_settings_file_says_the_defaults_apply(cli, tmp_path: Path):
    (tmp_path / "plan.yaml").write_text(MINIMAL)
    run = cli("lint", "--show-settings", str(tmp_path / "plan.yaml"))
    assert run.stdout.splitlines()[0] == "settings file: none found (defaults apply)"


def test_gitlab_format_writes_code_quality_json(cli, write):
    run = cli("lint", "--format", "gitlab", write("plan.yaml", MINIMAL))
    issues = json.loads(run.stdout)
    assert issues and all(set(i) == {"description", "check_name", "fingerprint", "severity", "location"}
                          for i in issues)


def test_junit_from_a_run_that_passes_reports_no_failures(cli, write):
    run = cli("lint", "--format", "junit", "--fail-on", "error", write("plan.yaml", STARTER))
    assert run.exit_code == 0
    assert 'failures="0"' in run.stdout.split("\n")[1]


def test_short_version_option(cli):
    run = cli("-V")
    assert run.exit_code == 0 and run.stdout.startswith("agreement, version ")
