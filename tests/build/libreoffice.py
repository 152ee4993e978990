"""Converting a .docx to PDF with LibreOffice, and reading a PDF's text, for the build tests."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

TIMEOUT = 240  # seconds; the first conversion with a fresh profile is the slow one


def convert(office: Any, document: Path, folder: Path) -> Path:
    """The PDF LibreOffice makes from ``document``, in ``folder``."""
    profile = folder / "profile"
    command = [office.soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(folder), str(document)]
    run(command, TIMEOUT)
    pdf = folder / f"{document.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {document.name}"
    return pdf


def pdf_text(office: Any, pdf: Path, *options: str) -> str:
    """The text of ``pdf`` laid out as on the page (pdftotext -layout)."""
    return run([office.pdftotext, "-layout", "-enc", "UTF-8", *options, str(pdf), "-"], 60)


def run(command: list[str], timeout: int) -> str:
    """Run ``command`` in its own process group, so that a timeout ends everything it started."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{Path(command[0]).name} took more than {timeout} s", pytrace=False)
    assert process.returncode == 0, f"{' '.join(command)}: exit {process.returncode}\n{err.decode(errors='replace')}"
    return out.decode("utf-8")
