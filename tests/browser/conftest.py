"""A live Kravbygger server in a thread, on its own database, and Debian's Chromium through Playwright.

The server gets a fresh database of its own (an SQLite file, or with KRAVBYGGER_TEST_DB=postgres a
fresh PostgreSQL schema), built by the real migrations, so browser tests see committed data as a
real user does and never touch the other tests' rolled-back transactions.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.services import accounts
from tests.conftest import fresh_database_url, require_in_ci

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PASSWORD = "nettleser-passord-2026"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def live_server():
    require_in_ci(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database_url("browser"), "SECRET_KEY": "browser-test-secret",
                      "LOGIN_RATE_LIMIT": "1000 per minute", "TESTING": False})
    with app.app_context():
        upgrade()
        org = accounts.create_organisation("Nettleser kommune", "NO", key_prefix="NLK")
        for role in ("buyer", "reviewer", "evaluator", "admin"):
            accounts.create_user(None, org, email=f"{role}@nettleser.example.no", name=f"{role.title()} Nettleser",
                                 password=PASSWORD, role=role, locale="en")
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


# ----- keyboard-only helpers --------------------------------------------------------------------

def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector` (fails if it never does)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    if text:
        page.keyboard.type(text)


def choose_radio(page, name: str, value: str) -> None:
    """Tab into a radio group, then use the arrow keys until `value` is checked."""
    tab_to(page, f"input[type=radio][name='{name}']")
    count = page.locator(f"input[type=radio][name='{name}']").count()
    for _ in range(count + 1):
        if page.evaluate("s => document.activeElement.matches(s)", f"input[name='{name}'][value='{value}']"):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value} for {name}")


def set_checkbox(page, name: str, value: str, checked: bool) -> None:
    selector = f"input[type=checkbox][name='{name}'][value='{value}']"
    tab_to(page, selector)
    if page.locator(selector).is_checked() != checked:
        page.keyboard.press("Space")


def login(page, base: str, role: str = "buyer") -> None:
    page.goto(f"{base}/login")
    type_into(page, "#email", f"{role}@nettleser.example.no")
    type_into(page, "#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]
