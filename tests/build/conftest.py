"""Fixtures for the build tests: building the samples once, and LibreOffice when it is installed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import LIBREOFFICE, find_tool

from agreement_builder.cli import main

Build = Callable[..., Path]


def _build(source: Path, output: Path, *options: str) -> Path:
    """Run `agreement build SOURCE -o OUTPUT OPTIONS...` in-process; fail with its output unless it wrote OUTPUT."""
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(output), *options], catch_exceptions=False)
    assert result.exit_code == 0 and output.is_file(), (
        f"agreement build {source.name} -o {output.name}: exit {result.exit_code}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}")
    return output


@pytest.fixture(scope="session")
def build() -> Build:
    """``build(source, output, *options)``: run `agreement build` in-process and fail with its output unless
    it wrote ``output``."""
    return _build


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``built(sample, suffix=".docx")``: the sample built once per test session, in a temporary folder."""
    folder = tmp_path_factory.mktemp("built")
    cache: dict[tuple[Path, str], Path] = {}

    def _built(source: Path, suffix: str = ".docx") -> Path:
        key = (source, suffix)
        if key not in cache:
            cache[key] = _build(source, folder / f"{source.stem}-{source.suffix[1:]}{suffix}")
        return cache[key]

    return _built


@dataclass(frozen=True)
class OfficeTools:
    soffice: str
    pdftotext: str


@pytest.fixture(scope="session")
def office() -> OfficeTools:
    """LibreOffice and pdftotext; a skip when either is missing (a failure in CI: see tests/support.py)."""
    found = find_tool(LIBREOFFICE)
    return OfficeTools(found["soffice"], found["pdftotext"])
