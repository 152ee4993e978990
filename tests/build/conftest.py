"""Helpers for the build tests: building the samples once, and LibreOffice when it is installed."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreement_builder.cli import main

REQUIRE = "AGREEMENT_REQUIRE_LIBREOFFICE"
OFFICE_TOOLS = ("soffice", "pdftotext")

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


def office_tools(environ: Mapping[str, str], which: Callable[[str], str | None] = shutil.which) -> OfficeTools:
    """LibreOffice and pdftotext; skips the test when either is missing, or fails it when ``$REQUIRE`` is 1."""
    found = {name: which(name) for name in OFFICE_TOOLS}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        reason = (f"{' and '.join(missing)} not installed, so the LibreOffice checks cannot run "
                  "(Debian packages: libreoffice-writer-nogui, poppler-utils)")
        if environ.get(REQUIRE) == "1":
            pytest.fail(f"{reason}; {REQUIRE}=1 says they must run", pytrace=False)
        pytest.skip(reason)
    return OfficeTools(str(found["soffice"]), str(found["pdftotext"]))


@pytest.fixture(scope="session")
def office() -> OfficeTools:
    """The office tools, or a skip (a failure under ``$AGREEMENT_REQUIRE_LIBREOFFICE=1``) when one is missing."""
    return office_tools(os.environ)


@pytest.fixture
def find_office() -> Callable[..., OfficeTools]:
    """The function behind ``office``, for testing the skip-or-fail decision itself."""
    return office_tools
