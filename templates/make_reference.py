"""Writes templates/reference.docx, the house style `agreement build` starts from (run it after editing).

The reference document holds no text, only style: paragraph and character styles, the clause numbering
(1 / 1.1 / (a)) bound to the heading and clause styles, an A4 page, and a footer with "Page X of Y". It is
written part by part rather than saved from Word so that every byte is reviewable and the script is
deterministic: the same script gives the same file.

An organisation that wants its own look opens this file in Word, changes the styles (keeping their names),
and passes the result to `agreement build --reference-doc`.

    python templates/make_reference.py
"""

from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

# Page: A4 portrait, 2.5 cm margins (in twentieths of a point).
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418

BODY_FONT = "Calibri"
ACCENT = "1F3864"  # dark blue for headings
GREY = "808080"


def _font(size_pt: float) -> str:
    return f'<w:sz w:val="{int(size_pt * 2)}"/><w:szCs w:val="{int(size_pt * 2)}"/>'


def _style(kind: str, style_id: str, name: str, *, based_on: str | None = None, next_id: str | None = None,
           ui: int = 10, ppr: str = "", rpr: str = "", extra: str = "", default: bool = False) -> str:
    parts = [f'<w:style w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "") + ">",
             f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    parts.append(f'<w:uiPriority w:val="{ui}"/><w:qFormat/>')
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def _numbered(num_id: int, level: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


CLAUSES, SCHEDULES, COVER_PARTIES, PARTIES, RECITALS, ANNEXES = 1, 2, 3, 4, 5, 6
# Where the clause and item text starts, and how far a heading's title sits from "Schedule 3" or "Annex 1".
CLAUSE_INDENT, ITEM_INDENT, LABEL_INDENT = 709, 1418, 1701

_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'


def styles() -> str:
    borders = "".join(_BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table = (
        '<w:style w:type="table" w:styleId="AgreementTable"><w:name w:val="Agreement Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        f'<w:tblPr><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )
    signature = (
        '<w:style w:type="table" w:styleId="SignatureTable"><w:name w:val="Signature Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:qFormat/>'
        '<w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "</w:style>"
    )
    table_normal = (
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
    )
    heading_rpr = f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>'
    body = [
        _style("paragraph", "Normal", "Normal", default=True, ui=0,
               ppr='<w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        "</w:style>",
        table_normal,
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _style("paragraph", "Title", "Title", next_id="Subtitle",
               ppr='<w:spacing w:before="2400" w:after="480"/><w:jc w:val="center"/>',
               rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{_font(24)}'),
        _style("paragraph", "Subtitle", "Subtitle", ppr='<w:spacing w:after="240"/><w:jc w:val="center"/>',
               rpr=_font(13)),
        _style("paragraph", "CoverText", "Cover Text",
               ppr='<w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/>', rpr=_font(12)),
        _style("paragraph", "CoverParty", "Cover Party",
               ppr=_numbered(COVER_PARTIES, 0)
               + '<w:spacing w:after="160"/><w:ind w:left="1701" w:right="851" w:hanging="567"/>',
               rpr=_font(12)),
        _style("paragraph", "CoverFact", "Cover Fact",
               ppr='<w:spacing w:after="40"/><w:ind w:left="1701"/>', rpr=_font(11)),
        _style("paragraph", "Heading1", "heading 1", next_id="Clause2", ui=9,
               ppr='<w:keepNext/><w:keepLines/>' + _numbered(CLAUSES, 0)
               + '<w:spacing w:before="360" w:after="120"/><w:ind w:left="709" w:hanging="709"/>'
               '<w:outlineLvl w:val="0"/>',
               rpr=heading_rpr + _font(12.5)),
        _style("paragraph", "Clause2", "Clause 2", next_id="Clause2",
               ppr=_numbered(CLAUSES, 1)
               + '<w:spacing w:after="120"/><w:ind w:left="709" w:hanging="709"/>'),
        _style("paragraph", "Clause3", "Clause 3", next_id="Clause3",
               ppr=_numbered(CLAUSES, 2)
               + '<w:spacing w:after="80"/><w:ind w:left="1418" w:hanging="709"/>'),
        _style("paragraph", "BodyText", "Body Text",
               ppr='<w:spacing w:after="120"/><w:ind w:left="709"/>'),
        _style("paragraph", "ItemText", "Item Text", based_on="BodyText",
               ppr=f'<w:spacing w:after="80"/><w:ind w:left="{ITEM_INDENT}"/>'),
        _style("paragraph", "Subheading", "Subheading", next_id="Clause2", ui=9,
               ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>'
                   f'<w:ind w:left="{CLAUSE_INDENT}"/><w:outlineLvl w:val="1"/>',
               rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>'),
        _style("paragraph", "Party", "Party", next_id="Party",
               ppr=_numbered(PARTIES, 0) + '<w:spacing w:after="160"/>'
                   f'<w:ind w:left="{CLAUSE_INDENT}" w:hanging="{CLAUSE_INDENT}"/>'),
        _style("paragraph", "Recital", "Recital", next_id="Recital",
               ppr=_numbered(RECITALS, 0) + '<w:spacing w:after="120"/>'
                   f'<w:ind w:left="{CLAUSE_INDENT}" w:hanging="{CLAUSE_INDENT}"/>'),
        _style("paragraph", "Definition", "Definition",
               ppr='<w:spacing w:after="100"/><w:ind w:left="709"/>'),
        _style("paragraph", "DraftingNote", "Drafting Note",
               ppr='<w:keepLines/><w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="BF8F00"/></w:pBdr>'
                   '<w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/><w:spacing w:before="60" w:after="120"/>'
                   '<w:ind w:left="851" w:right="142"/>',
               rpr='<w:i/><w:iCs/><w:color w:val="7F6000"/>' + _font(9.5) + '<w:highlight w:val="yellow"/>'),
        *_appendix_styles("Schedule", SCHEDULES, heading_rpr),
        *_appendix_styles("Annex", ANNEXES, heading_rpr),
        _style("character", "Placeholder", "Placeholder", ui=20, rpr='<w:highlight w:val="yellow"/>'),
        _style("paragraph", "UnnumberedHeading", "Unnumbered Heading", next_id="BodyText", ui=9,
               ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
               rpr=heading_rpr + _font(12.5)),
        _style("paragraph", "TOCHeading", "TOC Heading", next_id="Normal", ui=39,
               ppr='<w:keepNext/><w:pageBreakBefore/><w:spacing w:after="240"/>', rpr=heading_rpr + _font(14)),
        _style("paragraph", "TOC1", "toc 1", next_id="Normal", ui=39,
               ppr='<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:after="60"/>'),
        _style("paragraph", "TableText", "Table Text", ppr='<w:spacing w:before="0" w:after="0"/>',
               rpr=_font(9)),
        _style("paragraph", "TableHeading", "Table Heading", based_on="TableText", ppr='<w:keepNext/>',
               rpr="<w:b/><w:bCs/>"),
        _style("paragraph", "SignatureText", "Signature Text",
               ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/>'),
        _style("paragraph", "Header", "header", ui=99,
               ppr='<w:tabs><w:tab w:val="right" w:pos="9070"/></w:tabs><w:spacing w:after="0"/>',
               rpr=f'<w:color w:val="{GREY}"/>' + _font(8.5)),
        _style("paragraph", "Footer", "footer", ui=99, ppr='<w:spacing w:after="0"/><w:jc w:val="center"/>',
               rpr=f'<w:color w:val="{GREY}"/>' + _font(8.5)),
        _style("paragraph", "CommentText", "annotation text", ui=99, ppr='<w:spacing w:after="0"/>',
               rpr=_font(10)),
        _style("character", "CommentReference", "annotation reference", ui=99, rpr=_font(8)),
        _style("character", "DefinedTerm", "Defined Term", ui=20, rpr="<w:b/><w:bCs/>"),
        _style("character", "DraftMark", "Draft Mark", ui=20,
               rpr='<w:b/><w:bCs/><w:color w:val="C00000"/><w:spacing w:val="20"/>' + _font(10)),
        table, signature,
    ]
    return (
        HEAD + f'<w:styles xmlns:w="{W_NS}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" '
        f'w:eastAsia="{BODY_FONT}" w:cs="{BODY_FONT}"/>{_font(11)}'
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
        + "".join(body) + "</w:styles>"
    )


def _appendix_styles(name: str, num_id: int, heading_rpr: str) -> tuple[str, str, str]:
    """A schedule's or annex's heading ("Schedule 3", then a tab, then its title) and its numbered
    paragraphs (1, 2 …) and items ((a), (b) …), each bound to a level of its own list."""
    return (
        _style("paragraph", f"{name}Heading", f"{name} Heading", next_id="BodyText", ui=9,
               ppr='<w:keepNext/><w:pageBreakBefore/>' + _numbered(num_id, 0)
               + f'<w:tabs><w:tab w:val="left" w:pos="{LABEL_INDENT}"/></w:tabs>'
               + '<w:spacing w:before="0" w:after="240"/>'
               + f'<w:ind w:left="{LABEL_INDENT}" w:hanging="{LABEL_INDENT}"/><w:outlineLvl w:val="0"/>',
               rpr=heading_rpr + _font(13)),
        _style("paragraph", f"{name}Clause", f"{name} Clause", next_id=f"{name}Clause",
               ppr=_numbered(num_id, 1) + '<w:spacing w:after="120"/>'
                   f'<w:ind w:left="{CLAUSE_INDENT}" w:hanging="{CLAUSE_INDENT}"/>'),
        _style("paragraph", f"{name}Item", f"{name} Item", next_id=f"{name}Item",
               ppr=_numbered(num_id, 2) + '<w:spacing w:after="80"/>'
                   f'<w:ind w:left="{ITEM_INDENT}" w:hanging="{CLAUSE_INDENT}"/>'),
    )


def _level(ilvl: int, fmt: str, text: str, style: str, left: int, hanging: int, bold: bool = False,
           suffix: str = "") -> str:
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style}"/>'
            f'{suff}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>')


def _list(abstract: int, nsid: str, name: str, levels: str, multi: bool = False) -> str:
    kind = "multilevel" if multi else "singleLevel"
    return (f'<w:abstractNum w:abstractNumId="{abstract}"><w:nsid w:val="{nsid}"/>'
            f'<w:multiLevelType w:val="{kind}"/><w:name w:val="{name}"/>{levels}</w:abstractNum>')


def numbering() -> str:
    """The lists: clauses (1. / 1.1 / (a)); schedules and annexes ("Schedule 3" / 1 / (a), the label
    without a colon so that a cross-reference to it reads "Schedule 3"); the cover's parties, the opening's
    parties ((1)) and recitals ((A))."""
    lists = [
        _list(0, "4A1C0001", "Agreement clauses",
              _level(0, "decimal", "%1.", "Heading1", CLAUSE_INDENT, CLAUSE_INDENT, bold=True)
              + _level(1, "decimal", "%1.%2", "Clause2", CLAUSE_INDENT, CLAUSE_INDENT)
              + _level(2, "lowerLetter", "(%3)", "Clause3", ITEM_INDENT, CLAUSE_INDENT), multi=True),
        *(_list(n - 1, nsid, f"Agreement {name.lower()}s",
                _level(0, "decimal", f"{name} %1", f"{name}Heading", LABEL_INDENT, LABEL_INDENT, suffix="tab")
                + _level(1, "decimal", "%2", f"{name}Clause", CLAUSE_INDENT, CLAUSE_INDENT)
                + _level(2, "lowerLetter", "(%3)", f"{name}Item", ITEM_INDENT, CLAUSE_INDENT), multi=True)
          for n, nsid, name in ((SCHEDULES, "4A1C0002", "Schedule"), (ANNEXES, "4A1C0006", "Annex"))),
        _list(COVER_PARTIES - 1, "4A1C0003", "Agreement cover parties",
              _level(0, "decimal", "(%1)", "CoverParty", 1701, 567)),
        _list(PARTIES - 1, "4A1C0004", "Agreement parties",
              _level(0, "decimal", "(%1)", "Party", CLAUSE_INDENT, CLAUSE_INDENT)),
        _list(RECITALS - 1, "4A1C0005", "Agreement recitals",
              _level(0, "upperLetter", "(%1)", "Recital", CLAUSE_INDENT, CLAUSE_INDENT)),
    ]
    ids = (CLAUSES, SCHEDULES, COVER_PARTIES, PARTIES, RECITALS, ANNEXES)
    nums = "".join(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n - 1}"/></w:num>' for n in ids)
    return HEAD + f'<w:numbering xmlns:w="{W_NS}">{"".join(lists)}{nums}</w:numbering>'


def document() -> str:
    return (
        HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:p/>'
        '<w:sectPr><w:headerReference w:type="default" r:id="rId10"/>'
        '<w:footerReference w:type="default" r:id="rId11"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
        'w:header="709" w:footer="567" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr></w:body></w:document>"
    )


def _field(instruction: str, placeholder: str) -> str:
    return (f'<w:fldSimple w:instr=" {instruction} \\* MERGEFORMAT ">'
            f"<w:r><w:t>{placeholder}</w:t></w:r></w:fldSimple>")


def header() -> str:
    return HEAD + f'<w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>'


def footer() -> str:
    return (
        HEAD + f'<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Page </w:t></w:r>' + _field("PAGE", "1")
        + '<w:r><w:t xml:space="preserve"> of </w:t></w:r>' + _field("NUMPAGES", "1") + "</w:p></w:ftr>"
    )


def settings() -> str:
    return (
        HEAD + f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        'w:val="15"/></w:compat><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def font_table() -> str:
    return (HEAD + f'<w:fonts xmlns:w="{W_NS}"><w:font w:name="{BODY_FONT}"><w:panose1 w:val="020F0502020204030204"/>'
            '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>')


def core() -> str:
    return (
        HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Partnership agreement reference document</dc:title><dc:creator>agreement-builder</dc:creator>"
        "</cp:coreProperties>"
    )


def app() -> str:
    return (HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>agreement-builder</Application></Properties>")


def content_types() -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{main}.document.main+xml",
        "/word/styles.xml": f"{main}.styles+xml",
        "/word/numbering.xml": f"{main}.numbering+xml",
        "/word/settings.xml": f"{main}.settings+xml",
        "/word/fontTable.xml": f"{main}.fontTable+xml",
        "/word/header1.xml": f"{main}.header+xml",
        "/word/footer1.xml": f"{main}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    return (
        HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items()) + "</Types>"
    )


def _rels(items: list[tuple[str, str, str]]) -> str:
    return (HEAD + f'<Relationships xmlns="{PKG_RELS}">'
            + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
            + "</Relationships>")


def package_rels() -> str:
    return _rels([
        ("rId1", f"{DOC_REL}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("rId3", f"{DOC_REL}/extended-properties", "docProps/app.xml"),
    ])


def document_rels() -> str:
    return _rels([
        ("rId1", f"{DOC_REL}/styles", "styles.xml"),
        ("rId2", f"{DOC_REL}/numbering", "numbering.xml"),
        ("rId3", f"{DOC_REL}/settings", "settings.xml"),
        ("rId4", f"{DOC_REL}/fontTable", "fontTable.xml"),
        ("rId10", f"{DOC_REL}/header", "header1.xml"),
        ("rId11", f"{DOC_REL}/footer", "footer1.xml"),
    ])


def parts() -> list[tuple[str, str]]:
    return [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core()),
        ("docProps/app.xml", app()),
        ("word/document.xml", document()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/header1.xml", header()),
        ("word/footer1.xml", footer()),
    ]


def write(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    write(Path(__file__).with_name("reference.docx"))
