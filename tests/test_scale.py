"""Work that grows with the input grows linearly: suggestions for references to ids that do not exist, and
looking parties and people up by id. (Timings are in `bench/scale.py`; these tests count the work itself, and
the robustness corpus runs the large cases under its time bound.)"""

from __future__ import annotations

import yaml

from agreement_builder import drafting, schema
from agreement_builder.lint import validate
from agreement_builder.model import Agreement, Node


def parties(n: int) -> list[dict[str, str]]:
    return [{"id": f"party-{i:06}", "name": f"Partner {i}", "sector": "health"} for i in range(n)]


def test_suggestions_for_dangling_references_compare_a_bounded_number_of_ids(monkeypatch):
    n = 1000
    data = {"agreement": {"title": "T"}, "parties": parties(n),
            "actions": [{"description": "d", "owner": f"parti-{i:06}"} for i in range(n)]}
    compared: list[int] = []
    real = schema._closest

    def counted(word: str, choices: list[str]) -> str | None:
        compared.append(len(choices))
        return real(word, choices)

    monkeypatch.setattr(schema, "_closest", counted)
    problems = schema.check(data)
    assert len(problems) == n
    assert sum(compared) <= schema.SUGGESTION_BUDGET  # a suggestion for each would compare 1,000,000
    assert problems[0].message.startswith("'parti-000000' names no party or person")
    assert problems[0].message.endswith("in this agreement (did you mean 'party-000000'?)")
    assert problems[-1].message.endswith("in this agreement")  # the budget was spent before it


def test_a_few_dangling_references_each_get_a_suggestion():
    data = {"agreement": {"title": "T"}, "parties": parties(3),
            "actions": [{"description": "d", "owner": "party-00001"}, {"description": "d", "owner": "prty-000002"}]}
    messages = [p.message for p in schema.check(data)]
    assert [m.split(" in this agreement")[1] for m in messages] == [
        " (did you mean 'party-000001'?)", " (did you mean 'party-000002'?)"]


def test_looking_parties_and_people_up_by_id_reads_the_lists_once(tmp_path, monkeypatch):
    n = 2000
    data = {"agreement": {"title": "T"}, "parties": parties(n),
            "people": [{"id": f"person-{i}", "name": f"Person {i}"} for i in range(n)]}
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    checked = validate(str(path))
    assert checked.document is not None and checked.valid, checked.findings[:3]
    agreement = Agreement.from_document(checked.document)
    reads: list[str] = []
    real = Node.children

    def counted(self: Node, key: str) -> list[Node]:
        reads.append(key)
        return real(self, key)

    monkeypatch.setattr(Node, "children", counted)

    def look_up_everyone() -> None:
        assert all(agreement.party(f"party-{i:06}") is not None for i in range(n))
        assert all(agreement.person(f"person-{i}").text("name") == f"Person {i}"  # type: ignore[union-attr]
                   for i in range(n))
        assert agreement.party("nobody") is None and agreement.person("nobody") is None

    look_up_everyone()
    first = len(reads)
    assert first <= n + 20  # each party's representatives once, to index the people; not once per look-up
    look_up_everyone()
    assert len(reads) == first
    assert [s["party"] for s in drafting.signatories(agreement)][:2] == ["Partner 0", "Partner 1"]
    assert len(reads) <= first + 10  # the signatories' lists, read once each


def test_the_first_of_two_parties_with_one_id_is_the_one_found():
    document_data = {"parties": [{"id": "a", "name": "First"}, {"id": "a", "name": "Second"}]}
    from agreement_builder.source import Document

    agreement = Agreement.from_document(Document("a.yaml", document_data, {}, {}, ""))
    assert agreement.party("a").text("name") == "First"  # type: ignore[union-attr]
