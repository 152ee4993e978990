"""The command line: exit codes, message formats, options and settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import SAMPLES

from agreement_builder.cli import main

MINIMAL = """\
agreement:
  title: Northvale Partnership Agreement
parties:
  - id: nvc
    name: Northvale Council
    sector: local_authority
  - id: nhb
    name: Northvale Health Board
    sector: health
"""
WITH_PURPOSE = MINIMAL + """\
purpose:
  vision: Older people in Northvale live safely at home for longer.
  outcomes:
    - statement: Fewer falls lead to a hospital stay.
      beneficiary: Older people living at home
"""


def test_version_is_printed(cli):
    run = cli("--version")
    assert run.exit_code == 0 and "0.1.0" in run.stdout


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(cli, command):
    run = cli(command, "--help")
    assert run.exit_code == 0, run
    assert "Example" in run.stdout


def test_validate_accepts_a_valid_file(cli, write):
    run = cli("validate", write("a.yaml", MINIMAL))
    assert run.exit_code == 0, run
    assert run.stdout == ""
    assert run.stderr == "1 valid file.\n"  # a partnership lead sees that it ran


def test_validate_reports_a_typo_in_a_key_with_line_column_and_path(cli, write):
    path = write("a.yaml", MINIMAL.replace("  title:", "  titel:"))
    run = cli("validate", path)
    assert run.exit_code == 1, run
    assert run.stderr == "1 invalid file.\n"
    assert f"{path}:2:3: unknown key 'titel' (did you mean 'title'?) (/agreement/titel)" in run.stdout
    assert f"{path}:2:3: the key 'title' is missing" not in run.stdout


def test_validate_reports_a_parse_error_with_its_position(cli, write):
    path = write("a.json", '{"agreement": {"title": "x",}}')  # the stray comma's closing brace: column 29
    run = cli("validate", path)
    assert run.exit_code == 1
    assert run.stdout.startswith(f"{path}:1:29: ") and "trailing comma" in run.stdout, run
    assert "Traceback" not in run.stdout + run.stderr


def test_validate_a_missing_file_cannot_run(cli, tmp_path):
    run = cli("validate", str(tmp_path / "nope.yaml"))
    assert run.exit_code == 2
    assert run.stderr.startswith("Error: ") and "no such file" in run.stderr


def test_validate_reads_standard_input(cli):
    assert cli("validate", "-", input=MINIMAL).exit_code == 0
    assert cli("validate", "-", input=json.dumps({"agreement": {}})).exit_code == 1


def test_bad_option_cannot_run(cli, write):
    assert cli("lint", "--format", "pdf", write("a.yaml", MINIMAL)).exit_code == 2
    assert cli("lint", "--fail-on", "sometimes", write("a.yaml", MINIMAL)).exit_code == 2


def test_lint_text_output_has_position_rule_severity_and_a_summary(cli, write):
    path = write("a.yaml", MINIMAL)
    run = cli("lint", "--select", "AB101", path)
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{path}:1:1: AB101 [error] ")
    assert lines[-1] == "1 error, 0 warnings, 0 info, 0 advice in 1 file"
    assert lines[-2] == "Rule packs run: briefing, legal"


def test_lint_exits_0_when_nothing_reaches_fail_on(cli, write):
    path = write("a.yaml", WITH_PURPOSE.replace("      beneficiary: Older people living at home\n", ""))
    assert cli("lint", "--select", "AB101", path).exit_code == 0
    assert cli("lint", "--select", "AB101", "--fail-on", "warning", path).exit_code == 1
    assert cli("lint", "--select", "AB101", "--fail-on", "never", write("b.yaml", MINIMAL)).exit_code == 0


def test_lint_unparsable_input_exits_1_with_a_finding(cli, write):
    path = write("a.yaml", "a: [\n")
    run = cli("lint", path)
    assert run.exit_code == 1
    assert "AB001 [error]" in run.stdout


def test_lint_ignore_takes_ids_and_prefixes(cli, write):
    path = write("a.yaml", MINIMAL)
    assert "AB101" not in cli("lint", "--ignore", "AB1", path).stdout
    assert "AB101" not in cli("lint", "--ignore", "AB101", path).stdout


def test_lint_searches_folders_for_yaml_and_json(cli, tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text(MINIMAL)
    (tmp_path / "b.json").write_text(json.dumps({"agreement": {"title": "T"}}))
    (tmp_path / "notes.txt").write_text("not an agreement")
    run = cli("lint", "--select", "AB0", "--format", "json", str(tmp_path))
    report = json.loads(run.stdout)
    assert [Path(f).name for f in report["files"]] == ["b.json", "a.yaml"]
    assert run.exit_code == 1


def test_lint_writes_the_report_to_output(cli, write, tmp_path: Path):
    out = tmp_path / "report.json"
    run = cli("lint", "--format", "json", "--output", str(out), write("a.yaml", MINIMAL))
    assert run.stdout == ""
    assert json.loads(out.read_text())["summary"]["error"] >= 1


def test_lint_missing_path_cannot_run(cli, tmp_path: Path):
    assert cli("lint", str(tmp_path / "missing.yaml")).exit_code == 2


def test_lint_unknown_pack_cannot_run(cli, write):
    run = cli("lint", "--pack", "atlantis", write("a.yaml", MINIMAL))
    assert run.exit_code == 2 and "unknown rule pack" in run.stderr


def test_settings_are_found_upward_in_agreement_toml(cli, tmp_path: Path):
    (tmp_path / ".agreement.toml").write_text('[lint]\nignore = ["AB1", "AB2"]\n')
    (tmp_path / "drafts").mkdir()
    path = tmp_path / "drafts" / "a.yaml"
    path.write_text(MINIMAL)
    run = cli("lint", str(path))
    assert "AB101" not in run.stdout
    assert cli("lint", "--ignore", "AB2", str(path)).exit_code == 1


def test_settings_are_found_in_pyproject(cli, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.agreement.lint]\nfail-on = "never"\n')
    path = tmp_path / "a.yaml"
    path.write_text(MINIMAL)
    assert cli("lint", str(path)).exit_code == 0
    assert cli("lint", "--fail-on", "error", str(path)).exit_code == 1


def test_pyproject_without_our_table_is_passed_over(cli, tmp_path: Path):
    # The settings one folder up say never fail; a pyproject.toml between them and the file must not hide them.
    (tmp_path / ".agreement.toml").write_text('[lint]\nfail-on = "never"\n')
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "pyproject.toml").write_text('[tool.other]\nx = 1\n')
    (tmp_path / "project" / "a.yaml").write_text(MINIMAL)
    run = cli("lint", str(tmp_path / "project" / "a.yaml"))
    assert run.exit_code == 0 and " error" in run.stdout, run  # errors found, and the run still passes


@pytest.mark.parametrize("text", ['[lint\n', '[lint]\nfail-on = "sometimes"\n', '[lint]\nselect = "AB1"\n',
                                  '[lint]\ncolour = true\n'])
def test_bad_settings_cannot_run(cli, tmp_path: Path, text):
    (tmp_path / ".agreement.toml").write_text(text)
    (tmp_path / "a.yaml").write_text(MINIMAL)
    run = cli("lint", str(tmp_path / "a.yaml"))
    assert run.exit_code == 2, run
    assert run.stderr.startswith("Error: ") and ".agreement.toml" in run.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_rule_selector_that_matches_no_rule_cannot_run(cli, write, option):
    run = cli("lint", option, "AB9", write("a.yaml", MINIMAL))
    assert run.exit_code == 2, run
    assert run.stderr == (f"Error: {option} 'AB9' matches no rule (ids such as AB101, or prefixes such as AB1); "
                          "`agreement rules` lists them\n")


def test_a_rule_selector_in_the_settings_that_matches_no_rule_names_the_settings_file(cli, tmp_path: Path):
    (tmp_path / ".agreement.toml").write_text('[lint]\nignore = ["AB210", "XB210"]\n')
    (tmp_path / "a.yaml").write_text(MINIMAL)
    run = cli("lint", str(tmp_path / "a.yaml"))
    assert run.exit_code == 2, run
    assert run.stderr.startswith(f"Error: {tmp_path / '.agreement.toml'}: ignore 'XB210' matches no rule")


def test_the_starter_file_lints_with_a_warning_for_each_text_still_to_write(cli, tmp_path: Path):
    path = str(tmp_path / "starter.yaml")
    assert cli("init", path).exit_code == 0
    run = cli("lint", "--format", "json", "--fail-on", "never", path)
    found = json.loads(run.stdout)["findings"]
    placeholders = [f for f in found if f["rule"] == "AB228"]
    assert len(placeholders) > 50 and {f["severity"] for f in placeholders} == {"warning"}
    # The starter is valid, only unfinished: each section it needs is there, to be filled in.
    assert not [f for f in found if f["severity"] == "error"]


def test_rules_lists_the_catalogue_and_documents_one_rule(cli):
    listing = cli("rules")
    assert listing.exit_code == 0 and "AB101" in listing.stdout
    one = cli("rules", "AB101")
    assert one.exit_code == 0 and "Why:" in one.stdout and "Fails:" in one.stdout
    assert cli("rules", "AB999").exit_code == 2


def test_schema_prints_the_schema(cli):
    run = cli("schema")
    assert json.loads(run.stdout)["title"] == "Partnership agreement"


def test_init_writes_a_starter_and_refuses_to_overwrite(cli, tmp_path: Path):
    path = tmp_path / "mine.yaml"
    assert cli("init", str(path)).exit_code == 0
    assert cli("validate", str(path)).exit_code == 0
    before = path.read_bytes()
    run = cli("init", str(path))
    assert run.exit_code == 2 and "already exists" in run.stderr
    assert path.read_bytes() == before


def test_init_into_a_missing_folder_cannot_run(cli, tmp_path: Path):
    run = cli("init", str(tmp_path / "no" / "such" / "a.yaml"))
    assert run.exit_code == 2 and "does not exist" in run.stderr


def test_every_sample_validates_from_the_command_line(cli):
    samples = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".json"))
    assert samples
    run = cli("validate", *samples)
    assert run.exit_code == 0, run
    assert run.stderr == f"{len(samples)} valid files.\n"


def test_many_files_are_linted_in_parallel_with_the_same_findings_in_the_same_order(cli, tmp_path: Path):
    from agreement_builder.lint import PARALLEL_FROM, lint

    for i in range(PARALLEL_FROM + 8):
        text = MINIMAL if i % 2 else WITH_PURPOSE.replace("Fewer falls", f"Fewer falls ({i})")
        (tmp_path / f"a{i:02d}.yaml").write_text(text if i % 5 else "agreement: [\n")
    run = cli("lint", "--format", "json", "--fail-on", "never", str(tmp_path))
    report = json.loads(run.stdout)
    expected = [f for path in sorted(tmp_path.iterdir()) for f in sorted(lint(str(path)))]
    assert [(f["file"], f["line"], f["rule"], f["message"]) for f in report["findings"]] == [
        (f.file, f.line, f.rule, f.message) for f in expected]
    assert len(report["files"]) == PARALLEL_FROM + 8


@pytest.mark.parametrize("command", [["rules"], ["schema"], ["lint", str(SAMPLES / "first-draft.yaml")]])
def test_a_reader_that_stops_reading_ends_the_command_quietly(command: list[str]):
    # As `agreement rules | head` does: the pipe is closed here before the command has started to write.
    with subprocess.Popen([sys.executable, "-c", "from agreement_builder.cli import main; main()", *command],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(timeout=60) == 141  # what a shell reports for a program stopped by a closed pipe
    assert stderr == b""


def test_advice_is_hidden_from_text_output_unless_asked_for_and_never_fails_the_run_by_default(cli, write):
    path = write("a.yaml", MINIMAL)
    hidden = cli("lint", "--select", "AB220", path)
    assert hidden.exit_code == 0 and "AB220" not in hidden.stdout
    assert hidden.stdout.splitlines()[-1].endswith("1 advice in 1 file (advice not shown: --advice shows it)")
    shown = cli("lint", "--select", "AB220", "--advice", path)
    assert f"{path}:1:1: AB220 [advice] Consider agreeing the behaviours" in shown.stdout
    assert cli("lint", "--select", "AB220", "--fail-on", "advice", path).exit_code == 1
    report = json.loads(cli("lint", "--select", "AB220", "--format", "json", path).stdout)
    assert [f["severity"] for f in report["findings"]] == ["advice"]  # machine-readable reports carry it
