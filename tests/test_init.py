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
from agreement_builder.lint import validate

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
    base = starter.starter().splitlines()
    assert sum(a != b for a, b in zip(base, text.splitlines(), strict=True)) == 2  # only those two lines change


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
