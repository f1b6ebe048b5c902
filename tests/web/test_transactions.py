"""A refused request commits nothing, whichever way the refusal is shown (error page, message on
the next page after a redirect, or next to a form field)."""

from __future__ import annotations

from app.extensions import db
from app.models import AuditEvent
from tests.conftest import login, make_project, post_form, save


def _events(project, action):
    return db.session.query(AuditEvent).filter_by(project_id=project.id, action=action).count()


def test_a_stale_proposal_on_an_approved_project_changes_nothing(client, users):
    """The wizard is unfinished, so applying the proposal is refused (a message after a redirect):
    the approved project must not have become a draft, nor the audit trail say so."""
    project = make_project(users["buyer"], status="approved", keys=("UU-013",))
    save()
    login(client, users["buyer"])
    url = f"/projects/{project.id}/wizard/proposal"
    response = post_form(client, url, {"version_id": project.version_id})
    assert response.status_code == 302
    db.session.expire_all()
    assert project.status == "approved"
    assert _events(project, "project.new_draft") == 0
    page = client.get(response.location)
    assert "Answer every step of the wizard" in page.get_data(as_text=True)


def test_a_refusal_shown_next_to_a_field_changes_nothing(client, users):
    """Tailoring an approved project starts a new draft, but only if the change is accepted."""
    project = make_project(users["buyer"], status="approved", keys=("UU-013",))
    save()
    row = project.requirements[0]
    login(client, users["buyer"])
    url = f"/projects/{project.id}/requirements/{row.id}/edit"
    response = post_form(client, url, {"title": "Ny tittel", "text": row.text, "obligation": "should",
                                       "weight": "", "version_id": project.version_id})
    assert response.status_code == 422  # a should-requirement needs a weight
    db.session.expire_all()
    assert project.status == "approved" and row.title != "Ny tittel"
    assert _events(project, "project.new_draft") == 0


def test_an_accepted_change_to_an_approved_project_starts_a_draft(client, users):
    project = make_project(users["buyer"], status="approved", keys=("UU-013",))
    save()
    row = project.requirements[0]
    login(client, users["buyer"])
    url = f"/projects/{project.id}/requirements/{row.id}/edit"
    response = post_form(client, url, {"title": "Ny tittel", "text": row.text, "obligation": "must",
                                       "version_id": project.version_id})
    assert response.status_code in (200, 302)
    db.session.expire_all()
    assert project.status == "draft" and row.title == "Ny tittel"
    assert _events(project, "project.new_draft") == 1
