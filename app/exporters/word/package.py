"""Reproducible .docx files: the same TenderDocument gives byte-identical files, because core
property dates come from `doc.generated_at` and the ZIP is written with fixed entry times in
python-docx's fixed part order."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx.opc.pkgwriter import PackageWriter

from app.exporters import vocabulary as V
from app.exporters.common import zip_info
from app.exporters.document import TenderDocument

_EPOCH = dt.datetime(1980, 1, 1)
_SUBJECT = {"spec": "document_type", "qualification": "qualification_type", "contract": "contract_type",
            "rfi": "rfi_type"}


def parse_time(value: str) -> dt.datetime:
    """An ISO 8601 timestamp as naive UTC, whole seconds, not before 1980 (the ZIP epoch)."""
    try:
        when = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return _EPOCH
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return max(when, _EPOCH).replace(microsecond=0)


def set_core_properties(document: Any, doc: TenderDocument, part: str = "spec") -> None:
    lang = doc.language if doc.language in V.LANGUAGES else "en"
    cp = document.core_properties
    when = parse_time(doc.generated_at)
    clean = _clean
    cp.title = clean(doc.title)[:255]
    cp.author = clean(doc.organisation)[:255]
    cp.last_modified_by = clean(doc.organisation)[:255]
    cp.subject = V.DOCUMENT[lang][_SUBJECT.get(part, "document_type")]
    cp.language = V.LANGUAGE_TAG[lang]
    cp.identifier = clean(doc.reference)[:255]
    cp.version = clean(doc.version_label)[:255]
    cp.content_status = V.word(V.STATUS, lang, doc.status)
    cp.keywords = ""
    cp.comments = ""
    cp.revision = 1
    cp.created = when
    cp.modified = when


def _clean(value: Any) -> str:
    from app.exporters.word.context import clean

    return clean(value)


class _FixedZipWriter:
    """The PhysPkgWriter interface over a ZipFile whose entries all carry one fixed timestamp."""

    def __init__(self, date_time: tuple[int, int, int, int, int, int]) -> None:
        self.buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self.buffer, "w", compression=zipfile.ZIP_DEFLATED)
        self._date_time = date_time

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._zip.writestr(zip_info(pack_uri.membername, self._date_time), blob)

    def close(self) -> None:
        self._zip.close()


def save_package(document: Any, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Serialise a python-docx Document to bytes that depend only on its content and `date_time`
    (the ZIP entry time; parts in python-docx's fixed order)."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    writer = _FixedZipWriter(date_time)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return writer.buffer.getvalue()
