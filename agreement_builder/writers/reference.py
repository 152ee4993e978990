"""The reference .docx that gives a built agreement its house style: the shipped one, or the user's,
checked before it is opened (size, zip bombs, macros, external links)."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path

from lxml import etree

from ..errors import BuildError

SHIPPED = "reference.docx"
MAX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small parts compress well; only big ones can be bombs
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

# The style ids the docx writer uses; a reference document must define every one.
PARAGRAPH_STYLES = (
    "Normal", "Title", "Subtitle", "CoverText", "CoverParty", "CoverFact", "TOCHeading", "TOC1", "Heading1",
    "Clause2", "Clause3", "BodyText", "ItemText", "Subheading", "Party", "Recital", "Definition", "DraftingNote",
    "ScheduleHeading", "ScheduleClause", "ScheduleItem", "AnnexHeading", "AnnexClause", "AnnexItem",
    "UnnumberedHeading", "TableText", "TableHeading", "SignatureText", "Header", "Footer", "CommentText",
)
CHARACTER_STYLES = ("DefinedTerm", "Placeholder", "DraftMark", "CommentReference")
TABLE_STYLES = ("AgreementTable", "SignatureTable")
STYLES = PARAGRAPH_STYLES + CHARACTER_STYLES + TABLE_STYLES


def shipped_path() -> str:
    """Where the shipped reference document is, for messages that suggest starting from it."""
    return str(resources.files("agreement_builder.templates").joinpath(SHIPPED))


def load(path: Path | None) -> bytes:
    """The reference document's bytes: the shipped one, or ``path`` once it passes the safety checks."""
    if path is None:
        return resources.files("agreement_builder.templates").joinpath(SHIPPED).read_bytes()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BuildError(f"{path}: is larger than {MAX_BYTES // (1024 * 1024)} MB; a reference document "
                             "holds styles, not content")
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise BuildError(f"{path}: no such reference document") from e
    except OSError as e:
        raise BuildError(f"{path}: cannot be read: {e.strerror or e}") from e
    check(data, str(path))
    return data


def check(data: bytes, label: str) -> None:
    """Refuse a reference document that is not a plain .docx: not a zip, a zip bomb, macros, or links to
    outside files."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise BuildError(f"{label}: is not a Word document (.docx); it is not even a zip file") from e
    with archive:
        infos = archive.infolist()
        _check_sizes(infos, label)
        _check_macros(archive, infos, label)
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _check_doctype(archive, info, label)
            if info.filename.endswith(".rels"):
                _check_relationships(archive, info, label)


def _check_sizes(infos: list[zipfile.ZipInfo], label: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise BuildError(f"{label}: holds {len(infos)} files; a Word document holds a few dozen")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise BuildError(f"{label}: unpacks to {total // (1024 * 1024)} MB; refused as a possible zip bomb")
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BuildError(f"{label}: {info.filename} is compressed more than {MAX_RATIO} to 1; refused as "
                             "a possible zip bomb")


def _check_macros(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str) -> None:
    for info in infos:
        name = info.filename.lower()
        if name.endswith(("vbaproject.bin", "vbadata.xml")) or "/activex/" in name:
            raise BuildError(f"{label}: contains macros or controls ({info.filename}); save it as a plain "
                             ".docx (Word Document) without macros")
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError as e:
        raise BuildError(f"{label}: is not a Word document (.docx): it has no [Content_Types].xml") from e
    if b"macroEnabled" in types or b"vbaProject" in types:
        raise BuildError(f"{label}: is a macro-enabled document; save it as a plain .docx (Word Document)")


_DOCTYPES = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def _check_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> None:
    # Word never writes a document type declaration; one can only be there to declare entities, whose text
    # would then be copied into the agreement's own parts.
    with archive.open(info) as part:
        head = part.read(8192).upper()
    if any(doctype.upper() in head for doctype in _DOCTYPES):
        raise BuildError(f"{label}: {info.filename} declares a document type (DOCTYPE), which Word documents "
                         "never do; save the reference document again from Word")


def _check_relationships(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> None:
    try:
        root = etree.fromstring(archive.read(info), _PARSER)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError) as e:
        raise BuildError(f"{label}: {info.filename} is damaged: {e}") from e
    for rel in root.iter(f"{_RELS_NS}Relationship"):
        if rel.get("TargetMode") == "External" and rel.get("Type") != _HYPERLINK:
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            raise BuildError(f"{label}: links to an outside file ({kind}: {rel.get('Target')}); a reference "
                             "document may link only to web pages")


def require_styles(defined: set[str], label: str) -> None:
    """Refuse a reference document that lacks a style the writer uses, naming the missing ones."""
    missing = [s for s in STYLES if s not in defined]
    if missing:
        raise BuildError(f"{label}: lacks the style{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                         f"start from the reference document that ships with agreement-builder "
                         f"({shipped_path()}) and keep its style names")
