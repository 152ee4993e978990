"""Every bad input ends as recorded in `cases/expected.yaml`: the exit code and a message with the right words,
no traceback, within 10 seconds and 300 MB, and nothing left behind; valid but hostile text reaches every
output exactly. Each command runs in a child process, as a user runs it, so that a hang or a crash is real.

The cases, their generators and the runner are in `robustness.py`; PDF builds are in
`build/test_robustness_pdf.py`, where the LibreOffice checks decide whether they can run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import robustness
import yaml
from robustness import CASES, COMMANDS, GENERATORS, Case, Results, cases, outcome_of, params, run_selected

COMMANDS_HERE = ("validate", "lint", "build-docx", "build-md", "build-html")
TEST = "test_each_bad_input_ends_as_recorded"


@pytest.fixture(scope="module")
def results(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Results:
    return run_selected(request, tmp_path_factory, TEST)


@pytest.mark.parametrize(("case", "command"), params(COMMANDS_HERE))
def test_each_bad_input_ends_as_recorded(case: Case, command: str, results: Results) -> None:
    outcome_of(case, command, results)


# ---------------------------------------------------------------- the corpus itself


def test_the_corpus_covers_at_least_forty_cases_and_every_command():
    assert len(cases()) >= 40
    assert len([p for p in CASES.iterdir() if p.name != "expected.yaml"]) >= 40
    assert {command for case in cases() for command in case.outcomes} == set(COMMANDS)


def test_every_file_in_the_corpus_has_a_recorded_outcome_and_every_case_has_its_file():
    recorded = {case.name for case in cases()}
    files = {p.name for p in CASES.iterdir() if p.name != "expected.yaml"}
    assert files - recorded == set(), "files without an entry in expected.yaml"
    needing_files = {c.name for c in cases() if c.generator is None and c.role != "output"}
    assert needing_files - files == set(), "entries whose file is missing"
    assert not {c.name for c in cases() if c.generator is not None} & files, "generated cases are not committed"


def test_every_generator_named_in_the_corpus_exists_and_is_used():
    named = {case.generator for case in cases() if case.generator}
    assert named <= set(GENERATORS)
    assert set(GENERATORS) <= named, "a generator no case uses"


def test_the_committed_corpus_stays_small():
    sizes = {p.name: p.stat().st_size for p in CASES.iterdir()}
    assert max(sizes.values()) < 100_000, max(sizes, key=sizes.__getitem__)


def test_every_case_holds_what_its_entry_says_it_holds():
    for case in cases():
        if case.contains:
            text = case.path.read_bytes().decode("utf-8")
            assert all(piece in text for piece in case.contains), case.name


def test_every_outcome_names_a_known_command_and_an_exit_code_the_tool_uses():
    table = yaml.safe_load((CASES / "expected.yaml").read_text(encoding="utf-8"))
    keys = {"all", "build", *COMMANDS}
    for name, entry in table["cases"].items():
        assert entry.get("breaks"), name
        for key in set(entry) & keys:
            assert entry[key]["exit"] in (0, 1, 2), name
        assert set(entry.get("commands", COMMANDS)) <= set(COMMANDS), name
    for case in cases():
        assert all(o.exit != 1 or o.words for o in case.outcomes.values()), f"{case.name}: a failure with no words"


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_each_generator_writes_what_its_name_promises(name: str, tmp_path: Path):
    path = GENERATORS[name](tmp_path / "case.yaml")
    if name == "file_50_megabytes_yaml":
        assert path.stat().st_size > 50 * 1024**2
    elif name == "binary_file":
        assert b"\x00" in path.read_bytes()
    elif name == "folder_where_a_file_is_expected":
        assert path.is_dir()
    elif name == "path_whose_parent_is_a_file":
        assert path.parent.is_file()
    elif name.startswith("reference_"):
        assert path.stat().st_size > 100
    else:
        assert path.stat().st_size > 0 or path == Path("/proc/self/mem")


# ---------------------------------------------------------------- the checks can fail


def test_markdown_text_undoes_escapes_hard_breaks_and_cell_breaks():
    assert robustness.markdown_text(r"a \*b\* \\ c\<br\>d<br>e\
f") == "a *b* \\ c<br>d\ne\nf"


def test_html_text_decodes_references_and_reads_breaks_as_newlines():
    page = "<html><head><title>T</title><style>p{}</style></head><body><p>a &amp;lt; b<br>c</p><td>&#x26;</td>"
    assert robustness.html_text(page) == "a &lt; b\nc\n&\n"


def test_lost_wording_reports_text_missing_from_an_output(tmp_path: Path):
    page = tmp_path / "a.html"
    page.write_text("<p>Northvale Council</p><p>Fees &amp; charges</p>", encoding="utf-8")
    data = {"parties": [{"id": "nvc", "name": "Northvale Council", "sector": "health"},
                        {"id": "nhb", "name": "Northvale Health Board", "sector": "health"}],
            "variation": "Fees & charges"}
    assert robustness.lost_wording(data, page) == ["parties/1/name: 'Northvale Health Board'"]


def test_a_run_that_outlasts_its_time_is_killed_and_reported(tmp_path: Path):
    result = robustness.run(["validate", "-"], tmp_path, timeout=0.01)
    assert result.timed_out and result.exit is None


def test_a_run_reports_its_exit_code_and_peak_memory(tmp_path: Path):
    result = robustness.run(["validate", str(CASES / "valid-minimal-agreement.yaml")], tmp_path)
    assert result.exit == 0 and not result.timed_out
    assert 5 * 1024**2 < result.peak_bytes < robustness.RESIDENT_LIMIT


def test_a_run_past_its_memory_bound_fails_instead_of_swapping(tmp_path: Path):
    # Building needs python-docx and lxml, which do not fit in 40 MB of address space.
    result = robustness.run(["build", str(CASES / "valid-minimal-agreement.yaml")], tmp_path,
                            address_space=40 * 1024**2)
    assert result.exit not in (0, None), result
    assert "MemoryError" in result.stderr or "memory" in result.stderr.lower(), result
