"""Helpers for the `agreement serve` tests: serving a file from a thread, and tools the tests need."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from agreement_builder.serve.app import App, make_server

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
STARTER = ROOT / "templates" / "starter.yaml"
CHROMIUM = "/usr/bin/chromium"
REQUIRE = "AGREEMENT_REQUIRE_BROWSER"  # CI sets it: there a missing browser fails the tests instead of skipping
AXE = "AGREEMENT_AXE_CORE"  # the path of axe.min.js, installed by .ci/run (never copied into the repository)
# Debian's Chromium, quiet: no sandbox (tests run as root in CI), and nothing fetched from the network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def needs_external_tool(found: bool, reason: str) -> None:
    """Skip the test when a tool it needs is missing, but fail it when ``$AGREEMENT_REQUIRE_BROWSER`` is 1.

    Named so that it can be swapped for the test suite's general mechanism for external tools once that
    lands (issue 17)."""
    if found:
        return
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason}; {REQUIRE}=1 says it must run", pytrace=False)
    pytest.skip(reason)


class Served:
    """A copy of a sample served on a free port, with its address and token."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.app = App(path)
        self.server = make_server(self.app)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return self.app.url()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.app.port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
