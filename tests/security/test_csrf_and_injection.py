"""Every state-changing route refuses a request without a CSRF token, and user text shows up
literally (escaped) wherever it is displayed: never executed, never evaluated."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Comment, TenderProject
from tests.conftest import dom, login, make_project, save, text_of

NASTY = "<script>alert('x')</script> {{ 7*7 }} {% raw %} A & B \"quoted\" ' ; DROP TABLE tender_project;--"


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], title=NASTY[:200], reference="R&D <1>", keys=("EXIT-001",))
    row = project.requirements[0]
    row.text = row.title = NASTY[:200]
    db.session.flush()
    db.session.add(Comment(project_id=project.id, requirement_id=row.id, author_id=users["reviewer"].id, body=NASTY))
    save()
    return project


def post_routes(app, project):
    """Every POST rule, with its URL arguments filled with ids that exist (or plausible values)."""
    values = {"project_id": project.id, "requirement_id": project.requirements[0].id, "comment_id": 1,
              "user_id": 1, "template_id": 1, "step_id": "procurement", "action": "activate", "key": "TST-001",
              "number": 1, "fmt": "docx", "tender_id": 1, "job_id": 1}
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint == "static":
            continue
        if set(rule.arguments) - set(values):
            pytest.fail(f"add a value for {rule.arguments} of {rule.rule}")
        urls.append(re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: str(values[m.group(1)]), rule.rule))
    return urls


def test_every_post_route_refuses_a_missing_csrf_token(app, client, users, project):
    login(client, users["admin"])
    urls = post_routes(app, project)
    assert len(urls) > 25
    before = db.session.query(TenderProject).count()
    refused = {url: client.post(url, data={"title": "x", "body": "x", "reason": "x"}).status_code for url in urls}
    assert {url: code for url, code in refused.items() if code != 400} == {}
    assert db.session.query(TenderProject).count() == before


@pytest.mark.parametrize("path", ["/", "/projects/{id}", "/projects/{id}/review", "/projects/{id}/wizard",
                                  "/projects/{id}/wizard/review", "/projects/{id}/export"])
def test_user_text_is_shown_literally(client, users, project, path):
    login(client, users["buyer"])
    response = client.get(path.format(id=project.id))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>alert('x')</script>" not in body
    assert "&lt;script&gt;alert(" in body  # shown, escaped
    assert "{{ 7*7 }}" in " ".join(text_of(dom(response), "main"))  # not evaluated by Jinja
