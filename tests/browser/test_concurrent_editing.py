"""Two people in two real browser sessions edit the same project: the second save never silently
overwrites the first (optimistic locking on the project's version column). Runs against the live
server's own database, so on PostgreSQL (KRAVBYGGER_TEST_DB=postgres) the two saves are separate
connections and transactions."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import TenderProject
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_second_save_gets_a_conflict_page_with_both_versions(browser, live_server):
    base, app = live_server
    buyer = browser.new_context(locale="en-GB").new_page()
    admin = browser.new_context(locale="en-GB").new_page()
    login(buyer, base, "buyer")
    login(admin, base, "admin")
    buyer.goto(f"{base}/projects/new")
    buyer.fill("#title", "Samtidig redigering")
    buyer.check("input[name=language][value=en]")
    buyer.click("main button[type=submit]")
    buyer.wait_for_url(re.compile(r".*/wizard$"))
    step_url = buyer.url + "/procurement"

    buyer.goto(step_url)
    admin.goto(step_url)  # both have the same version of the project open
    buyer.fill("#user_count", "500")
    admin.fill("#user_count", "900")
    buyer.click("button[value=save]")
    buyer.wait_for_url(re.compile(r".*/wizard$"))
    with admin.expect_navigation() as nav:
        admin.click("button[value=save]")
    assert nav.value.status == 409
    assert "Someone else saved this project first" in admin.locator("h1").inner_text()
    differing = admin.locator("tr.differs td").all_inner_texts()
    assert differing == ["900", "500"]

    project_id = int(step_url.split("/")[-3])
    with app.app_context():
        project = db.session.get(TenderProject, project_id)
        assert project.answers["user_count"] == 500  # the first save stands
        db.session.remove()
    for page in (buyer, admin):
        page.context.close()
