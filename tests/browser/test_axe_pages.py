"""axe-core finds no violations on the other main pages, for each role that uses them."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Job, SignInConfig, User
from app.services import catalog, projects, review, tailoring
from tests.browser.conftest import axe_violations, login
from tests.conftest import READY_ANSWERS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeded(live_server):
    _base, app = live_server
    with app.app_context():
        buyer = db.session.query(User).filter_by(email="buyer@nettleser.example.no").one()
        reviewer = db.session.query(User).filter_by(email="reviewer@nettleser.example.no").one()
        project = projects.create(buyer, title="Tilgjengelighet", reference="2026/11", language="nb")
        project.answers = dict(READY_ANSWERS)
        for key in ("EXIT-001", "ARK-001", "UU-001", "SEC-001"):
            tailoring.copy_from_library(project, catalog.library().requirement(key))
        db.session.flush()
        review.submit(buyer, project)
        # An open comment: the approve page and the readiness check list it as a blocker.
        review.add_comment(reviewer, project, "Se over.", requirement_id=project.requirements[0].id)
        draft = projects.create(buyer, title="Utkast å slette", reference="", language="nb")
        job = Job(name="pdf", args=[project.id, None, ""], organisation_id=project.organisation_id,
                  project_id=project.id, status="queued")
        db.session.add(job)
        db.session.add(SignInConfig(organisation_id=project.organisation_id, enabled=True, display_name="Nettleser ID",
                                    issuer="https://idp.nettleser.example.no", client_id="kravbygger",
                                    role_map=[["jurister", "reviewer"]], email_domains=[]))
        db.session.commit()
        ids = {"project": project.id, "row": project.requirements[0].id, "draft": draft.id, "job": job.id}
        db.session.remove()
    return ids


PAGES = {
    "buyer": ["/", "/accessibility", "/projects/new", "/projects/{project}", "/projects/{project}/requirements/add",
              "/projects/{project}/requirements/new", "/projects/{project}/requirements/{row}/edit",
              "/projects/{project}/requirements/{row}/remove", "/projects/{project}/export",
              "/projects/{project}/edit", "/projects/{project}/requirements/{row}",
              "/projects/{project}?obligation=must&comments=1", "/library", "/library?q=arkiv&category=ARK", "/library/ARK-001",
              "/notifications", "/account", "/projects/{draft}/delete", "/projects/{draft}/wizard/information",
              "/projects/{draft}/readiness", "/projects/{project}/readiness", "/projects/{project}/jobs/{job}",
              "/projects/{project}/wizard/procurement"],  # in review: the needs are read-only and say so
    "reviewer": ["/projects/{project}/review", "/projects/{project}/versions/1", "/projects/{project}/audit",
                 "/audit", "/projects/{project}/comments/new", "/projects/{project}/review/approve",
                 "/projects/{project}/readiness"],
    "admin": ["/admin/users", "/admin/templates", "/admin/library", "/admin/library/new", "/admin/sign-in",
              "/admin/jobs"],
}


@pytest.mark.parametrize("role", sorted(PAGES))
def test_no_axe_violations(browser, live_server, seeded, role):
    base, _app = live_server
    page = browser.new_context(locale="nb-NO").new_page()
    login(page, base, role)
    found = {}
    for path in PAGES[role]:
        response = page.goto(base + path.format(**seeded))
        assert response.status == 200, path
        found[path] = axe_violations(page)
    page.context.close()
    assert {path: v for path, v in found.items() if v} == {}


def test_no_axe_violations_signed_out(browser, live_server):
    base, _app = live_server
    page = browser.new_context(locale="sv-SE").new_page()
    found = {}
    for path, status in (("/login", 200), ("/accessibility", 200), ("/no-such-page", 404), ("/login/sso/callback", 200)):
        response = page.goto(base + path)
        assert response.status == status, path
        found[path] = axe_violations(page)
    page.context.close()
    assert {path: v for path, v in found.items() if v} == {}


def test_no_axe_violations_on_a_refused_reply_with_the_text_kept(browser, live_server, seeded):
    base, _app = live_server
    page = browser.new_context(locale="nb-NO").new_page()
    login(page, base, "buyer")
    page.goto(base + f"/projects/{seeded['project']}/review")
    page.locator("details.reply summary").first.click()
    page.locator("details.reply textarea").first.fill("For lang. " * 600)
    with page.expect_navigation():
        page.locator("details.reply button[type=submit]").first.click()
    assert page.locator(".ds-error-summary").count() == 1
    assert page.locator("details.reply textarea").first.input_value() == "For lang. " * 600
    violations = axe_violations(page)
    page.context.close()
    assert violations == []
