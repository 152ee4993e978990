"""Every bad input ends as recorded in `cases/expected.yaml`: the exit code and a message with the right words,
no traceback, within 10 seconds and 300 MB, and nothing left behind; valid but hostile text reaches every
output exactly. Each command runs in a child process, as a user runs it, so that a hang or a crash is real.

The cases, their generators and the runner are in `robustness.py`; PDF builds are in
`build/test_robustness_pdf.py`, where the LibreOffice checks decide whether they can run.
"""

from __future__ import annotations

import json
import stat
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import robustness
import yaml
from robustness import CASES, COMMANDS, GENERATORS, Case, Results, cases, outcome_of, params, run_selected

from agreement_builder.source import MAX_BYTES

COMMANDS_HERE = ("validate", "lint", "build-docx", "build-md", "build-html")
TEST = "test_each_bad_input_ends_as_recorded"


@pytest.fixture(scope="module")
def results(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Results:
    return run_selected(request, tmp_path_factory, TEST)


# The first of these tests sets up the module's results: every run of the corpus, several minutes on two cores.
@pytest.mark.timeout(1500)
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


def _zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def _zip_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _unpacked_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _not_xml(data: bytes) -> bool:
    try:
        ET.fromstring(data)
    except ET.ParseError:
        return True
    return False


# What each generator's name promises, checked on what it wrote.
PROMISES: dict[str, Callable[[Path], bool]] = {
    "nesting_10000_levels_json": lambda p: p.read_text().count("[") == 10_000 and p.read_text().endswith("]}"),
    "nesting_10000_levels_yaml": lambda p: p.read_text().count("{a: ") == 10_000,
    "list_10000_items_yaml": lambda p: len(set(_yaml(p)["behaviours"])) == 10_000,
    "list_10000_wrong_items_yaml": lambda p: _yaml(p)["behaviours"] == [1] * 10_000,
    "file_50_megabytes_yaml": lambda p: p.stat().st_size > 50 * 1024**2,
    "billion_laughs_yaml": lambda p: p.read_text().count("&") == 11 and p.read_text().count("*") == 90,
    "text_repeated_through_aliases_yaml": lambda p: (p.read_text().count("*long") == 1_000
                                                     and "Northvale" * 100_000 in p.read_text()),
    "json_with_a_million_values": lambda p: (len(json.loads(p.read_text())["behaviours"]) == 1_000_000
                                             and p.stat().st_size < MAX_BYTES),
    "word_of_100000_characters_yaml": lambda p: max(map(len, p.read_text().split())) == 100_000,
    "dangling_references_1000_yaml": lambda p: (len(_yaml(p)["actions"]) == 1_000 and not (
        {a["owner"] for a in _yaml(p)["actions"]} & {q["id"] for q in _yaml(p)["parties"]})),
    "parties_3000_yaml": lambda p: len({q["id"] for q in _yaml(p)["parties"]}) == 3_000,
    "waivers_8000_yaml": lambda p: (sum("owner" not in a for a in _yaml(p)["actions"]) == 8_000
                                    and len(_yaml(p)["waivers"]) == 8_000),
    "binary_file": lambda p: b"\x00" in p.read_bytes() and _undecodable(p.read_bytes()),
    "folder_where_a_file_is_expected": lambda p: p.is_dir(),
    "unreadable_file": lambda p: p.is_file() and stat.S_IMODE(p.stat().st_mode) == 0,
    "path_whose_parent_is_a_file": lambda p: p.parent.is_file(),
    "proc_self_mem": lambda p: p == Path("/proc/self/mem"),
    "reference_zip_bomb": lambda p: p.stat().st_size < 2 * 1024**2 and _unpacked_size(p) > 200 * 1024**2,
    "reference_with_macros": lambda p: "word/vbaProject.bin" in _zip_names(p),
    "reference_linking_to_an_outside_template": lambda p: b'TargetMode="External"' in _zip_part(
        p, "word/_rels/settings.xml.rels"),
    "reference_plain_zip": lambda p: _zip_names(p) == ["readme.txt"],
    "reference_spreadsheet": lambda p: "xl/workbook.xml" in _zip_names(p) and "word/document.xml" not in
    _zip_names(p),
    "reference_with_damaged_styles": lambda p: _not_xml(_zip_part(p, "word/styles.xml")),
    "reference_with_an_external_entity": lambda p: b'<!ENTITY secret SYSTEM "file:///etc/passwd">' in _zip_part(
        p, "word/footer1.xml"),
    "reference_without_the_agreement_styles": lambda p: ("word/document.xml" in _zip_names(p) and
                                                         b'w:styleId="Clause2"' not in _zip_part(p, "word/styles.xml")),
}


def _undecodable(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_every_generator_has_its_promise_checked():
    assert sorted(PROMISES) == sorted(GENERATORS)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_each_generator_writes_what_its_name_promises(name: str, tmp_path: Path):
    path = GENERATORS[name](tmp_path / "case.yaml")
    assert PROMISES[name](path), f"{name} wrote {path}, which does not hold what its name says"


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
