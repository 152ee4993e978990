"""The checking pipeline itself: what stops it, what an empty file gives, and when the rules run."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT

from agreement_builder.errors import UnreadableError
from agreement_builder.findings import Severity
from agreement_builder.lint import lint, validate

CASES = ROOT / "tests" / "cases"


def test_an_input_that_cannot_be_read_stops_the_check_rather_than_becoming_a_finding(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("not a folder")
    with pytest.raises(UnreadableError, match="cannot be read"):
        validate(str(tmp_path / "notes.txt" / "agreement.yaml"))


@pytest.mark.parametrize("text", ["", "# only a comment\n", "   \n\n"])
def test_a_file_with_no_agreement_in_it_is_one_error_at_its_start(text: str, tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text(text, encoding="utf-8")
    checked = validate(str(path))
    assert not checked.valid
    assert [(f.rule, f.line, f.column, f.severity, f.message) for f in checked.findings] == [
        ("AB001", 1, 1, Severity.ERROR, "is empty: it holds no agreement")]
    assert lint(str(path)) == checked.findings


def test_a_shape_error_stops_the_rules(tmp_path: Path):
    found = lint(str(CASES / "structure-unknown-top-level-key.yaml"))
    assert {f.rule for f in found} == {"AB002"}


def test_a_dangling_reference_does_not_stop_the_rules():
    found = lint(str(CASES / "structure-dangling-reference.yaml"))
    assert [(f.rule, f.line) for f in found if f.rule.startswith("AB00")] == [("AB003", 14)]
    assert {"AB101", "AB108"} <= {f.rule for f in found}  # the rules ran, and found the sections missing
