"""A document marked final is not drafted while lint reports errors in it, unless the person asks for it."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import yaml
from support import SAMPLES, run_cli


def final_copy(tmp_path: Path) -> Path:
    data = yaml.safe_load((SAMPLES / "first-draft.yaml").read_text(encoding="utf-8"))
    data["agreement"]["status"] = "final"
    path = tmp_path / "final.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def lint_errors(source: Path) -> list[dict[str, str]]:
    report = json.loads(run_cli("lint", str(source), "--format", "json").stdout)
    return [f for f in report["findings"] if f["severity"] == "error" and f["waived"] is None]


def test_a_final_document_with_lint_errors_is_refused_and_nothing_is_written(tmp_path):
    source = final_copy(tmp_path)
    errors = lint_errors(source)
    assert errors, "the test needs a final document with errors"
    run = run_cli("build", str(source), "-o", str(tmp_path / "out.docx"))
    assert run.exit_code == 1, run
    assert not (tmp_path / "out.docx").exists()
    assert "is marked final" in run.stderr and f"{len(errors)} error" in run.stderr and "--allow-errors" in run.stderr
    for finding in errors:
        assert finding["message"] in run.stdout


def test_allow_errors_drafts_the_final_document_as_a_draft_with_its_notes(tmp_path):
    source = final_copy(tmp_path)
    run = run_cli("build", str(source), "-o", str(tmp_path / "out.docx"), "--allow-errors")
    assert run.exit_code == 0, run
    assert "drafting note" in run.stdout
    assert f"lint reports {len(lint_errors(source))} errors; written as a draft" in run.stderr
    document = docx.Document(str(tmp_path / "out.docx"))
    assert len(document.comments) > 0
    assert document.sections[-1].header.paragraphs[0].text.endswith("DRAFT")


def test_settings_that_hide_the_errors_do_not_make_a_final_document_buildable(tmp_path):
    source = final_copy(tmp_path)
    (tmp_path / ".agreement.toml").write_text('[lint]\nselect = ["AB0"]\n', encoding="utf-8")
    run = run_cli("build", str(source), "-o", str(tmp_path / "out.docx"))
    assert run.exit_code == 1, run
    assert not (tmp_path / "out.docx").exists()


def test_allow_errors_with_no_annotate_keeps_the_notes_out(tmp_path):
    source = final_copy(tmp_path)
    run = run_cli("build", str(source), "-o", str(tmp_path / "out.docx"), "--allow-errors", "--no-annotate")
    assert run.exit_code == 0, run
    assert len(docx.Document(str(tmp_path / "out.docx")).comments) == 0


def test_a_draft_with_the_same_errors_is_drafted(tmp_path):
    source = final_copy(tmp_path)
    source.write_text(source.read_text(encoding="utf-8").replace("status: final", "status: draft"), encoding="utf-8")
    assert run_cli("build", str(source), "-o", str(tmp_path / "out.docx")).exit_code == 0


def test_a_final_document_whose_errors_are_waived_is_drafted(tmp_path):
    source = final_copy(tmp_path)
    errors = lint_errors(source)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["waivers"] = [*data.get("waivers", []),
                       *({"rule": f["rule"], "path": f["path"], "reason": "agreed with legal services"}
                         for f in errors)]
    source.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    run = run_cli("build", str(source), "-o", str(tmp_path / "out.docx"))
    assert run.exit_code == 0, run
    assert (tmp_path / "out.docx").exists()


def test_a_final_document_drafted_despite_its_errors_is_marked_draft_in_word(tmp_path):
    source = final_copy(tmp_path)
    out = tmp_path / "out.docx"
    assert run_cli("build", str(source), "-o", str(out), "--allow-errors", "--no-annotate").exit_code == 0
    header = docx.Document(str(out))
    vml = "{urn:schemas-microsoft-com:vml}"
    marks = header.sections[-1].header._element.findall(f".//{vml}shape/{vml}textpath")
    assert [t.get("string") for t in marks] == ["DRAFT"]


def test_an_invalid_input_is_reported_as_invalid_not_as_a_final_agreement_with_errors(tmp_path):
    source = tmp_path / "broken.yaml"
    source.write_text("agreement:\n  title: T\nparties: []\nsurprise: 1\n", encoding="utf-8")
    run = run_cli("build", str(source), "-o", str(tmp_path / "out.docx"))
    assert run.exit_code == 1, run
    assert f"{source}: is not a valid agreement; nothing written." in run.stderr
    assert "is marked final" not in run.stderr
    assert not (tmp_path / "out.docx").exists()
