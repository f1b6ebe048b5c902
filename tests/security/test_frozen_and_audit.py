"""Frozen means frozen: a version's files stay byte-identical after template changes, project and library
changes and app upgrades. The audit trail is append-only and survives the deletion of its project."""

from __future__ import annotations

import io
import os

import docx
import pytest
from sqlalchemy import text, update

from app.exporters import docx as docx_exporter
from app.exporters import xlsx as xlsx_exporter
from app.extensions import db
from app.models import AuditEvent, OrgTemplate, ProjectVersion, TenderProject, VersionFile
from app.models.audit import AuditRewriteRefused
from app.services import audit, projects
from tests.conftest import READY_ANSWERS, login, make_project, post_form, save
from tests.factories import make_docx

FORMATS = ("docx", "xlsx", "csv", "ocds", "zip")


def _template(users, body: str, *, active: bool) -> OrgTemplate:
    template = OrgTemplate(organisation_id=users["admin"].organisation_id, name=body[:20], filename="mal.docx",
                           data=make_docx(body, "{% for r in requirements %}{{ r.key }} {{ r.text }}{% endfor %}"),
                           active=active, uploaded_by_id=users["admin"].id)
    db.session.add(template)
    db.session.flush()
    return template


def _files(client, project, number) -> dict[str, bytes]:
    out = {}
    for fmt in FORMATS:
        response = client.get(f"/projects/{project.id}/versions/{number}/export/{fmt}")
        assert response.status_code == 200, fmt
        out[fmt] = response.data
    return out


@pytest.fixture
def frozen(client, users):
    first = _template(users, "Mal A: {{ title }}", active=True)
    project = make_project(users["buyer"], keys=("EXIT-001", "EXIT-002"), answers=dict(READY_ANSWERS))
    save()
    login(client, users["buyer"])
    assert post_form(client, f"/projects/{project.id}/review/submit", {"summary": ""},
                     form_url=f"/projects/{project.id}/review").status_code == 302
    version = db.session.query(ProjectVersion).filter_by(project_id=project.id).one()
    return project, version, first


def test_a_frozen_version_keeps_its_template_and_files_when_the_template_changes(client, users, frozen):
    project, version, first = frozen
    before = _files(client, project, version.number)
    assert {f.fmt for f in version.files} == {"docx", "xlsx", "csv", "csv-semicolon", "ocds", "zip"}
    first.active = False
    _template(users, "Mal B: {{ title }}", active=True)
    save()
    assert _files(client, project, version.number) == before
    db.session.query(OrgTemplate).update({"active": False})
    save()
    assert _files(client, project, version.number) == before


def test_a_frozen_version_is_unchanged_by_project_library_and_app_upgrades(client, users, frozen, monkeypatch):
    project, version, _first = frozen
    before = _files(client, project, version.number)
    # The project moves on (withdrawn and edited), the library text it came from changes...
    post_form(client, f"/projects/{project.id}/review/withdraw", {}, form_url=f"/projects/{project.id}/review")
    project.requirements[0].text = "Endret etter frysing"
    save()
    # ...and an upgrade changes what the exporters produce.
    monkeypatch.setattr(xlsx_exporter, "render", lambda doc: b"new xlsx exporter")
    monkeypatch.setattr(docx_exporter, "render", lambda doc, template=None: b"new docx exporter")
    assert client.get(f"/projects/{project.id}/export/xlsx").data == b"new xlsx exporter"  # drafts: today's code
    assert _files(client, project, version.number) == before


def test_a_version_without_stored_files_renders_with_its_own_template_not_todays(client, users, frozen):
    project, version, first = frozen
    db.session.query(VersionFile).filter_by(version_id=version.id).delete()
    first.active = False
    _template(users, "Mal B: {{ title }}", active=True)
    save()
    word = docx.Document(io.BytesIO(client.get(f"/projects/{project.id}/versions/{version.number}/export/docx").data))
    assert word.paragraphs[0].text.startswith("Mal A:")


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(users):
    event = db.session.query(AuditEvent).first() or AuditEvent(organisation_id=users["admin"].organisation_id,
                                                               action="x", object_type="y", details={})
    db.session.add(event)
    save()
    event.action = "rewritten"
    with pytest.raises(AuditRewriteRefused):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditRewriteRefused):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AuditRewriteRefused):
        db.session.execute(update(AuditEvent).values(action="bulk"))
    db.session.rollback()


@pytest.mark.skipif(os.environ.get("KRAVBYGGER_TEST_DB") != "postgres", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_audit_rewrites_even_in_plain_sql(users):
    db.session.add(AuditEvent(organisation_id=users["admin"].organisation_id, action="a", object_type="b", details={}))
    save()
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text("UPDATE audit_event SET action = 'x'"))
    db.session.rollback()
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text("DELETE FROM audit_event"))
    db.session.rollback()


def test_deleting_a_project_leaves_its_audit_rows_as_written(users):
    project = make_project(users["buyer"], title="Slettes")
    save()
    audit.record(users["buyer"], "project.created", project)
    save()
    project_id = project.id
    projects.delete(users["buyer"], project, confirm_title="Slettes")
    save()
    assert db.session.get(TenderProject, project_id) is None
    rows = db.session.query(AuditEvent).filter_by(project_id=project_id).all()
    assert {r.action for r in rows} >= {"project.created", "project.deleted"}
