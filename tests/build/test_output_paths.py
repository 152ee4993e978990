"""Where `agreement build` and `agreement lint --output` write: never over a file the run reads, never through a
link or into a device, and an existing file only with --force."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from agreement_builder import build as pipeline
from agreement_builder.errors import UsageError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
COMPLETE = SAMPLES / "complete.yaml"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.yaml"
    path.write_bytes(COMPLETE.read_bytes())
    return path


# ---------------------------------------------------------------- the run's inputs are never replaced


def test_lint_output_over_its_own_input_is_refused_and_the_input_kept(cli, victim):
    run = cli("lint", str(victim), "--output", str(victim))
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert victim.read_bytes() == COMPLETE.read_bytes()


def test_lint_output_over_a_file_of_a_linted_folder_is_refused(cli, tmp_path, victim):
    run = cli("lint", str(tmp_path), "--format", "json", "--output", str(victim))
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert victim.read_bytes() == COMPLETE.read_bytes()


def test_lint_output_over_its_settings_file_is_refused(cli, tmp_path, victim):
    settings = tmp_path / ".agreement.toml"
    settings.write_text('[lint]\nfail-on = "never"\n', encoding="utf-8")
    run = cli("lint", str(victim), "--output", str(settings))
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert settings.read_text(encoding="utf-8") == '[lint]\nfail-on = "never"\n'


def test_lint_output_replaces_an_old_report(cli, tmp_path, victim):
    report = tmp_path / "report.txt"
    report.write_text("old report", encoding="utf-8")
    run = cli("lint", str(victim), "--output", str(report))
    assert run.exit_code == 0, run
    assert "in 1 file" in report.read_text(encoding="utf-8").splitlines()[-1]


def test_lint_output_with_an_empty_name_is_refused(cli, victim):
    run = cli("lint", str(victim), "--output", "")
    assert run.exit_code == 2 and "--output needs a file name" in run.stderr, run


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_build_over_its_own_input_is_refused_even_with_force(cli, victim, fmt):
    run = cli("build", str(victim), "-o", str(victim), "--format", fmt, "--force")
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert victim.read_bytes() == COMPLETE.read_bytes()


def test_build_over_a_hard_link_to_its_input_is_refused(cli, tmp_path, victim):
    os.link(victim, tmp_path / "victim.md")
    run = cli("build", str(victim), "-o", str(tmp_path / "victim.md"), "--force")
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert victim.read_bytes() == COMPLETE.read_bytes()


def test_build_of_a_file_whose_default_output_name_is_its_own_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "plan.md"  # YAML saved under a Markdown name: the default output is the input itself
    source.write_bytes(COMPLETE.read_bytes())
    run = cli("build", "plan.md", "--format", "md", "--force")
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert source.read_bytes() == COMPLETE.read_bytes()


def test_build_over_its_reference_document_is_refused(cli, tmp_path, victim):
    reference = tmp_path / "house.docx"
    reference.write_bytes((Path(__file__).resolve().parents[2] / "templates" / "reference.docx").read_bytes())
    before = reference.read_bytes()
    run = cli("build", str(victim), "--reference-doc", str(reference), "-o", str(reference), "--force")
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert reference.read_bytes() == before


def test_build_over_one_of_its_clause_templates_is_refused(cli, tmp_path, victim):
    folder = tmp_path / "clauses"
    folder.mkdir()
    template = folder / "variation.xml.j2"
    template.write_text('<section key="variation"><heading>V</heading></section>', encoding="utf-8")
    run = cli("build", str(victim), "--clauses", str(folder), "-o", str(template), "--format", "md", "--force")
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert template.read_text(encoding="utf-8").startswith("<section")


def test_build_over_its_settings_file_is_refused(cli, tmp_path, victim):
    settings = tmp_path / "pyproject.toml"
    settings.write_text("[tool.agreement.lint]\nignore = []\n", encoding="utf-8")
    run = cli("build", str(victim), "-o", str(settings), "--format", "md", "--force")
    assert run.exit_code == 2 and "is an input of this run" in run.stderr, run
    assert settings.read_text(encoding="utf-8").startswith("[tool.agreement.lint]")


# ---------------------------------------------------------------- links, devices and existing files


def test_build_does_not_replace_a_dangling_link_without_force(cli, tmp_path):
    link = tmp_path / "out.docx"
    link.symlink_to(tmp_path / "elsewhere" / "nothing.docx")
    run = cli("build", str(COMPLETE), "-o", str(link))
    assert run.exit_code == 2 and "already exists (a link that leads nowhere)" in run.stderr, run
    assert link.is_symlink()


def test_build_with_force_replaces_a_link_itself_and_not_the_file_it_leads_to(cli, tmp_path):
    precious = tmp_path / "precious.docx"
    precious.write_bytes(b"precious")
    link = tmp_path / "out.docx"
    link.symlink_to(precious)
    assert cli("build", str(COMPLETE), "-o", str(link)).exit_code == 2
    run = cli("build", str(COMPLETE), "-o", str(link), "--force")
    assert run.exit_code == 0, run
    assert not link.is_symlink() and zipfile.is_zipfile(link)
    assert precious.read_bytes() == b"precious"


def test_build_into_a_device_is_refused_before_any_work(cli):
    run = cli("build", str(COMPLETE), "-o", "/dev/null", "--format", "md")
    assert run.exit_code == 2 and "/dev/null: is a device, not a file" in run.stderr, run


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_build_into_a_device_with_force_is_refused_and_the_device_kept(cli, tmp_path):
    # A device node of the test's own (a copy of /dev/full), never the machine's: code that got this wrong would
    # replace it.
    device = tmp_path / "fulldev"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    run = cli("build", str(COMPLETE), "-o", str(device), "--format", "md", "--force")
    assert run.exit_code == 2 and "is a device, not a file" in run.stderr, run
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_build_into_a_fifo_with_force_is_refused_and_the_fifo_kept(cli, tmp_path):
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    run = cli("build", str(COMPLETE), "-o", str(fifo), "--force")
    assert run.exit_code == 2 and "is a pipe (FIFO), not a file" in run.stderr, run
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_existing_output_is_refused_before_the_build_runs(cli, tmp_path, monkeypatch):
    out = tmp_path / "out.md"
    out.write_text("edited", encoding="utf-8")
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the build ran although its output could not be written")

    monkeypatch.setattr(pipeline, "build", never)
    run = cli("build", str(COMPLETE), "-o", str(out))
    assert run.exit_code == 2 and "already exists" in run.stderr, run


def test_an_output_that_appeared_during_the_build_is_not_replaced(cli, tmp_path, monkeypatch):
    out = tmp_path / "same.md"
    real = pipeline.build

    def slow_build(*args: object, **kwargs: object) -> object:
        out.write_text("another run's agreement", encoding="utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", slow_build)
    run = cli("build", str(COMPLETE), "-o", str(out))
    assert run.exit_code == 2 and "already exists" in run.stderr, run
    assert out.read_text(encoding="utf-8") == "another run's agreement"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.md"]


def test_an_empty_output_name_is_refused(cli):
    run = cli("build", str(COMPLETE), "-o", "")
    assert run.exit_code == 2 and "-o needs a file name" in run.stderr, run


# ---------------------------------------------------------------- the library's choices


def test_output_path_is_the_name_given_or_the_inputs_name_with_the_formats_suffix_here():
    assert pipeline.output_path("plans/northvale.yaml", "docx", None) == Path("northvale.docx")
    assert pipeline.output_path("plans/northvale.yaml", "md", "out/x.md") == Path("out/x.md")
    assert pipeline.output_path("-", "md", "x.md") == Path("x.md")


@pytest.mark.parametrize("given", ["", "   "])
def test_output_path_refuses_an_empty_name(given):
    with pytest.raises(UsageError, match="-o needs a file name"):
        pipeline.output_path("a.yaml", "md", given)


def test_output_path_needs_a_name_for_standard_input():
    with pytest.raises(UsageError, match="needs -o FILE"):
        pipeline.output_path("-", "md", None)


def test_output_format_comes_from_the_option_the_suffix_or_else_docx():
    assert pipeline.output_format("md", None) == "md"
    assert pipeline.output_format(None, "a.HTML") == "html"
    assert pipeline.output_format(None, "a.markdown") == "md"
    assert pipeline.output_format(None, None) == "docx"
    assert pipeline.output_format(None, "agreement") == "docx"
    assert pipeline.output_format("md", "agreement") == "md"
    with pytest.raises(UsageError, match="ends in .pdf but --format asks for docx"):
        pipeline.output_format("docx", "a.pdf")
    with pytest.raises(UsageError, match="cannot tell the format from '.yaml'"):
        pipeline.output_format(None, "a.yaml")
    with pytest.raises(UsageError, match="unknown format 'rtf'"):
        pipeline.output_format("rtf", None)


def test_inputs_are_the_agreement_its_settings_the_reference_and_every_clause_file(tmp_path):
    source = tmp_path / "a.yaml"
    source.write_text("agreement: {}\n", encoding="utf-8")
    (tmp_path / ".agreement.toml").write_text("[lint]\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the repository's root: settings above it are not this project's
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "b.xml.j2").write_text("b", encoding="utf-8")
    (folder / "a.xml.j2").write_text("a", encoding="utf-8")
    reference = tmp_path / "house.docx"
    assert pipeline.inputs(str(source), folder, reference) == [
        source, tmp_path / ".agreement.toml", reference, folder / "a.xml.j2", folder / "b.xml.j2"]
    assert pipeline.inputs(str(source)) == [source, tmp_path / ".agreement.toml"]


def test_inputs_of_standard_input_are_the_settings_of_the_working_folder_only(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert pipeline.inputs("-") == []
    (tmp_path / ".agreement.toml").write_text("[lint]\n", encoding="utf-8")
    assert pipeline.inputs("-") == [tmp_path / ".agreement.toml"]


def test_inputs_skip_a_clause_folder_that_cannot_be_listed(tmp_path):
    (tmp_path / ".git").mkdir()
    source = tmp_path / "a.yaml"
    assert pipeline.inputs(str(source), tmp_path / "missing") == [source]
