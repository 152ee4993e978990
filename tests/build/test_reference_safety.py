"""What a reference document (`--reference-doc`) may bring into an agreement: styles, a page, a header and a
footer with page numbers; not macros, fields that fetch or run things, imported or embedded content, data
sources, links to anything but web pages, or a document type declaration; and a file that is damaged,
password-protected, not a file, or too big is refused with a message that says what to do.

The hostile documents are those of the review's replay (`tests/security.py`), checked here in-process."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from security import ACTIVE, BROKEN, DOCTYPES, package, parts
from support import SAMPLES

from agreement_builder.errors import BuildError
from agreement_builder.writers import reference

COMPLETE = SAMPLES / "complete.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def made(tmp_path: Path, make: Callable[[Path], Path]) -> bytes:
    return make(tmp_path / "reference.docx").read_bytes()


def footer(content: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:ftr xmlns:w="{W}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"{content}</w:ftr>").encode()


def with_parts(tmp_path: Path, changes: dict[str, bytes]) -> bytes:
    """The shipped reference document with these parts added or replaced."""
    return package(tmp_path / "reference.docx", {**parts(), **changes}).read_bytes()


def test_the_shipped_reference_document_passes():
    reference.check(reference.load(None), "shipped")


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_a_document_type_declaration_is_refused_wherever_it_hides(tmp_path, name):
    make, _ = DOCTYPES[name]
    with pytest.raises(BuildError, match="declares a document type \\(DOCTYPE\\)"):
        reference.check(made(tmp_path, make), "ref.docx")


def test_a_document_type_declaration_in_a_part_not_named_xml_is_refused(tmp_path):
    data = with_parts(tmp_path, {"word/custom.bin": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "z">]><x>&e;</x>'})
    with pytest.raises(BuildError, match="declares a document type"):
        reference.check(data, "ref.docx")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_part_in_another_encoding_is_read_as_xml_whatever_its_name(tmp_path, encoding):
    doctype = f'<?xml version="1.0" encoding="{encoding.upper()}"?><!DOCTYPE x [<!ENTITY e "z">]><x>&e;</x>'
    data = with_parts(tmp_path, {"word/custom.dat": doctype.encode(encoding)})
    with pytest.raises(BuildError, match="declares a document type"):
        reference.check(data, "ref.docx")


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_active_content_is_refused(tmp_path, name):
    make, _ = ACTIVE[name]
    with pytest.raises(BuildError) as refused:
        reference.check(made(tmp_path, make), "ref.docx")
    assert str(refused.value).startswith("ref.docx: ")


@pytest.mark.parametrize("code", ["INCLUDETEXT \"c:\\\\x.txt\"", "includepicture \"http://x/y.png\" \\d",
                                  "DDE Excel \"a\" \"b\"", "DDEAUTO cmd \"/k calc\"", "LINK Excel.Sheet \"x\"",
                                  "HYPERLINK \"file:///etc/passwd\"", "DATABASE \\d \"x.mdb\"",
                                  "MACROBUTTON Evil click", "IMPORT \"x.png\"", "INCLUDE \"x.doc\""])
@pytest.mark.parametrize("form", ["simple", "complex"])
def test_fields_that_fetch_or_run_something_are_refused(tmp_path, code, form):
    if form == "simple":
        xml = f'<w:p><w:fldSimple w:instr=" {code.replace(chr(34), "&quot;")} "/></w:p>'
    else:
        xml = (f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code} '
               '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
               '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    with pytest.raises(BuildError, match=f"holds a {code.split()[0].upper()} field"):
        reference.check(with_parts(tmp_path, {"word/footer1.xml": footer(xml)}), "r")


def test_a_field_nested_inside_a_safe_one_is_checked_too(tmp_path):
    xml = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>QUOTE </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>INCLUDETEXT "x"</w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    with pytest.raises(BuildError, match="holds a INCLUDETEXT field"):
        reference.check(with_parts(tmp_path, {"word/footer1.xml": footer(xml)}), "r")


def test_instruction_text_outside_a_field_is_checked(tmp_path):
    xml = '<w:p><w:r><w:instrText>DDEAUTO cmd</w:instrText></w:r></w:p>'
    with pytest.raises(BuildError, match="holds a DDEAUTO field"):
        reference.check(with_parts(tmp_path, {"word/footer1.xml": footer(xml)}), "r")


def test_a_field_left_open_at_the_end_of_a_part_is_checked(tmp_path):
    xml = '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>INCLUDETEXT x</w:instrText></w:r></w:p>'
    with pytest.raises(BuildError, match="holds a INCLUDETEXT field"):
        reference.check(with_parts(tmp_path, {"word/footer1.xml": footer(xml)}), "r")


@pytest.mark.parametrize("code", ["PAGE \\* MERGEFORMAT", "NUMPAGES", "DATE \\@ \"d MMMM yyyy\"",
                                  "DOCPROPERTY Title", "STYLEREF \"Heading 1\"", "= 2 * 3", "=SUM(ABOVE)"])
def test_page_numbers_dates_and_properties_are_allowed(tmp_path, code):
    xml = (f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> {code} </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    reference.check(with_parts(tmp_path, {"word/footer1.xml": footer(xml)}), "r")


@pytest.mark.parametrize("target", ["https://www.northvale.gov.uk/house-style", "http://example.org/a",
                                    "mailto:partnership@northvale.gov.uk", "HTTPS://EXAMPLE.ORG/"])
def test_a_link_to_a_web_page_is_allowed(tmp_path, target):
    rels = parts()["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId77" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/hyperlink" Target="' + target.encode() + b'" TargetMode="External"/></Relationships>')
    reference.check(with_parts(tmp_path, {"word/_rels/document.xml.rels": rels}), "r")


@pytest.mark.parametrize("target", ["file:///etc/passwd", "\\\\server\\share\\x.docx", "javascript:alert(1)",
                                    "ftp://example.org/x", "x.docx"])
def test_a_link_to_anything_but_a_web_page_is_refused(tmp_path, target):
    rels = parts()["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId77" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/hyperlink" Target="' + target.encode() + b'" TargetMode="External"/></Relationships>')
    with pytest.raises(BuildError, match="which is not a web page"):
        reference.check(with_parts(tmp_path, {"word/_rels/document.xml.rels": rels}), "r")


@pytest.mark.parametrize("content_type", ["application/vnd.ms-office.VBAPROJECT",
                                          "application/vnd.ms-word.document.MacroEnabled.main+xml",
                                          "application/vnd.openxmlformats-officedocument.oleObject",
                                          "application/vnd.ms-office.activeX+xml"])
def test_a_part_of_an_active_type_is_refused_in_any_case(tmp_path, content_type):
    types = parts()["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/x.bin" ContentType="' + content_type.encode() + b'"/></Types>')
    with pytest.raises(BuildError, match="declares a part of type"):
        reference.check(with_parts(tmp_path, {"[Content_Types].xml": types}), "r")


@pytest.mark.parametrize("kind", ["vbaProject", "VBAPROJECT", "oleObject", "package", "aFChunk", "activeXControl",
                                  "mailMergeSource", "attachedToolbars"])
def test_a_relationship_to_active_content_is_refused_in_any_case(tmp_path, kind):
    rels = parts()["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId77" Type="http://schemas.microsoft.com/office/2006/'
        b'relationships/' + kind.encode() + b'" Target="x.bin"/></Relationships>')
    with pytest.raises(BuildError, match=f"links to {kind} content"):
        reference.check(with_parts(tmp_path, {"word/_rels/document.xml.rels": rels}), "r")


@pytest.mark.parametrize("name", ["word/embeddings/oleObject1.bin", "word/activeX/activeX1.xml",
                                  "word/VBAPROJECT.BIN"])
def test_a_part_where_word_keeps_objects_controls_or_macros_is_refused(tmp_path, name):
    with pytest.raises(BuildError, match="embedded object|macros or controls"):
        reference.check(with_parts(tmp_path, {name: b"\xd0\xcf\x11\xe0"}), "r")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_damaged_encrypted_or_oversized_package_is_refused_saying_why(tmp_path, name):
    make, words, _ = BROKEN[name]
    data = made(tmp_path, make)
    try:
        reference.check(data, "ref.docx")
    except BuildError as e:
        message = str(e)
    else:  # refused later, when python-docx opens it (a missing part)
        out = tmp_path / "out.docx"
        from support import run_cli

        run = run_cli("build", str(COMPLETE), "--reference-doc", str(tmp_path / "reference.docx"), "-o", str(out))
        assert run.exit_code == 2, run
        message = run.stderr
    assert "internal error" not in message
    assert all(w in message for w in words), message


@pytest.mark.parametrize(("case", "words"), [
    ("a body without section properties", "has no section properties"),
    ("a document without a body", "has no document body"),
])
def test_a_reference_without_a_body_or_its_section_properties_is_refused_saying_what_to_do(cli, tmp_path, case, words):
    make, _, _ = BROKEN[case]
    source = make(tmp_path / "reference.docx")
    out = tmp_path / "out.docx"
    run = cli("build", str(COMPLETE), "--reference-doc", str(source), "-o", str(out))
    assert run.exit_code == 2 and words in run.stderr and "save it again from Word" in run.stderr, run
    assert not out.exists()


def test_a_member_that_unpacks_to_other_than_it_says_is_damaged(tmp_path):
    data = bytearray(package(tmp_path / "r.docx", {**parts(), "word/media/x.bin": bytes(2_000_000)}).read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == b"word/media/x.bin":
            data[at + 24:at + 28] = (1000).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    with pytest.raises(BuildError, match="is damaged"):
        reference.check(bytes(data), "r")


# ---------------------------------------------------------------- reading the file


def test_a_device_is_refused_without_being_read(cli, tmp_path):
    run = cli("build", str(COMPLETE), "--reference-doc", "/dev/zero", "-o", str(tmp_path / "out.docx"))
    assert run.exit_code == 2 and "/dev/zero: is a device, not a file; give a Word document (.docx)" in run.stderr, run


def test_a_fifo_is_refused_without_waiting_for_a_writer(cli, tmp_path):
    fifo = tmp_path / "house.docx"
    os.mkfifo(fifo)
    run = cli("build", str(COMPLETE), "--reference-doc", str(fifo), "-o", str(tmp_path / "out.docx"))
    assert run.exit_code == 2 and "house.docx: is a pipe (FIFO), not a file" in run.stderr, run


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.docx"
    with big.open("wb") as f:
        f.truncate(reference.MAX_BYTES + 1)
    with pytest.raises(BuildError, match="is larger than 20 MB"):
        reference.load(big)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    small = tmp_path / "small.docx"
    small.write_bytes(b"PK")
    monkeypatch.setattr(reference, "MAX_BYTES", 1)
    with pytest.raises(BuildError, match="is larger than"):
        reference.load(small)


def test_a_missing_reference_document_is_named(tmp_path):
    with pytest.raises(BuildError, match="no such reference document"):
        reference.load(tmp_path / "missing.docx")


def liar(tmp_path: Path, unpacked_mib: int) -> bytes:
    """The shipped reference with one more part whose directory entry claims 1,000 bytes but which unpacks to
    ``unpacked_mib`` MiB of zeros (the re-check's "liar" package)."""
    import io
    import struct
    import zipfile

    base = zipfile.ZipFile(io.BytesIO(reference.load(None)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in base.infolist():
            out.writestr(info.filename, base.read(info))
        with out.open("word/media/liar.bin", "w", force_zip64=True) as part:
            for _ in range(unpacked_mib):
                part.write(bytes(1 << 20))
    raw = bytearray(buffer.getvalue())
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack("<H", raw[at + 28:at + 30])[0]
        if raw[at + 46:at + 46 + length] == b"word/media/liar.bin":
            extra = at + 46 + length
            if struct.unpack("<H", raw[extra:extra + 2])[0] == 1:  # a zip64 field: the uncompressed size first
                raw[extra + 4:extra + 12] = struct.pack("<Q", 1000)
            else:
                raw[at + 24:at + 28] = struct.pack("<I", 1000)
        at += 4
    return bytes(raw)


def test_a_part_that_unpacks_to_more_than_it_claims_is_refused_without_unpacking_it_all(tmp_path):
    import tracemalloc

    data = liar(tmp_path, 64)
    tracemalloc.start()
    try:
        with pytest.raises(BuildError, match="is damaged"):
            reference.check(data, "ref.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"{peak // 1024 // 1024} MB held to refuse it"  # not the 64 MB it holds
