"""Checks a .docx the way Word reads it: every XML part against the ECMA-376 schemas, then what they miss.

`check_docx(path)` returns one line per problem (an empty list means the file is sound); `docx_text(path)`
gives the text a reader sees, for tests that compare it with the input.

The schemas are copies kept in ``tests/schemas/ooxml`` (see the README there), used unmodified. Two things are
supplied here instead of being fetched:
- ``xml.xsd`` is imported first by an in-memory wrapper schema, because ``wml.xsd`` imports the ``xml:``
  namespace without saying where its schema is;
- the core-properties schema imports the Dublin Core schemas from the web. A checker must not depend on the
  network, so a resolver answers those two addresses with minimal schemas written here, declaring only the
  Dublin Core elements and the date type that core properties use.
"""

from __future__ import annotations

import functools
import os
import posixpath
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

CONTENT_TYPES = "[Content_Types].xml"

# The schemas a WordprocessingML package needs, after xml.xsd; each pulls in what it imports.
SCHEMAS = (
    "transitional/wml.xsd",
    "transitional/dml-main.xsd",
    "transitional/dml-wordprocessingDrawing.xsd",
    "transitional/vml-main.xsd",
    "transitional/vml-officeDrawing.xsd",
    "transitional/vml-wordprocessingDrawing.xsd",
    "transitional/shared-documentPropertiesExtended.xsd",
    "transitional/shared-documentPropertiesCustom.xsd",
    "transitional/shared-customXmlDataProperties.xsd",
    "transitional/shared-bibliography.xsd",
    "opc/opc-contentTypes.xsd",
    "opc/opc-relationships.xsd",
    "opc/opc-coreProperties.xsd",
)

_DC_URL = "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd"
_DCTERMS_URL = "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd"

# Minimal stand-ins for the two Dublin Core schemas (see the module docstring).
_DC_STANDIN = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="{DC}"
    xmlns="{DC}" elementFormDefault="qualified">
  <xsd:import namespace="{XML_NS}"/>
  <xsd:complexType name="SimpleLiteral" mixed="true">
    <xsd:complexContent>
      <xsd:restriction base="xsd:anyType">
        <xsd:sequence/>
        <xsd:attribute ref="xml:lang" use="optional"/>
      </xsd:restriction>
    </xsd:complexContent>
  </xsd:complexType>
  <xsd:element name="any" type="SimpleLiteral" abstract="true"/>
  {"".join(f'<xsd:element name="{n}" type="SimpleLiteral" substitutionGroup="any"/>'
           for n in ("title", "creator", "subject", "description", "identifier", "language", "date"))}
</xsd:schema>"""

_DCTERMS_STANDIN = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="{DCTERMS}"
    xmlns:dc="{DC}" elementFormDefault="qualified">
  <xsd:import namespace="{DC}" schemaLocation="{_DC_URL}"/>
  <xsd:import namespace="{XML_NS}"/>
  <xsd:element name="created" type="dc:SimpleLiteral" substitutionGroup="dc:date"/>
  <xsd:element name="modified" type="dc:SimpleLiteral" substitutionGroup="dc:date"/>
  <xsd:complexType name="W3CDTF">
    <xsd:simpleContent>
      <xsd:restriction base="dc:SimpleLiteral">
        <xsd:simpleType>
          <xsd:union memberTypes="xsd:gYear xsd:gYearMonth xsd:date xsd:dateTime"/>
        </xsd:simpleType>
        <xsd:attribute ref="xml:lang" use="prohibited"/>
      </xsd:restriction>
    </xsd:simpleContent>
  </xsd:complexType>
</xsd:schema>"""

# The root element each part must have, by its content type.
_ROOTS = {
    "application/vnd.openxmlformats-package.relationships+xml": f"{{{PR}}}Relationships",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": f"{{{W}}}document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": f"{{{W}}}document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml": f"{{{W}}}styles",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml": f"{{{W}}}numbering",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml": f"{{{W}}}settings",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml": f"{{{W}}}webSettings",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml": f"{{{W}}}fonts",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml": f"{{{W}}}comments",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml": f"{{{W}}}hdr",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml": f"{{{W}}}ftr",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": f"{{{W}}}footnotes",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": f"{{{W}}}endnotes",
    "application/vnd.openxmlformats-package.core-properties+xml":
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml":
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties",
    "application/vnd.openxmlformats-officedocument.theme+xml":
        "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
}

# Parts holding document text (stories): where bookmarks, comment references and most style uses live.
_STORY_TYPES = {
    "document.main+xml", "template.main+xml", "header+xml", "footer+xml", "footnotes+xml", "endnotes+xml",
    "comments+xml",
}
_BLOCKS = {f"{{{W}}}p", f"{{{W}}}tbl", f"{{{W}}}sdt", f"{{{W}}}customXml"}


SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "ooxml"


def compiled_schemas() -> None:
    """Compile the schemas now (once per process): a test calls this before drawing examples, so that a missing
    or broken schema file fails it at once rather than in every example Hypothesis tries."""
    _compiled(SCHEMA_DIR)


class _DublinCore(etree.Resolver):  # type: ignore[misc]
    """Answers the Dublin Core schema addresses with the stand-ins; everything else resolves as usual."""

    def resolve(self, url: str, pubid: str | None, context: Any) -> Any:
        if url == _DC_URL:
            return self.resolve_string(_DC_STANDIN, context)
        if url == _DCTERMS_URL:
            return self.resolve_string(_DCTERMS_STANDIN, context)
        return None


@dataclass(frozen=True)
class _Schema:
    xsd: etree.XMLSchema
    namespaces: frozenset[str]  # the namespaces it declares: what Markup Compatibility calls "understood"


@functools.lru_cache(maxsize=4)
def _compiled(folder: Path) -> _Schema:
    """The wrapper schema for ``folder``, compiled once per process (compiling takes a few seconds)."""
    imports = [(XML_NS, folder / "w3c" / "xml.xsd")]
    imports += [(_target_namespace(folder / name), folder / name) for name in SCHEMAS]
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        + "".join(f'<xsd:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>' for ns, path in imports)
        + "</xsd:schema>"
    )
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_DublinCore())
    document = etree.fromstring(wrapper.encode(), parser, base_url=(folder / "wrapper.xsd").as_uri())
    namespaces = {XML_NS, DC, DCTERMS}
    for _, path in imports[1:]:
        namespaces |= _imported_namespaces(path)
    return _Schema(etree.XMLSchema(document), frozenset(namespaces))


def _target_namespace(path: Path) -> str:
    return str(etree.parse(str(path)).getroot().get("targetNamespace"))


def _imported_namespaces(path: Path, seen: set[Path] | None = None) -> set[str]:
    """The target namespaces of ``path`` and of every local schema it imports, transitively."""
    seen = set() if seen is None else seen
    if path in seen:
        return set()
    seen.add(path)
    root = etree.parse(str(path)).getroot()
    found = {str(root.get("targetNamespace"))}
    for element in root.iterfind("{http://www.w3.org/2001/XMLSchema}import"):
        location = element.get("schemaLocation")
        if location and "://" not in location:
            found |= _imported_namespaces((path.parent / location).resolve(), seen)
    return found


# ---------------------------------------------------------------- the package


@dataclass
class _Package:
    names: list[str]
    types: dict[str, str]  # part name (no leading slash) -> content type
    trees: dict[str, etree._ElementTree]  # the XML parts that parsed

    def type_of(self, name: str) -> str:
        return self.types.get(name, "")

    def parts_of(self, suffixes: Iterable[str]) -> Iterator[tuple[str, etree._Element]]:
        wanted = tuple(f".{s}" if not s.startswith(".") else s for s in suffixes)
        for name, tree in self.trees.items():
            if self.type_of(name).endswith(wanted) and "wordprocessingml" in self.type_of(name):
                yield name, tree.getroot()


def check_docx(path: str | os.PathLike[str]) -> list[str]:
    """Every problem found in the .docx at ``path``, one line each, as ``part: message``; [] when sound."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        return [f"{path}: not a readable zip package ({e})"]
    with archive:
        problems: list[str] = []
        names = [n for n in archive.namelist() if not n.endswith("/")]
        problems += [f"{n}: appears {c} times in the zip" for n, c in Counter(names).items() if c > 1]
        package = _read(archive, names, problems)
    problems += _content_type_problems(package)
    problems += _relationship_problems(package)
    problems += _schema_problems(package)
    problems += _wml_problems(package)
    return problems


def _read(archive: zipfile.ZipFile, names: list[str], problems: list[str]) -> _Package:
    trees: dict[str, etree._ElementTree] = {}
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    for name in dict.fromkeys(names):
        if name == CONTENT_TYPES or name.endswith((".xml", ".rels")):
            try:
                trees[name] = etree.ElementTree(etree.fromstring(archive.read(name), parser))
            except etree.XMLSyntaxError as e:
                problems.append(f"{name}: not well-formed XML ({e})")
    types: dict[str, str] = {}
    if CONTENT_TYPES not in trees:
        problems.append(f"{CONTENT_TYPES}: missing or unreadable")
    else:
        root = trees[CONTENT_TYPES].getroot()
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{{{CT}}}Default")}
        overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                     for o in root.iter(f"{{{CT}}}Override")}
        for name in names:
            extension = name.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(name) else ""
            found = overrides.get(name.lower()) or defaults.get(extension)
            if found:
                types[name] = found
    return _Package(list(dict.fromkeys(names)), types, trees)


def _content_type_problems(package: _Package) -> Iterator[str]:
    for name in package.names:
        if name != CONTENT_TYPES and name not in package.types:
            yield f"{name}: no content type for this part in {CONTENT_TYPES}"
    for name, tree in package.trees.items():
        expected = _ROOTS.get(package.type_of(name)) or (_ROOTS[_rels_type()] if name.endswith(".rels") else None)
        if expected and tree.getroot().tag != expected:
            yield f"{name}: the root element is {tree.getroot().tag}, but its content type needs {expected}"


# The content type a part needs, by the type of the relationship that reaches it.
_RELATIONSHIP_TYPES = {
    "officeDocument": ("document.main+xml", "template.main+xml"),
    "styles": ("styles+xml",), "numbering": ("numbering+xml",), "settings": ("settings+xml",),
    "webSettings": ("webSettings+xml",), "fontTable": ("fontTable+xml",), "comments": ("comments+xml",),
    "header": ("header+xml",), "footer": ("footer+xml",), "footnotes": ("footnotes+xml",),
    "endnotes": ("endnotes+xml",), "theme": ("theme+xml",), "extended-properties": ("extended-properties+xml",),
    "metadata/core-properties": ("core-properties+xml",),
}


def _rels_type() -> str:
    return "application/vnd.openxmlformats-package.relationships+xml"


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _relationships(package: _Package, part: str) -> dict[str, etree._Element]:
    tree = package.trees.get(_rels_name(part))
    if tree is None:
        return {}
    return {r.get("Id", ""): r for r in tree.getroot().iter(f"{{{PR}}}Relationship")}


def _relationship_problems(package: _Package) -> Iterator[str]:
    for name in package.names:
        if not name.endswith(".rels"):
            continue
        source = posixpath.dirname(posixpath.dirname(name))  # the folder of the part these relationships leave
        ids = [r.get("Id", "") for r in package.trees[name].getroot().iter(f"{{{PR}}}Relationship")] \
            if name in package.trees else []
        yield from (f"{name}: relationship id {i} is used {c} times" for i, c in Counter(ids).items() if c > 1)
        for rel in package.trees[name].getroot().iter(f"{{{PR}}}Relationship") if name in package.trees else ():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(source, target))
            if resolved not in package.names:
                yield f"{name}: relationship {rel.get('Id')} points to {target}, which is not in the package"
                continue
            kind = rel.get("Type", "").rsplit("/relationships/", 1)[-1]
            needed = _RELATIONSHIP_TYPES.get(kind)
            if needed and not package.type_of(resolved).endswith(needed):
                yield (f"{name}: relationship {rel.get('Id')} reaches {resolved} as a {kind} part, but its content "
                       f"type is {package.type_of(resolved) or 'missing'}")
    for name, tree in package.trees.items():
        if name.endswith(".rels") or name == CONTENT_TYPES:
            continue
        known = _relationships(package, name)
        for element in tree.getroot().iter():
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{R}}}") and value not in known:
                    yield (f"{name}:{element.sourceline}: {_short(element.tag)} {_short(attribute)}=\"{value}\" "
                           f"has no relationship in {_rels_name(name)}")


# ---------------------------------------------------------------- schema validation


def _schema_problems(package: _Package) -> Iterator[str]:
    schema = _compiled(SCHEMA_DIR)
    for name, tree in package.trees.items():
        content_type = package.type_of(name)
        namespace = etree.QName(tree.getroot()).namespace or ""
        if namespace not in schema.namespaces:
            if content_type in ("application/xml", "text/xml"):
                continue  # custom XML data: any vocabulary at all
            yield f"{name}: no schema for its root element {tree.getroot().tag}, so it cannot be checked"
            continue
        copy = etree.ElementTree(deepcopy(tree.getroot()))
        problems = list(understand(copy.getroot(), schema.namespaces))
        yield from (f"{name}: {p}" for p in problems)
        if not schema.xsd.validate(copy):
            for error in schema.xsd.error_log:
                yield f"{name}:{error.line}: {error.message}"


def understand(root: etree._Element, namespaces: frozenset[str]) -> Iterator[str]:
    """Markup Compatibility processing (ECMA-376 Part 3) in place, as a consumer that knows ``namespaces``.

    Elements and attributes from ignorable namespaces it does not know are dropped (elements named in
    ``mc:ProcessContent`` keep their children); each ``mc:AlternateContent`` becomes the content of its first
    ``mc:Choice`` whose ``Requires`` it knows, else of its ``mc:Fallback``. Yields what cannot be processed.
    """
    known = namespaces | {MC}
    yield from _understand(root, known, frozenset(), frozenset())


def _prefixed(element: etree._Element, attribute: str) -> tuple[list[str], list[str]]:
    """The namespaces named by the prefixes in an attribute, and the prefixes that are not declared."""
    found: list[str] = []
    undeclared: list[str] = []
    for prefix in (element.get(attribute) or "").split():
        namespace = element.nsmap.get(prefix)
        if namespace:
            found.append(namespace)
        else:
            undeclared.append(prefix)
    return found, undeclared


def _understand(element: etree._Element, known: frozenset[str], ignorable: frozenset[str],
                process: frozenset[str]) -> Iterator[str]:
    ignored, undeclared = _prefixed(element, f"{{{MC}}}Ignorable")
    ignorable |= frozenset(ignored)
    must, undeclared_must = _prefixed(element, f"{{{MC}}}MustUnderstand")
    yield from (f"line {element.sourceline}: mc prefix {p} is not declared" for p in undeclared + undeclared_must)
    yield from (f"line {element.sourceline}: must understand {n}, which no schema here declares"
                for n in must if n not in known)
    process |= frozenset(_process_content(element))
    for attribute in list(element.attrib):
        namespace = etree.QName(attribute).namespace
        if namespace == MC or (namespace in ignorable and namespace not in known):
            del element.attrib[attribute]
    index = 0
    while index < len(element):
        child = element[index]
        if not isinstance(child.tag, str):
            index += 1
            continue
        qname = etree.QName(child)
        if qname.namespace == MC and qname.localname == "AlternateContent":
            element[index:index + 1] = _choose(child, known)
        elif qname.namespace in ignorable and qname.namespace not in known:
            element[index:index + 1] = list(child) if _processes(child, process) else []
        else:
            yield from _understand(child, known, ignorable, process)
            index += 1


def _process_content(element: etree._Element) -> Iterator[str]:
    for name in (element.get(f"{{{MC}}}ProcessContent") or "").split():
        prefix, _, local = name.rpartition(":")
        namespace = element.nsmap.get(prefix)
        if namespace:
            yield f"{{{namespace}}}{local}"


def _processes(element: etree._Element, process: frozenset[str]) -> bool:
    qname = etree.QName(element)
    return element.tag in process or f"{{{qname.namespace}}}*" in process


def _choose(alternate: etree._Element, known: frozenset[str]) -> list[etree._Element]:
    for choice in alternate.iterfind(f"{{{MC}}}Choice"):
        required, undeclared = _prefixed(choice, "Requires")
        if not undeclared and all(n in known for n in required):
            return list(choice)
    fallback = alternate.find(f"{{{MC}}}Fallback")
    return list(fallback) if fallback is not None else []


# ---------------------------------------------------------------- what the schemas miss


def _val(element: etree._Element, name: str = "val") -> str | None:
    value = element.get(f"{{{W}}}{name}")
    return None if value is None else str(value)


def _short(tag: str) -> str:
    prefixes = {W: "w", R: "r"}
    qname = etree.QName(tag)
    prefix = prefixes.get(qname.namespace or "")
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _wml_problems(package: _Package) -> Iterator[str]:
    stories = list(package.parts_of(_STORY_TYPES))
    yield from _bookmark_problems(stories)
    yield from _comment_problems(package, stories)
    yield from _style_problems(package)
    yield from _numbering_problems(package)
    yield from _cell_problems(package)


def _bookmark_problems(stories: list[tuple[str, etree._Element]]) -> Iterator[str]:
    ids: Counter[str] = Counter()
    names: Counter[str] = Counter()
    ends: list[tuple[str, etree._Element]] = []
    for name, root in stories:
        for start in root.iter(f"{{{W}}}bookmarkStart"):
            ids[_val(start, "id") or ""] += 1
            names[_val(start, "name") or ""] += 1
        ends += [(name, end) for end in root.iter(f"{{{W}}}bookmarkEnd")]
    yield from (f"bookmark id {i} is used by {c} bookmarks" for i, c in ids.items() if c > 1)
    yield from (f"bookmark name {n!r} is used by {c} bookmarks" for n, c in names.items() if c > 1)
    for name, end in ends:
        if _val(end, "id") not in ids:
            yield f"{name}:{end.sourceline}: w:bookmarkEnd {_val(end, 'id')} closes no bookmark"


def _comment_problems(package: _Package, stories: list[tuple[str, etree._Element]]) -> Iterator[str]:
    ids: Counter[str] = Counter()
    for _, root in package.parts_of({"comments+xml"}):
        for comment in root.iter(f"{{{W}}}comment"):
            ids[_val(comment, "id") or ""] += 1
    yield from (f"comment id {i} is used by {c} comments" for i, c in ids.items() if c > 1)
    markers = ("commentReference", "commentRangeStart", "commentRangeEnd")
    for name, root in stories:
        for marker in markers:
            for element in root.iter(f"{{{W}}}{marker}"):
                if _val(element, "id") not in ids:
                    yield f"{name}:{element.sourceline}: w:{marker} {_val(element, 'id')} refers to no comment"


_STYLE_USES = {"pStyle": "paragraph", "rStyle": "character", "tblStyle": "table"}
_STYLE_LINKS = ("basedOn", "next", "link")


def _style_problems(package: _Package) -> Iterator[str]:
    styles = next(package.parts_of({"styles+xml"}), None)
    defined: dict[str, str] = {}
    if styles is not None:
        counted = Counter(_val(s, "styleId") for s in styles[1].iter(f"{{{W}}}style"))
        yield from (f"{styles[0]}: style id {i} is defined {c} times" for i, c in counted.items() if c > 1)
        defined = {_val(s, "styleId") or "": _val(s, "type") or "paragraph" for s in styles[1].iter(f"{{{W}}}style")}
        for link in _STYLE_LINKS:
            for element in styles[1].iter(f"{{{W}}}{link}"):
                if _val(element) not in defined:
                    yield f"{styles[0]}:{element.sourceline}: w:{link} {_val(element)} names no style"
    users = list(package.parts_of(_STORY_TYPES | {"styles+xml", "numbering+xml"}))
    for name, root in users:
        for use, kind in _STYLE_USES.items():
            for element in root.iter(f"{{{W}}}{use}"):
                value = _val(element)
                if value not in defined:
                    yield f"{name}:{element.sourceline}: w:{use} {value} names no style"
                elif defined[value] != kind:
                    yield (f"{name}:{element.sourceline}: w:{use} {value} names a {defined[value]} style, "
                           f"not a {kind} one")


def _numbering_problems(package: _Package) -> Iterator[str]:
    numbering = next(package.parts_of({"numbering+xml"}), None)
    nums: Counter[str] = Counter()
    abstracts: Counter[str] = Counter()
    if numbering is not None:
        name, root = numbering
        nums.update(_val(n, "numId") or "" for n in root.iterfind(f"{{{W}}}num"))
        abstracts.update(_val(a, "abstractNumId") or "" for a in root.iterfind(f"{{{W}}}abstractNum"))
        yield from (f"{name}: numId {i} is defined {c} times" for i, c in nums.items() if c > 1)
        yield from (f"{name}: abstractNumId {i} is defined {c} times" for i, c in abstracts.items() if c > 1)
        for element in root.iter(f"{{{W}}}abstractNumId"):
            if _val(element) not in abstracts:
                yield f"{name}:{element.sourceline}: w:abstractNumId {_val(element)} names no abstract numbering"
    for name, root in package.parts_of(_STORY_TYPES | {"styles+xml"}):
        for element in root.iter(f"{{{W}}}numId"):
            if _val(element) != "0" and _val(element) not in nums:
                yield f"{name}:{element.sourceline}: w:numId {_val(element)} names no numbering definition"
        for element in root.iter(f"{{{W}}}ilvl"):
            if not (_val(element) or "").isdigit() or not 0 <= int(_val(element) or "0") <= 8:
                yield f"{name}:{element.sourceline}: w:ilvl {_val(element)} is not a list level (0 to 8)"


def _cell_problems(package: _Package) -> Iterator[str]:
    for name, root in package.parts_of(_STORY_TYPES):
        for cell in root.iter(f"{{{W}}}tc"):
            last = _last_block(cell)
            if last is None:
                yield f"{name}:{cell.sourceline}: a table cell (w:tc) holds no paragraph"
            elif last.tag != f"{{{W}}}p":
                yield (f"{name}:{cell.sourceline}: a table cell (w:tc) ends with {_short(last.tag)}, "
                       "not the paragraph Word needs last")


def _last_block(container: etree._Element) -> etree._Element | None:
    """The last block-level element in ``container``, looking inside content controls and custom XML."""
    for child in reversed(container):
        if child.tag in _BLOCKS:
            if child.tag == f"{{{W}}}p" or child.tag == f"{{{W}}}tbl":
                return child
            content = child.find(f"{{{W}}}sdtContent") if child.tag == f"{{{W}}}sdt" else child
            return _last_block(content) if content is not None else child
    return None


# ---------------------------------------------------------------- text


_TEXT = {f"{{{W}}}t": None, f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n",
         f"{{{W}}}noBreakHyphen": "\u2011", f"{{{W}}}softHyphen": "\u00ad"}


def docx_text(path: str | os.PathLike[str]) -> str:
    """The text of the document, its headers and footers, footnotes and comments: a paragraph a line.

    Runs are joined within a paragraph; ``w:br`` reads as a newline and ``w:tab`` (in a run) as a tab.
    Deleted text and field codes are not text a reader sees, so they are left out.
    """
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        types = _read(archive, names, []).types
        wanted = [n for n in names if any(types.get(n, "").endswith(f".{t}") for t in _STORY_TYPES)]
        parts = [etree.fromstring(archive.read(n), etree.XMLParser(huge_tree=True)) for n in wanted]
    return "\n".join(_paragraph_text(p) for root in parts for p in root.iter(f"{{{W}}}p"))


def _paragraph_text(paragraph: etree._Element) -> str:
    pieces: list[str] = []
    for run in paragraph.iter(f"{{{W}}}r"):
        if _inside(run, paragraph, f"{{{W}}}p"):
            continue  # a run of a nested paragraph (text box): that paragraph is read on its own
        for child in run:
            if child.tag in _TEXT:
                pieces.append(child.text or "" if _TEXT[child.tag] is None else str(_TEXT[child.tag]))
    return "".join(pieces)


def _inside(element: etree._Element, stop: etree._Element, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False



# ---------------------------------------------------------------- numbering, as a reader sees it


@dataclass(frozen=True)
class Numbered:
    """A paragraph of the document body that Word numbers: its list, level, format and text."""

    abstract: str  # the abstract numbering definition: paragraphs sharing one count together
    level: int
    format: str  # numFmt of the level: decimal, lowerLetter, bullet, ...
    pattern: str  # lvlText of the level, e.g. "%1.%2"
    text: str


def numbered_paragraphs(path: str | os.PathLike[str]) -> list[Numbered]:
    """The numbered paragraphs of the main document body, outside tables, in reading order.

    Numbering comes from the paragraph's own ``w:numPr`` or from its style (following ``w:basedOn``); the
    level from the paragraph, else the style, else the numbering level bound to the style by ``w:pStyle``.
    """
    with zipfile.ZipFile(path) as archive:
        package = _read(archive, archive.namelist(), [])
    document = next(package.parts_of({"document.main+xml"}))[1]
    styles = next(package.parts_of({"styles+xml"}), ("", etree.Element("none")))[1]
    numbering = next(package.parts_of({"numbering+xml"}), ("", etree.Element("none")))[1]
    by_id = {_val(s, "styleId"): s for s in styles.iter(f"{{{W}}}style")}
    nums = {_val(n, "numId"): _child_val(n, "abstractNumId") for n in numbering.iterfind(f"{{{W}}}num")}
    abstracts = {_val(a, "abstractNumId"): a for a in numbering.iterfind(f"{{{W}}}abstractNum")}
    body = document.find(f"{{{W}}}body")
    found: list[Numbered] = []
    for paragraph in body.iter(f"{{{W}}}p") if body is not None else ():
        if _inside(paragraph, body, f"{{{W}}}tbl") or _inside(paragraph, body, f"{{{W}}}p"):
            continue
        style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        num_id, level = _numbering_of(paragraph.find(f"{{{W}}}pPr"), _val(style) if style is not None else None,
                                      by_id)
        abstract = abstracts.get(nums.get(num_id)) if num_id not in (None, "0") else None
        if abstract is None:
            continue
        style_id = _val(style) if style is not None else None
        levels = {int(_val(lvl, "ilvl") or 0): lvl for lvl in abstract.iterfind(f"{{{W}}}lvl")}
        if level is None:
            bound = [i for i, lvl in levels.items() if _child_val(lvl, "pStyle") == style_id]
            level = bound[0] if bound else 0
        lvl = levels.get(level)
        found.append(Numbered(str(_val(abstract, "abstractNumId")), level,
                              (_child_val(lvl, "numFmt") or "decimal") if lvl is not None else "decimal",
                              (_child_val(lvl, "lvlText") or "") if lvl is not None else "",
                              _paragraph_text(paragraph)))
    return found


def _child_val(element: etree._Element, tag: str) -> str | None:
    child = element.find(f"{{{W}}}{tag}")
    return None if child is None else _val(child)


def _numbering_of(properties: etree._Element | None, style_id: str | None,
                  styles: dict[str | None, etree._Element]) -> tuple[str | None, int | None]:
    """The numId and level of a paragraph: its own, else those of its style and the styles that style is based on."""
    num_id: str | None = None
    level: int | None = None
    chain = [properties] if properties is not None else []
    seen: set[str] = set()
    while style_id is not None and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        chain.append(style.find(f"{{{W}}}pPr"))
        based = style.find(f"{{{W}}}basedOn")
        style_id = _val(based) if based is not None else None
    for pr in chain:
        if pr is None:
            continue
        num_pr = pr.find(f"{{{W}}}numPr")
        if num_pr is None:
            continue
        if num_id is None and num_pr.find(f"{{{W}}}numId") is not None:
            num_id = _child_val(num_pr, "numId")
        if level is None and num_pr.find(f"{{{W}}}ilvl") is not None:
            level = int(_child_val(num_pr, "ilvl") or 0)
    return num_id, level
