"""Helpers for the `agreement serve` tests: serving a file from a thread, and tools the tests need."""

from __future__ import annotations

import threading
from pathlib import Path

from agreement_builder.serve.app import App, make_server

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
STARTER = ROOT / "templates" / "starter.yaml"
CHROMIUM = "/usr/bin/chromium"
AXE = "AGREEMENT_AXE_CORE"  # the path of axe.min.js, installed by .ci/run (never copied into the repository)
# Debian's Chromium, quiet: no sandbox (tests run as root in CI), and nothing fetched from the network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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
