"""Waivers: each waives the findings of its rule at its path or below, reports itself when it matches nothing
or names a rule that does not exist or cannot be waived, and many waivers over many findings take linear time."""

from __future__ import annotations

import yaml

from agreement_builder import lint as pipeline
from agreement_builder.findings import Finding, Severity
from agreement_builder.lint import WAIVER, Found, apply_waivers, validate
from agreement_builder.model import Agreement
from agreement_builder.rules import RULES
from agreement_builder.rules.base import Issue

BASE = {"agreement": {"title": "T"}, "parties": [{"id": p, "name": p, "sector": "health"} for p in ("a", "b")]}


def agreement_with(tmp_path, waivers: list[dict[str, str]]) -> Agreement:
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump({**BASE, "waivers": waivers}), encoding="utf-8")
    checked = validate(str(path))
    assert checked.document is not None and checked.valid, checked.findings
    return Agreement.from_document(checked.document)


def finding(rule: str, path: str) -> Finding:
    return Finding("a.yaml", 1, 1, rule, Severity.WARNING, "m", path)


def apply(agreement: Agreement, findings: list[Finding], ran: set[str] | None = None) -> list[Finding]:
    """``apply_waivers`` on plain findings: each in its place, with the reason of the waiver that matched it,
    then the waivers' own findings."""
    active, done = apply_waivers(agreement, [Found(RULES[f.rule], Issue((), f.message), f) for f in findings], ran)
    reasons = {(f.rule, f.path): f.waived for f in done}
    return ([Finding(f.file, f.line, f.column, f.rule, f.severity, f.message, f.path,
                     waived=reasons.get((f.rule, f.path))) for f in findings]
            + [item.finding for item in active if item.finding.rule == WAIVER])


def waived(result: list[Finding]) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.path, f.waived) for f in result if f.rule != WAIVER]


def notes(result: list[Finding]) -> list[str]:
    return [f.message for f in result if f.rule == WAIVER]


def test_a_waiver_covers_its_path_and_everything_below_it_and_nothing_else(tmp_path):
    agreement = agreement_with(tmp_path, [{"rule": "AB210", "path": "/actions/1", "reason": "r"}])
    found = [finding("AB210", p) for p in ("/actions/1", "/actions/1/owner", "/actions/10", "/actions/0", "/actions")]
    result = apply(agreement, found + [finding("AB209", "/actions/1")])
    assert waived(result) == [("AB210", "/actions/1", "r"), ("AB210", "/actions/1/owner", "r"),
                              ("AB210", "/actions/10", None), ("AB210", "/actions/0", None),
                              ("AB210", "/actions", None), ("AB209", "/actions/1", None)]
    assert notes(result) == []


def test_a_waiver_with_a_trailing_slash_or_the_root_path(tmp_path):
    agreement = agreement_with(tmp_path, [{"rule": "AB210", "path": "/actions/", "reason": "r"},
                                          {"rule": "AB209", "path": "/", "reason": "s"}])
    found = [finding("AB210", "/actions/0"), finding("AB210", "/actionsx"), finding("AB209", "/x/y"),
             finding("AB209", "")]
    assert waived(apply(agreement, found)) == [("AB210", "/actions/0", "r"), ("AB210", "/actionsx", None),
                                                       ("AB209", "/x/y", "s"), ("AB209", "", None)]


def test_a_waiver_without_a_path_covers_every_finding_of_its_rule(tmp_path):
    agreement = agreement_with(tmp_path, [{"rule": "AB210", "reason": "r"}])
    result = apply(agreement, [finding("AB210", "/x"), finding("AB210", ""), finding("AB201", "/x")])
    assert waived(result) == [("AB210", "/x", "r"), ("AB210", "", "r"), ("AB201", "/x", None)]


def test_the_first_waiver_that_matches_gives_the_reason_and_a_second_that_matches_nothing_new_is_reported(tmp_path):
    agreement = agreement_with(tmp_path, [{"rule": "AB210", "reason": "first"},
                                          {"rule": "AB210", "path": "/x", "reason": "second"}])
    result = apply(agreement, [finding("AB210", "/x")])
    assert waived(result) == [("AB210", "/x", "first")]
    assert notes(result) == ["This waiver for AB210 matches no finding."]
    assert result[-1].path == "/waivers/1"


def test_a_waiver_for_an_unknown_rule_or_one_of_the_inputs_own_checks_is_reported(tmp_path):
    agreement = agreement_with(tmp_path, [{"rule": "AB999", "reason": "r"}, {"rule": "AB003", "reason": "r"},
                                          {"rule": "AB001", "reason": "r"}])
    result = apply(agreement, [finding("AB003", "/x")])
    assert waived(result) == [("AB003", "/x", None)]
    assert notes(result) == [
        "This waiver names the rule 'AB999', which does not exist.",
        "This waiver names AB003, one of the checks every file must pass, which cannot be waived.",
        "This waiver names AB001, one of the checks every file must pass, which cannot be waived.",
    ]
    assert [f.path for f in result if f.rule == WAIVER] == ["/waivers/0/rule", "/waivers/1/rule", "/waivers/2/rule"]


def test_a_waiver_of_a_rule_not_run_this_time_is_left_alone(tmp_path):
    agreement = agreement_with(tmp_path, [{"rule": "SC101", "reason": "r"}])
    assert notes(apply(agreement, [], ran={"AB210"})) == []
    assert notes(apply(agreement, [], ran={"SC101"})) == ["This waiver for SC101 matches no finding."]


def test_many_waivers_over_many_findings_are_matched_in_linear_work(tmp_path, monkeypatch):
    # 2,000 waivers over 2,000 findings of one rule: a scan per waiver would look at 4,000,000 findings.
    n = 2000
    agreement = agreement_with(tmp_path, [{"rule": "AB210", "path": f"/nowhere/{i}", "reason": "r"} for i in range(n)]
                               + [{"rule": "AB210", "reason": "all"}] * 3)
    steps = []
    real = pipeline._Unwaived._next

    def counted(self: pipeline._Unwaived, rule: str, position: int) -> int:
        steps.append(position)
        return real(self, rule, position)

    monkeypatch.setattr(pipeline._Unwaived, "_next", counted)
    result = apply(agreement, [finding("AB210", f"/actions/{i}") for i in range(n)])
    assert all(f.waived == "all" for f in result if f.rule == "AB210")
    assert len(notes(result)) == n + 2
    assert len(steps) < 10 * n


def test_waivers_that_find_everything_already_waived_pass_over_it_in_a_step_or_two(tmp_path, monkeypatch):
    # 2,000 findings of one rule, all waived by the first of 2,001 waivers for the whole rule: each of the others
    # walks past what is waived, and without shortening the walk each time would read 4,000,000 positions.
    n = 2000
    agreement = agreement_with(tmp_path, [{"rule": "AB210", "reason": "all"}] * (n + 1))
    reads = []

    class Counted(list):
        def __getitem__(self, index):
            reads.append(index)
            return super().__getitem__(index)

    real = pipeline._Unwaived.__init__

    def counting(self: pipeline._Unwaived, findings: list[Finding]) -> None:
        real(self, findings)
        self.after = {rule: Counted(after) for rule, after in self.after.items()}

    monkeypatch.setattr(pipeline._Unwaived, "__init__", counting)
    result = apply(agreement, [finding("AB210", f"/actions/{i}") for i in range(n)])
    assert all(f.waived == "all" for f in result if f.rule == "AB210")
    assert len(notes(result)) == n
    assert len(reads) < 10 * n
