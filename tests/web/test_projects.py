"""Tender projects: create, see, edit with optimistic locking, pick and remove requirements."""

import io

import docx
import pytest

from app.models import TenderProject
from tests.conftest import (
    READY_ANSWERS,
    dom,
    error_summary,
    field_errors,
    login,
    make_project,
    post_form,
    save,
    text_of,
)


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], answers=READY_ANSWERS)
    save()
    return project


def test_buyer_creates_a_project(client, users):
    login(client, users["buyer"])
    response = post_form(client, "/projects/new", {"title": "Nettbasert kontorstøtte", "reference": "2026/1",
                                                   "language": "nb"})
    assert response.status_code == 302
    project = TenderProject.query.filter_by(title="Nettbasert kontorstøtte").one()
    assert project.organisation_id == users["buyer"].organisation_id
    assert project.country == "NO"
    page = client.get(f"/projects/{project.id}")
    assert text_of(dom(page), "h1") == ["Nettbasert kontorstøtte"]


def test_empty_and_over_long_titles_get_field_messages(client, users):
    login(client, users["buyer"])
    empty = post_form(client, "/projects/new", {"title": "  ", "language": "nb"})
    assert field_errors(empty, "title") == ["Enter a title for the procurement."]
    assert error_summary(empty) == ["Enter a title for the procurement."]
    long = post_form(client, "/projects/new", {"title": "x" * 201, "reference": "y" * 61, "language": "nb"})
    assert field_errors(long, "title") == ["The title can be at most 200 characters."]
    assert field_errors(long, "reference") == ["The reference can be at most 60 characters."]
    assert TenderProject.query.count() == 0


def test_reviewer_cannot_create_projects(client, users):
    login(client, users["reviewer"])
    assert client.get("/projects/new").status_code == 403


def test_other_organisations_project_is_not_found(client, users, project):
    login(client, users["outsider"])
    for url in (f"/projects/{project.id}", f"/projects/{project.id}/edit", f"/projects/{project.id}/export/docx"):
        assert client.get(url).status_code == 404, url
    assert project.title not in client.get("/").get_data(as_text=True)


def test_edit_saves_and_a_stale_version_gets_the_conflict_page(client, users, project):
    login(client, users["buyer"])
    seen = project.version_id
    ok = post_form(client, f"/projects/{project.id}/edit",
                   {"title": "Nytt navn", "reference": "2026/77", "language": "en", "version_id": seen})
    assert ok.status_code == 302
    assert project.title == "Nytt navn"
    stale = post_form(client, f"/projects/{project.id}/edit",
                      {"title": "Overskrevet?", "reference": "2026/77", "language": "en", "version_id": seen})
    assert stale.status_code == 409
    cells = text_of(dom(stale), "table td")
    assert "Overskrevet?" in cells and "Nytt navn" in cells
    assert project.title == "Nytt navn"


def test_pick_requirements_remove_one_with_reason_and_download_word(client, users, project):
    login(client, users["buyer"])
    page = dom(client.get(f"/projects/{project.id}/requirements/add"))
    keys = [e.get("value") for e in page.cssselect("input[name=keys]")][:3]
    assert len(keys) == 3
    response = post_form(client, f"/projects/{project.id}/requirements/add", {"keys": keys})
    assert response.status_code == 302
    shown = text_of(dom(client.get(f"/projects/{project.id}")), ".requirement-table tbody td:first-child")
    assert sorted(shown) == sorted(keys)

    row = project.requirements[0]
    url = f"/projects/{project.id}/requirements/{row.id}/remove"
    no_reason = post_form(client, url, {"reason": ""})
    assert field_errors(no_reason, "reason")
    assert row.removed_at is None
    assert post_form(client, url, {"reason": "Dekket av rammeavtale"}).status_code == 302
    assert row.removed_reason == "Dekket av rammeavtale"

    download = client.get(f"/projects/{project.id}/export/docx")
    assert download.status_code == 200
    assert download.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.data)).paragraphs)
    document_cells = [c.text for t in docx.Document(io.BytesIO(download.data)).tables for r in t.rows for c in r.cells]
    remaining = [r.key for r in project.requirements if r.removed_at is None]
    for key in remaining:
        assert key in document_cells, key
    assert row.key not in document_cells
    assert project.title in text


def test_adding_nothing_gives_a_message(client, users, project):
    login(client, users["buyer"])
    response = post_form(client, f"/projects/{project.id}/requirements/add", {})
    assert response.status_code == 400
    assert error_summary(response) == ["Choose at least one requirement to add."]


def test_unknown_library_key_is_refused(client, users, project):
    login(client, users["buyer"])
    response = post_form(client, f"/projects/{project.id}/requirements/add", {"keys": ["NOPE-999"]})
    assert response.status_code == 400
    assert "NOPE-999" in error_summary(response)[0]


def test_a_draft_never_sent_for_review_can_be_deleted(client, users, project):
    from app.models import AuditEvent, Comment

    login(client, users["buyer"])
    assert "Delete project" in text_of(dom(client.get(f"/projects/{project.id}")), "a.ds-button")
    from app.extensions import db
    db.session.add(Comment(project_id=project.id, author_id=users["reviewer"].id, body="Hei"))
    save()
    url = f"/projects/{project.id}/delete"
    wrong = post_form(client, url, {"confirm_title": "Feil tittel"})
    assert wrong.status_code == 422
    assert field_errors(wrong, "confirm_title") == ["Type the project's title exactly as it is shown, to confirm."]
    pid = project.id
    assert post_form(client, url, {"confirm_title": project.title}).status_code == 302
    assert db.session.get(TenderProject, pid) is None
    assert db.session.query(Comment).count() == 0
    trace = db.session.query(AuditEvent).filter_by(action="project.deleted").one()
    assert trace.details["title"] == "Kontorstøtte 2027" and trace.actor_id == users["buyer"].id


def test_submitted_projects_and_reviewers_cannot_delete(client, users, project):
    login(client, users["reviewer"])
    assert client.get(f"/projects/{project.id}/delete").status_code == 403
    client.post("/logout", data={"csrf_token": dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")})
    from app.services import catalog, tailoring
    tailoring.copy_from_library(project, catalog.library().requirement("EXIT-001"))
    save()
    login(client, users["buyer"])
    post_form(client, f"/projects/{project.id}/review/submit", {}, form_url=f"/projects/{project.id}/review")
    post_form(client, f"/projects/{project.id}/review/withdraw", {}, form_url=f"/projects/{project.id}/review")
    assert client.get(f"/projects/{project.id}/delete").status_code == 403  # a frozen version exists
    assert "Delete project" not in text_of(dom(client.get(f"/projects/{project.id}")), "a.ds-button")
