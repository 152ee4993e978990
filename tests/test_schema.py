"""The schema and our checker: well-formed, documented, and agreeing with the reference implementation."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from agreement_builder import schema
from agreement_builder.schema import SUPPORTED_KEYWORDS, check

BASE: dict[str, Any] = {
    "agreement": {"title": "Northvale Partnership Agreement", "status": "draft"},
    "parties": [
        {"id": "nvc", "name": "Northvale Council", "sector": "local_authority",
         "representatives": [{"id": "nv-chief-exec", "name": "Ann Other"}]},
        {"id": "nhb", "name": "Northvale Health Board", "sector": "health"},
    ],
}


def _nodes(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from _nodes(sub, f"{path}/{key}/{name}")
            elif isinstance(value, dict) and key not in ("x-enum-titles", "default"):  # data, not schemas
                yield from _nodes(value, f"{path}/{key}")


def test_the_schema_passes_the_2020_12_metaschema():
    jsonschema.Draft202012Validator.check_schema(schema.schema())
    assert schema.schema()["$id"]


def test_every_property_has_a_title_and_a_description():
    for path, node in _nodes(schema.schema()):
        if path.split("/")[-2:-1] == ["properties"]:
            assert node.get("title") and node.get("description"), path


def test_the_schema_uses_only_keywords_our_checker_implements():
    for path, node in _nodes(schema.schema()):
        unknown = set(node) - SUPPORTED_KEYWORDS
        assert not unknown, f"{path}: {unknown}"


def test_none_of_the_twelve_elements_is_required():
    assert schema.schema()["required"] == ["agreement", "parties"]


def test_a_minimal_agreement_is_valid():
    assert check(BASE) == []


def _with(change: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(change)
    return data


@pytest.mark.parametrize(("change", "path", "words"), [
    ({"agreement": {"titel": "T", "title": "T"}}, ("agreement", "titel"), "did you mean 'title'"),
    ({"agreement": {"title": "T", "status": "Draft"}}, ("agreement", "status"), "did you mean 'draft'"),
    ({"agreement": {"title": "T", "effective_date": "1/4/2026"}}, ("agreement", "effective_date"), "YYYY-MM-DD"),
    ({"agreement": {}}, ("agreement",), "'title' is missing"),
    ({"parties": [BASE["parties"][0]]}, ("parties",), "at least 2"),
    ({"finance": {"contributions": "lots"}}, ("finance", "contributions"), "expected a list, found text"),
    ({"risk": {"register": [{"description": "x", "likelihood": 9}]}}, ("risk", "register", 0, "likelihood"),
     "at most 5"),
    ({"exit_strategy": {"notice_months": True}}, ("exit_strategy", "notice_months"), "whole number"),
    ({"purpose": {"vision": ""}}, ("purpose", "vision"), "must not be empty"),
    # A schedule's heading is what the document prints above it: spaces alone (a line separator, a no-break
    # space) would leave the schedule with none, which the build could only refuse after validation passed.
    ({"schedules": [{"id": "s", "title": " \u00a0"}]}, ("schedules", 0, "title"), "is only spaces"),
    ({"schedules": [{"id": "s", "title": "\x85\u2028"}]}, ("schedules", 0, "title"), "write the heading"),
])
def test_shape_problems_are_reported_in_plain_words(change, path, words):
    problems = check(_with(change))
    assert [p.path for p in problems] == [path]
    assert words in problems[0].message


def _group(members: list[Any]) -> dict[str, Any]:
    return {"accountability": {"groups": [{"id": "board", "name": "Board", "members": members}]}}


def _party(**changes: Any) -> dict[str, Any]:
    return {"parties": [dict(BASE["parties"][0], **changes), BASE["parties"][1]]}


AMOUNT = ("finance", "contributions", 0, "amount")


def _amount(amount: Any) -> dict[str, Any]:
    return {"finance": {"contributions": [{"party": "nvc", "kind": "money", "description": "x", "amount": amount}]}}


def _risk(likelihood: Any) -> dict[str, Any]:
    return {"risk": {"register": [{"description": "x", "likelihood": likelihood}]}}


LONG = "x" * 41


@pytest.mark.parametrize(("change", "expected"), [
    # what was found, in words
    ({"agreement": None}, [(("agreement",), "expected a mapping of keys and values, found nothing")]),
    ({"finance": True}, [(("finance",), "expected a mapping of keys and values, found true or false")]),
    ({"parties": 3}, [(("parties",), "expected a list, found a number")]),
    ({"behaviours": {"a": 1}}, [(("behaviours",), "expected a list, found a mapping")]),
    ({"agreement": {"title": ["a"]}}, [(("agreement", "title"), "expected text, found a list")]),
    ({"agreement": {"title": "T", "time_limited": "yes"}},
     [(("agreement", "time_limited"), "expected true or false, found text")]),
    ({"behaviours": ["ok", 3]}, [(("behaviours", 1), "expected text, found a number")]),
    (_group([3]), [(("accountability", "groups", 0, "members", 0), "expected text, found a number")]),
    # whole numbers: 2.0 is one, 2.5 is not
    (_risk(2.0), []),
    (_risk(2.5), [(("risk", "register", 0, "likelihood"), "expected a whole number, found a number")]),
    # money written as people write it: how to write it as a number
    (_amount("£250,000"), [(AMOUNT, "expected a number, found text: write the amount as a plain number without the "
                                    "£ sign or commas, e.g. 250000")]),
    (_amount("1,500.50"), [(AMOUNT, "expected a number, found text: write the amount as a plain number without "
                                    "commas, e.g. 1500.50")]),
    (_amount("lots"), [(AMOUNT, "expected a number, found text")]),
    (_amount("£250k"), [(AMOUNT, "expected a number, found text")]),
    # bounds, at and past each edge
    (_risk(1), []), (_risk(5), []),
    (_risk(0), [(("risk", "register", 0, "likelihood"), "must be at least 1, found 0")]),
    (_risk(6), [(("risk", "register", 0, "likelihood"), "must be at most 5, found 6")]),
    ({"behaviours": [""]}, [(("behaviours", 0), "must not be empty")]),
    ({"agreement": {"title": ""}}, [(("agreement", "title"), "must not be empty")]),
    (_party(id="a" * 64), []),
    (_party(id="a" * 65), [(("parties", 0, "id"), "is longer than 64 characters")]),
    (_group(["x" * 65]), [(("accountability", "groups", 0, "members", 0), "is longer than 64 characters")]),
    ({"behaviours": []}, []),
    ({"agreement": {"title": "T", "status": "nonsense"}}, [(("agreement", "status"), "'nonsense' is not one of: "
                                                                                    "draft, final")]),
    # an unknown key close to a known one: that one is suggested (otherwise the known keys are listed: below)
    ({"agreement": {"titel": "T"}}, [(("agreement", "titel"), "unknown key 'titel' (did you mean 'title'?)")]),
])
def test_each_kind_of_shape_problem_has_its_own_message(change: dict[str, Any], expected: list[Any]):
    assert [(p.path, p.message) for p in check(_with(change))] == expected


@pytest.mark.parametrize(("value", "quoted"), [(LONG[:40], f"'{LONG[:40]}' "), (LONG, f"'{LONG[:37]}...' ")])
def test_a_value_quoted_in_a_message_is_cut_after_40_characters(value: str, quoted: str):
    [problem] = check(_with({"agreement": {"title": "T", "effective_date": value}}))
    assert problem.message.startswith(quoted), problem.message


@pytest.mark.parametrize("section", ["term", "agreement"])
def test_an_unknown_key_lists_the_known_keys_twelve_at_most(section: str):
    known = list(schema.schema()["properties"][section]["properties"])
    listed = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", ..."
    data = _with({section: {**BASE.get(section, {}), "zzzzqq": 1}})
    assert [(p.path, p.message) for p in check(data)] == [
        ((section, "zzzzqq"), f"unknown key 'zzzzqq' (known keys here: {listed})")]


def test_the_listing_is_tried_on_a_section_with_twelve_keys_or_fewer_and_one_with_more():
    properties = schema.schema()["properties"]
    assert len(properties["term"]["properties"]) <= 12 < len(properties["agreement"]["properties"])


def test_an_unknown_key_is_located_at_the_key_and_other_problems_at_the_value():
    problems = check(_with({"agreement": {"titel": "T", "status": 3}}))
    assert sorted((p.path, p.key) for p in problems) == [(("agreement", "status"), False),
                                                         (("agreement", "titel"), True)]


def test_cross_references_name_the_dangling_id():
    data = _with({"roles": {"individuals": [{"title": "Chair", "holder": "nv-chief-exc"}]}})
    [problem] = check(data)
    assert problem.reference and problem.path == ("roles", "individuals", 0, "holder")
    assert "'nv-chief-exc' names no party or person" in problem.message
    assert "did you mean 'nv-chief-exec'" in problem.message


def test_a_reference_to_the_wrong_kind_of_thing_is_reported():
    data = _with({"accountability": {"groups": [{"id": "board", "name": "Board", "reports_to": "nvc"}]}})
    [problem] = check(data)
    assert "a party, not a group" in problem.message


def test_an_id_used_twice_is_reported():
    data = _with({"people": [{"id": "nvc", "name": "Someone"}]})
    [problem] = check(data)
    assert problem.path == ("people", 0, "id") and "already used" in problem.message
    assert problem.reference  # a cross-reference problem (AB003), not one of shape


def test_cross_references_are_checked_only_when_the_shape_is_right():
    data = _with({"roles": {"individuals": [{"title": 3, "holder": "nobody"}]}})
    assert [p.reference for p in check(data)] == [False]


MUTATIONS: list[Any] = [None, True, 0, 1.5, -3, "", "text", [], ["x"], {}, {"unknown": 1}]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return value
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def test_our_checker_agrees_with_jsonschema_on_mutations_of_every_sample():
    from support import SAMPLES

    from agreement_builder.source import load

    reference = jsonschema.Draft202012Validator(schema.schema())
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".json"))
    assert samples, "no samples to compare on"
    compared = 0
    for sample in samples:
        data = load(str(sample)).data
        paths = list(_paths(data))
        # Evenly spaced places, each given a different wrong (or right) value in turn: a few hundred checks
        # keep the reference implementation's cost within a CI budget.
        for n, path in enumerate(paths[:: max(1, len(paths) // 80)]):
            mutated = _set(data, path, MUTATIONS[n % len(MUTATIONS)])
            ours = [p for p in check(mutated) if not p.reference]
            theirs = list(reference.iter_errors(mutated))
            assert bool(ours) == bool(theirs), (sample.name, path, ours, [e.message for e in theirs])
            compared += 1
    assert compared >= 80 * len(samples)


# The checker is compiled from any schema it is given: a small one uses the keywords in ways the agreement's
# schema does not today (a bounded text checked inline, a node that contains itself, an enum of numbers, a value
# of either of two types, a bound on an untyped value), and it must still agree with the reference implementation.
SMALL: dict[str, Any] = {
    "$defs": {"node": {"type": "object", "additionalProperties": False, "properties": {
        "name": {"type": "string", "maxLength": 3},
        "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "minLength": 2, "maxLength": 3},
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 3}},
        "level": {"enum": [1, 2, 3]},
        "either": {"type": ["integer", "string"], "pattern": "^[a-z]+$", "minimum": 1},
        "count": {"minimum": 1},
        "tree": {"$ref": "#/$defs/node"},
        "twelve": {"type": "object", "additionalProperties": False,
                   "properties": {f"k{i:02}": {"type": "string"} for i in range(12)}},
        "thirteen": {"type": "object", "additionalProperties": False,
                     "properties": {f"k{i:02}": {"type": "string"} for i in range(13)}},
        "none": {"type": "object", "additionalProperties": False},
    },
}


def _small(data: Any) -> list[schema.Problem]:
    run = schema._Run(data)
    schema._Compiler(SMALL).compile(SMALL)(data, (), run)
    return run.problems


@pytest.mark.parametrize(("data", "expected"), [
    ({"code": "ab"}, []), ({"code": "abc"}, []),
    ({"code": "a"}, [(("code",), "is shorter than 2 characters")]),
    ({"code": "abcd"}, [(("code",), "is longer than 3 characters")]),
    ({"tags": ["a", "abc"]}, []),
    ({"tags": ["abcd", ""]}, [(("tags", 0), "is longer than 3 characters"), (("tags", 1), "must not be empty")]),
    ({"level": 2}, []),
    ({"level": 4}, [(("level",), "'4' is not one of: 1, 2, 3")]),
    ({"either": "abc"}, []), ({"either": 2}, []),
    ({"either": "ABC"}, [(("either",), "'ABC' has the wrong form")]),
    ({"either": 0}, [(("either",), "must be at least 1, found 0")]),
    ({"count": 1}, []), ({"count": False}, []), ({"count": "x"}, []),
    ({"count": 0}, [(("count",), "must be at least 1, found 0")]),
    ({"tree": {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}}, []),
    ({"tree": {"name": "a", "children": [{"name": "b", "children": [{"name": "long"}]}]}},
     [(("tree", "children", 0, "children", 0, "name"), "is longer than 3 characters")]),
    ({"twelve": {"zzzz": "x"}},
     [(("twelve", "zzzz"), "unknown key 'zzzz' (known keys here: " + ", ".join(f"k{i:02}" for i in range(12)) + ")")]),
    ({"thirteen": {"zzzz": "x"}},
     [(("thirteen", "zzzz"), "unknown key 'zzzz' (known keys here: " + ", ".join(f"k{i:02}" for i in range(12))
       + ", ...)")]),
    ({"none": {"zzzz": "x"}}, [(("none", "zzzz"), "unknown key 'zzzz'")]),
])
def test_a_schema_using_the_keywords_differently_is_checked_as_the_reference_implementation_checks_it(
        data: Any, expected: list[Any]):
    problems = _small(data)
    assert [(p.path, p.message) for p in problems] == expected
    # The reference implementation puts an unknown key's problem on the mapping that holds it.
    reference = jsonschema.Draft202012Validator(SMALL)
    assert sorted(tuple(e.absolute_path) for e in reference.iter_errors(data)) == sorted(
        p.path[:-1] if p.key else p.path for p in problems)


def test_an_id_like_a_name_is_told_that_ids_have_no_spaces():
    [problem] = check(_with(_party(id="A team")))
    assert problem.message == f"'A team' {schema._ID_SPACES}"


def test_a_whole_number_written_with_commas_is_told_how_to_write_it():
    [problem] = check(_with(_risk("1,000")))
    assert problem.message == ("expected a whole number, found text: write the amount as a plain number without "
                               "commas, e.g. 1000")


def test_a_heading_of_one_character_is_enough():
    assert check(_with({"schedules": [{"id": "s", "title": "A"}]})) == []


def test_an_empty_id_has_the_wrong_form_and_nothing_more():
    assert [(p.path, p.message) for p in check(_with(_party(id="")))] == [
        (("parties", 0, "id"), f"'' {schema._ID_HINT}")]


def _parties(count: int) -> dict[str, Any]:
    return {"agreement": {"title": "T"}, "parties": [{"id": f"party-{i}", "name": f"Party {i}", "sector": "health"}
                                                     for i in range(count)]}


@pytest.mark.parametrize(("count", "listed"), [(12, True), (13, False)])
def test_a_dangling_reference_lists_the_ids_it_may_name_when_there_are_twelve_at_most(count: int, listed: bool):
    data = {**_parties(count), "resources": [{"party": "zzzzqq", "kind": "staff", "description": "x"}]}
    [problem] = check(data)
    ids = ", ".join(f"party-{i}" for i in range(count))
    assert problem.message == "'zzzzqq' names no party in this agreement" + (
        f" (the ids it may name: {ids})" if listed else "")


@pytest.mark.parametrize(("count", "suggested"), [(5000, True), (5001, False)])
def test_suggestions_for_a_dangling_reference_stop_after_5000_ids_compared(count: int, suggested: bool):
    data = {**_parties(count), "resources": [{"party": "party-12x", "kind": "staff", "description": "x"}]}
    [problem] = check(data)
    assert ("did you mean" in problem.message) is suggested, problem.message


def test_a_name_near_one_that_two_kinds_of_thing_share_suggests_the_one_of_the_kind_wanted():
    data = _with({"parties": [*BASE["parties"], {"id": "nvb", "name": "Northvale Board", "sector": "other"}],
                  "accountability": {"groups": [{"id": "board", "name": "Northvale Board"},
                                                {"id": "audit", "name": "Audit", "reports_to": "Northvale Bord"}]}})
    [problem] = check(data)
    assert problem.message.endswith("(did you mean the id 'board', of the group called 'Northvale Board'?)")


@pytest.mark.parametrize(("given", "words"), [
    ("Director of Integration", "write the id 'doi' here, not the name"),
    ("Director of Integratoin", "(did you mean the id 'doi', of the post called 'Director of Integration'?)"),
])
def test_a_post_is_found_and_suggested_by_its_title(given: str, words: str):
    post = {"id": "doi", "title": "Director of Integration"}
    [problem] = check(_with({"posts": [post], "accountability": {"chief_officer": given}}))
    assert words in problem.message


def test_a_body_with_only_a_short_name_is_suggested_by_it():
    data = _with({"bodies": [{"id": "ijb", "short_name": "Northvale IJB"}],
                  "finance": {"accountable_body": "Northvale IJ"}})
    messages = [p.message for p in check(data)]
    assert any(m.endswith("(did you mean the id 'ijb', of the body called 'Northvale IJB'?)") for m in messages)
