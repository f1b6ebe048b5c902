"""A full legal review round in two browser sessions: the buyer submits, the reviewer comments on two
requirements and requests changes, the buyer edits and resubmits, the reviewer sees the difference,
resolves the comments and approves. axe-core checks every review page on the way."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import TenderProject, User
from app.services import catalog, projects, tailoring
from tests.browser.conftest import axe_violations, login
from tests.conftest import READY_ANSWERS

pytestmark = pytest.mark.browser
KEYS = ("EXIT-001", "EXIT-002", "ARK-001", "UU-001")


@pytest.fixture
def project_id(live_server):
    _base, app = live_server
    with app.app_context():
        buyer = db.session.query(User).filter_by(email="buyer@nettleser.example.no").one()
        project = projects.create(buyer, title="Juridisk runde", reference="2026/9", language="en")
        project.answers = dict(READY_ANSWERS)
        for key in KEYS:
            tailoring.copy_from_library(project, catalog.library().requirement(key))
        db.session.commit()
        pid = project.id
        db.session.remove()
    return pid


def test_full_review_round(browser, live_server, project_id):
    base, app = live_server
    review_url = f"{base}/projects/{project_id}/review"
    axe: dict[str, list[str]] = {}
    buyer = browser.new_context(locale="en-GB").new_page()
    reviewer = browser.new_context(locale="en-GB").new_page()
    login(buyer, base, "buyer")
    login(reviewer, base, "reviewer")

    buyer.goto(review_url)
    axe["buyer review"] = axe_violations(buyer)
    buyer.fill("#summary", "Ready for legal review.")
    buyer.click("text=Send for legal review")
    assert "sent for legal review" in buyer.locator(".flashes").inner_text()

    reviewer.goto(review_url)
    axe["reviewer review"] = axe_violations(reviewer)
    for key, text in (("EXIT-001", "Too broad: narrow the purposes."), ("UU-001", "Cite WCAG 2.1 AA.")):
        reviewer.locator(".review-requirement", has_text=key).get_by_role("link", name=re.compile("Add a comment")).click()
        if key == "EXIT-001":
            axe["comment form"] = axe_violations(reviewer)
        reviewer.fill("#body", text)
        reviewer.click("main button[type=submit]")
        reviewer.wait_for_url(re.compile(r".*/review(#.*)?$"))
    assert reviewer.locator(".thread").count() == 2
    reviewer.click("text=Request changes")
    axe["request changes"] = axe_violations(reviewer)
    reviewer.click("main button[type=submit]")  # empty summary: refused next to the field
    assert reviewer.locator("#summary-error").count() == 1
    axe["request changes with error"] = axe_violations(reviewer)
    reviewer.fill("#summary", "See the two comments.")
    reviewer.click("main button[type=submit]")
    reviewer.wait_for_url(re.compile(r".*/review$"))

    # The buyer sees the comments, edits EXIT-001 and resubmits.
    buyer.goto(f"{base}/projects/{project_id}")
    assert "1 open comment" in buyer.locator("tr", has_text="EXIT-001").inner_text()
    buyer.locator("tr", has_text="EXIT-001").get_by_role("link", name=re.compile("Tailor")).click()
    text = buyer.input_value("#text")
    buyer.fill("#text", text.replace("analytics, product development, advertising or training artificial "
                                     "intelligence models", "any purpose of its own"))
    buyer.click("main button[type=submit]")
    buyer.wait_for_url(re.compile(rf".*/projects/{project_id}(#.*)?$"))
    buyer.goto(review_url)
    buyer.click("text=Send for legal review")

    # The reviewer compares the two submitted versions, resolves the comments and approves.
    reviewer.goto(review_url)
    reviewer.click("text=Compare versions")
    axe["compare"] = axe_violations(reviewer)
    assert "any purpose of its own" in " ".join(reviewer.locator("#changed-EXIT-001 ins").all_inner_texts())
    reviewer.goto(review_url)
    while reviewer.locator("button", has_text="Mark as resolved").count():
        reviewer.locator("button", has_text="Mark as resolved").first.click()
        reviewer.wait_for_load_state()
    reviewer.click("main >> text=Approve")
    axe["approve"] = axe_violations(reviewer)
    reviewer.fill("#summary", "Approved.")
    reviewer.click("main button[type=submit]")
    reviewer.wait_for_url(re.compile(r".*/review$"))
    assert "is approved" in reviewer.locator(".flashes").inner_text()
    reviewer.click("text=Version 1.0")
    axe["version"] = axe_violations(reviewer)

    with app.app_context():
        project = db.session.get(TenderProject, project_id)
        assert project.status == "approved"
        db.session.remove()
    assert {page: v for page, v in axe.items() if v} == {}
    for page in (buyer, reviewer):
        page.context.close()
