"""A buyer completes the whole needs wizard with the keyboard only, in Chromium, and axe-core finds no
accessibility violations on any wizard page (including a page with errors)."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import TenderProject
from app.services import catalog
from tests.browser.conftest import axe_violations, choose_radio, login, set_checkbox, tab_to, type_into
from tests.wizard_helpers import TYPICAL, posted_value

pytestmark = pytest.mark.browser


def fill_step(page, step) -> None:
    """Answer every question the page shows, by keyboard."""
    for q in step.questions:  # in page order: a question an earlier answer calls for is shown by then
        if page.locator(f"input[name=shown][value={q.id}]:not([disabled])").count() == 0:
            continue
        value = posted_value(q, TYPICAL.get(q.id))
        if q.type in ("text", "textarea", "number", "date"):
            type_into(page, f"#{q.id}", value)
        elif q.type in ("single", "yes_no"):
            choose_radio(page, q.id, value)
        elif q.type == "multi":
            for option in q.options:
                set_checkbox(page, q.id, str(option.value), str(option.value) in value)
        elif q.type == "weights":
            for option, weight in value.items():
                type_into(page, f"#{q.id}-{option}", weight)


def press_next(page) -> None:
    tab_to(page, "button[value=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def check_axe(page, seen: dict) -> None:
    seen[page.url] = axe_violations(page)


def test_whole_wizard_by_keyboard_with_no_axe_violations(page, live_server):
    base, app = live_server
    wizard = app.extensions["kravbygger.library"].wizard
    axe: dict[str, list[str]] = {}
    login(page, base)

    # New project, by keyboard.
    tab_to(page, "a[href='/projects/new']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/projects/new")
    type_into(page, "#title", "Kontorstøtte tastatur")
    choose_radio(page, "language", "en")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/wizard$"))
    check_axe(page, axe)
    project_url = page.url.removesuffix("/wizard")

    # The first step, sent empty first: the error summary takes focus and links to the fields.
    tab_to(page, "main .actions a.ds-button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/wizard/procurement$"))
    press_next(page)
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#error-summary a[href='#procedure']").count() == 1
    check_axe(page, axe)

    steps_done = []
    for _ in range(len(wizard.steps) + 3):
        match = re.search(r"/wizard/([a-z_]+)$", page.url)
        if not match or match.group(1) in ("review", "proposal"):
            break
        step = wizard.step(match.group(1))
        fill_step(page, step)
        check_axe(page, axe)
        before = page.url
        press_next(page)
        if page.url == before:  # more questions appeared on the same page: answer them too
            assert page.locator("#error-summary").count() == 0, page.locator("#error-summary").inner_text()
            fill_step(page, step)
            press_next(page)
        assert page.url != before, f"step {step.id} did not move on"
        steps_done.append(step.id)
    assert page.url.endswith("/wizard/review")
    assert "chat" in steps_done and steps_done[0] == "procurement"
    check_axe(page, axe)

    # Proposal: every proposed requirement says why; apply it by keyboard.
    tab_to(page, "main a[href$='/wizard/proposal']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/wizard/proposal$"))
    check_axe(page, axe)
    proposed = [t.split()[0] for t in page.locator(".proposal-list li").all_inner_texts()]
    with app.app_context():
        project = db.session.get(TenderProject, int(project_url.rsplit("/", 1)[-1]))
        assert project.title == TYPICAL["title"]  # the wizard's title question renamed the project
        answers = {"country": "NO", **project.answers}
        expected = [p.requirement.key for p in catalog.library().propose(answers, "en")]
    assert sorted(proposed) == sorted(expected) and len(expected) > 40
    assert "Because you need chat and video meetings" in " ".join(page.locator(".proposal-list").all_inner_texts())
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(project_url)
    shown_keys = page.locator(".requirement-table tbody td:first-child").all_inner_texts()
    assert sorted(shown_keys) == sorted(expected)
    check_axe(page, axe)

    assert {url: v for url, v in axe.items() if v} == {}
    assert len(axe) >= len(steps_done) + 4


def test_a_dependent_question_appears_as_soon_as_it_is_called_for(page, live_server):
    base, _app = live_server
    login(page, base)
    page.goto(f"{base}/projects/new")
    type_into(page, "#title", "Avhengige spørsmål")
    choose_radio(page, "language", "en")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(page.url + "/information")
    special = page.locator(".question[data-question=special_categories]")
    assert special.is_hidden()
    choose_radio(page, "personal_data", "true")
    assert special.is_visible()
    assert page.locator("input[name=shown][value=special_categories]").is_enabled()
    choose_radio(page, "personal_data", "false")
    assert special.is_hidden()
    assert axe_violations(page) == []
