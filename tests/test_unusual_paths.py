"""Folders lint cannot read, and file names that are not UTF-8 or hold control characters: reported, and
written into every report format without breaking it."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import SAMPLES

from agreement_builder import findings, report
from agreement_builder.findings import Finding, Result, Severity
from agreement_builder.report import REPORTERS
from agreement_builder.rules import RULES

DRAFT = SAMPLES / "first-draft.yaml"
NOT_ROOT = pytest.mark.skipif(os.geteuid() == 0, reason="as root, chmod 000 does not stop reading")


def test_a_subfolder_that_cannot_be_read_stops_the_run(cli, tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    shutil.copyfile(DRAFT, tmp_path / "a.yaml")
    shutil.copyfile(DRAFT, tmp_path / "locked" / "x.yaml")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).name == "locked":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    run = cli("lint", str(tmp_path))
    assert run.exit_code == 2, run
    assert f"{tmp_path / 'locked'}: the folder cannot be read (Permission denied)" in run.stderr


@NOT_ROOT
def test_a_subfolder_with_no_permissions_stops_the_run(cli, tmp_path):
    (tmp_path / "locked").mkdir()
    shutil.copyfile(DRAFT, tmp_path / "a.yaml")
    shutil.copyfile(DRAFT, tmp_path / "locked" / "x.yaml")
    (tmp_path / "locked").chmod(0)
    try:
        run = cli("lint", str(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert run.exit_code == 2 and "locked: the folder cannot be read" in run.stderr, run


def test_links_to_folders_are_not_followed_and_files_found_are_sorted(cli, tmp_path):
    (tmp_path / "b").mkdir()
    shutil.copyfile(DRAFT, tmp_path / "b" / "x.yaml")
    (tmp_path / "a.json").write_text('{"agreement": {"title": "T"}}', encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    from agreement_builder.paths import expand

    assert expand((str(tmp_path),)) == [str(tmp_path / "a.json"), str(tmp_path / "b" / "x.yaml")]


# ---------------------------------------------------------------- file names in reports


BAD = os.fsdecode(b"bad\xffname.yaml")  # a byte that is not UTF-8, as Python keeps it
CONTROL = "ctl\x01\x1b[31mname\u202e.yaml"


def result_for(name: str) -> Result:
    result = Result()
    result.add(name, [Finding(name, 3, 5, "AB101", Severity.ERROR, "purpose is missing", "/purpose")])
    result.add("clean.yaml", [])
    return result


@pytest.mark.parametrize("name", [BAD, CONTROL])
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_report_holds_an_unusual_file_name_and_encodes_as_utf8(fmt, name):
    text = REPORTERS[fmt](RULES.values()).render(result_for(name))
    encoded = text.encode("utf-8")  # a lone surrogate would fail here
    assert "\x01" not in text and "\x1b" not in text and "\u202e" not in text
    if fmt in ("json", "sarif"):
        json.loads(encoded)
    if fmt == "junit":
        ET.fromstring(encoded)


def test_names_are_shown_with_escapes_a_reader_can_type():
    assert findings.printable(BAD) == "bad\\xffname.yaml"
    assert findings.printable(CONTROL) == "ctl\\x01\\x1b[31mname\\u202e.yaml"
    assert findings.printable("plain name, é.yaml") == "plain name, é.yaml"
    assert findings.printable("\U000e0041") == "\\U000e0041"
    assert Finding(CONTROL, 1, 2, "AB101", Severity.ERROR, "m").location == "ctl\\x01\\x1b[31mname\\u202e.yaml:1:2"


def test_sarif_uris_percent_encode_the_bytes_of_the_name():
    assert report._uri("drafts/" + BAD) == "drafts/bad%FFname.yaml"
    assert report._uri("drafts/a b.yaml") == "drafts/a%20b.yaml"
    assert report._uri("drafts/é.yaml") == "drafts/%C3%A9.yaml"
    assert report._uri("/abs/a b.yaml") == "file:///abs/a%20b.yaml"
    assert report._uri("<stdin>") == "stdin"


def test_junit_replaces_characters_xml_cannot_hold_in_messages():
    result = Result()
    result.add("a.yaml", [Finding("a.yaml", 1, 1, "AB101", Severity.ERROR, "bad \x07 bell \ufffe", "/x\x0b")])
    root = ET.fromstring(REPORTERS["junit"](RULES.values()).render(result))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "bad \ufffd bell \ufffd"


@pytest.mark.parametrize("fmt", ["sarif", "json", "text", "junit", "github"])
def test_lint_writes_a_report_for_a_file_whose_name_is_not_utf8(cli, tmp_path, fmt, monkeypatch):
    folder = tmp_path / "names"
    folder.mkdir()
    shutil.copyfile(DRAFT, os.fsdecode(os.fsencode(folder) + b"/bad\xffname.yaml"))
    monkeypatch.chdir(tmp_path)
    run = cli("lint", "names", "--format", fmt, "--output", "report")
    assert run.exit_code == 1, run
    text = (tmp_path / "report").read_bytes().decode("utf-8")
    if fmt == "json":
        text = json.loads(text)["files"][0]
    assert "bad\\xffname.yaml" in text or "bad%FFname.yaml" in text


def test_a_fifo_given_by_name_is_read_once_and_its_source_lines_not_waited_for(tmp_path):
    # The report shows the source line of each finding; reading a FIFO again would wait for a second writer.
    import subprocess
    import threading

    from robustness import COMMAND

    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("wb") as f:
            f.write(DRAFT.read_bytes())

    writer = threading.Thread(target=write)
    writer.start()
    try:
        done = subprocess.run([*COMMAND, "lint", str(fifo)], capture_output=True, text=True, timeout=60, check=False)
    finally:
        if writer.is_alive():  # the command never opened the FIFO: let the writer go
            with fifo.open("rb") as f:
                f.read()
        writer.join()
    assert done.returncode == 1 and "[error]" in done.stdout, done


def test_a_folder_search_passes_over_fifos_devices_and_links_that_lead_nowhere(tmp_path):
    import subprocess

    from robustness import COMMAND

    shutil.copyfile(DRAFT, tmp_path / "plan.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nothing.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    done = subprocess.run([*COMMAND, "lint", "--format", "concise", str(tmp_path)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 1, done
    checked = {line.split(":")[0] for line in done.stdout.splitlines() if line.startswith(str(tmp_path))}
    assert checked == {str(tmp_path / "plan.yaml")} and "in 1 file" in done.stdout
