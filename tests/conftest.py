"""Shared fixtures: the CLI runner, a file writer, the Hypothesis profiles, and the collection guard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import Phase, settings
from suite import pytest_collection_finish, pytest_collectstart, pytest_terminal_summary  # noqa: F401 (hooks)
from support import required_tools, run_cli


def pytest_configure(config: pytest.Config) -> None:
    required_tools()  # a misspelt $AGREEMENT_REQUIRE_TOOLS stops the run before any test, not after


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file under tmp_path and return its path as a string."""

    def _write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


# ---------------------------------------------------------------- Hypothesis profiles
# `ci` (the default) keeps the property tests to a minute or two; `long` is for a local run before a release:
#   HYPOTHESIS_PROFILE=long pytest tests/test_properties.py

# Without the "explain" phase: it traces every line of a failing example again, which under Python 3.11 made one
# failing build run past pytest's time limit and hid the failure behind a timeout.
PHASES = tuple(p for p in Phase if p is not Phase.explain)
settings.register_profile("ci", max_examples=30, deadline=None, phases=PHASES)
settings.register_profile("long", max_examples=1_000, deadline=None, phases=PHASES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
