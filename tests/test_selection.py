"""Choosing rules and finding settings: no selection can make a file that is not an agreement pass, an empty
rule id is an error, and settings come only from this project's folders, not from a shared temporary one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import SAMPLES

from agreement_builder import config
from agreement_builder.config import Settings

ALWAYS_REPORTED = ("AB001", "AB002", "AB003")  # the input's own checks

DRAFT = SAMPLES / "first-draft.yaml"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")


@pytest.mark.parametrize("option", ["--ignore", "--select"])
@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_rule_id_on_the_command_line_cannot_run(cli, option, value):
    run = cli("lint", str(DRAFT), option, value)
    assert run.exit_code == 2 and f"{option}: give a rule id or prefix" in run.stderr, run


@pytest.mark.parametrize("key", ["ignore", "select"])
def test_an_empty_value_in_the_settings_file_cannot_run_lint_or_build(cli, tmp_path, key):
    (tmp_path / ".agreement.toml").write_text(f'[lint]\n{key} = [""]\n', encoding="utf-8")
    source = tmp_path / "draft.yaml"
    source.write_bytes(DRAFT.read_bytes())
    lint = cli("lint", str(source))
    build = cli("build", str(source), "-o", str(tmp_path / "d.md"))
    for run in (lint, build):
        assert run.exit_code == 2 and f"{key}: give a rule id or prefix" in run.stderr, run
    assert not (tmp_path / "d.md").exists()


@pytest.mark.parametrize("rule", sorted(ALWAYS_REPORTED))
def test_the_checks_of_the_input_itself_cannot_be_ignored(cli, rule):
    run = cli("lint", str(DRAFT), "--ignore", rule)
    assert run.exit_code == 2 and f"{rule} cannot be ignored" in run.stderr, run


def test_ignoring_them_in_the_settings_file_cannot_run_either(cli, tmp_path):
    (tmp_path / ".agreement.toml").write_text('[lint]\nignore = ["AB001"]\n', encoding="utf-8")
    source = tmp_path / "broken.yaml"
    source.write_text("agreement: [unclosed\n", encoding="utf-8")
    run = cli("lint", str(source))
    assert run.exit_code == 2 and "AB001 cannot be ignored" in run.stderr, run


PARTIES = "parties:\n" + "".join(f"  - id: {p}\n    name: {p}\n    sector: health\n" for p in ("a", "b"))


@pytest.mark.parametrize(("text", "rule"), [
    ("agreement: [unclosed\n", "AB001"),
    ("agreement: {}\nparties: 3\n", "AB002"),
    ("agreement: {title: T}\n" + PARTIES + "actions:\n  - description: d\n    owner: nobody\n", "AB003"),
])
@pytest.mark.parametrize("options", [["--select", "AB2"], ["--ignore", "AB0"], ["--ignore", "AB"]])
def test_a_file_that_is_not_an_agreement_fails_whatever_is_selected(cli, tmp_path, text, rule, options):
    source = tmp_path / "input.yaml"
    source.write_text(text, encoding="utf-8")
    run = cli("lint", str(source), *options)
    assert run.exit_code == 1 and f"{rule} [error]" in run.stdout, run


def test_settings_always_want_the_inputs_own_checks():
    assert set(config.ALWAYS_REPORTED) == set(ALWAYS_REPORTED)
    settings = Settings(select=("AB2",), ignore=("AB",))
    assert all(settings.wants(rule) for rule in ALWAYS_REPORTED)
    assert not settings.wants("AB004") and not settings.wants("AB210")
    assert Settings(select=("AB2",)).wants("AB210") and not Settings(select=("AB2",)).wants("AB101")


def test_a_build_with_every_rule_ignored_still_refuses_an_invalid_file(cli, tmp_path):
    (tmp_path / ".agreement.toml").write_text('[lint]\nignore = ["AB"]\n', encoding="utf-8")
    source = tmp_path / "broken.yaml"
    source.write_text("agreement: [unclosed\n", encoding="utf-8")
    run = cli("build", str(source), "-o", str(tmp_path / "b.md"))
    assert run.exit_code == 1 and "nothing written" in run.stderr, run


# ---------------------------------------------------------------- where settings come from


def write_settings(folder: Path, fail_on: str = "never") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".agreement.toml"
    path.write_text(f'[lint]\nfail-on = "{fail_on}"\n', encoding="utf-8")
    return path


def test_settings_are_found_in_a_parent_folder_of_the_project(tmp_path):
    (tmp_path / ".git").mkdir()
    path = write_settings(tmp_path)
    (tmp_path / "agreements" / "2026").mkdir(parents=True)
    assert config.discover(tmp_path / "agreements" / "2026" / "a.yaml").source == str(path)


def test_settings_above_the_repository_root_are_not_used(tmp_path):
    write_settings(tmp_path)
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "agreements").mkdir()
    assert config.discover(project / "agreements" / "a.yaml") == Settings()


def test_a_git_file_marks_a_repository_root_too(tmp_path):
    write_settings(tmp_path)
    project = tmp_path / "worktree"
    project.mkdir()
    (project / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    assert config.discover(project / "a.yaml") == Settings()


def test_settings_above_the_home_folder_are_not_used(tmp_path, monkeypatch):
    write_settings(tmp_path)
    home = tmp_path / "home"
    (home / "agreements").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert config.discover(home / "agreements" / "a.yaml") == Settings()
    path = write_settings(home)
    assert config.discover(home / "agreements" / "a.yaml").source == str(path)


def test_without_a_home_folder_the_search_goes_on_up(tmp_path, monkeypatch):
    path = write_settings(tmp_path)
    monkeypatch.delenv("HOME")
    import pwd

    def no_entry(uid: int) -> None:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    (tmp_path / "a").mkdir()
    assert config.discover(tmp_path / "a" / "x.yaml").source == str(path)


@ROOT_ONLY
def test_a_settings_file_another_user_left_in_a_shared_folder_is_not_used(cli, tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    planted = write_settings(shared)
    os.chown(planted, 65534, 65534)
    (shared / "mine").mkdir()
    source = shared / "mine" / "draft.yaml"
    source.write_bytes(DRAFT.read_bytes())
    assert config.discover(source) == Settings()
    run = cli("lint", str(source))
    assert run.exit_code == 1, run  # the draft's errors count: fail-on = "never" was not taken


def test_a_settings_file_of_ones_own_in_a_shared_folder_is_used(tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    mine = write_settings(shared)
    assert config.discover(shared / "a.yaml").source == str(mine)


def test_a_settings_file_larger_than_a_megabyte_cannot_run(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".agreement.toml").write_text("# " + "x" * 1024 * 1024 + "\n[lint]\n", encoding="utf-8")
    source = tmp_path / "a.yaml"
    source.write_bytes(DRAFT.read_bytes())
    run = cli("lint", str(source))
    assert run.exit_code == 2 and "is larger than 1 MB" in run.stderr, run


def test_a_settings_file_that_is_not_utf8_cannot_run(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".agreement.toml").write_bytes(b"[lint]\n# caf\xe9\n")
    source = tmp_path / "a.yaml"
    source.write_bytes(DRAFT.read_bytes())
    run = cli("lint", str(source))
    assert run.exit_code == 2 and "is not valid TOML" in run.stderr, run
