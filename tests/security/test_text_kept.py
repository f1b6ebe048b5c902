"""No text is lost or cut silently: a too-long reply or submission message comes back with the server's
message and the typed text; the needs cannot be changed during review, and the step page says so."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Comment
from tests.conftest import READY_ANSWERS, dom, error_summary, login, make_project, post_form, save, text_of
from tests.wizard_helpers import step_form, wizard

LONG = "Lang merknad. " * 400  # 5 600 characters: more than the 5 000 a comment may hold


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], keys=("EXIT-001",), answers=dict(READY_ANSWERS))
    save()
    return project


def test_the_reply_box_does_not_cut_and_a_refused_reply_keeps_the_text(client, users, project):
    comment = Comment(project_id=project.id, author_id=users["reviewer"].id, body="Se over EXIT-001")
    db.session.add(comment)
    save()
    login(client, users["buyer"])
    review_url = f"/projects/{project.id}/review"
    box = dom(client.get(review_url)).cssselect(f"#reply-{comment.id}")[0]
    assert box.get("maxlength") is None
    response = post_form(client, f"/projects/{project.id}/comments/{comment.id}/reply", {"body": LONG},
                         form_url=review_url)
    assert response.status_code == 422
    page = dom(response)
    assert page.cssselect(f"#reply-{comment.id}")[0].text_content() == LONG
    assert text_of(page, f"#reply-{comment.id}-error") == ["A comment can be at most 5000 characters."]
    assert error_summary(response) == ["A comment can be at most 5000 characters."]
    assert db.session.query(Comment).filter_by(parent_id=comment.id).count() == 0


def test_a_refused_submission_message_keeps_the_text(client, users, project):
    login(client, users["buyer"])
    review_url = f"/projects/{project.id}/review"
    response = post_form(client, f"/projects/{project.id}/review/submit", {"summary": LONG}, form_url=review_url)
    assert response.status_code == 422
    page = dom(response)
    assert page.cssselect("#summary")[0].text_content() == LONG
    assert text_of(page, "#summary-error")
    assert project.status == "draft"


def test_needs_cannot_be_changed_during_review_and_the_page_says_so(client, users, project):
    login(client, users["buyer"])
    assert post_form(client, f"/projects/{project.id}/review/submit", {"summary": ""},
                     form_url=f"/projects/{project.id}/review").status_code == 302
    url = f"/projects/{project.id}/wizard/procurement"
    page = dom(client.get(url))
    assert any("legal review" in t for t in text_of(page, ".ds-alert"))
    assert page.cssselect("fieldset.locked[disabled]") and not page.cssselect("button[value=next]")
    step = wizard().step("procurement")
    shown = [q.id for q in step.questions]
    data = {**step_form(step, shown, {"user_count": "4321"}), "version_id": project.version_id}
    response = post_form(client, url, data)
    assert response.status_code == 422
    assert any("legal review" in t for t in error_summary(response))
    assert dom(response).cssselect("#user_count")[0].get("value") in ("4321", "4 321")
    db.session.refresh(project)
    assert project.answers.get("user_count") != 4321
