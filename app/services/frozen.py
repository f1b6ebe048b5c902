"""Frozen means frozen: a version's exports are rendered once, when it is frozen, and served byte for
byte ever after, whatever happens to the organisation's template, the library or the app.

`freeze_files` stores the Word template in force (content-addressed, immutable) and every export
format of the frozen document; `download` serves them. What a version was not frozen with (versions
from before this existed, a template that failed when freezing, the built-in-template fallback) is
rendered from the version's own inputs: its frozen document and *its* template, never the one active
today.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..exporters.document import TenderDocument
from ..exporters.word.problem import TemplateProblem
from ..extensions import db
from ..models import Organisation, ProjectVersion, StoredFile, VersionFile
from ..models._types import utcnow
from . import exports

# What is rendered at freezing: (stored name, export format, semicolon CSV)
FROZEN = (("docx", "docx", False), ("xlsx", "xlsx", False), ("csv", "csv", False),
          ("csv-semicolon", "csv", True), ("ocds", "ocds", False), ("zip", "zip", False))


def store(data: bytes) -> str:
    """Keep `data` for good; its SHA-256, by which it is found again (storing twice is harmless)."""
    digest = hashlib.sha256(data).hexdigest()
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.session.execute(insert(StoredFile).values(sha256=digest, data=data, size=len(data), created_at=utcnow())
                       .on_conflict_do_nothing(index_elements=["sha256"]))
    return digest


def _stored(digest: str | None) -> bytes | None:
    if digest is None:
        return None
    return db.session.scalar(select(StoredFile.data).where(StoredFile.sha256 == digest))


def freeze_files(version: ProjectVersion, doc: TenderDocument, organisation: Organisation) -> None:
    """Store the template in force and every export of `doc` for `version`."""
    template = exports.active_template(organisation)
    data = template.data if template is not None else None
    if data is not None:
        version.template_sha256 = store(data)
    for name, fmt, semicolon in FROZEN:
        try:
            download = exports.render_with(doc, fmt, data, semicolon=semicolon)
        except TemplateProblem:
            continue  # rendered from the version's own template on download: the problem page says why
        db.session.add(VersionFile(version_id=version.id, fmt=name, filename=download.filename,
                                   media_type=download.media_type, sha256=store(download.data)))
    db.session.flush()


def download(version: ProjectVersion, doc: TenderDocument, fmt: str, *, builtin: bool = False,
             semicolon: bool = False) -> exports.Download:
    """A frozen version's export: as stored when frozen, or rendered from its own inputs."""
    if fmt not in exports.FORMATS:
        raise KeyError(fmt)
    template = None if builtin else _stored(version.template_sha256)
    if not builtin or version.template_sha256 is None:
        name = "csv-semicolon" if fmt == "csv" and semicolon else fmt
        row = db.session.scalar(select(VersionFile).where(VersionFile.version_id == version.id,
                                                          VersionFile.fmt == name))
        if row is not None:
            return exports.Download(_stored(row.sha256), row.media_type, row.filename)
    return exports.render_with(doc, fmt, template, semicolon=semicolon)
