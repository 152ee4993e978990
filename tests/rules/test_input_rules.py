"""The input pack's checks of how the file was typed: curly quotes pasted round a value (AB005), and a ` #` in
unquoted text that cut the rest of the line off as a comment (AB006). They run whatever packs are chosen."""

from __future__ import annotations

from pathlib import Path

from harness import check

from agreement_builder.lint import lint


def test_curly_quotes_round_a_value_are_reported_with_the_straight_ones_to_type(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: “Northvale Partnership Agreement”
          short_name: ‘the Partnership’
          model: A board that meets in “open” session
        """, "AB005")
    assert [(f.line, f.column, f.path) for f in found] == [(2, 10, "/agreement/title"),
                                                           (3, 15, "/agreement/short_name")]
    assert found[0].message.startswith('replace the curly quotes around this text with straight ones (")')
    assert "(')" in found[1].message


def test_a_hash_after_one_space_in_unquoted_text_is_reported(tmp_path: Path):
    found = check(tmp_path, """
        agreement:
          title: Northvale Partnership Agreement
          short_name: the Partnership #1
          status: draft                  # draft | final
          model: "Quoted #text keeps its hash"
        behaviours:
          - Partners reply within 5 days #fast
          - Partners share data # a real comment
        purpose:
          vision: >-
            Older people live well #athome, in block text
        """, "AB006")
    assert [(f.line, f.path) for f in found] == [(3, "/agreement/short_name"), (7, "/behaviours/0")]
    assert found[0].message.startswith('put this text in quotes to keep "#1"')


def test_the_input_checks_run_whatever_pack_is_chosen(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text("agreement:\n  title: “Northvale”\nparties:\n  - id: a\n    name: A\n    sector: health\n"
                    "  - id: b\n    name: B\n    sector: housing\n", encoding="utf-8")
    assert "AB005" in {f.rule for f in lint(str(path), ["england-s75"])}
