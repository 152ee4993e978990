"""The build pipeline: check the input, lint it, render the clauses, write the chosen format -> bytes."""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, replace
from pathlib import Path

from .config import discover
from .document import Draft
from .drafting import Options, draft, meta_of
from .errors import BuildError, UsageError
from .findings import NOT_XML, Finding, Severity
from .lint import lint_agreement, validate
from .memory import paused_gc
from .model import Agreement
from .source import STDIN, pointer
from .writers import FORMATS, SUFFIXES, suffix, write


@dataclass(frozen=True)
class Built:
    """The outcome of a build: the written bytes, or the findings that stop it: those that make the input
    invalid, or (``final``) the lint errors of a document marked final."""

    findings: list[Finding]
    content: bytes | None = None
    draft: Draft | None = None
    final: bool = False
    errors: int = 0  # the lint errors a final agreement was drafted despite (--allow-errors), as a draft


def output_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one ``output``'s suffix names, else .docx. A Word document saved as
    x.pdf or x.txt would not open where its name says it will, so a suffix that names another format, or
    none we know when no format is given, is refused."""
    given = Path(output).suffix.lower() if output is not None else ""
    named = SUFFIXES.get(given)
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
        if named is not None and named != fmt:
            raise UsageError(f"{output}: the name ends in {given} but --format asks for {fmt}; make them agree")
        return fmt
    if given and named is None:
        raise UsageError(f"{output}: cannot tell the format from '{given}'; end the name in "
                         f"{', '.join(suffix(f) for f in FORMATS)}, or give --format")
    return named or "docx"


def output_path(name: str, fmt: str, output: str | None) -> Path:
    """``output`` when given; otherwise the input's name with the format's suffix, in the current folder."""
    if output is not None:
        if not output.strip():
            raise UsageError("-o needs a file name")
        return Path(output)
    if name == STDIN:
        raise UsageError("reading the agreement from standard input needs -o FILE to say where to write it")
    return Path(Path(name).name).with_suffix(suffix(fmt))


def inputs(name: str, clauses: Path | None = None, reference: Path | None = None) -> list[Path]:
    """Every file a build of ``name`` reads, which its output must never replace: the agreement, its settings
    file, the reference document and the files in the clause folder."""
    found = [] if name == STDIN else [Path(name)]
    settings = discover(Path(name) if name != STDIN else Path.cwd()).source
    found += [Path(settings)] if settings else []
    found += [reference] if reference is not None else []
    if clauses is not None:
        with contextlib.suppress(OSError):  # a folder that cannot be listed is reported when it is read
            found += sorted(clauses.iterdir())
    return found


def build(name: str, fmt: str = "docx", *, options: Options | None = None,
          reference: Path | None = None) -> Built:
    """Build the agreement in file ``name`` as ``fmt``; nothing is written here."""
    with paused_gc():
        return _build(name, fmt, options or Options(), reference)


def _build(name: str, fmt: str, options: Options, reference: Path | None) -> Built:
    result = _draft(name, options)
    if isinstance(result, Built):
        return result
    rendered, errors = result
    # The input, its positions and the model are unreferenced now; one collection frees what drafting left in
    # cycles, so writing a long register has the room (10,000 rows: peak 308 MB -> 251 MB). With the collector
    # paused since the build began, all of that is in the youngest generation: collecting only that one
    # costs 2 ms where a full collection, rescanning every imported module, costs 25 ms.
    gc.collect(0)
    return Built([], write(rendered, fmt, reference), rendered, errors=errors)


def _draft(name: str, options: Options) -> tuple[Draft, int] | Built:
    """The drafted document, or what stops it: the findings that make the input unusable, or the lint errors of
    a document marked final (a final agreement with a required element missing is not one to sign); with the
    draft, how many such errors it was drafted despite (with `allow_errors`, as a draft)."""
    checked = validate(name)
    if not checked.valid or checked.document is None:
        return Built(checked.findings)
    agreement = Agreement.from_document(checked.document)
    check_characters(agreement)
    settings = discover(Path(name) if name != STDIN else Path.cwd())
    found = lint_agreement(agreement, list(settings.packs) or None)
    findings = [f for f in found if settings.wants(f.rule)]
    # Every rule's errors count for a final agreement, whatever the settings show; a waiver, with its reason,
    # is the way to accept one.
    errors = [f for f in found if f.severity == Severity.ERROR and f.waived is None]
    if errors and not meta_of(agreement).draft:
        if not options.allow_errors:
            return Built(errors, final=True)
        return draft(agreement, findings, replace(options, as_draft=True)), len(errors)
    return draft(agreement, findings, options), 0


def check_characters(agreement: Agreement) -> None:
    """Refuse, before anything is written, a value holding a character a Word document cannot hold."""
    for path, text in agreement.texts():
        bad = NOT_XML.search(text)
        if bad:
            where = agreement.document.locate(path)
            raise BuildError(f"{agreement.document.file}:{where.line}:{where.column}: the text at {pointer(path)} "
                             f"holds the character U+{ord(bad.group()):04X}, which a Word document cannot hold; "
                             "remove it")
