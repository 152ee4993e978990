"""Every rule's own documentation is a test: it fires on its `Fails:` example and is silent on `Passes:`."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import check

from agreement_builder.rules import RULES, Rule

CHECKED = [rule for rule in RULES.values() if rule.check is not None]


def test_every_briefing_rule_has_a_check():
    assert {r.id for r in RULES.values() if r.pack == "briefing"} <= {r.id for r in CHECKED}


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_rule_fires_on_its_failing_example(rule: Rule, tmp_path: Path):
    assert rule.part("Fails"), f"{rule.id} has no Fails example"
    assert check(tmp_path, rule.part("Fails"), rule.id), f"{rule.id} is silent on its Fails example"


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_rule_is_silent_on_its_passing_example(rule: Rule, tmp_path: Path):
    assert rule.part("Passes"), f"{rule.id} has no Passes example"
    found = check(tmp_path, rule.part("Passes"), rule.id)
    assert not found, "\n".join(f"{f.location}: {f.message}" for f in found)
