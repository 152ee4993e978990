"""`agreement init`: the starter set to a regime, the shipped samples, --force; and every --help example runs as
written in an empty folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import ROOT, SAMPLES

from agreement_builder import starter
from agreement_builder.cli import main
from agreement_builder.errors import UsageError
from agreement_builder.findings import Severity
from agreement_builder.lint import lint, lint_file, validate

COMMANDS = sorted(main.commands)


def test_init_refuses_an_existing_file_and_force_replaces_it(cli, tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n", encoding="utf-8")
    refused = cli("init", str(path))
    assert refused.exit_code == 2 and "use --force to replace it" in refused.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert cli("init", "--force", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# Partnership agreement: starter file")


@pytest.mark.parametrize("name", ["complete", "first-draft", "pooled-budget", "scotland-2002"])
def test_init_sample_writes_the_shipped_sample_under_its_own_name(cli, tmp_path: Path, monkeypatch, name: str):
    monkeypatch.chdir(tmp_path)
    run = cli("init", "--sample", name)
    assert run.exit_code == 0, run
    (written,) = tmp_path.iterdir()
    assert written.read_bytes() == next(SAMPLES.glob(f"{name}.*")).read_bytes()


def test_an_unknown_sample_lists_the_samples(cli, tmp_path: Path):
    run = cli("init", "--sample", "northvale", str(tmp_path / "x.yaml"))
    assert run.exit_code == 2
    assert run.stderr == "Error: no sample 'northvale'; the samples are: complete, first-draft, " \
                         "integration-scheme, pooled-budget, scotland-2002\n"


@pytest.mark.parametrize(("jurisdiction", "arrangement"), [("england", "pooled_budget"),
                                                           ("scotland", "integration_joint_board")])
def test_init_sets_the_regime_in_the_starter_and_keeps_it_valid(cli, tmp_path: Path, jurisdiction: str,
                                                                arrangement: str):
    path = tmp_path / "plan.yaml"
    assert cli("init", "--jurisdiction", jurisdiction, "--arrangement", arrangement, str(path)).exit_code == 0
    checked = validate(str(path))
    assert checked.valid, checked.findings
    meta = checked.document.data["agreement"]
    assert (meta["jurisdiction"], meta["arrangement_type"]) == (jurisdiction, arrangement)
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^  jurisdiction: \S+ +# generic \| scotland", text, re.M)  # the comment stays


def test_a_fresh_starter_lints_with_no_errors(cli, tmp_path: Path):
    path = tmp_path / "northvale.yaml"
    assert cli("init", str(path)).exit_code == 0
    run = cli("lint", str(path))
    assert run.exit_code == 0, run
    assert "\n0 errors, " in run.stdout


def _combinations() -> list[tuple[str | None, str | None, str | None]]:
    return [(kind, jurisdiction, arrangement) for kind in (None, *starter.choices("kind"))
            for jurisdiction in (None, *starter.choices("jurisdiction"))
            for arrangement in (None, *starter.choices("arrangement_type"))]


def _starter_or_refusal(kind: str | None, jurisdiction: str | None, arrangement: str | None) -> str | None:
    try:
        return starter.starter(jurisdiction, arrangement, kind)
    except UsageError:
        return None


def test_every_starter_init_writes_has_no_errors_but_the_sums_its_regime_asks_for(tmp_path: Path):
    """Every error left names a contribution whose `amount` (a number, which has no placeholder) is to be filled."""
    written = 0
    for kind, jurisdiction, arrangement in _combinations():
        text = _starter_or_refusal(kind, jurisdiction, arrangement)
        if text is None:  # refused: only what needs a Scottish integration scheme is
            assert kind == "integration_scheme" or arrangement == "integration_joint_board"
            continue
        path = tmp_path / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        errors = [f for f in lint(str(path)) if f.severity == Severity.ERROR]
        assert all("amount" in f.hint for f in errors), ((kind, jurisdiction, arrangement), errors)
        written += 1
    assert written > len(_combinations()) * 2 // 3


@pytest.mark.parametrize(("jurisdiction", "arrangement", "packs"), [
    ("england", "pooled_budget", {"england-s75"}), ("england", "integrated_provision", {"england-s75"}),
    ("scotland", "pooled_budget", {"scotland-2002"}), ("scotland", "integration_joint_board",
                                                       {"scotland-integration"}),
    ("scotland", "lead_agency", {"scotland-integration"})])
def test_a_statutory_regime_gets_its_sections_as_placeholders(tmp_path: Path, jurisdiction: str, arrangement: str,
                                                               packs: set[str]):
    path = tmp_path / "plan.yaml"
    path.write_text(starter.starter(jurisdiction, arrangement), encoding="utf-8")
    linted = lint_file(str(path))
    assert packs <= set(linted.packs)
    regime = [f for f in linted.findings if f.rule[:2] in ("EN", "SC", "SI") and f.severity == Severity.ERROR]
    assert all("amount" in f.hint for f in regime), regime
    assert validate(str(path)).valid


@pytest.mark.parametrize("options", [
    ["--kind", "integration_scheme", "--jurisdiction", "england"],
    ["--kind", "integration_scheme", "--jurisdiction", "wales", "--arrangement", "lead_agency"],
    ["--arrangement", "integration_joint_board", "--jurisdiction", "england"],
    ["--arrangement", "integration_joint_board", "--jurisdiction", "generic"],
    ["--kind", "integration_scheme", "--arrangement", "pooled_budget"],
    ["--kind", "memorandum", "--arrangement", "integration_joint_board"],
])
def test_an_impossible_combination_is_refused_naming_one_that_works(cli, tmp_path: Path, options: list[str]):
    path = tmp_path / "plan.yaml"
    run = cli("init", *options, str(path))
    assert run.exit_code == 2 and not path.exists()
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("Error: ")
    working = re.search(r": use (--[^;(]*?)(?: \(|;|$)", run.stderr.strip())
    assert working, run.stderr
    assert cli("init", *working.group(1).split(), str(path)).exit_code == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["agreement"]["jurisdiction"] == "scotland"


def test_a_choice_only_scotland_has_sets_scotland_and_a_scheme_its_board(cli, tmp_path: Path):
    path = tmp_path / "plan.yaml"
    assert cli("init", "--kind", "integration_scheme", str(path)).exit_code == 0
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))["agreement"]
    assert (meta["jurisdiction"], meta["arrangement_type"]) == ("scotland", "integration_joint_board")


def test_a_bad_regime_lists_the_choices(cli, tmp_path: Path):
    run = cli("init", "--jurisdiction", "france", str(tmp_path / "x.yaml"))
    assert run.exit_code == 2 and "'generic', 'scotland', 'england'" in run.stderr


def test_kind_is_written_once_the_schema_has_it(monkeypatch):
    keys = {"kind": {"enum": ["agreement", "memorandum", "integration_scheme"]}, "jurisdiction": {}}
    monkeypatch.setattr(starter, "_agreement_keys", lambda: keys)
    text = starter.starter(kind="memorandum")
    block = text[text.index("\nagreement:\n"):]
    assert block.index("\n  kind: memorandum\n") < block.index("\n  jurisdiction:")
    assert starter.choices("kind") == ("agreement", "memorandum", "integration_scheme")


def test_kind_is_not_written_while_the_schema_lacks_it(cli, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(starter, "_agreement_keys", lambda: {"jurisdiction": {}})
    path = tmp_path / "plan.yaml"
    run = cli("init", "--kind", "memorandum", str(path))
    assert run.exit_code == 0
    assert "kind:" not in yaml.safe_load(path.read_text(encoding="utf-8"))["agreement"]
    assert "--kind was not written" in run.stderr


def test_sample_and_a_regime_together_cannot_run(cli, tmp_path: Path):
    run = cli("init", "--sample", "complete", "--jurisdiction", "england", str(tmp_path / "x.yaml"))
    assert run.exit_code == 2 and "--sample writes a finished example as it is" in run.stderr


def _examples(command: str | None) -> list[str]:
    args = [command, "--help"] if command else ["--help"]
    text = subprocess.run([sys.executable, "-c", "from agreement_builder.cli import main; main()", *args],
                          capture_output=True, text=True, check=True).stdout
    block = text.split("Example:\n", 1)[1]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("agreement ")]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_example_runs_in_an_empty_folder(command: str | None, tmp_path: Path):
    examples = _examples(command)
    assert examples
    scripts = str(Path(sys.executable).parent)
    environment = {**os.environ, "PATH": os.pathsep.join([scripts, os.environ["PATH"]])}
    for line in examples:
        if line.startswith("agreement serve "):
            _runs_until_stopped(line + " --no-browser", tmp_path, environment)
            continue
        run = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=environment, capture_output=True, text=True,
                             timeout=120, check=False)
        assert run.returncode in (0, 1) and "Error:" not in run.stderr, f"$ {line}\n{run.stdout}\n{run.stderr}"


def _runs_until_stopped(line: str, where: Path, environment: dict[str, str]) -> None:
    """A command that serves until Ctrl-C (`agreement serve`): it must start and still be running a moment later."""
    process = subprocess.Popen(["bash", "-c", f"exec {line}"], cwd=where, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return  # still serving, as it should
    finally:
        process.kill()
        out, err = process.communicate()
    pytest.fail(f"$ {line} stopped with {process.returncode}\n{out}\n{err}")


def test_the_samples_ship_with_the_package():
    assert set(starter.samples()) == {p.stem for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".json")}
    assert (ROOT / "samples" / "__init__.py").is_file()
