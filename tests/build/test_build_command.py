"""`agreement build`: every format from every sample, exact text, reproducible bytes, safe output, notes."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from ooxml import check_docx, docx_text

from agreement_builder.build import build, check_characters
from agreement_builder.errors import BuildError
from agreement_builder.lint import lint_agreement, validate
from agreement_builder.model import ELEMENTS, Agreement
from agreement_builder.source import Document, ZeroBased

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".json"))
FORMATS = ("docx", "md", "html")

MINIMAL = """\
agreement:
  title: Riverside Partnership Agreement
  status: draft
parties:
  - id: council
    name: Riverside Council
    sector: local_authority
  - id: health
    name: NHS Riverside
    sector: health
"""

TRICKY = ("Fish & chips", "<w:p>not a paragraph</w:p>", "a ]]> b", "{{ 7*7 }}", "{% include 'x' %}",
          '"quoted" and \'single\'')


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "br":
            self.parts.append("\n")


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def markdown_text(path: Path) -> str:
    """The Markdown as a reader sees it: backslash escapes undone, hard breaks as newlines."""
    text = path.read_text(encoding="utf-8").replace("\\\n", "\n")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def text_of(path: Path) -> str:
    return {".docx": docx_text, ".md": markdown_text, ".html": html_text}[path.suffix](path)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_builds_in_every_format(cli, tmp_path, sample, fmt):
    out = tmp_path / f"agreement.{fmt}"
    run = cli("build", str(sample), "-o", str(out))
    assert run.exit_code == 0, run
    assert out.stat().st_size > 1000
    if fmt == "docx":
        document = docx.Document(str(out))
        assert any(p.style.style_id == "Heading1" for p in document.paragraphs)
        assert check_docx(out) == []


def test_the_same_input_gives_byte_identical_docx(cli, tmp_path):
    sample = SAMPLES / "complete.yaml"
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert cli("build", str(sample), "-o", str(first)).exit_code == 0
    assert cli("build", str(sample), "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def _missing_elements(sample: Path) -> dict[str, str]:
    """Element -> rule id, for the elements the linter reports missing (the linter decides, not this test)."""
    checked = validate(str(sample))
    assert checked.document is not None
    agreement = Agreement.from_document(checked.document)
    from agreement_builder.rules import RULES

    return {RULES[f.rule].element or "": f.rule for f in lint_agreement(agreement)
            if f.severity.name == "ERROR" and f.path.lstrip("/") in ELEMENTS and RULES[f.rule].element
            and agreement.section(f.path.lstrip("/")) is None}


def test_first_draft_has_a_drafting_note_and_a_review_comment_per_missing_element(cli, tmp_path):
    sample = SAMPLES / "first-draft.yaml"
    missing = _missing_elements(sample)
    assert missing, "first-draft.yaml is meant to leave elements out"
    out = tmp_path / "first-draft.docx"
    assert cli("build", str(sample), "-o", str(out)).exit_code == 0
    document = docx.Document(str(out))
    notes = [p.text for p in document.paragraphs if p.style.style_id == "DraftingNote"]
    comments = [c.text for c in document.comments]
    for element, rule in missing.items():
        assert any(comment.endswith(f"({rule})") and "Add " in comment for comment in comments), (element, comments)
    assert len({c.comment_id for c in document.comments}) == len(comments)
    # Every note is also a comment, so the Review pane lists them all; the rule id stays out of the page. (The
    # other comments are the notes on placeholders, which carry no rule id.)
    ruled = re.compile(r" \([A-Z]+[0-9]+(, [A-Z]+[0-9]+)*\)$")
    from_rules = [c for c in comments if ruled.search(c)]
    assert len(from_rules) == len(notes) > 0 and len(comments) > len(from_rules)
    assert [" ".join(n.removeprefix("Drafting note: ").split()) for n in notes] == \
        [" ".join(ruled.sub("", c).split()) for c in from_rules]


def test_a_missing_element_keeps_its_numbered_heading(cli, tmp_path):
    sample = SAMPLES / "first-draft.yaml"
    out = tmp_path / "first-draft.md"
    assert cli("build", str(sample), "-o", str(out)).exit_code == 0
    text = markdown_text(out)
    assert re.search(r"^## \d+\. Resolving disputes\n\n> \*\*Drafting note:\*\* ", text, re.M)


def test_no_annotate_leaves_out_notes_and_comments(cli, tmp_path):
    out = tmp_path / "clean.docx"
    assert cli("build", str(SAMPLES / "first-draft.yaml"), "-o", str(out), "--no-annotate").exit_code == 0
    document = docx.Document(str(out))
    assert not [p for p in document.paragraphs if p.style.style_id == "DraftingNote"]
    assert len(list(document.comments)) == 0


def test_a_final_agreement_has_no_notes_unless_asked(cli, write, tmp_path):
    scheme = (SAMPLES / "integration-scheme.yaml").read_text(encoding="utf-8")
    source = write("final.yaml", scheme.replace("status: draft", "status: final", 1))  # warnings, no errors
    plain, annotated = tmp_path / "plain.md", tmp_path / "annotated.md"
    assert cli("build", source, "-o", str(plain)).exit_code == 0
    assert cli("build", source, "-o", str(annotated), "--annotate").exit_code == 0
    assert "Drafting note" not in plain.read_text(encoding="utf-8")
    assert "Drafting note" in annotated.read_text(encoding="utf-8")


def test_a_placeholder_stays_in_the_text_in_brackets_without_a_drafting_note_of_its_own(cli, write, tmp_path):
    source = write("blank.yaml", MINIMAL.replace("Riverside Partnership Agreement",
                                                 '"[Name of the partnership] Partnership Agreement"'))
    out = tmp_path / "blank.docx"
    assert cli("build", source, "-o", str(out)).exit_code == 0
    text = text_of(out)
    assert "[Name of the partnership] Partnership Agreement" in text
    assert "Drafting note" in text and "AB228" not in text  # the other gaps are noted; the blank shows itself


@pytest.mark.parametrize(("status", "marked"), [("draft", True), ("final", False)])
def test_a_draft_says_draft_in_its_header_and_as_a_watermark_and_a_final_agreement_does_not(
        cli, write, tmp_path, status, marked):
    scheme = (SAMPLES / "integration-scheme.yaml").read_text(encoding="utf-8")  # no lint errors
    source = write(f"{status}.yaml", scheme.replace("status: draft", f"status: {status}", 1))
    out = tmp_path / f"{status}.docx"
    assert cli("build", source, "-o", str(out)).exit_code == 0
    header = docx.Document(str(out)).sections[-1].header
    assert header.paragraphs[0].text.startswith("Kelvinmuir Health and Social Care Integration Scheme")
    assert header.paragraphs[0].text.endswith("DRAFT") is marked
    vml = "{urn:schemas-microsoft-com:vml}"
    textpaths = header._element.findall(f".//{vml}shape/{vml}textpath")
    assert [t.get("string") for t in textpaths] == (["DRAFT"] if marked else [])
    assert check_docx(out) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_and_template_syntax_in_the_input_stay_literal(cli, write, tmp_path, fmt):
    values = "\n".join(f"    - {json.dumps(value)}" for value in TRICKY)
    source = write("tricky.yaml", MINIMAL + f"boundaries:\n  in_scope:\n{values}\n")
    out = tmp_path / f"tricky.{fmt}"
    assert cli("build", source, "-o", str(out)).exit_code == 0
    text = text_of(out)
    for value in TRICKY:
        assert value in text, value
    assert not re.search(r"(?<![\d.])49(?!\d)", text)  # {{ 7*7 }} was not evaluated


@pytest.mark.parametrize("fmt", FORMATS)
def test_line_breaks_long_words_and_other_scripts_reach_the_document(cli, write, tmp_path, fmt):
    long_word = "Donaudampfschifffahrtsgesellschaft" * 6
    source = write("scripts.yaml", MINIMAL + "membership:\n  summary: \"First line\\nSecond line\\n \\nNew one\"\n"
                   f"  review: {long_word}\n  public_involvement: Ὁμήρου — 中文 — العربية\n")
    out = tmp_path / f"scripts.{fmt}"
    assert cli("build", source, "-o", str(out)).exit_code == 0
    text = text_of(out)
    # A single line break is a space (YAML wrapping); a blank line starts a new paragraph.
    assert re.search(r"First line Second line\n+New one\.?\n", text), text
    assert long_word in text and "Ὁμήρου — 中文 — العربية" in text


def test_a_character_a_document_cannot_hold_is_refused_naming_the_field():
    data = {"agreement": {"title": "Bad\x01title"}, "parties": []}
    document = Document("bad.yaml", data, {("agreement", "title"): ZeroBased(1, 9)}, {}, "")
    with pytest.raises(BuildError, match=r"bad.yaml:2:10: the text at /agreement/title holds the character U\+0001"):
        check_characters(Agreement.from_document(document))


def test_an_existing_output_is_not_replaced_without_force(cli, tmp_path):
    out = tmp_path / "agreement.docx"
    out.write_bytes(b"edited by a legal officer")
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out))
    assert run.exit_code == 2 and "--force" in run.stderr
    assert out.read_bytes() == b"edited by a legal officer"
    assert cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out), "--force").exit_code == 0
    assert zipfile.is_zipfile(out)


def test_the_default_output_is_the_input_name_in_the_current_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = cli("build", str(SAMPLES / "complete.yaml"), "--format", "html")
    assert run.exit_code == 0, run
    assert (tmp_path / "complete.html").is_file()


def test_the_format_follows_the_output_suffix(cli, tmp_path):
    out = tmp_path / "agreement.md"
    assert cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(("name", "fmt", "words"), [
    ("agreement.pdf", "docx", "ends in .pdf but --format asks for docx"),
    ("agreement.txt", None, "cannot tell the format from '.txt'"),
])
def test_an_output_name_that_does_not_say_the_format_cannot_run(cli, tmp_path, name, fmt, words):
    out = tmp_path / name
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out), *(["--format", fmt] if fmt else []))
    assert run.exit_code == 2 and words in run.stderr, run
    assert not out.exists()


def test_an_output_name_without_a_suffix_takes_the_format_asked_for(cli, tmp_path):
    out = tmp_path / "agreement"
    assert cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out), "--format", "md").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_standard_input_needs_an_output_file(cli):
    run = cli("build", "-", input=MINIMAL)
    assert run.exit_code == 2 and "-o FILE" in run.stderr


def test_standard_input_builds_with_an_output_file(cli, tmp_path):
    out = tmp_path / "stdin.md"
    assert cli("build", "-", "-o", str(out), input=MINIMAL).exit_code == 0
    assert "Riverside Council" in out.read_text(encoding="utf-8")


def test_an_invalid_input_exits_1_with_its_problems_and_writes_nothing(cli, write, tmp_path):
    source = write("invalid.yaml", "agreement:\n  title: X\nparties: []\n")
    out = tmp_path / "invalid.docx"
    run = cli("build", source, "-o", str(out))
    assert run.exit_code == 1
    assert "invalid.yaml:3:" in run.stdout and "nothing written" in run.stderr
    assert not out.exists()


def test_pdf_without_libreoffice_says_so_and_exits_2(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "agreement.pdf"
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out))
    assert run.exit_code == 2 and "LibreOffice" in run.stderr
    assert not out.exists()


# ---------------------------------------------------------------- reference documents


def _zip(tmp_path: Path, name: str, entries: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, content in entries.items():
            archive.writestr(entry, content)
    return path


def _shipped_entries() -> dict[str, bytes]:
    from importlib import resources

    data = resources.files("agreement_builder.templates").joinpath("reference.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _bad_references(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    entries = _shipped_entries()
    not_zip = tmp_path / "not-a-zip.docx"
    not_zip.write_bytes(b"PK but not really a zip")
    external = dict(entries)
    external["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/attachedTemplate" Target="file:///c:/evil.dotm" TargetMode="External"/></Relationships>')
    no_styles = dict(entries)
    no_styles["word/styles.xml"] = re.sub(rb'<w:style w:type="paragraph" w:styleId="DraftingNote">.*?</w:style>',
                                          b"", entries["word/styles.xml"])
    return {
        "not a zip": (not_zip, "not even a zip"),
        "zip bomb": (_zip(tmp_path, "bomb.docx", {**entries, "word/media/big.bin": bytes(60 * 1024 * 1024)}),
                     "zip bomb"),
        "macros": (_zip(tmp_path, "macros.docx", {**entries, "word/vbaProject.bin": b"\0" * 100}), "macros"),
        "external link": (_zip(tmp_path, "external.docx", external), "outside file"),
        "missing style": (_zip(tmp_path, "nostyle.docx", no_styles), "DraftingNote"),
    }


@pytest.mark.parametrize("case", ["not a zip", "zip bomb", "macros", "external link", "missing style"])
def test_an_unsafe_or_unusable_reference_document_is_refused_and_nothing_is_written(cli, tmp_path, case):
    reference, reason = _bad_references(tmp_path)[case]
    out = tmp_path / "agreement.docx"
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out), "--reference-doc", str(reference))
    assert run.exit_code == 2, run
    assert reason in run.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".agreement.docx.*"))


def test_a_reference_document_sets_the_house_style(cli, tmp_path):
    entries = _shipped_entries()
    entries["word/document.xml"] = entries["word/document.xml"].replace(b'w:w="11906" w:h="16838"',
                                                                        b'w:w="12240" w:h="15840"')
    reference = _zip(tmp_path, "letter.docx", entries)
    out = tmp_path / "agreement.docx"
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out), "--reference-doc", str(reference))
    assert run.exit_code == 0, run
    section = docx.Document(str(out)).sections[-1]
    assert section.page_width == 12240 * 635  # twentieths of a point to EMU


# ---------------------------------------------------------------- clause templates


def test_a_clause_folder_overrides_the_shipped_clause_of_the_same_name(cli, tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "variation.xml.j2").write_text(
        '<section key="variation"><heading>Changing this agreement</heading>'
        "{% if data %}<clause>Our own wording: {{ data }}</clause>{% endif %}</section>", encoding="utf-8")
    out = tmp_path / "agreement.md"
    assert cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out), "--clauses", str(folder)).exit_code == 0
    text = markdown_text(out)
    assert "Changing this agreement" in text and "Our own wording:" in text
    assert "Resolving disputes" in text  # the other clauses are still the shipped ones


@pytest.mark.parametrize("expression", ["''.__class__.__mro__", "cycler.__init__.__globals__",
                                        "self._TemplateReference__context", "data.__class__"])
def test_a_user_template_cannot_reach_python_internals(cli, tmp_path, expression):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "variation.xml.j2").write_text(
        f'<section key="variation"><heading>V</heading><clause>{{{{ {expression} }}}}</clause></section>',
        encoding="utf-8")
    out = tmp_path / "agreement.docx"
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(out), "--clauses", str(folder))
    assert run.exit_code == 2, run
    assert "variation.xml.j2" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


def test_a_template_error_names_the_template_and_line(cli, tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "variation.xml.j2").write_text('<section key="variation">\n<heading>V</heading>\n{% if %}\n</section>',
                                             encoding="utf-8")
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(tmp_path / "a.docx"), "--clauses", str(folder))
    assert run.exit_code == 2
    assert re.search(r"variation\.xml\.j2, line 3", run.stderr), run.stderr


def test_a_misspelt_field_in_a_template_is_an_error_not_blank_text(cli, tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "variation.xml.j2").write_text(
        '<section key="variation">\n<heading>V</heading>\n<clause>{{ meta.titel }}</clause>\n</section>',
        encoding="utf-8")
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(tmp_path / "a.docx"), "--clauses", str(folder))
    assert run.exit_code == 2
    assert "variation.xml.j2, line 3" in run.stderr and "titel" in run.stderr


def test_a_template_file_that_overrides_nothing_is_refused(cli, tmp_path):
    folder = tmp_path / "clauses"
    folder.mkdir()
    (folder / "dispute.xml.j2").write_text("<section/>", encoding="utf-8")
    run = cli("build", str(SAMPLES / "complete.yaml"), "-o", str(tmp_path / "a.docx"), "--clauses", str(folder))
    assert run.exit_code == 2 and "matches no clause template" in run.stderr and "disputes.xml.j2" in run.stderr


def test_lint_does_not_import_python_docx_or_jinja():
    code = ("import sys\nfrom agreement_builder.cli import main\n"
            "try:\n    main(['lint', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'jinja2', 'lxml')))")
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLES / "complete.yaml")], capture_output=True,
                          text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_a_section_that_leaves_out_its_lists_still_builds(cli, write, tmp_path):
    source = write("lists.yaml", MINIMAL + "exit_strategy:\n  approach: exit\n  notice_months: 6\n"
                   "purpose:\n  outcomes:\n    - statement: People stay well at home.\n"
                   "accountability:\n  groups:\n    - id: board\n      name: Board\n")
    out = tmp_path / "lists.md"
    run = cli("build", source, "-o", str(out))
    assert run.exit_code == 0, run
    assert "People stay well at home." in markdown_text(out)


def test_build_without_a_format_makes_a_word_document():
    built = build(str(SAMPLES / "first-draft.yaml"))
    assert built.content is not None
    assert built.errors == 0  # a draft's lint errors are noted in it; none is counted as drafted despite
    with zipfile.ZipFile(io.BytesIO(built.content)) as package:
        assert "word/document.xml" in package.namelist()


@pytest.mark.parametrize("settings", ['ignore = ["EN113"]', 'packs = ["legal"]'])
def test_a_build_reads_the_settings_beside_its_input_not_those_of_the_working_folder(tmp_path: Path, monkeypatch,
                                                                                     settings: str):
    # A section 75 agreement that does not record the consultation: the England pack's EN113 notes it, unless
    # the settings ignore the rule or choose packs without that one.
    data = json.loads((SAMPLES / "pooled-budget.json").read_text(encoding="utf-8"))
    del data["legal_powers"]["consultation"]
    data["agreement"]["status"] = "draft"  # a draft carries drafting notes
    plain, quiet = tmp_path / "plain", tmp_path / "quiet"
    for folder in (plain, quiet):
        folder.mkdir()
        (folder / "agreement.json").write_text(json.dumps(data), encoding="utf-8")
    (quiet / ".agreement.toml").write_text(f"[lint]\n{settings}\n")
    monkeypatch.chdir(plain)  # the working folder has no settings; the one beside the input does
    noted = build(str(plain / "agreement.json"), "md").content
    ignored = build(str(quiet / "agreement.json"), "md").content
    assert noted is not None and ignored is not None
    assert noted.count(b"Drafting note") == ignored.count(b"Drafting note") + 1
