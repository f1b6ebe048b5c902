"""Backup and restore of one organisation: the archive is versioned and checksummed, and a backup taken
from the test database (SQLite in the first run) restores into an empty PostgreSQL database (when
TEST_DATABASE_URL is set, as in CI) with every row and file unchanged."""

from __future__ import annotations

import io
import json
import os
import uuid
import zipfile
from urllib.parse import quote

import psycopg
import pytest
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.models import AuditEvent, Comment, Organisation, OrgTemplate, ProjectVersion, SignInConfig, User
from app.services import backup
from tests.conftest import READY_ANSWERS, fresh_database_url, login, make_project, post_form, save

PG = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture
def target_url():
    """An empty database: a new PostgreSQL schema when TEST_DATABASE_URL is set, else a new SQLite file."""
    if not PG:
        yield fresh_database_url(f"restore{uuid.uuid4().hex[:6]}")
        return
    schema = f"kb_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    base = PG.replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def organisation(client, users):
    """An organisation with a frozen version, comments, a template, a sign-in setup and an audit trail."""
    project = make_project(users["buyer"], title="Kontorstøtte «2027» & arkiv", keys=("EXIT-001", "ARK-001"),
                           answers=dict(READY_ANSWERS))
    save()
    login(client, users["buyer"])
    post_form(client, f"/projects/{project.id}/review/submit", {"summary": "Klar – æøå"},
              form_url=f"/projects/{project.id}/review")
    db.session.add(Comment(project_id=project.id, requirement_id=project.requirements[0].id,
                           author_id=users["reviewer"].id, body="Sjekk «Noark 5»-kravet"))
    db.session.add(OrgTemplate(organisation_id=project.organisation_id, name="Brevmal", filename="brevmal.docx",
                               data=b"PK\x03\x04 binary \x00\xff template", active=False))
    db.session.add(SignInConfig(organisation_id=project.organisation_id, enabled=True, issuer="https://idp.example",
                                client_id="kb", client_secret_enc="encrypted-secret", role_map=[["jur", "reviewer"]]))
    save()
    return users["buyer"].organisation


def tables_of(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(("tables/", "files/"))}


def test_round_trip_into_an_empty_database(app, organisation, target_url, tmp_path):
    result = app.test_cli_runner().invoke(args=["backup", "--organisation", str(organisation.id),
                                                "-o", str(tmp_path / "org.zip")])
    assert result.exit_code == 0, result.output
    archive = (tmp_path / "org.zip").read_bytes()
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(archive)).read("manifest.json"))
    assert manifest["format_version"] == 1 and manifest["organisation"]["name"] == organisation.name
    assert manifest["tables"]["project_version"]["rows"] == 1 and manifest["tables"]["comment"]["rows"] == 1
    in_org = db.session.query(User).filter_by(organisation_id=organisation.id).count()
    assert manifest["tables"]["audit_event"]["rows"] >= 1 and manifest["tables"]["user_account"]["rows"] == in_org
    assert b"encrypted-secret" not in archive  # the client secret never leaves the instance
    assert "Annen kommune" not in json.dumps(manifest) and b"Annen kommune" not in b"".join(tables_of(archive).values())

    target = create_app({"SQLALCHEMY_DATABASE_URI": target_url, "TESTING": True, "SECRET_KEY": "other-key"})
    with target.app_context():
        upgrade()
        result = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "org.zip")])
        assert result.exit_code == 0, result.output
        db.session.remove()
        assert db.session.query(Organisation).count() == 1
        template = db.session.query(OrgTemplate).one()
        assert template.data == b"PK\x03\x04 binary \x00\xff template"
        version = db.session.query(ProjectVersion).one()
        assert version.document["title"] == "Kontorstøtte «2027» & arkiv"
        assert db.session.query(SignInConfig).one().client_secret_enc == ""
        assert db.session.query(AuditEvent).count() == manifest["tables"]["audit_event"]["rows"]
        again, _summary = backup.backup(organisation.id)
        assert tables_of(again) == tables_of(archive)  # every row and file exactly as it was
        db.session.add(Organisation(name="Ny kommune", country="SE"))  # the id sequences moved on
        db.session.flush()
        db.session.rollback()
        # restoring twice is refused before anything is written
        result = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "org.zip")])
        assert result.exit_code == 1 and "already has organisation rows" in result.output
        db.session.remove()
        db.engine.dispose()


def test_a_damaged_or_foreign_archive_is_refused(app, organisation):
    archive, _summary = backup.backup(organisation.id)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(damaged, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            out.writestr(name, data.replace(b"Sjekk", b"Endr") if name == "tables/comment.json" else data)
    with pytest.raises(backup.BackupError, match="tables/comment.json does not match its checksum"):
        backup.restore(damaged.getvalue())
    with pytest.raises(backup.BackupError, match="not a readable zip"):
        backup.restore(b"not a zip")


def test_every_table_is_in_the_backup_or_left_out_on_purpose(app):
    """A new table must get an entry in backup.TABLES (or be named here with the reason)."""
    left_out = {"alembic_version": "schema bookkeeping", "job": "the job queue's rows are transient",
                "rendition": "the PDF cache is made again"}
    covered = {spec.table for spec in backup.TABLES}
    assert set(db.metadata.tables) - covered - set(left_out) == set()


def test_an_admin_gets_the_backup_through_the_job_queue(client, users, organisation):
    from tests.conftest import dom, text_of

    post_form(client, "/logout", {}, form_url="/account")
    login(client, users["admin"])
    response = post_form(client, "/admin/backup", {}, form_url="/admin/jobs")
    assert response.status_code == 302 and "/admin/jobs/" in response.location
    page = dom(client.get(response.location))
    assert text_of(page, "#job-status strong") == ["The backup is ready."]
    download = client.get(page.cssselect("a#job-file")[0].get("href"))
    assert download.mimetype == "application/zip"
    manifest, _contents = backup.read(download.data)  # checksums verified
    assert manifest["organisation"]["id"] == organisation.id
    assert db.session.query(AuditEvent).filter_by(action="organisation.backup_downloaded").count() == 1
    post_form(client, "/logout", {}, form_url="/account")
    login(client, users["buyer"])
    assert client.get(response.location).status_code == 403
