"""PDF for the tender portals: a Word file converted by LibreOffice headless to tagged PDF/A-2b that
also declares PDF/UA-1 (LibreOffice's `writer_pdf_Export` filter). Imports nothing from Flask.

One conversion at a time per process (LibreOffice cannot share a profile between running instances),
with a profile of this process's own (`-env:UserInstallation`) and a time limit after which the whole
LibreOffice process group is killed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

MEDIA_TYPE = "application/pdf"
# SelectPdfVersion 2 = PDF/A-2b; UseTaggedPDF = structure tags; PDFUACompliance = PDF/UA-1 checks and marker.
FILTER_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}
CONVERT_TO = "pdf:writer_pdf_Export:" + json.dumps(FILTER_OPTIONS, separators=(",", ":"))
_one_at_a_time = threading.Lock()


class ConversionFailed(Exception):
    """LibreOffice did not produce a PDF (not installed, crashed, or over the time limit)."""


def profile_dir() -> Path:
    """This process's own LibreOffice profile, kept between conversions (the first start builds it)."""
    return Path(tempfile.gettempdir()) / f"kravbygger-libreoffice-{os.getuid()}-{os.getpid()}"


def command(soffice: str, source: Path, outdir: Path, profile: Path) -> list[str]:
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
            "--nodefault", "--convert-to", CONVERT_TO, "--outdir", str(outdir), str(source)]


def convert(docx: bytes, *, soffice: str = "soffice", timeout: float = 120, profile: Path | None = None) -> bytes:
    """The PDF of a .docx file. Raises ConversionFailed."""
    with _one_at_a_time, tempfile.TemporaryDirectory(prefix="kravbygger-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(docx)
        args = command(soffice, source, Path(tmp) / "out", profile or profile_dir())
        try:
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        except OSError as exc:
            raise ConversionFailed(f"LibreOffice could not be started ({soffice}): {exc}") from exc
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionFailed(f"LibreOffice took longer than {timeout:g} seconds and was stopped") from None
        result = Path(tmp) / "out" / "document.pdf"
        if process.returncode != 0 or not result.exists():
            raise ConversionFailed(f"LibreOffice failed (exit {process.returncode}): "
                                   f"{err.decode(errors='replace').strip()[-500:]}")
        return result.read_bytes()


def filename(docx_filename: str) -> str:
    return docx_filename.rsplit(".", 1)[0] + ".pdf"
