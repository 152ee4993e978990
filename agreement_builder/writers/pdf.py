"""PDF output: the .docx opened by LibreOffice, its contents list and cross-references brought up to date,
and exported as a tagged, archival PDF (PDF/A-2b), when LibreOffice is installed.

LibreOffice's plain conversion leaves a Word contents list as it was written, without page numbers. A small
Basic routine does the conversion instead: it opens the document, updates every index and field, and exports
with the tagged-PDF and PDF/A options. (Headless, LibreOffice has no window to show the document in; opened
"hidden" as well, a document with review comments crashes LibreOffice 7.4 when its contents are updated.)
The routine runs from a LibreOffice profile of its own, made for the one conversion, so it needs no network,
touches no profile of the user's, and a LibreOffice the user has open cannot take the job over.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from html import escape
from pathlib import Path

from ..errors import BuildError

TIMEOUT_SECONDS = 180
MODULE = "AgreementBuilder"

# Export options: tagged PDF (headings, tables, reading order for screen readers), PDF/A-2b (archival, fonts
# embedded), the headings as PDF bookmarks, the document's title shown in place of its file name, and the
# review comments left out (the drafting notes they repeat are on the page; as PDF notes they lack the
# position PDF/A requires).
_BASIC = """
Sub Export(source As String, target As String)
  On Error GoTo Failed
  Dim opening() As New com.sun.star.beans.PropertyValue
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, opening())
  For pass = 1 To 2
    indexes = document.getDocumentIndexes()
    For i = 0 To indexes.getCount() - 1
      indexes.getByIndex(i).update()
    Next
    document.getTextFields().refresh()
  Next
  Dim options(4) As New com.sun.star.beans.PropertyValue
  options(0).Name = "UseTaggedPDF"
  options(0).Value = True
  options(1).Name = "SelectPdfVersion"
  options(1).Value = 2
  options(2).Name = "ExportBookmarks"
  options(2).Value = True
  options(3).Name = "DisplayPDFDocTitle"
  options(3).Value = True
  options(4).Name = "ExportNotes"
  options(4).Value = False
  Dim saving(1) As New com.sun.star.beans.PropertyValue
  saving(0).Name = "FilterName"
  saving(0).Value = "writer_pdf_Export"
  saving(1).Name = "FilterData"
  saving(1).Value = options()
  document.storeToURL(ConvertToURL(target), saving())
  document.dispose()
  StarDesktop.terminate()
  Exit Sub
Failed:
  Open target &amp; ".error" For Output As #1
  Print #1, Error$
  Close #1
  StarDesktop.terminate()
End Sub
"""


def soffice() -> str | None:
    """The LibreOffice program, if it is on PATH."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(document: bytes) -> bytes:
    """``document`` (.docx bytes) as PDF bytes."""
    program = soffice()
    if program is None:
        raise BuildError("PDF output needs LibreOffice (the `soffice` program), which is not installed; "
                         "install it, or write .docx and convert that")
    deadline = time.monotonic() + TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="agreement-pdf-") as folder:
        work = Path(folder)
        source, target = work / "agreement.docx", work / "agreement.pdf"
        source.write_bytes(document)
        profile = work / "profile"
        start = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
        # The first start makes the profile; the routine is added to it before the second, which runs it.
        _run([*start, "--terminate_after_init"], deadline)
        _install(profile)
        _run([*start, f'macro:///Standard.{MODULE}.Export("{source}","{target}")'], deadline)
        failure = work / "agreement.pdf.error"
        if failure.is_file() or not target.is_file():
            reason = failure.read_text(encoding="utf-8", errors="replace").strip() if failure.is_file() else ""
            raise BuildError("LibreOffice could not convert the document to PDF" + (f": {reason}" if reason else ""))
        return target.read_bytes()


def _install(profile: Path) -> None:
    """Add the export routine to the profile's Standard Basic library."""
    library = profile / "user" / "basic" / "Standard"
    if not library.is_dir():
        raise BuildError("LibreOffice did not set up its profile, so the PDF could not be made")
    (library / f"{MODULE}.xba").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="{MODULE}" script:language="StarBasic">{_BASIC}</script:module>\n', encoding="utf-8")
    modules = sorted(p.name.removesuffix(".xba") for p in library.glob("*.xba"))
    (library / "script.xlb").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<library:library xmlns:library="http://openoffice.org/2000/library" '
        'library:name="Standard" library:readonly="false" library:passwordprotected="false">'
        + "".join(f'<library:element library:name="{escape(m)}"/>' for m in modules) + "</library:library>\n",
        encoding="utf-8")


def _run(command: list[str], deadline: float) -> None:
    """Run LibreOffice in a process group of its own, so that on a timeout everything it started ends."""
    left = deadline - time.monotonic()
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        raise BuildError(f"LibreOffice could not be started: {e.strerror or e}") from e
    try:
        _, err = process.communicate(timeout=max(left, 1))
    except subprocess.TimeoutExpired as e:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise BuildError(f"LibreOffice did not finish converting to PDF within {TIMEOUT_SECONDS} s") from e
    if process.returncode != 0:
        reason = err.decode("utf-8", "replace").strip().splitlines()
        raise BuildError("LibreOffice could not convert the document to PDF" + (f": {reason[-1]}" if reason else ""))
