"""Every attack of the adversarial security review, replayed by `security.py`
against the installed command, ends as the review means by "held". `python tests/security.py` prints the same
runs as a table."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from security import ATTACKS, Attack, Verdict, attempt, skip_reason

TEST = "test_each_attack_of_the_review_holds"


@pytest.fixture(scope="module")
def verdicts(request: pytest.FixtureRequest) -> dict[str, Verdict]:
    """The verdicts of every attack this session selected, run as many at a time as there are cores."""
    chosen = [item.callspec.params["attack"] for item in request.session.items
              if getattr(item, "originalname", None) == TEST and item.module is request.module]
    with ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as pool:
        return dict(zip((a.name for a in chosen), pool.map(attempt, chosen), strict=True))


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: f"{a.area}: {a.name}")
def test_each_attack_of_the_review_holds(attack: Attack, verdicts: dict[str, Verdict]) -> None:
    reason = skip_reason(attack)
    if reason:
        pytest.skip(reason)
    verdict = verdicts[attack.name]
    assert verdict.held, f"{attack.name} ({attack.defect or 'held in the review'}): expected {attack.expected}; " \
                         f"observed {verdict.observed}"


def test_the_replay_covers_every_defect_of_the_review():
    review = {a.defect for a in ATTACKS if a.defect and re.fullmatch(r"D\d+", a.defect)}
    assert review == {f"D{i}" for i in range(1, 22)}
    # The later re-check's defects are named by its own numbers.
    assert all(re.fullmatch(r"D\d+|re-check N\d+", a.defect) for a in ATTACKS if a.defect)
    assert len({a.name for a in ATTACKS}) == len(ATTACKS)
