"""Fixtures for `agreement serve`: a served copy of a sample, and a real browser when one is installed."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serving import AXE, CHROMIUM, CHROMIUM_ARGS, SAMPLES, Served
from support import AXE_CORE, BROWSER, tool_missing


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[str], Served]]:
    """``serve(sample_name)``: a copy of the sample in tmp_path, served until the test ends."""
    running: list[Served] = []

    def _serve(name: str) -> Served:
        copy = tmp_path / name
        shutil.copyfile(SAMPLES / name, copy)
        served = Served(copy)
        running.append(served)
        return served

    yield _serve
    for served in running:
        served.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (`npx playwright install` cannot download a browser here)."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        tool_missing(BROWSER, "chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core accessibility checker's script, from where .ci/run installed it."""
    path = os.environ.get(AXE, "")
    if not (path and Path(path).is_file()):
        tool_missing(AXE_CORE, f"${AXE} does not name axe.min.js")
    return Path(path).read_text(encoding="utf-8")
