"""Backup and restore of one organisation: a versioned, checksummed zip archive of JSON plus files.

Archive layout (format "kravbygger-organisation-backup", version 1):

    manifest.json           format, format_version, created_at, schema_revision, organisation {id, name},
                            tables {name: {rows, file, sha256}}, files {path: sha256}
    tables/<table>.json     the table's rows of this organisation, by id: {column: value}; times in ISO 8601
                            UTC; binary columns point to a file: {"$file": "files/<table>/<id>-<column>"}
    files/<table>/...       binary contents (Word templates, frozen versions' files, tender uploads)
    checksums.sha256        `sha256sum -c` compatible list of every other file

What is in it is decided by TABLES below, one entry per table: a table with an `organisation_id` column
is taken by it; another is reached through its parent (`via`). A new table is one new entry. Left out:
the job queue's rows and the PDF cache (both are made again), and the sign-in client secret (encrypted
with this instance's SECRET_KEY; the admin enters it again after a restore elsewhere).

Restore keeps every id, so it needs a database without these rows (a new, migrated database, or one
from which the organisation is gone); a clash is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import DateTime, LargeBinary, Table, func, select, text
from sqlalchemy.types import TypeDecorator

from ..extensions import db

FORMAT, FORMAT_VERSION = "kravbygger-organisation-backup", 1


@dataclass(frozen=True)
class Spec:
    table: str
    via: tuple[str, str] | tuple[str, str, str] | None = None  # (column, parent table[, parent column: id])
    omit: tuple[str, ...] = ()
    key: str = "id"
    shared: bool = False  # content-addressed rows other organisations may hold too: restore skips those present


# Parents before children: restore inserts in this order.
TABLES: tuple[Spec, ...] = (
    Spec("organisation"),
    Spec("user_account"),
    Spec("sign_in_config", omit=("client_secret_enc",)),
    Spec("org_requirement"),
    Spec("org_requirement_revision", via=("org_requirement_id", "org_requirement")),
    Spec("org_template"),
    Spec("tender_project"),
    Spec("project_requirement", via=("project_id", "tender_project")),
    Spec("comment", via=("project_id", "tender_project")),
    Spec("project_version", via=("project_id", "tender_project")),
    Spec("stored_file", via=("sha256", "version_file", "sha256"), key="sha256", shared=True),
    Spec("version_file", via=("version_id", "project_version")),
    Spec("award_model", via=("project_id", "tender_project")),
    Spec("tender", via=("project_id", "tender_project")),
    Spec("tender_upload", via=("tender_id", "tender")),
    Spec("tender_score", via=("tender_id", "tender")),
    Spec("impartiality_declaration", via=("project_id", "tender_project")),
    Spec("evaluation_closure", via=("project_id", "tender_project")),
    Spec("audit_event"),
    Spec("notification", via=("user_id", "user_account")),
)


class BackupError(Exception):
    """The archive cannot be read or restored; the message says why."""


@dataclass
class Summary:
    organisation: str
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0


def _table(name: str) -> Table:
    return db.metadata.tables[name]


def _where(spec: Spec, organisation_id: int):
    table = _table(spec.table)
    if spec.table == "organisation":
        return table.c.id == organisation_id
    if spec.via is None:
        return table.c.organisation_id == organisation_id
    column, parent, parent_column = (*spec.via, "id")[:3]
    parent_spec = next(s for s in TABLES if s.table == parent)
    return table.c[column].in_(select(_table(parent).c[parent_column]).where(_where(parent_spec, organisation_id)))


def _is(column, kind) -> bool:
    impl = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    return isinstance(impl, kind) or isinstance(column.type, kind)


def _encode(spec: Spec, row: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
    out = {}
    for column in _table(spec.table).columns:
        if column.name in spec.omit:
            continue
        value = row[column.name]
        if value is not None and _is(column, LargeBinary):
            path = f"files/{spec.table}/{row[spec.key]}-{column.name}"
            files[path] = bytes(value)
            value = {"$file": path}
        elif isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat()
        out[column.name] = value
    return out


def _schema_revision() -> str | None:
    try:
        return db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - a database made without Alembic (never in production)
        db.session.rollback()
        return None


def backup(organisation_id: int) -> tuple[bytes, Summary]:
    """The organisation's archive as zip bytes. Raises BackupError if there is no such organisation."""
    org = db.session.execute(select(_table("organisation")).where(_table("organisation").c.id == organisation_id)).first()
    if org is None:
        raise BackupError(f"There is no organisation {organisation_id}.")
    summary, files, tables = Summary(org.name), {}, {}
    for spec in TABLES:
        table = _table(spec.table)
        rows = db.session.execute(select(table).where(_where(spec, organisation_id)).order_by(table.c[spec.key]))
        tables[spec.table] = [_encode(spec, dict(r._mapping), files) for r in rows]
        summary.rows[spec.table] = len(tables[spec.table])
    summary.files = len(files)
    return _pack(org, tables, files), summary


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=str).encode("utf-8")


def _pack(org, tables: dict[str, list], files: dict[str, bytes]) -> bytes:
    contents = {f"tables/{name}.json": _dump(rows) for name, rows in tables.items()} | files
    sums = {path: hashlib.sha256(data).hexdigest() for path, data in contents.items()}
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "schema_revision": _schema_revision(), "organisation": {"id": org.id, "name": org.name},
                "tables": {name: {"rows": len(rows), "file": f"tables/{name}.json", "sha256": sums[f"tables/{name}.json"]}
                           for name, rows in tables.items()},
                "files": {path: sums[path] for path in files}}
    contents["manifest.json"] = _dump(manifest)
    sums["manifest.json"] = hashlib.sha256(contents["manifest.json"]).hexdigest()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in ["manifest.json", *sorted(p for p in contents if p != "manifest.json")]:
            archive.writestr(path, contents[path])
        archive.writestr("checksums.sha256", "".join(f"{sums[p]}  {p}\n" for p in sorted(sums)))
    return buffer.getvalue()


# ----- restore ---------------------------------------------------------------------------------------
def read(data: bytes) -> tuple[dict, dict[str, bytes]]:
    """Open and verify an archive: format, version and every checksum. Raises BackupError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        contents = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BackupError(f"This is not a Kravbygger backup archive (not a readable zip file: {exc}).") from exc
    try:
        manifest = json.loads(contents["manifest.json"])
        listed = dict(line.split("  ", 1)[::-1] for line in contents["checksums.sha256"].decode().splitlines())
    except (KeyError, ValueError) as exc:
        raise BackupError("This is not a Kravbygger backup archive (no manifest or checksum list).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This is not a Kravbygger organisation backup (format {manifest.get('format')!r}).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"Backup format version {manifest.get('format_version')} is not supported "
                          f"(this version of Kravbygger reads version {FORMAT_VERSION}).")
    for path, digest in listed.items():
        if path not in contents or hashlib.sha256(contents[path]).hexdigest() != digest:
            raise BackupError(f"The archive is damaged: {path} does not match its checksum.")
    missing = set(contents) - set(listed) - {"checksums.sha256"}
    if missing:
        raise BackupError(f"The archive has files without a checksum: {', '.join(sorted(missing))}.")
    return manifest, contents


def _decode(table: Table, row: dict[str, Any], contents: dict[str, bytes]) -> dict[str, Any]:
    unknown = set(row) - set(table.c.keys())
    if unknown:
        raise BackupError(f"The backup has columns this database does not know: {table.name}.{', '.join(sorted(unknown))}. "
                          "Upgrade Kravbygger (and run the migrations) before restoring it.")
    out = dict(row)
    for name, value in row.items():
        column = table.c[name]
        if isinstance(value, dict) and set(value) == {"$file"} and _is(column, LargeBinary):
            out[name] = contents[value["$file"]]
        elif isinstance(value, str) and _is(column, DateTime):
            out[name] = dt.datetime.fromisoformat(value)
    return out


def _present(spec: Spec, keys: list) -> list:
    table = _table(spec.table)
    found = []
    for start in range(0, len(keys), 500):
        found += db.session.scalars(select(table.c[spec.key]).where(table.c[spec.key].in_(keys[start:start + 500]))).all()
    return found


def restore(data: bytes) -> Summary:
    """Insert the archive's rows (ids kept) in the current transaction; the caller commits."""
    manifest, contents = read(data)
    tables = {name: json.loads(contents[info["file"]]) for name, info in manifest["tables"].items()}
    unknown = set(tables) - {spec.table for spec in TABLES}
    if unknown:
        raise BackupError(f"The backup has tables this version of Kravbygger does not know: {', '.join(sorted(unknown))}.")
    for spec in TABLES:
        clash = [] if spec.shared else _present(spec, [row[spec.key] for row in tables.get(spec.table, [])])
        if clash:
            raise BackupError(f"The database already has {spec.table} rows with the ids in this backup "
                              f"({', '.join(map(str, clash[:5]))}...). Restore into a new database, or remove "
                              "the organisation first.")
    summary = Summary(manifest["organisation"]["name"], files=len(manifest.get("files", {})))
    for spec in TABLES:
        rows = [_decode(_table(spec.table), row, contents) for row in tables.get(spec.table, [])]
        if spec.shared:  # the same content may be here already (another organisation's identical file)
            present = set(_present(spec, [row[spec.key] for row in rows]))
            rows = [row for row in rows if row[spec.key] not in present]
        if rows:
            db.session.execute(_table(spec.table).insert(), rows)
        summary.rows[spec.table] = len(rows)
    _advance_sequences()
    return summary


def _advance_sequences() -> None:
    """PostgreSQL: move each id sequence past the restored ids (SQLite needs nothing)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for spec in (s for s in TABLES if s.key == "id"):
        table = _table(spec.table)
        highest = db.session.scalar(select(func.max(table.c.id)))
        if highest:
            db.session.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"),
                               {"t": spec.table, "v": highest})
