"""The reader of the clause templates' vocabulary: numbering, references, placeholders, line breaks, notes."""

from __future__ import annotations

import re

import pytest
from vocabulary import demo, section

from agreement_builder.document import (
    ANNEX,
    SCHEDULE,
    Bracket,
    Caption,
    Clause,
    Control,
    FieldRef,
    Note,
    Para,
    Party,
    Recital,
    Signatory,
    SignatureRow,
    Span,
    Subheading,
    Table,
    plain,
    plain_text,
)
from agreement_builder.errors import TemplateError


def clauses(xml: str, number: str = "1", kind: str | None = None) -> list[Clause]:
    return [b for b in section(xml, number, kind).blocks if isinstance(b, Clause)]


def test_a_reference_to_a_clause_reads_clause_and_its_number_even_before_the_clause_is_read():
    draft = demo()
    recital = next(b for b in draft.opening.blocks if isinstance(b, Recital))
    assert plain(recital.text[0]) == ("The Parties are satisfied that clause 2.1 applies and that Annex 1 lists "
                                      "the functions.")


def test_a_reference_to_an_item_adds_its_letter_and_the_number_is_a_field_on_the_items_anchor():
    law = clauses("""<section key="x"><heading>H</heading><clause>Lead in:<item id="b">text</item></clause>
                     <clause>See <ref clause="b"/>.</clause></section>""", "7")
    spans = law[1].text[0]
    assert plain(spans) == "See clause 7.1(a)."
    assert [s.field for s in spans if isinstance(s, Span) and s.field] == [FieldRef("id-b", True)]
    assert law[0].items[0].anchor == "id-b"


def test_a_reference_to_a_paragraph_of_a_schedule_names_the_paragraph_and_the_schedule():
    draft = demo()
    annex = draft.annexes[0]
    assert annex.kind == ANNEX and annex.title == "Annex 1: Functions delegated"
    para = next(b for b in annex.blocks if isinstance(b, Para))
    assert plain(para.content) == "See Schedule 1 and paragraph 1(a) of Schedule 1."
    fields = [s.field for s in para.content if isinstance(s, Span) and s.field]
    # The paragraph and item numbers and the schedule's label each follow their own bookmark.
    assert fields == [FieldRef("schedule-money"), FieldRef("id-sch-p1", False), FieldRef("id-sch-p1a", False),
                      FieldRef("schedule-money")]


def test_a_schedule_paragraph_without_an_id_gets_an_anchor_when_one_of_its_items_is_referred_to():
    found = clauses("""<section key="s"><heading>H</heading><clause>one</clause><clause>two<item id="i">a</item>
                       </clause><clause>See <ref clause="i"/></clause></section>""", "3", "schedule")
    assert (found[0].anchor, found[1].anchor) == ("", "clause-x-2")
    assert plain(found[2].text[0]) == "See paragraph 2(a) of Schedule 3"


def test_section_schedule_and_annex_references_read_as_a_reader_expects():
    draft = demo()
    items = draft.sections[0].blocks[0].items  # type: ignore[union-attr]
    assert plain(items[1].text[0]) == "second, see clause 2.2(a) and Schedule 1"
    assert plain(draft.sections[1].blocks[0].text[0]).endswith("see clause 1.")  # type: ignore[union-attr]
    assert draft.schedules[0].kind == SCHEDULE and draft.schedules[0].label == "Schedule 1"


def test_clauses_in_a_schedule_are_numbered_from_1_in_that_schedule():
    found = clauses("""<section key="s"><heading>H</heading><clause>one<item>a</item></clause><clause>two</clause>
                       </section>""", "3", "schedule")
    assert [(c.number, [i.number for i in c.items]) for c in found] == [("1", ["(a)"]), ("2", [])]


@pytest.mark.parametrize(("xml", "words"), [
    ('<section key="x"><heading>H</heading><clause>See <ref clause="nowhere"/></clause></section>',
     "refers to the clause 'nowhere'"),
    ('<section key="x"><heading>H</heading><clause id="a">one</clause><clause id="a">two</clause></section>',
     "the id 'a' is used twice"),
    ('<section key="x"><heading>H</heading><clause>See <ref annex="none"/></clause></section>',
     "refers to the annex 'none'"),
    ('<section key="x"><heading>H</heading><clause>See <ref clause="a" schedule="b"/></clause></section>',
     "names one of"),
    ('<section key="x" numbered="no"><clause>an unnumbered section has no clauses</clause></section>',
     "use <para>"),
    ('<section key="x"><clause>a numbered section needs a heading</clause></section>', "has no <heading>"),
    ('<section key="x"><heading>H</heading><para><bracket>a <bracket>b</bracket></bracket></para></section>',
     "a <bracket> inside a <bracket>"),
    ('<section key="x" kind="appendix"><heading>H</heading></section>', 'kind="appendix"'),
])
def test_a_template_mistake_names_the_template_and_line(xml: str, words: str):
    with pytest.raises(TemplateError, match=r"test\.xml\.j2: line \d+ of its output: .*" + re.escape(words)):
        section(xml)


def test_a_bracket_prints_its_text_in_square_brackets_and_an_empty_one_a_blob():
    found = section("""<section key="x"><heading>H</heading>
        <para>Dated <bracket/> at <bracket>  place of signing: <v>Eastmuir</v> </bracket>.</para></section>""")
    content = found.blocks[0].content  # type: ignore[union-attr]
    assert plain(content) == "Dated [●] at [place of signing: Eastmuir]."
    assert [plain(b.content) for b in content if isinstance(b, Bracket)] == ["[●]", "[place of signing: Eastmuir]"]


def test_a_brackets_note_is_a_drafting_note_with_its_source_unless_notes_are_off():
    xml = """<section key="x"><heading>H</heading><para>Dated
             <bracket note="Insert the  date." source="briefing: Structures"/></para></section>"""
    bracket = section(xml).blocks[0].content[1]  # type: ignore[union-attr]
    assert isinstance(bracket, Bracket) and bracket.note is not None
    assert bracket.note.text == "Insert the date. Source: briefing: Structures."
    quiet = section(xml, annotate=False).blocks[0].content[1]  # type: ignore[union-attr]
    assert isinstance(quiet, Bracket) and quiet.note is None and plain(quiet.content) == "[●]"


def test_every_note_block_or_bracket_is_listed_in_reading_order():
    notes = demo().notes
    assert [n.message for n in notes] == ["Insert the date on which the last Party signs.",
                                          "Insert the duration of the agreement."]
    assert notes[1].source == "SI 2000/617 reg. 7(3)(f)" and notes[1].rule == "AB101"
    assert demo(annotate=False).notes == ()


def test_a_note_reads_as_an_instruction_with_its_source_and_the_comment_adds_the_rule():
    note = Note("AB101", "error", "Insert the duration.", "The regulations require it.", "SI 2000/617 reg. 7")
    assert note.text == "Insert the duration. The regulations require it. Source: SI 2000/617 reg. 7."
    assert note.comment == note.text + " (AB101)"
    ending = Note("", "warning", "Insert it.", source="SI 2000/617 reg. 7.")
    assert ending.text == "Insert it. Source: SI 2000/617 reg. 7."


def test_a_single_line_break_in_a_value_is_a_space_and_a_blank_line_a_new_paragraph():
    first = demo().sections[0].blocks[0]
    assert isinstance(first, Clause)
    assert [plain(p) for p in first.text] == ["In this agreement: one line wrapped by YAML", "and a new paragraph"]
    assert [plain(p) for p in first.items[0].text] == ["first item with a", "second paragraph"]


def test_a_blank_line_needs_only_spaces_or_tabs_between_its_line_breaks():
    found = section("<section key='x'><heading>H</heading><para><v>one  \n \t \r\n\n two\r\nthree</v></para></section>")
    assert [plain(b.content) for b in found.blocks if isinstance(b, Para)] == ["one", "two three"]


def test_a_value_with_a_blank_line_in_a_heading_label_or_bracket_reads_as_one_line():
    found = section("""<section key="x"><heading><v>A

heading</v></heading><para><bracket><v>to

confirm</v></bracket></para><signatory><field><label><v>Name

here</v></label></field></signatory></section>""")
    assert plain(found.heading) == "A heading"
    assert plain(found.blocks[0].content) == "[to confirm]"  # type: ignore[union-attr]
    row = found.blocks[1].rows[0]  # type: ignore[union-attr]
    assert isinstance(row, SignatureRow) and plain(row.label) == "Name here" and row.value == ()


def test_a_table_cell_holds_each_paragraph_of_its_value():
    table = next(b for b in demo().schedules[0].blocks if isinstance(b, Table))
    assert [plain_text(c) for c in table.rows[0]] == ["Alpha Council", "£1,850,000\n(in two parts)"]


def test_an_explicit_template_line_break_stays_a_line_break():
    found = section("<section key='x'><heading>H</heading><para>one<br/>two</para></section>")
    assert plain(found.blocks[0].content) == "one\ntwo"  # type: ignore[union-attr]


def test_the_opening_numbers_its_parties_and_recitals_and_may_have_no_heading():
    opening = demo().opening
    assert opening is not None and opening.heading == () and opening.number == ""
    assert [b.number for b in opening.blocks if isinstance(b, Party)] == ["(1)", "(2)"]
    assert [b.number for b in opening.blocks if isinstance(b, Recital)] == ["(A)", "(B)"]
    assert [plain(b.content) for b in opening.blocks if isinstance(b, Subheading)] == ["Parties", "Background"]
    second = [b for b in opening.blocks if isinstance(b, Recital)][1]
    assert [plain(p) for p in second.text] == ["A recital the user wrote, wrapped in YAML.", "Its second paragraph."]


def test_an_unnumbered_section_prints_its_heading_without_a_number():
    found = section("<section key='x' numbered='no'><heading>Execution</heading><para>a</para></section>", "9")
    assert (found.number, found.title) == ("", "Execution")


def test_the_cover_has_a_document_control_box_and_a_signatory_captions():
    draft = demo()
    control = next(line for line in draft.cover if isinstance(line, Control))
    assert [(plain(label), plain(value)) for label, value in control.rows] == [("Version", "0.4"),
                                                                              ("Status", "Draft for discussion")]
    signatory = next(b for b in draft.signatures.blocks if isinstance(b, Signatory))  # type: ignore[union-attr]
    assert [type(r) for r in signatory.rows] == [SignatureRow, SignatureRow, Caption, SignatureRow]
    assert plain(signatory.rows[2].content) == "in the presence of:"  # type: ignore[union-attr]


def test_the_sections_come_in_reading_order():
    assert [s.anchor for s in demo().all_sections()] == ["opening", "clause-definitions", "clause-law", "signatures",
                                                         "schedule-money", "annex-functions"]
