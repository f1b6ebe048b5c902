"""A walk through the evaluation in Chromium, keyboard only where it matters, with axe-core on every
page: the buyer's award model, tender and overview pages; the evaluator's declaration, scoring page
(with its error summary) and saved scores."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Tender, User
from tests.browser.conftest import axe_violations, login, tab_to, type_into

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def evaluated(live_server):
    from tests import conftest
    from tests.evaluation_fixtures import approved_project, tender_file

    _base, app = live_server
    with app.app_context():
        users = {role: db.session.query(User).filter_by(email=f"{role}@nettleser.example.no").one()
                 for role in ("buyer", "reviewer", "evaluator")}
        saved, conftest.save = conftest.save, db.session.commit
        try:
            project = approved_project(users)
            from app.services import evaluation
            for name, answers in (("Alfa AS", {}), ("Beta AS", {"UU-001": "Nei"})):
                evaluation.import_tender(users["buyer"], project, supplier=name, filename="t.xlsx",
                                         data=tender_file(project, supplier=name, answers=answers))
            db.session.commit()
        finally:
            conftest.save = saved
        ids = {"project": project.id,
               "alfa": db.session.query(Tender).filter_by(project_id=project.id, supplier_key="alfa as").one().id,
               "beta": db.session.query(Tender).filter_by(project_id=project.id, supplier_key="beta as").one().id}
        db.session.remove()
    return ids


def test_buyer_pages_have_no_axe_violations(browser, live_server, evaluated):
    base, _app = live_server
    page = browser.new_context(locale="nb-NO").new_page()
    login(page, base, "buyer")
    found = {}
    for path in ("/projects/{project}/award", "/projects/{project}/evaluation",
                 "/projects/{project}/evaluation/tenders/{beta}"):
        response = page.goto(base + path.format(**evaluated))
        assert response.status == 200, path
        found[path] = axe_violations(page)
    # the decision form with its error summary
    page.locator("#decision-reject").check()
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    assert page.locator(".ds-error-summary").is_visible()
    found["decision errors"] = axe_violations(page)
    page.context.close()
    assert {path: v for path, v in found.items() if v} == {}


def test_evaluator_declares_then_scores_by_keyboard(browser, live_server, evaluated):
    base, _app = live_server
    page = browser.new_context(locale="en-GB").new_page()
    login(page, base, "evaluator")
    overview = f"{base}/projects/{evaluated['project']}/evaluation"
    page.goto(overview)
    assert page.locator("#declaration").is_visible() and page.locator("text=Alfa AS").count() == 0
    found = {"declaration": axe_violations(page)}
    tab_to(page, "#confirm")
    page.keyboard.press("Space")
    tab_to(page, "#declaration button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#tenders-heading").is_visible()
    found["overview"] = axe_violations(page)
    page.get_by_role("link", name=re.compile(r"^0 of \d+ scored – Alfa AS$")).click()
    page.wait_for_url(f"**/tenders/{evaluated['alfa']}/score")
    found["scoring page"] = axe_violations(page)
    first, second = page.locator("input[name^=points-]").nth(0), page.locator("input[name^=points-]").nth(1)
    first_id, second_id = first.get_attribute("id"), second.get_attribute("id")
    type_into(page, f"#{first_id}", "8")
    type_into(page, f"#{first_id.replace('points-', 'justification-')}", "Dekker behovet godt, med demo.")
    type_into(page, f"#{second_id}", "4")  # no justification: refused, nothing saved
    tab_to(page, "form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".ds-error-summary a").first.get_attribute("href") == f"#{second_id.replace('points-', 'justification-')}"
    found["scoring errors"] = axe_violations(page)
    type_into(page, f"#{second_id.replace('points-', 'justification-')}", "Delvis dekket.")
    tab_to(page, "form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "2 scores saved." in page.locator(".flashes").inner_text()
    assert page.locator(f"#{first_id}").input_value() == "8"
    page.context.close()
    assert {name: v for name, v in found.items() if v} == {}
