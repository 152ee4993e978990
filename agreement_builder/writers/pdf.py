"""PDF output: the .docx converted by LibreOffice, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import BuildError

TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    """The LibreOffice program, if it is on PATH."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(document: bytes) -> bytes:
    """``document`` (.docx bytes) as PDF bytes."""
    program = soffice()
    if program is None:
        raise BuildError("PDF output needs LibreOffice (the `soffice` program), which is not installed; "
                         "install it, or write .docx and convert that")
    with tempfile.TemporaryDirectory(prefix="agreement-pdf-") as folder:
        work = Path(folder)
        source = work / "agreement.docx"
        source.write_bytes(document)
        # A profile of its own, so a LibreOffice the user has open does not take the job over.
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as e:
            raise BuildError(f"LibreOffice did not finish converting to PDF within {TIMEOUT_SECONDS} s") from e
        except OSError as e:
            raise BuildError(f"LibreOffice could not be started: {e.strerror or e}") from e
        result = work / "agreement.pdf"
        if done.returncode != 0 or not result.is_file():
            reason = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise BuildError("LibreOffice could not convert the document to PDF"
                             + (f": {reason[-1]}" if reason else ""))
        return result.read_bytes()
