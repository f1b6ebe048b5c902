"""Legal review: comments, the review flow and its refusals, frozen versions, comparison, audit log,
notifications."""

from __future__ import annotations

import csv
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from app.extensions import db
from app.models import Comment, Notification, ProjectVersion
from app.services import catalog, tailoring
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
    project = make_project(users["buyer"], keys=("EXIT-001", "EXIT-002", "ARK-001", "UU-001"), answers=READY_ANSWERS)
    save()
    return project


def base(project):
    return f"/projects/{project.id}"


def row(project, key):
    return next(r for r in project.requirements if r.key == key)


def switch(client, user):
    token = dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")
    client.post("/logout", data={"csrf_token": token})
    login(client, user)


def comment(client, project, anchor, body, form_url=None):
    return post_form(client, f"{base(project)}/comments/new", {"anchor": anchor, "body": body},
                     form_url=form_url or f"{base(project)}/comments/new?anchor={anchor}")


def act(client, project, path, data=None):
    return post_form(client, f"{base(project)}{path}", data or {}, form_url=f"{base(project)}/review")


# ----- comments ----------------------------------------------------------------------------------

def test_comments_on_requirement_section_and_document_with_counts(client, users, project):
    login(client, users["reviewer"])
    r = row(project, "EXIT-001")
    assert comment(client, project, f"req:{r.id}", "Er dette forholdsmessig?").status_code == 302
    assert comment(client, project, "section:EXIT", "Mangler exit-plan.").status_code == 302
    assert comment(client, project, "document", "Se over språket.").status_code == 302
    threads = db.session.query(Comment).filter_by(project_id=project.id).all()
    assert {(c.requirement_id, c.section) for c in threads} == {(r.id, None), (None, "EXIT"), (None, None)}
    page = dom(client.get(base(project)))
    assert "1 open comment" in " ".join(text_of(page, f"#req-{r.id} .ds-tag"))
    assert "3 open comments" in " ".join(text_of(page, "#review-heading ~ p"))
    review_page = dom(client.get(f"{base(project)}/review"))
    assert "Er dette forholdsmessig?" in " ".join(text_of(review_page, f"#review-req-{r.id} .thread"))


def test_comment_text_is_escaped_with_links_and_line_breaks(client, users, project):
    login(client, users["reviewer"])
    comment(client, project, "document", "<script>alert(1)</script>\nSe https://lovdata.no/forskrift & {{ 7*7 }}")
    page = client.get(f"{base(project)}/review").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>" in page
    assert '<a class="ds-link" href="https://lovdata.no/forskrift" rel="nofollow noopener noreferrer">' in page
    assert "{{ 7*7 }}" in page


def test_empty_and_over_long_comments_and_bad_anchor(client, users, project):
    login(client, users["reviewer"])
    empty = comment(client, project, "document", "   ")
    assert empty.status_code == 422 and field_errors(empty, "body") == ["Write a comment."]
    long = comment(client, project, "document", "x" * 5001)
    assert field_errors(long, "body") == ["A comment can be at most 5000 characters."]
    bad = comment(client, project, "req:999999", "Hei")
    assert field_errors(bad, "anchor") == ["Choose what the comment is about."]
    assert error_summary(bad)
    assert db.session.query(Comment).count() == 0


def test_reply_edit_delete_resolve_reopen(client, users, project):
    login(client, users["reviewer"])
    comment(client, project, "document", "Første kommentar")
    c = db.session.query(Comment).one()
    switch(client, users["buyer"])
    assert act(client, project, f"/comments/{c.id}/reply", {"body": "Fikset"}).status_code == 302
    assert client.get(f"{base(project)}/comments/{c.id}/edit").status_code == 403  # not the buyer's comment
    assert act(client, project, f"/comments/{c.id}/delete").status_code == 403
    # A reviewer's remark is the reviewer's to close: the buyer replies, and gets no resolve button.
    assert act(client, project, f"/comments/{c.id}/resolve").status_code == 403
    db.session.refresh(c)
    assert c.resolved_at is None
    assert not dom(client.get(f"{base(project)}/review")).cssselect(f"#comment-{c.id} form[action$='/resolve']")
    switch(client, users["reviewer"])
    act(client, project, f"/comments/{c.id}/resolve")
    db.session.refresh(c)
    assert c.resolved_at is not None and c.resolved_by_id == users["reviewer"].id
    act(client, project, f"/comments/{c.id}/reopen")
    db.session.refresh(c)
    assert c.resolved_at is None
    response = post_form(client, f"{base(project)}/comments/{c.id}/edit", {"body": "Endret kommentar"})
    assert response.status_code == 302
    db.session.refresh(c)
    assert c.body == "Endret kommentar" and c.edited_at is not None
    act(client, project, f"/comments/{c.id}/delete")
    db.session.refresh(c)
    assert c.deleted_at is not None and c.body == ""
    page = dom(client.get(f"{base(project)}/review"))
    thread = " ".join(text_of(page, f"#comment-{c.id}"))
    assert "Comment deleted" in thread and "Fikset" in thread  # the reply and the trace stay


# ----- the review flow ---------------------------------------------------------------------------

def test_full_round_with_versions_and_timeline(client, users, project):
    login(client, users["buyer"])
    assert act(client, project, "/review/submit", {"summary": "Klar for gjennomgang"}).status_code == 302
    db.session.refresh(project)
    assert project.status == "in_review"
    v1 = db.session.query(ProjectVersion).filter_by(project_id=project.id).one()
    assert (v1.label, v1.event, len(v1.document["sections"])) == ("0.1", "submitted", 3)
    assert db.session.query(Notification).filter_by(user_id=users["reviewer"].id, kind="review_requested").count() == 1
    # The buyer cannot change requirements while the draft is in review.
    r = row(project, "EXIT-001")
    blocked = post_form(client, f"{base(project)}/requirements/{r.id}/edit",
                        {"title": "Ny", "text": r.text, "obligation": "must"})
    assert blocked.status_code == 422 and "Withdraw it from review" in " ".join(error_summary(blocked))
    assert client.get(f"{base(project)}/review/approve").status_code == 403  # buyers never approve

    switch(client, users["reviewer"])
    comment(client, project, f"req:{r.id}", "For strengt")
    missing = post_form(client, f"{base(project)}/review/request-changes", {"summary": ""})
    assert field_errors(missing, "summary") == ["Summarise what must change, so the buyer knows where to start."]
    assert post_form(client, f"{base(project)}/review/request-changes", {"summary": "Se EXIT-001"}).status_code == 302
    db.session.refresh(project)
    assert project.status == "changes_requested"

    switch(client, users["buyer"])
    post_form(client, f"{base(project)}/requirements/{r.id}/edit",
              {"title": r.title, "text": r.text.replace("written consent", "prior written consent"),
               "obligation": "must"})
    act(client, project, "/review/submit")
    switch(client, users["reviewer"])
    refused = post_form(client, f"{base(project)}/review/approve", {"summary": ""})
    assert refused.status_code == 422  # an open comment blocks approval
    assert any("still open" in e for e in error_summary(refused))
    assert dom(refused).cssselect("#readiness li[data-code=open_comments]")
    c = db.session.query(Comment).one()
    act(client, project, f"/comments/{c.id}/resolve")
    assert post_form(client, f"{base(project)}/review/approve", {"summary": "OK"}).status_code == 302
    db.session.refresh(project)
    assert project.status == "approved"
    labels = [v.label for v in db.session.query(ProjectVersion).filter_by(project_id=project.id)
              .order_by(ProjectVersion.number)]
    assert labels == ["0.1", "0.2", "1.0"]

    switch(client, users["buyer"])
    assert act(client, project, "/review/publish").status_code == 302
    db.session.refresh(project)
    assert project.status == "published"
    page = dom(client.get(f"{base(project)}/review"))
    timeline = " ".join(text_of(page, ".timeline li"))
    for step in ("Sent for legal review", "Changes requested", "Approved", "Published"):
        assert step in timeline
    # Editing a published project starts a new draft.
    post_form(client, f"{base(project)}/requirements/{r.id}/edit", {"title": "Eierskap", "text": r.text,
                                                                    "obligation": "must"})
    db.session.refresh(project)
    assert project.status == "draft"


def test_refusals(client, users, project):
    login(client, users["reviewer"])
    assert act(client, project, "/review/submit").status_code == 403  # reviewers do not submit
    refused = post_form(client, f"{base(project)}/review/approve", {}, form_url=f"{base(project)}/review")
    assert refused.status_code == 422 and "cannot be done while the project is" in " ".join(error_summary(refused))
    db.session.refresh(project)
    assert project.status == "draft"  # nothing to approve: not in review
    switch(client, users["buyer"])
    act(client, project, "/review/publish")
    db.session.refresh(project)
    assert project.status == "draft"
    empty = make_project(users["buyer"], title="Tomt", reference="")
    save()
    response = post_form(client, f"/projects/{empty.id}/review/submit", {}, form_url=f"/projects/{empty.id}/review")
    assert response.status_code == 422  # the page comes back with the reason, not a redirect
    assert "Add requirements before" in " ".join(error_summary(response))


def test_frozen_versions_download_identically_and_compare(client, users, project):
    login(client, users["buyer"])
    act(client, project, "/review/submit")
    act(client, project, "/review/withdraw")
    r = row(project, "EXIT-002")
    post_form(client, f"{base(project)}/requirements/{r.id}/edit",
              {"title": r.title, "text": "The municipality must be able to export all data every day.",
               "obligation": "should", "weight": "10"})
    tailoring.copy_from_library(project, catalog.library().requirement("SEC-001"))
    save()
    removed = row(project, "UU-001")
    post_form(client, f"{base(project)}/requirements/{removed.id}/remove", {"reason": "Dekket annet sted"})
    save()
    act(client, project, "/review/submit")

    first = client.get(f"{base(project)}/versions/1/export/docx")
    again = client.get(f"{base(project)}/versions/1/export/docx")
    texts = ["".join(docx.Document(io.BytesIO(x.data)).element.body.itertext()) for x in (first, again)]
    assert texts[0] == texts[1] and "UU-001" in texts[0]  # version 1 still has the later removed UU-001
    assert client.get(f"{base(project)}/versions/1/export/zip").data == client.get(
        f"{base(project)}/versions/1/export/zip").data
    with zipfile.ZipFile(io.BytesIO(client.get(f"{base(project)}/versions/1/export/zip").data)) as z:
        assert "manifest.json" in z.namelist()

    page = dom(client.get(f"{base(project)}/versions/compare?a=1&b=2"))
    assert "SEC-001" in " ".join(text_of(page, "#added ~ ul li"))
    assert "UU-001" in " ".join(text_of(page, "#removed ~ ul li"))
    changed = " ".join(text_of(page, "#changed-EXIT-002"))
    assert "every day" in " ".join(text_of(page, "#changed-EXIT-002 ins")) and "Should" in changed
    copy = client.get(f"{base(project)}/versions/compare/review-copy?a=1&b=2")
    assert copy.status_code == 200
    body = docx.Document(io.BytesIO(copy.data)).element.body
    inserted = "".join(t.text for t in body.iter(qn("w:t")) if t.getparent().getparent().tag == qn("w:ins"))
    deleted = "".join(t.text for t in body.iter(qn("w:delText")))
    assert "every day" in inserted and "UU-001" in deleted
    authors = {e.get(qn("w:author")) for e in body.iter(qn("w:ins"), qn("w:del"))}
    assert authors == {"Kravbygger"}
    assert client.get(f"{base(project)}/versions/9/export/docx").status_code == 404


def test_review_copy_names_the_version_under_review(client, users, project):
    login(client, users["buyer"])
    act(client, project, "/review/submit")
    switch(client, users["reviewer"])
    copy = docx.Document(io.BytesIO(client.get(f"{base(project)}/export/review-copy").data))
    header = copy.sections[0].header.paragraphs[0].text
    cover = {p.text.split("\t")[0]: p.text.split("\t")[-1] for p in copy.paragraphs if p.style.name == "Cover Fact"}
    assert "0.1" in header and "0.2" not in header
    assert cover.get("Version", cover.get("Versjon")) == "0.1"


def test_version_picker_names_the_event_in_the_interface_language(client, users, project):
    login(client, users["buyer"])
    act(client, project, "/review/submit")
    act(client, project, "/review/withdraw")
    act(client, project, "/review/submit")
    users["buyer"].locale = "nb"
    save()
    page = dom(client.get(f"{base(project)}/versions/compare?a=1&b=2"))
    options = {o.text_content() for o in page.cssselect("select option")}
    assert options == {"0.1 (sendt til gjennomgang)", "0.2 (sendt til gjennomgang)"}


def test_review_copy_carries_open_comments(client, users, project):
    login(client, users["reviewer"])
    r = row(project, "ARK-001")
    comment(client, project, f"req:{r.id}", "Sjekk Noark-versjonen")
    response = client.get(f"{base(project)}/export/review-copy")
    with zipfile.ZipFile(io.BytesIO(response.data)) as z:
        assert "Sjekk Noark-versjonen" in z.read("word/comments.xml").decode()


# ----- audit log and notifications ---------------------------------------------------------------

def test_audit_log_for_reviewers_and_admins_with_csv(client, users, project):
    login(client, users["buyer"])
    act(client, project, "/review/submit")
    assert client.get(f"{base(project)}/audit").status_code == 403
    assert client.get("/audit").status_code == 403
    switch(client, users["reviewer"])
    page = dom(client.get(f"{base(project)}/audit"))
    assert "Sent for legal review (review.submitted)" in text_of(page, "tbody td")
    data = client.get(f"{base(project)}/audit.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][:4] == ["time_utc", "actor", "actor_email", "action"]
    assert any(r[3] == "review.submitted" for r in rows[1:])
    switch(client, users["admin"])
    assert client.get("/audit.csv").status_code == 200
    assert client.post(f"{base(project)}/audit").status_code == 405  # read-only


def test_notifications_in_the_app(client, users, project):
    login(client, users["buyer"])
    act(client, project, "/review/submit")
    switch(client, users["reviewer"])
    page = dom(client.get("/notifications"))
    assert "Buyer Testkommune sent “Kontorstøtte 2027” for legal review." in text_of(page, ".notification-list a")
    assert text_of(page, ".site-nav .count") == ["1 unread"]
    post_form(client, "/notifications", {})
    assert not dom(client.get("/notifications")).cssselect(".site-nav .count")


def test_other_organisations_see_nothing(client, users, project):
    login(client, users["buyer"])
    act(client, project, "/review/submit")
    comment(client, project, "document", "Intern")
    c = db.session.query(Comment).one()
    switch(client, users["outsider"])
    for path in ("/review", "/versions/1", "/versions/1/export/docx", "/versions/compare", "/export",
                 f"/comments/{c.id}/edit", "/export/review-copy"):
        assert client.get(f"{base(project)}{path}").status_code == 404, path
