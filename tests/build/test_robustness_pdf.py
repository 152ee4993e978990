"""The bad-input corpus of `tests/cases/` built as PDF: every case ends as recorded, as in
`test_robustness.py`. PDF needs LibreOffice, so these runs skip when it is missing, or fail then in CI, like the
other LibreOffice checks (the `office` fixture decides; see tests/support.py)."""

from __future__ import annotations

from typing import Any

import pytest
from robustness import Case, Results, outcome_of, params, run_selected

TEST = "test_each_bad_input_ends_as_recorded_as_pdf"


@pytest.fixture(scope="module")
def results(office: Any, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Results:
    return run_selected(request, tmp_path_factory, TEST)


@pytest.mark.parametrize(("case", "command"), params(("build-pdf",)))
@pytest.mark.timeout(1500)  # the first sets up every run of the corpus as PDF (see test_robustness.py)
def test_each_bad_input_ends_as_recorded_as_pdf(case: Case, command: str, results: Results) -> None:
    outcome_of(case, command, results)
