"""Check that LibreOffice lays a Word document out without breaking a word inside itself.

`broken_words(docx_bytes, tmp_path, font=None)` converts the document to PDF with
`soffice --headless --convert-to pdf` (optionally with every font replaced, e.g. by "DejaVu Sans",
LibreOffice's fallback), reads the PDF's words per text block with `pdftotext -bbox-layout`
(poppler-utils) and returns the PDF words that are not words of the document. A line break right
after a hyphen or slash ("e-|post", "sak-/|arkiv") is a break between parts and is allowed; a break
anywhere else ("Kontraktsv|ilkår") leaves two fragments that are not words of the document.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PUNCT = ".,;:!?()«»”“\"'’[]…–—*"


def _norm(token: str) -> str:
    token = re.sub(r"\.{2,}\d*$", "", token)  # a table-of-contents leader and page number
    return token.strip(_PUNCT)


def docx_words(data: bytes) -> set[str]:
    words: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                for p in root.iter(W + "p"):
                    text = "".join((e.text or "") if e.tag in (W + "t", W + "delText") else " "
                                   for e in p.iter(W + "t", W + "tab", W + "br", W + "delText"))
                    words.update(_norm(t) for t in text.split())
    return words


def with_font(data: bytes, font: str) -> bytes:
    """The document with Calibri replaced by `font` everywhere."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item)
            if item.filename.startswith("word/") and item.filename.endswith(".xml"):
                blob = blob.replace(b"Calibri", font.encode())
            dst.writestr(item, blob)
    return out.getvalue()


def to_pdf(data: bytes, tmp_path: Path, name: str = "document") -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice (soffice) and poppler-utils (pdftotext) are needed: .ci/run installs them.")
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)], capture_output=True, timeout=180, check=False)
    pdf = tmp_path / f"{name}.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr.decode(errors="replace")
    return pdf


def pdf_lines(pdf: Path) -> list[list[str]]:
    """The PDF's words, line by line within each text block (an empty line between blocks)."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    lines: list[list[str]] = []
    for block in root.iter("block"):
        lines.extend([w.text or "" for w in line.iter("word")] for line in block.iter("line"))
        lines.append([])
    return lines


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout


def _ignorable(word: str) -> bool:
    return (not word or re.fullmatch(r"[\d.,/ ]+", word) is not None
            or all(0xE000 <= ord(c) <= 0xF8FF for c in word))  # list bullets from a symbol font


def broken(lines: list[list[str]], words: set[str]) -> list[str]:
    out = []
    for i, tokens in enumerate(lines):
        before = lines[i - 1] if i else []
        after = lines[i + 1] if i + 1 < len(lines) else []
        for token in tokens:
            word = _norm(token)
            if word in words or _ignorable(word):
                continue
            if token[-1] in "-/" and any(_norm(token + n) in words for n in after):
                continue
            if any(p[-1:] in ("-", "/") and _norm(p + token) in words for p in before):
                continue
            out.append(token)
    return out


def broken_words(data: bytes, tmp_path: Path, *, font: str | None = None, name: str = "document") -> list[str]:
    """PDF words that are not words of the document (see the module docstring)."""
    rendered = with_font(data, font) if font else data
    return broken(pdf_lines(to_pdf(rendered, tmp_path, name)), docx_words(rendered))
