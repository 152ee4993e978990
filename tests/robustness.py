"""The bad-input corpus of `tests/cases/`: its recorded outcomes, the generators of its big and binary cases,
and a runner that calls the real `agreement` command in a child process with a time and a memory bound.

Used by `test_robustness.py` (validate, lint, build docx/md/html) and `build/test_robustness_pdf.py` (build
pdf, where LibreOffice decides whether it can run). See `cases/expected.yaml` for the format of a case.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from agreement_builder.drafting import omitted
from agreement_builder.model import Agreement
from agreement_builder.schema import schema

CASES = Path(__file__).resolve().parent / "cases"
EXPECTED = CASES / "expected.yaml"
COMMANDS = ("validate", "lint", "build-docx", "build-md", "build-html", "build-pdf")
# The installed `agreement` script of this interpreter's environment, as a user runs it.
SCRIPT = Path(sys.executable).parent / "agreement"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-c", "from agreement_builder.cli import main; main()"]

TIME_LIMIT = 10.0  # seconds, for every command but pdf, which starts LibreOffice
PDF_TIME_LIMIT = 120.0
ADDRESS_SPACE = 1024**3  # RLIMIT_AS for the child: past this, allocations fail instead of the machine swapping
RESIDENT_LIMIT = 300 * 1024**2  # peak resident memory a run may reach (PDF runs, mostly LibreOffice: not bound)
TRACEBACK_MARKS = ("Traceback (most recent call last)", "Error: internal error")


# ---------------------------------------------------------------- the recorded outcomes


@dataclass(frozen=True)
class Outcome:
    """What one command must do with one case: exit code, words in its output, a known bug if any."""

    exit: int
    words: tuple[str, ...] = ()
    known_bug: str | None = None


@dataclass(frozen=True)
class Case:
    """One entry of `expected.yaml`."""

    name: str
    breaks: str
    outcomes: Mapping[str, Outcome]
    generator: str | None = None
    role: str = "input"  # input | reference (passed as --reference-doc) | output (an -o situation)
    output: str | None = None  # for role output: missing-folder | exists | folder
    exact_text: bool = False
    contains: tuple[str, ...] = ()
    needs: str | None = None  # a condition the case needs from the machine: "not-root", "proc-mem"

    @property
    def path(self) -> Path:
        return CASES / self.name


@cache
def expected() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    return loaded


@cache
def cases() -> tuple[Case, ...]:
    table = expected()
    return tuple(_case(name, entry, table["outcomes"]) for name, entry in table["cases"].items())


def _case(name: str, entry: Mapping[str, Any], named: Mapping[str, Any]) -> Case:
    spec: dict[str, Any] = {}
    if "outcome" in entry:
        spec.update(named[entry["outcome"]])
    spec.update({k: v for k, v in entry.items() if k in ("all", "build", *COMMANDS)})
    outcomes: dict[str, Outcome] = {}
    for command in entry.get("commands", COMMANDS):
        kind = "build" if command.startswith("build-") else command
        chosen = spec.get(command) or spec.get(kind) or spec.get("all")
        if chosen is None:
            raise ValueError(f"{name}: no outcome recorded for {command}")
        outcomes[command] = Outcome(int(chosen["exit"]), tuple(chosen.get("words", ())), chosen.get("known_bug"))
    return Case(name, entry["breaks"], outcomes, entry.get("generator"), entry.get("as", "input"),
                entry.get("output"), bool(entry.get("exact_text")), tuple(entry.get("contains", ())),
                entry.get("needs"))


def pairs(commands: tuple[str, ...]) -> Iterator[tuple[Case, str]]:
    """Every (case, command) the corpus records for one of ``commands``."""
    for case in cases():
        for command in case.outcomes:
            if command in commands:
                yield case, command


# ---------------------------------------------------------------- generators: big and binary cases
# Each writes its case at ``path`` (in a fresh folder) and returns the path to give the command.

BASE = (CASES / "valid-minimal-agreement.yaml").read_text(encoding="utf-8")


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def nesting_10000_levels_json(path: Path) -> Path:
    return _text(path, '{"agreement": ' + "[" * 10_000 + "]" * 10_000 + "}")


def nesting_10000_levels_yaml(path: Path) -> Path:
    return _text(path, BASE + "purpose:\n  vision: " + "{a: " * 10_000 + "x" + "}" * 10_000 + "\n")


def list_10000_items_yaml(path: Path) -> Path:
    items = "".join(f"  - Partners answer each other's letters within {i % 20 + 1} working days ({i}).\n"
                    for i in range(10_000))
    return _text(path, BASE + "behaviours:\n" + items)


def list_10000_wrong_items_yaml(path: Path) -> Path:
    return _text(path, BASE + "behaviours:\n" + "  - 1\n" * 10_000)


def file_50_megabytes_yaml(path: Path) -> Path:
    line = "  - A behaviour the partners agreed at the workshop, written out at length.\n"
    with path.open("w", encoding="utf-8") as f:
        f.write(BASE + "behaviours:\n")
        f.write(line * (50 * 1024**2 // len(line) + 1))
    return path


def billion_laughs_yaml(path: Path) -> Path:
    # Ten levels of nine aliases each: 9**10 (3.5 billion) strings once expanded.
    lines = [BASE.rstrip("\n"), "definitions:", "  - &a [" + ", ".join(['"lol"'] * 9) + "]"]
    names = "abcdefghijk"
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"  - &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return _text(path, "\n".join(lines) + "\n")


def text_repeated_through_aliases_yaml(path: Path) -> Path:
    # 900 KB written once and referred to a thousand times: 900 MB of text for every later stage.
    items = "".join("  - *long\n" for _ in range(1_000))
    return _text(path, BASE + f"variation: &long {'Northvale' * 100_000}\nbehaviours:\n{items}")


def json_with_a_million_values(path: Path) -> Path:
    data = yaml.safe_load(BASE)
    data["behaviours"] = ["x"] * 1_000_000  # 4 MB: under the size limit
    return _text(path, json.dumps(data))


def word_of_100000_characters_yaml(path: Path) -> Path:
    word = ("Partnership" * 9_091)[:100_000]
    return _text(path, BASE + f"variation: {word}\nadditional_clauses:\n  - title: A long word\n    text: {word}\n")


def _parties(count: int) -> str:
    return "parties:\n" + "".join(f"  - id: party-{i:06}\n    name: Partner number {i}\n    sector: health\n"
                                   for i in range(count))


def dangling_references_1000_yaml(path: Path) -> Path:
    # Each reference is one letter off an id that exists: suggesting the nearest for each compared every id with
    # every other (a million comparisons).
    actions = "".join(f"  - description: Action {i}\n    owner: parti-{i:06}\n" for i in range(1000))
    return _text(path, "agreement:\n  title: Many references\n" + _parties(1000) + "actions:\n" + actions)


def parties_3000_yaml(path: Path) -> Path:
    return _text(path, "agreement:\n  title: Three thousand partners\n" + _parties(3000))


def waivers_8000_yaml(path: Path) -> Path:
    # 8,000 actions without an owner (a finding each) and 8,000 waivers that match none of them.
    actions = "".join(f"  - description: Action {i}\n" for i in range(8000))
    waivers = "".join(f"  - rule: AB210\n    path: /nowhere/{i}\n    reason: r\n" for i in range(8000))
    return _text(path, BASE + "actions:\n" + actions + "waivers:\n" + waivers)


def binary_file(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
    return path


def folder_where_a_file_is_expected(path: Path) -> Path:
    path.mkdir()
    _text(path / "notes.txt", "Not an agreement.\n")
    return path


def unreadable_file(path: Path) -> Path:
    _text(path, BASE).chmod(0)
    return path


def path_whose_parent_is_a_file(path: Path) -> Path:
    return _text(path, BASE) / "agreement.yaml"


def proc_self_mem(path: Path) -> Path:
    # Each process's own memory, read from address 0, which is never mapped: the read fails with EIO.
    return Path("/proc/self/mem")


def _docx_parts() -> dict[str, bytes]:
    """The parts of the reference document that ships with the tool, to make hostile variants of it."""
    from importlib import resources

    shipped = resources.files("agreement_builder.templates").joinpath("reference.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(shipped)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(path: Path, parts: Mapping[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def reference_zip_bomb(path: Path) -> Path:
    # The shipped reference document plus 200 MB of zeros, which compress to about 200 KB.
    _zip(path, _docx_parts())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(
            "word/media/padding.bin", "w", force_zip64=True) as f:
        for _ in range(200):
            f.write(bytes(1024**2))
    return path


def reference_with_macros(path: Path) -> Path:
    parts = _docx_parts()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an OLE file header
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    return _zip(path, parts)


def reference_linking_to_an_outside_template(path: Path) -> Path:
    parts = _docx_parts()
    parts["word/_rels/settings.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="file:///C:/Templates/Normal.dotm" TargetMode="External"/></Relationships>')
    return _zip(path, parts)


def reference_plain_zip(path: Path) -> Path:
    return _zip(path, {"readme.txt": b"A zip, but not a Word document.\n"})


def reference_spreadsheet(path: Path) -> Path:
    package = "http://schemas.openxmlformats.org/package/2006"
    return _zip(path, {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{package}/content-types"><Override '
                               'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.spreadsheetml.sheet.main+xml"/></Types>'.encode(),
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{package}/relationships"><Relationship '
                       'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                       'officeDocument" Target="xl/workbook.xml"/></Relationships>'.encode(),
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook '
                           b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    })


def reference_with_damaged_styles(path: Path) -> Path:
    parts = _docx_parts()
    parts["word/styles.xml"] = parts["word/styles.xml"][:500]
    return _zip(path, parts)


def reference_with_an_external_entity(path: Path) -> Path:
    # The footer, which the agreement copies, names the password file as an entity: it must not be read.
    parts = _docx_parts()
    footer = parts["word/footer1.xml"]
    end = footer.index(b"?>") + 2
    parts["word/footer1.xml"] = (footer[:end] + b'<!DOCTYPE w:ftr [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                                 + footer[end:].replace(b">Page <", b">Page &secret; <", 1))
    return _zip(path, parts)


def reference_without_the_agreement_styles(path: Path) -> Path:
    import docx

    docx.Document().save(str(path))
    return path


GENERATORS: dict[str, Callable[[Path], Path]] = {f.__name__: f for f in (
    nesting_10000_levels_json, nesting_10000_levels_yaml, list_10000_items_yaml, list_10000_wrong_items_yaml,
    file_50_megabytes_yaml, billion_laughs_yaml, text_repeated_through_aliases_yaml, json_with_a_million_values,
    word_of_100000_characters_yaml, dangling_references_1000_yaml, parties_3000_yaml, waivers_8000_yaml, binary_file,
    folder_where_a_file_is_expected, unreadable_file, path_whose_parent_is_a_file, proc_self_mem, reference_zip_bomb,
    reference_with_macros, reference_linking_to_an_outside_template, reference_plain_zip, reference_spreadsheet,
    reference_with_damaged_styles, reference_with_an_external_entity, reference_without_the_agreement_styles,
)}


# ---------------------------------------------------------------- running a command


@dataclass
class Run:
    """One finished child process: what it printed, how it ended, what it cost."""

    args: list[str]
    exit: int | None
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int
    timed_out: bool = False
    cpu_seconds: float = 0.0  # user and system time of the command, which a busy machine inflates far less

    def __str__(self) -> str:
        shown = " ".join(a if len(a) < 80 else a[:77] + "..." for a in self.args)
        return (f"$ {shown}\nexit {self.exit} after {self.seconds:.2f} s, peak {self.peak_bytes / 1024**2:.0f} MB"
                f"{' (killed: too slow)' if self.timed_out else ''}\n--- stdout\n{self.stdout[-3000:]}\n"
                f"--- stderr\n{self.stderr[-3000:]}")


# A small parent for the command: it sets the address-space limit (0: none), runs the command, and writes the
# command's peak resident memory and CPU time to a file. Measured from this parent, the peak is the command's own:
# a child of the test process would also be charged the test process's memory, which it shares until it starts the
# command. (A preexec_fn could set the limit too, but it is unsafe while other threads run, and they do.)
_MEASURED = """
import os, resource, subprocess, sys
limit, report = int(sys.argv[1]), sys.argv[2]
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
child = subprocess.Popen(sys.argv[3:])
_, status, usage = os.wait4(child.pid, 0)
with open(report, "w") as f:
    f.write(f"{usage.ru_maxrss * 1024} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
"""


def run(args: list[str], cwd: Path, *, timeout: float = TIME_LIMIT, address_space: int = ADDRESS_SPACE,
        env: Mapping[str, str | None] | None = None, prefix: tuple[str, ...] = ()) -> Run:
    """Run `agreement ARGS` in ``cwd`` with at most ``address_space`` bytes of memory (0: no limit); kill it
    past ``timeout``; measure its peak resident memory. ``env`` adds to the environment (a value of None
    removes the variable); ``prefix`` runs the command through another, such as `setpriv` to change user."""
    merged = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    environment = {k: v for k, v in merged.items() if v is not None and k != "PYTHONWARNINGS"}
    with tempfile.TemporaryDirectory(prefix="agreement-run-") as folder:
        report = Path(folder) / "peak"
        argv = [sys.executable, "-c", _MEASURED, str(address_space), str(report), *prefix, *COMMAND, *args]
        start = time.monotonic()
        with (Path(folder) / "stdout").open("w+b") as out, (Path(folder) / "stderr").open("w+b") as err:
            process = subprocess.Popen(argv, cwd=cwd, env=environment, stdin=subprocess.DEVNULL, stdout=out,
                                       stderr=err, start_new_session=True)
            timed_out = _wait(process, start + timeout)
            seconds = time.monotonic() - start
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        peak, cpu = report.read_text().split() if report.exists() else ("0", "0")
    return Run(args, None if timed_out else process.returncode, stdout, stderr, seconds, int(peak), timed_out,
               float(cpu))


def _wait(process: subprocess.Popen[bytes], deadline: float) -> bool:
    """Wait for ``process``; past ``deadline``, kill it and everything it started. True when it was killed."""
    try:
        process.wait(timeout=max(deadline - time.monotonic(), 0))
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


# ---------------------------------------------------------------- the folders around a run


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` with a digest of its content: to see what a run changed."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.exists():
            found[str(path.relative_to(folder))] = "link"
        elif path.is_dir():
            found[str(path.relative_to(folder))] = "folder"
        else:
            try:
                found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                found[str(path.relative_to(folder))] = "unreadable"
    return found


# ---------------------------------------------------------------- the text a reader sees in each output


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "title"):
            self.skip += 1
        elif tag == "br":
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self.skip -= 1
        elif tag in ("p", "li", "td", "th", "h1", "h2", "h3", "div", "tr", "blockquote", "section", "dd", "dt"):
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.pieces.append(data)


def html_text(document: str) -> str:
    """The text a browser shows: tags dropped, character references decoded, ``<br>`` as a newline."""
    parser = _HTMLText()
    parser.feed(document)
    parser.close()
    return "".join(parser.pieces)


def markdown_text(document: str) -> str:
    """The text a Markdown renderer shows, as far as escaping goes: backslash escapes undone, a backslash
    before a line end (a hard break) and ``<br>`` in a table cell read as a newline."""
    return re.sub(r"\\([!-/:-@\[-`{-~\n])|<br>", lambda m: m.group(1) if m.group(1) is not None else "\n",
                  document)


def output_text(path: Path) -> str:
    """The reader's text of a built .docx, .md or .html file."""
    if path.suffix == ".docx":
        from ooxml import docx_text

        return docx_text(path)
    text = path.read_text(encoding="utf-8")
    return html_text(text) if path.suffix == ".html" else markdown_text(text)


# ---------------------------------------------------------------- the wording of an agreement


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = schema()
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


# Sections that instruct the tool rather than speak in the agreement.
NOT_WORDING = ("$schema", "waivers")


def wording(data: Any, node: Mapping[str, Any] | None = None, path: tuple[Any, ...] = ()
            ) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string in ``data`` the document must show as typed: not ids, references, dates or choices from a
    list (the schema gives those a ``pattern`` or an ``enum``; the document shows names and labels for them)."""
    stack: list[tuple[Any, Mapping[str, Any], tuple[Any, ...]]] = [(data, _resolve(node or schema()), path)]
    while stack:
        value, node, where = stack.pop()
        if isinstance(value, dict):
            properties = node.get("properties", {})
            stack.extend(reversed([(v, _resolve(properties.get(k, {})), where + (k,)) for k, v in value.items()
                                   if where or k not in NOT_WORDING]))
        elif isinstance(value, list):
            items = _resolve(node.get("items", {}))
            stack.extend(reversed([(v, items, where + (i,)) for i, v in enumerate(value)]))
        elif isinstance(value, str) and "pattern" not in node and "enum" not in node and value.strip():
            yield where, value


def lost_wording(data: Any, output: Path) -> list[str]:
    """The input's wording (stripped of surrounding space) that the output's text does not contain. Placing
    wording in a sentence of the tool's own may change the case of its first letter or drop its closing full
    stop; a field the document leaves out on purpose (drafting.OMITTED) is not looked for."""
    text = _lines(output_text(output))
    kind = Agreement(data, (), None).kind if isinstance(data, dict) else "agreement"  # type: ignore[arg-type]
    lost, at = [], 0
    for path, value in wording(data):
        if omitted(".".join(str(p) for p in path if not isinstance(p, int)), kind):
            continue
        needle = _lines(value.strip())
        if needle.endswith(".") and not needle.endswith(".."):
            needle = needle[:-1].rstrip()
        # The wording comes in document order, mostly: look on from the last find first, which keeps a
        # 10,000-item list from costing 10,000 searches of the whole document.
        found = -1
        for candidate in dict.fromkeys((needle, needle[:1].lower() + needle[1:], needle[:1].upper() + needle[1:])):
            found = text.find(candidate, at)
            if found < 0:
                found = text.find(candidate)
            if found >= 0:
                break
        if found < 0:
            lost.append(f"{'/'.join(map(str, path))}: {value[:60]!r}")
        else:
            at = found
    return lost


def _lines(text: str) -> str:
    # White space is not wording: a line break in a value is a space or a paragraph break in the document,
    # XML parsers read CR as LF, and the writers end lines their own way. Each run of it is one space.
    return _WHITE.sub(" ", text)


_WHITE = re.compile(r"[ \t\r\n]+")


# ---------------------------------------------------------------- one case, one command


def skip_reason(case: Case) -> str | None:
    """Why this machine cannot run ``case``, or ``None``."""
    if case.needs == "not-root" and os.geteuid() == 0:
        return ("running as root, whom chmod 000 does not stop from reading; the unreadable path is covered "
                "for root by read-fails.yaml and parent-is-a-file.yaml")
    if case.needs == "proc-mem" and not Path("/proc/self/mem").exists():
        return "no /proc/self/mem on this system (not Linux)"
    return None


@dataclass(frozen=True)
class Setup:
    """The folders and arguments of one run."""

    inputs: Path
    out: Path
    args: list[str]
    target: Path | None  # the file a successful build writes


def prepare(case: Case, command: str, folder: Path) -> Setup:
    """Make the case's files under ``folder`` and the command line that runs ``command`` on it."""
    inputs, out = folder / "in", folder / "out"
    inputs.mkdir()
    out.mkdir()
    made: Path | None = None
    if case.generator is not None:
        made = GENERATORS[case.generator](inputs / case.name)
    elif case.role != "output":
        made = inputs / case.name
        shutil.copyfile(case.path, made)
    agreement = made if case.role == "input" and made is not None else inputs / "agreement.yaml"
    if case.role != "input":
        shutil.copyfile(CASES / "valid-minimal-agreement.yaml", agreement)
    if not command.startswith("build-"):
        return Setup(inputs, out, [command, str(agreement)], None)
    fmt = command.removeprefix("build-")
    target = out / Path(agreement.name).with_suffix("." + fmt).name
    args = ["build", str(agreement), "--format", fmt]
    if case.role == "reference":
        args += ["--reference-doc", str(made)]
    if case.output == "missing-folder":
        target = out / "no-such-folder" / f"agreement.{fmt}"
        args += ["-o", str(target)]
    elif case.output == "folder":
        target = out / "drafts"
        target.mkdir()
        args += ["-o", str(target)]
    elif case.output == "exists":
        target.write_text("The copy a legal officer has been editing.\n", encoding="utf-8")
    return Setup(inputs, out, args, target)


def check(case: Case, command: str, folder: Path) -> Run:
    """Run ``command`` on ``case`` and assert everything the corpus promises; returns the run."""
    outcome = case.outcomes[command]
    setup = prepare(case, command, folder)
    before_in, before_out = snapshot(setup.inputs), snapshot(setup.out)
    pdf = command == "build-pdf"
    # LibreOffice reserves far more address space than it uses: PDF runs get a time bound only.
    result = run(setup.args, setup.out, timeout=PDF_TIME_LIMIT if pdf else TIME_LIMIT,
                 address_space=0 if pdf else ADDRESS_SPACE)
    if case.generator == "unreadable_file":
        (setup.inputs / case.name).chmod(0o600)  # so that the snapshot and the clean-up can read it
    said = result.stdout + result.stderr
    assert not result.timed_out, f"took longer than {TIME_LIMIT:.0f} s\n{result}"
    assert not any(mark in said for mark in TRACEBACK_MARKS), f"a traceback or an internal error\n{result}"
    assert result.exit == outcome.exit, f"exit {result.exit}, expected {outcome.exit}\n{result}"
    missing = [w for w in outcome.words if w not in said]
    assert not missing, f"the output lacks {missing}\n{result}"
    if not pdf:
        assert result.peak_bytes < RESIDENT_LIMIT, f"peak memory {result.peak_bytes / 1024**2:.0f} MB\n{result}"
    _check_exit_code_conventions(command, result)
    assert snapshot(setup.inputs) == before_in, f"the input folder changed\n{result}"
    after_out = snapshot(setup.out)
    if result.exit != 0:
        assert after_out == before_out, f"a failed run left files behind: {sorted(set(after_out) - set(before_out))}"
        return result
    if setup.target is not None:
        _check_written(case, setup, before_out, after_out, result)
    return result


def _check_exit_code_conventions(command: str, result: Run) -> None:
    if result.exit == 2:
        assert "Error:" in result.stderr, f"exit 2 without an 'Error:' line on stderr\n{result}"
    if result.exit == 1 and command.startswith("build-"):
        assert "nothing written" in result.stderr, f"an invalid input without 'nothing written'\n{result}"
    if result.exit == 1 and command == "validate":
        first = result.stdout.splitlines()[0] if result.stdout else ""
        assert first.count(":") >= 3, f"validate's first problem has no file:line:column\n{result}"


def _check_written(case: Case, setup: Setup, before: dict[str, str], after: dict[str, str], result: Run) -> None:
    assert setup.target is not None
    name = str(setup.target.relative_to(setup.out))
    assert set(after) - set(before) == {name}, f"expected only {name} to be written, found {sorted(after)}"
    content = setup.target.read_bytes()
    assert content, f"{name} is empty"
    if setup.target.suffix == ".pdf":
        assert content.startswith(b"%PDF-"), f"{name} is not a PDF"
        return
    if setup.target.suffix == ".docx":
        from ooxml import check_docx

        problems = check_docx(setup.target)
        assert problems == [], f"{name} would not open cleanly in Word: {problems[:5]}"
    if case.exact_text:
        from agreement_builder.source import load

        data = load(str(setup.inputs / case.name)).data
        lost = lost_wording(data, setup.target)
        assert lost == [], f"{name} lost {len(lost)} pieces of wording: {lost[:5]}"


# ---------------------------------------------------------------- the parametrised tests

Results = dict[tuple[str, str], BaseException | None]


def params(commands: tuple[str, ...]) -> list[Any]:
    """pytest parameters for every (case, command) of ``commands``; a known bug makes a strict expected failure."""
    import pytest

    found = []
    for case, command in pairs(commands):
        bug = case.outcomes[command].known_bug
        marks = [pytest.mark.xfail(strict=True, reason=f"known bug: {bug}")] if bug else []
        found.append(pytest.param(case, command, id=f"{case.name}-{command}", marks=marks))
    return found


def _checked(case: Case, command: str, folder: Path) -> BaseException | None:
    try:
        check(case, command, folder)
    except BaseException as e:  # handed to the test of this pair, which raises it
        return e
    return None


def run_selected(request: Any, tmp_path_factory: Any, test: str) -> Results:
    """The outcome of every (case, command) the session selected for ``test``, run as many at a time as there
    are cores: each run is a child process, and one after another they take minutes."""
    selected = [item.callspec.params for item in request.session.items
                if getattr(item, "originalname", None) == test and item.module is request.module]
    jobs = {(p["case"].name, p["command"]): p for p in selected if not skip_reason(p["case"])}
    folders = {key: tmp_path_factory.mktemp(f"{key[0]}-{key[1]}") for key in jobs}
    with ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as pool:
        futures = {key: pool.submit(_checked, p["case"], p["command"], folders[key]) for key, p in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


def outcome_of(case: Case, command: str, results: Results) -> None:
    """Skip, pass, or raise what the run of ``case`` with ``command`` found wrong."""
    import pytest

    reason = skip_reason(case)
    if reason:
        pytest.skip(reason)
    error = results[case.name, command]
    if error is not None:
        raise error
