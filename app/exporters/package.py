"""Tender package (ZIP): Word specification, XLSX and CSV response matrix, OCDS JSON, manifest.

`render(doc)` builds every file from the one TenderDocument; `render(doc, files)` packages exactly
the given files instead (name -> bytes, e.g. files the web layer already rendered). Either way a
`manifest.json` is added last, with the project's id, title, version, status, language, library
version, generated_at and, per file, its size and SHA-256.

Byte-identical for the same document: entries in sorted name order (manifest last), every entry
stamped with a date_time derived from `doc.generated_at`, fixed Unix permissions and creator
system, and every generated file deterministic itself. The Word file from `docx.render` is
re-zipped with the same fixed entry timestamps (python-docx stamps entries with the current
time); its content is untouched. Files passed in `files` are packaged as given. Already
compressed files (.docx, .xlsx, .zip) are stored, the rest deflated.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

from app.exporters import EXPORTERS, csv_export, filenames, ocds, parts, xlsx
from app.exporters.common import normalise_zip, zip_date_time, zip_info
from app.exporters.document import TenderDocument

MEDIA_TYPE = "application/zip"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "kravbygger-tender-package/1"

_STORED = (".docx", ".xlsx", ".zip", ".png", ".jpg", ".jpeg", ".pdf")


def filename(doc: TenderDocument) -> str:
    return filenames.filename(doc, "package", "zip")


def default_files(doc: TenderDocument, ocds_options: Mapping[str, Any] | None = None, *,
                  word: bytes | None = None) -> dict[str, bytes]:
    """The package's files, rendered from `doc`: the Word documents (exporters.parts), the response
    matrix as XLSX and CSV (comma), and the OCDS JSON.

    `ocds_options` are passed to `ocds.render` (ocid prefix, extension URL, documents base URL);
    `word` replaces the built-in Word specification (e.g. one made with the organisation's template).
    Word files are re-zipped with fixed entry times, so the package is byte-identical every time.
    """
    when = zip_date_time(doc)
    files = {}
    for part in parts.word_parts(doc):
        data = word if (word is not None and part.fmt == "docx") else EXPORTERS[part.fmt].render(doc)
        files[parts.word_filename(doc, part)] = normalise_zip(data, when)
    files[xlsx.filename(doc)] = xlsx.render(doc)
    files[csv_export.filename(doc)] = csv_export.render(doc)
    files[ocds.filename(doc)] = ocds.render(doc, **(ocds_options or {}))
    return files


def _check_name(name: str) -> None:
    if (not name or name == MANIFEST or name.startswith(("/", "\\")) or "\\" in name
            or any(part in ("", ".", "..") for part in name.split("/"))):
        raise ValueError(f"not a safe file name for the package: {name!r}")


def manifest(doc: TenderDocument, files: Mapping[str, bytes]) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "project_id": doc.project_id,
        "title": doc.title,
        "reference": doc.reference,
        "organisation": doc.organisation,
        "version_label": doc.version_label,
        "status": doc.status,
        "language": doc.language,
        "library_version": doc.library_version,
        "generated_at": doc.generated_at,
        "files": [{"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                  for name, data in sorted(files.items())],
    }


def render(doc: TenderDocument, files: Mapping[str, bytes] | None = None, *,
           ocds_options: Mapping[str, Any] | None = None) -> bytes:
    """The tender package as ZIP bytes (see the module docstring)."""
    if files is None:
        files = default_files(doc, ocds_options)
    for name in files:
        _check_name(name)
    when = zip_date_time(doc)
    body = json.dumps(manifest(doc, files), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in sorted(files.items()):
            archive.writestr(zip_info(name, when, compress=not name.lower().endswith(_STORED)), data)
        archive.writestr(zip_info(MANIFEST, when), body.encode("utf-8"))
    return out.getvalue()
