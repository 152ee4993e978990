"""The reference .docx that gives a built agreement its house style: the shipped one, or the user's, checked
before it is opened. A reference document may bring styles, a page layout, a header and a footer (with page
numbers and document properties), images and fonts; it may not bring anything that acts when the agreement is
opened or its fields are updated: macros, ActiveX controls, embedded objects, imported chunks of other
documents, mail-merge data sources, fields that fetch or run something, links to anything but web pages, or a
document type declaration (which can only be there to declare entities). It is also bounded in size, and a
zip bomb, a damaged or a password-protected file is refused with a message that says what to do."""

from __future__ import annotations

import io
import zipfile
import zlib
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import BuildError
from ..files import NotRegularFile, read_file

SHIPPED = "reference.docx"
MAX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small parts compress well; only big ones can be bombs
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: a .doc, or an encrypted .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_O = "{urn:schemas-microsoft-com:office:office}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_SAVE_AGAIN = "save it again from Word as a Word Document (.docx)"

# Elements that bring in or run something: another document's content, an OLE object, an ActiveX control, a
# sub-document, a mail-merge data source.
_ACTIVE = {f"{_W}altChunk": "an imported chunk of another document (altChunk)",
           f"{_O}OLEObject": "an embedded or linked object (OLE)", f"{_W}control": "an ActiveX control",
           f"{_W}subDoc": "a sub-document", f"{_W}mailMerge": "a mail merge with a data source"}
# Relationship types (their last part, in lower case) that do the same through the package.
_ACTIVE_RELATIONSHIPS = frozenset({
    "vbaproject", "wordvbadata", "vbaprojectsignature", "keymapcustomizations", "attachedtoolbars",
    "activexcontrol", "activexcontrolbinary", "control", "oleobject", "package", "afchunk", "subdocument",
    "mailmergesource", "mailmergeheadersource", "mailmergerecipientdata", "recipientdata",
})
# Words in a content type (in lower case) that mark the same kinds of part.
_ACTIVE_TYPES = ("macroenabled", "vbaproject", "vbadata", "keymapcustomizations", "attachedtoolbars", "activex",
                 "oleobject")
# Field codes a header or footer may hold: page numbers, dates, document properties, cross-references and
# the like. Others (INCLUDETEXT, INCLUDEPICTURE, DDE, DDEAUTO, LINK, HYPERLINK, DATABASE, MACROBUTTON, ...)
# fetch a file, a web page or another program's data, or run something, when the fields are updated.
SAFE_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE",
    "EDITTIME", "TITLE", "SUBJECT", "AUTHOR", "KEYWORDS", "COMMENTS", "LASTSAVEDBY", "DOCPROPERTY", "FILENAME",
    "NUMWORDS", "NUMCHARS", "REVNUM", "TEMPLATE", "STYLEREF", "REF", "PAGEREF", "NOTEREF", "SEQ", "TOC", "TC",
    "XE", "INDEX", "SYMBOL", "LISTNUM", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT", "IF", "COMPARE", "QUOTE", "=",
})
_WEB = ("http://", "https://", "mailto:")

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
    data = _read(path)
    check(data, str(path))
    return data


def _read(path: Path) -> bytes:
    """A regular file's bytes, read no further than the size limit (a device or a FIFO is refused unread)."""
    try:
        data = read_file(path, MAX_BYTES)
    except FileNotFoundError as e:
        raise BuildError(f"{path}: no such reference document") from e
    except NotRegularFile as e:
        raise BuildError(f"{path}: is {e.strerror}; give a Word document (.docx)") from e
    except OSError as e:
        raise BuildError(f"{path}: cannot be read: {e.strerror or e}") from e
    if len(data) > MAX_BYTES:
        raise BuildError(f"{path}: is larger than {MAX_BYTES // (1024 * 1024)} MB; a reference document holds "
                         "styles, not content")
    return data


def check(data: bytes, label: str) -> None:
    """Refuse a reference document that is not a plain .docx (see the module's docstring for what that means)."""
    if data.startswith(_OLE):
        raise BuildError(f"{label}: is password-protected, or an old Word document (.doc); remove the password "
                         f"and {_SAVE_AGAIN}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
        raise BuildError(f"{label}: is not a Word document (.docx); it is not even a zip file") from e
    with archive:
        infos = archive.infolist()
        _check_sizes(infos, label)
        if "[Content_Types].xml" not in archive.namelist():
            raise BuildError(f"{label}: is not a Word document (.docx): it has no [Content_Types].xml")
        for info in infos:
            _check_name(info, label)
        for info in infos:
            content = _read_part(archive, info, label)
            if _looks_like_xml(info.filename, content):
                _scan(content, info.filename, label)


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


def _check_name(info: zipfile.ZipInfo, label: str) -> None:
    if info.flag_bits & 0x1:
        raise BuildError(f"{label}: is password-protected ({info.filename} is encrypted); remove the password and "
                         f"{_SAVE_AGAIN}")
    name = info.filename.lower()
    if name.endswith(("vbaproject.bin", "vbadata.xml")) or "/activex/" in name:
        raise BuildError(f"{label}: contains macros or controls ({info.filename}); save it as a plain "
                         ".docx (Word Document) without macros")
    if "/embeddings/" in name:
        raise BuildError(f"{label}: holds an embedded object ({info.filename}); a reference document may hold "
                         "styles, a header and a footer, images and fonts only")


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    """One part's bytes: reading them all also checks that each part unpacks to what it says (its size and
    checksum), so a damaged document is refused here rather than half-used later."""
    try:
        return _bounded_read(archive, info)
    except NotImplementedError as e:
        raise BuildError(f"{label}: {info.filename} is compressed in a way this tool cannot read; "
                         f"{_SAVE_AGAIN}") from e
    except RuntimeError as e:  # zipfile's word for an encrypted part
        raise BuildError(f"{label}: is password-protected ({info.filename}); remove the password and "
                         f"{_SAVE_AGAIN}") from e
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as e:
        raise BuildError(f"{label}: is damaged ({info.filename} cannot be unpacked: {e}); {_SAVE_AGAIN}") from e


def _bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes, unpacked a block at a time: its header's size is only a claim, and a single read would
    unpack everything its compressed bytes hold (a part claiming 1,000 bytes may hold a gigabyte) before the
    size is compared. Past the claimed size, the part is damaged."""
    chunks, held = [], 0
    with archive.open(info) as part:
        while block := part.read(_BLOCK):
            held += len(block)
            if held > info.file_size:
                raise zipfile.BadZipFile(f"it unpacks to more than the {info.file_size} bytes it claims")
            chunks.append(block)
    return b"".join(chunks)


_BLOCK = 64 * 1024


def _looks_like_xml(name: str, content: bytes) -> bool:
    """Whether a part is XML, whatever its name: by its name, or by its first character in any encoding XML
    allows (UTF-8, UTF-16 or UTF-32, with or without a byte order mark)."""
    if name.lower().endswith((".xml", ".rels")):
        return True
    head = content[:8].lstrip(b" \t\r\n")
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return True
    return head[:1] == b"<" or head[:2] == b"\x00<" or head[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<") or \
        head[:2] == b"<\x00"


class _Refused(Exception):
    """Raised by the scanner, inside the XML parser, for what a reference document may not hold."""


def _scan(content: bytes, part: str, label: str) -> None:
    """Read one XML part from start to end, without building it: a document type declaration, active content
    or an unsafe link is refused, and so is a part that is not well-formed XML."""
    scanner = _Scanner()
    parser = etree.XMLParser(target=scanner, resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        etree.fromstring(content, parser)
    except _Refused as e:
        raise BuildError(f"{label}: {part} {e}") from e
    except etree.XMLSyntaxError as e:
        raise BuildError(f"{label}: {part} is damaged (not well-formed XML: {e.msg}); {_SAVE_AGAIN}") from e


class _Scanner:
    """The parser's target: sees each element's start and end, the text, and any document type declaration."""

    def __init__(self) -> None:
        self.fields: list[list[str]] = []  # the codes of the fields being read, innermost last
        self.code: list[str] | None = None  # where instruction text goes while inside one

    def doctype(self, *_: Any) -> None:
        raise _Refused("declares a document type (DOCTYPE), which Word documents never do; save the reference "
                       "document again from Word")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag in _ACTIVE:
            raise _Refused(f"holds {_ACTIVE[tag]}, which a reference document may not; remove it")
        if tag == f"{_W}fldSimple":
            _check_field(attrib.get(f"{_W}instr", ""))
        elif tag == f"{_W}fldChar":
            kind = attrib.get(f"{_W}fldCharType")
            if kind == "begin":
                self.fields.append([])
            elif kind in ("separate", "end") and self.fields:
                _check_field("".join(self.fields[-1]))
                if kind == "end":
                    self.fields.pop()
        elif tag == f"{_W}instrText":
            self.code = self.fields[-1] if self.fields else []
        elif tag == f"{_RELS}Relationship":
            _check_relationship(attrib)
        elif tag in (f"{_TYPES}Default", f"{_TYPES}Override"):
            content_type = attrib.get("ContentType", "").lower()
            if any(word in content_type for word in _ACTIVE_TYPES):
                raise _Refused(f"declares a part of type {attrib.get('ContentType')} (macros, controls or "
                               "embedded objects); save it as a plain .docx (Word Document) without macros")
        link = attrib.get(f"{_O}href", "")
        if "://" in link or link.startswith(("\\\\", "file:")):
            raise _Refused(f"shows a picture fetched from {link}; insert the picture into the document instead")

    def end(self, tag: str) -> None:
        if tag == f"{_W}instrText":
            if self.code is not None and not self.fields:
                _check_field("".join(self.code))  # instruction text outside any field: checked on its own
            self.code = None

    def data(self, text: str) -> None:
        if self.code is not None:
            self.code.append(text)

    def close(self) -> None:
        for code in self.fields:  # fields left open at the end of the part
            _check_field("".join(code))


def _check_field(code: str) -> None:
    words = code.split()
    name = words[0].upper() if words else ""
    if name.startswith("="):
        name = "="
    if name and name not in SAFE_FIELDS:
        raise _Refused(f"holds a {name} field, which can fetch a file or a web page, or run a program, when "
                       "fields are updated; a reference document's fields may show page numbers, dates and "
                       "document properties only")


def _check_relationship(attrib: dict[str, str]) -> None:
    kind = attrib.get("Type", "").rsplit("/", 1)[-1]
    target = attrib.get("Target", "")
    if kind.lower() in _ACTIVE_RELATIONSHIPS:
        raise _Refused(f"links to {kind} content ({target}): macros, controls, embedded objects or data "
                       "sources; save it as a plain .docx (Word Document) without them")
    if attrib.get("TargetMode", "").lower() == "external":
        if kind.lower() != "hyperlink":
            raise _Refused(f"links to an outside file ({kind}: {target}); a reference document may link only to "
                           "web pages")
        if not target.strip().lower().startswith(_WEB):
            raise _Refused(f"holds a link to {target}, which is not a web page; a reference document may link "
                           "only to web pages (http, https or mailto)")


def require_structure(body: Any, label: str) -> None:
    """Refuse a reference document whose main part has no body, or a body without section properties (the
    page size, margins, header and footer the agreement takes)."""
    if body is None:
        raise BuildError(f"{label}: has no document body; {_SAVE_AGAIN}, or start from the one that ships with "
                         f"agreement-builder ({shipped_path()})")
    if body.sectPr is None:
        raise BuildError(f"{label}: has no section properties (page size, margins, header and footer); "
                         f"{_SAVE_AGAIN}, or start from the one that ships with agreement-builder ({shipped_path()})")


def require_styles(defined: set[str], label: str) -> None:
    """Refuse a reference document that lacks a style the writer uses, naming the missing ones."""
    missing = [s for s in STYLES if s not in defined]
    if missing:
        raise BuildError(f"{label}: lacks the style{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                         f"start from the reference document that ships with agreement-builder "
                         f"({shipped_path()}) and keep its style names")
