"""Shared test helpers: paths to the samples, and a CLI runner that shows output when an assertion fails."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from agreement_builder.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run_cli(*args: str, input: str | bytes | None = None) -> Run:
    """Run `agreement ARGS...` in-process and return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


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

settings.register_profile("ci", max_examples=30, deadline=None)
settings.register_profile("long", max_examples=1_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
