"""The .docx checker used by the build tests: it passes a sound file and catches each kind of fault."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
import pytest
from ooxml import SCHEMA_DIR, check_docx, docx_text

WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = (f'xmlns:w="{WML}" xmlns:r="{REL}" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# A small package written by hand, sound in every respect the checker looks at; each test breaks one thing.
SOUND = {
    "[Content_Types].xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="{WORD}.document.main+xml"/>
  <Override PartName="/word/styles.xml" ContentType="{WORD}.styles+xml"/>
  <Override PartName="/word/numbering.xml" ContentType="{WORD}.numbering+xml"/>
  <Override PartName="/word/comments.xml" ContentType="{WORD}.comments+xml"/>
  <Override PartName="/word/footer1.xml" ContentType="{WORD}.footer+xml"/>
</Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Target="word/document.xml"
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>""",
    "word/_rels/document.xml.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Target="styles.xml"
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>
  <Relationship Id="rId2" Target="numbering.xml"
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/>
  <Relationship Id="rId3" Target="comments.xml"
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"/>
  <Relationship Id="rId4" Target="footer1.xml"
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"/>
  <Relationship Id="rId5" Target="https://example.org/briefing" TargetMode="External"
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>
</Relationships>""",
    "word/document.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES} mc:Ignorable="w14">
  <w:body>
    <w:p w14:paraId="1A2B3C4D">
      <w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>
      <w:bookmarkStart w:id="0" w:name="purpose"/><w:r><w:t>Purpose</w:t></w:r><w:bookmarkEnd w:id="0"/>
    </w:p>
    <w:p>
      <w:commentRangeStart w:id="0"/>
      <w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve">Shared </w:t></w:r>
      <w:r><w:t>aims</w:t><w:tab/><w:t>and</w:t><w:br/><w:t>outcomes</w:t></w:r>
      <w:r><w:delText>withdrawn</w:delText></w:r>
      <w:hyperlink r:id="rId5"><w:r><w:t>, see the briefing</w:t></w:r></w:hyperlink>
      <w:commentRangeEnd w:id="0"/>
      <w:r><w:commentReference w:id="0"/></w:r>
    </w:p>
    <w:tbl>
      <w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>
      <w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>
      <w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl>
    <w:p/>
    <w:sectPr><w:footerReference w:type="default" r:id="rId4"/></w:sectPr>
  </w:body>
</w:document>""",
    "word/styles.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NAMESPACES}>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1">
    <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Heading1Char"/>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/>
  </w:style>
  <w:style w:type="character" w:styleId="Heading1Char">
    <w:name w:val="Heading 1 Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Heading1"/>
  </w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>
  <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>
</w:styles>""",
    "word/numbering.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NAMESPACES}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>""",
    "word/comments.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments {NAMESPACES}>
  <w:comment w:id="0" w:author="agreement lint"><w:p><w:r><w:t>AB101: say who benefits</w:t></w:r></w:p></w:comment>
</w:comments>""",
    "word/footer1.xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {NAMESPACES}><w:p><w:r><w:t>Page footer</w:t></w:r></w:p></w:ftr>""",
}


def write_docx(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def broken(tmp_path: Path, part: str, old: str, new: str) -> list[str]:
    """Problems found in the sound package with one text replacement in one part."""
    assert old in SOUND[part], f"test setup: {old!r} is not in {part}"
    return check_docx(write_docx(tmp_path / "broken.docx", {**SOUND, part: SOUND[part].replace(old, new)}))


def caught(problems: list[str], *words: str) -> bool:
    return any(all(w in p for w in words) for p in problems)


def test_the_hand_made_package_is_sound(tmp_path: Path) -> None:
    assert check_docx(write_docx(tmp_path / "sound.docx", dict(SOUND))) == []


def test_a_python_docx_document_is_sound_once_its_zoom_has_a_percent(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Partnership agreement", 1)
    document.add_paragraph("The partners agree to work together.", style="List Number")
    document.add_table(rows=2, cols=2, style="Table Grid").cell(0, 0).text = "Party"
    zoom = document.settings.element.find(f"{{{WML}}}zoom")
    assert zoom is not None
    zoom.set(f"{{{WML}}}percent", "100")
    document.save(str(tmp_path / "fixed.docx"))
    assert check_docx(tmp_path / "fixed.docx") == []


def test_python_docx_default_template_fails_only_on_the_missing_zoom_percent(tmp_path: Path) -> None:
    docx.Document().save(str(tmp_path / "default.docx"))
    problems = check_docx(tmp_path / "default.docx")
    assert len(problems) == 1
    assert caught(problems, "word/settings.xml", "zoom", "percent")


# ---------------------------------------------------------------- schema validation and Markup Compatibility


def test_an_element_the_schema_does_not_allow_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tbl>", "<w:clause/><w:tbl>")
    assert caught(problems, "word/document.xml", "clause", "not expected")


def test_an_attribute_value_outside_its_type_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", '<w:pStyle w:val="Heading1"/>',
                      '<w:pStyle w:val="Heading1"/><w:jc w:val="middle"/>')
    assert caught(problems, "word/document.xml", "jc", "middle")


def test_elements_in_the_wrong_order_are_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", '<w:tblW w:w="0" w:type="auto"/></w:tblPr>',
                      '</w:tblPr><w:tblW w:w="0" w:type="auto"/>')
    assert caught(problems, "word/document.xml", "tblW")


def test_a_relationships_part_is_validated(tmp_path: Path) -> None:
    problems = broken(tmp_path, "_rels/.rels", 'Id="rId1"', 'Id="rId1" Mode="x"')
    assert caught(problems, "_rels/.rels", "Mode")


def test_the_content_types_part_is_validated(tmp_path: Path) -> None:
    problems = broken(tmp_path, "[Content_Types].xml", 'Extension="xml"', 'Extension="xml" Priority="1"')
    assert caught(problems, "[Content_Types].xml", "Priority")


def test_core_properties_are_validated_including_their_dates(tmp_path: Path) -> None:
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Northvale</dc:title>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">{}</dcterms:created></cp:coreProperties>')
    content_types = SOUND["[Content_Types].xml"].replace("</Types>", '<Override PartName="/docProps/core.xml" '
                                                         'ContentType="application/vnd.openxmlformats-package.'
                                                         'core-properties+xml"/></Types>')
    parts = {**SOUND, "[Content_Types].xml": content_types}
    good = write_docx(tmp_path / "good.docx", {**parts, "docProps/core.xml": core.format("2025-04-01T00:00:00Z")})
    bad = write_docx(tmp_path / "bad.docx", {**parts, "docProps/core.xml": core.format("first of April")})
    assert check_docx(good) == []
    assert caught(check_docx(bad), "docProps/core.xml", "first of April")


def test_an_unknown_attribute_in_an_ignorable_namespace_is_dropped_before_validation(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tbl>", '<w:p w14:textId="77777777"/><w:tbl>')
    assert problems == []


def test_an_unknown_namespace_that_is_not_declared_ignorable_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", ' mc:Ignorable="w14"', "")
    assert caught(problems, "word/document.xml", "paraId")


def test_an_unknown_element_in_an_ignorable_namespace_is_dropped_with_its_content(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tbl>",
                      "<w14:wrapper><w:bogus/></w14:wrapper><w:tbl>")
    assert problems == []


def test_process_content_keeps_the_children_of_an_ignored_element(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:body>",
                      '<w:body mc:ProcessContent="w14:wrapper"><w14:wrapper><w:bogus/></w14:wrapper>')
    assert caught(problems, "word/document.xml", "bogus")


ALTERNATE = ('<mc:AlternateContent><mc:Choice Requires="{requires}">{choice}</mc:Choice>'
             '<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent><w:tbl>')


def alternate(requires: str, choice: str, fallback: str) -> str:
    return ALTERNATE.format(requires=requires, choice=choice, fallback=fallback)


def test_a_choice_needing_an_unknown_namespace_gives_way_to_the_fallback(tmp_path: Path) -> None:
    sound = alternate("w14", "<w14:newThing/>", "<w:p/>")
    assert broken(tmp_path, "word/document.xml", "<w:tbl>", sound) == []
    bad_fallback = alternate("w14", "<w14:newThing/>", "<w:bogus/>")
    assert caught(broken(tmp_path, "word/document.xml", "<w:tbl>", bad_fallback), "bogus")


def test_a_choice_needing_a_known_namespace_is_the_one_validated(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tbl>", alternate("w", "<w:bogus/>", "<w:p/>"))
    assert caught(problems, "word/document.xml", "bogus")


def test_a_part_whose_root_does_not_match_its_content_type_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/footer1.xml", "w:ftr", "w:hdr")
    assert caught(problems, "word/footer1.xml", "root element", "ftr")


def test_a_file_that_is_not_a_zip_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "not.docx").write_text("hello", encoding="utf-8")
    assert caught(check_docx(tmp_path / "not.docx"), "not a readable zip")


def test_a_part_that_is_not_well_formed_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tbl>", "<w:tbl><")
    assert caught(problems, "word/document.xml", "not well-formed")


# ---------------------------------------------------------------- what the schemas miss


def test_a_duplicate_bookmark_id_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tbl>",
                      '<w:p><w:bookmarkStart w:id="0" w:name="membership"/><w:bookmarkEnd w:id="0"/></w:p><w:tbl>')
    assert caught(problems, "bookmark id 0")


def test_a_duplicate_bookmark_name_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tbl>",
                      '<w:p><w:bookmarkStart w:id="9" w:name="purpose"/><w:bookmarkEnd w:id="9"/></w:p><w:tbl>')
    assert caught(problems, "bookmark name 'purpose'")


def test_a_duplicate_bookmark_in_a_footer_counts_too(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/footer1.xml", "<w:p>",
                      '<w:p><w:bookmarkStart w:id="0" w:name="other"/><w:bookmarkEnd w:id="0"/>')
    assert caught(problems, "bookmark id 0")


def test_a_duplicate_comment_id_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/comments.xml", "</w:comments>",
                      '<w:comment w:id="0" w:author="x"><w:p/></w:comment></w:comments>')
    assert caught(problems, "comment id 0")


def test_a_comment_reference_with_no_comment_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", '<w:commentReference w:id="0"/>',
                      '<w:commentReference w:id="7"/>')
    assert caught(problems, "word/document.xml", "commentReference 7", "no comment")


def test_a_comment_range_with_no_comment_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", '<w:commentRangeStart w:id="0"/>',
                      '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="3"/>')
    assert caught(problems, "commentRangeStart 3", "no comment")


@pytest.mark.parametrize(("part", "old", "new"), [
    ("word/document.xml", '<w:pStyle w:val="Heading1"/>', '<w:pStyle w:val="Heading9"/>'),
    ("word/document.xml", '<w:rStyle w:val="Strong"/>', '<w:rStyle w:val="Emphasis"/>'),
    ("word/document.xml", '<w:tblStyle w:val="TableGrid"/>', '<w:tblStyle w:val="Schedule"/>'),
    ("word/styles.xml", '<w:basedOn w:val="Normal"/>', '<w:basedOn w:val="BodyText"/>'),
    ("word/styles.xml", '<w:next w:val="Normal"/>', '<w:next w:val="Clause"/>'),
    ("word/styles.xml", '<w:link w:val="Heading1Char"/>', '<w:link w:val="HeadingChar"/>'),
])
def test_a_style_id_that_no_style_defines_is_caught(tmp_path: Path, part: str, old: str, new: str) -> None:
    missing = new.split('w:val="')[1].split('"')[0]
    assert caught(broken(tmp_path, part, old, new), part, missing, "names no style")


def test_a_paragraph_style_used_on_a_run_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", '<w:rStyle w:val="Strong"/>', '<w:rStyle w:val="Normal"/>')
    assert caught(problems, "rStyle Normal", "paragraph style")


def test_a_style_id_defined_twice_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/styles.xml", "</w:styles>",
                      '<w:style w:type="character" w:styleId="Strong"><w:name w:val="B"/></w:style></w:styles>')
    assert caught(problems, "style id Strong is defined 2 times")


def test_an_undefined_num_id_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", '<w:numId w:val="1"/>', '<w:numId w:val="4"/>')
    assert caught(problems, "word/document.xml", "numId 4", "no numbering definition")


def test_num_id_zero_means_no_numbering_and_is_allowed(tmp_path: Path) -> None:
    assert broken(tmp_path, "word/document.xml", '<w:numId w:val="1"/>', '<w:numId w:val="0"/>') == []


def test_an_undefined_abstract_num_id_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/numbering.xml", '<w:abstractNumId w:val="0"/>', '<w:abstractNumId w:val="5"/>')
    assert caught(problems, "word/numbering.xml", "abstractNumId 5", "no abstract numbering")


def test_a_relationship_id_missing_from_the_parts_relationships_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", 'r:id="rId5"', 'r:id="rId9"')
    assert caught(problems, "word/document.xml", 'r:id="rId9"', "word/_rels/document.xml.rels")


def test_a_relationship_id_from_another_parts_relationships_does_not_count(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/footer1.xml", "<w:p>", '<w:p><w:hyperlink r:id="rId5"/>')
    assert caught(problems, "word/footer1.xml", 'r:id="rId5"', "word/_rels/footer1.xml.rels")


def test_a_relationship_pointing_to_a_missing_part_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/_rels/document.xml.rels", 'Target="footer1.xml"', 'Target="footer2.xml"')
    assert caught(problems, "rId4", "footer2.xml", "not in the package")


def test_a_table_cell_ending_with_a_table_is_caught(tmp_path: Path) -> None:
    nested = ('<w:tc><w:p/><w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
              '<w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc>')
    problems = broken(tmp_path, "word/document.xml", "<w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc>", nested)
    assert caught(problems, "word/document.xml", "table cell", "ends with w:tbl")


def test_a_table_cell_with_no_paragraph_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "word/document.xml", "<w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc>",
                      '<w:tc><w:bookmarkStart w:id="5" w:name="cell"/><w:bookmarkEnd w:id="5"/></w:tc>')
    assert caught(problems, "word/document.xml", "table cell", "holds no paragraph")


def test_a_part_with_no_content_type_is_caught(tmp_path: Path) -> None:
    parts: dict[str, str | bytes] = {**SOUND, "word/media/logo.png": b"\x89PNG\r\n"}
    assert caught(check_docx(write_docx(tmp_path / "logo.docx", parts)), "word/media/logo.png", "no content type")


def test_a_part_whose_content_type_does_not_fit_its_relationship_is_caught(tmp_path: Path) -> None:
    problems = broken(tmp_path, "[Content_Types].xml", f'<Override PartName="/word/footer1.xml" '
                      f'ContentType="{WORD}.footer+xml"/>', "")
    assert caught(problems, "rId4", "word/footer1.xml", "footer part", "application/xml")


def test_a_part_covered_by_a_default_extension_has_a_content_type(tmp_path: Path) -> None:
    parts = {**SOUND, "customXml/item1.xml": "<data>anything at all</data>"}
    assert check_docx(write_docx(tmp_path / "custom.docx", parts)) == []
    del parts["[Content_Types].xml"]
    parts["[Content_Types].xml"] = SOUND["[Content_Types].xml"].replace(
        '<Default Extension="xml" ContentType="application/xml"/>', "")
    assert caught(check_docx(write_docx(tmp_path / "bare.docx", parts)), "customXml/item1.xml", "no content type")


# ---------------------------------------------------------------- text and the schemas themselves


def test_text_joins_runs_and_reads_breaks_and_tabs_but_not_deleted_text(tmp_path: Path) -> None:
    text = docx_text(write_docx(tmp_path / "sound.docx", dict(SOUND)))
    assert "Shared aims\tand\noutcomes, see the briefing" in text
    assert "withdrawn" not in text
    assert "Page footer" in text
    assert "AB101: say who benefits" in text


def test_the_copied_schemas_are_the_published_files_byte_for_byte() -> None:
    folder = SCHEMA_DIR.parent
    listed = [line.split(maxsplit=1) for line in (folder / "SHA256SUMS").read_text().splitlines() if line.strip()]
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS", "README.md"}
    assert {name for _, name in listed} == on_disk
    for digest, name in listed:
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
