"""Test fixtures: one app per test session and database, one rolled-back transaction per test.

SQLite by default; with KRAVBYGGER_TEST_DB=postgres the same tests run on TEST_DATABASE_URL, each
pytest-xdist worker in its own schema. The real Alembic migrations build the schema once per session.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from flask import g, request_started
from flask_migrate import upgrade
from lxml import html

from app import create_app
from app.extensions import db
from app.models import Organisation, TenderProject, User
from app.services import accounts, catalog, tailoring

PASSWORD = "correct-horse-battery-staple"
_HASH: dict[str, str] = {}


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def fresh_database_url(name: str) -> str:
    """A URL to an empty database of its own: a PostgreSQL schema `kb_<name>_<worker>` (recreated) when
    KRAVBYGGER_TEST_DB=postgres, otherwise a new SQLite file. The URL is the app's form (psycopg 3)."""
    if os.environ.get("KRAVBYGGER_TEST_DB") == "postgres":
        base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
        schema = f"kb_{name}_{_worker()}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.execute(f'CREATE SCHEMA "{schema}"')
        base = re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", base)
        sep = "&" if "?" in base else "?"
        return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    return f"sqlite:///{Path(tempfile.mkdtemp(prefix=f'kravbygger-{name}-{_worker()}-')) / 'db.sqlite'}"


@pytest.fixture(scope="session")
def app():
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database_url("test"), "TESTING": True,
                      "LOGIN_RATE_LIMIT": "10000 per minute", "LOGIN_ACCOUNT_LIMIT": "10000 per minute",
                      "LOGIN_ACCOUNT_ADDRESS_LIMIT": "10000 per minute", "SERVER_NAME": "localhost",
                      "SECRET_KEY": "test-secret-key"})
    with app.app_context():
        upgrade()  # the real migrations, once per session
    return app


@pytest.fixture
def db_session(app):
    """Bind the app's session to a connection whose outer transaction is rolled back afterwards.

    Flask-SQLAlchemy 3 picks the bind from `db.engines`, so the default engine is swapped for the
    connection (flask-sqlalchemy #1167); `join_transaction_mode="create_savepoint"` (extensions.py)
    turns the app's commits into SAVEPOINT releases inside it.
    """
    with app.app_context():
        engines = db.engines
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        engines[None] = connection
        try:
            yield db.session
        finally:
            db.session.remove()
            transaction.rollback()
            connection.close()
            engines[None] = engine


def _fresh_g(sender, **extra) -> None:
    """Requests reuse the test's app context (so they share its database connection); give each one
    a fresh `g`, as a production request has, or per-request caches such as the CSRF token leak."""
    for name in list(vars(g)):
        delattr(g, name)


@pytest.fixture
def client(app, db_session):
    request_started.connect(_fresh_g, app)
    try:
        with app.test_client() as client:
            client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # signed-out pages default to nb otherwise
            yield client
    finally:
        request_started.disconnect(_fresh_g, app)


def require_in_ci(available: bool, reason: str) -> None:
    """A test needs something outside the repository (Chromium, ../shared/ocds). In CI (CI=true) its
    absence FAILS the test, so a green CI run never hides untested code; elsewhere the test is skipped
    with the reason."""
    if available:
        return
    if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI=true: required here)", pytrace=False)
    pytest.skip(f"{reason}; outside CI the test is skipped")


def password_hash() -> str:
    if "hash" not in _HASH:  # argon2 is slow on purpose: hash the shared test password once
        _HASH["hash"] = accounts.hash_password(PASSWORD)
    return _HASH["hash"]


def make_org(name="Testkommune", country="NO", prefix="TST") -> Organisation:
    org = Organisation(name=name, country=country, org_number="", key_prefix=prefix)
    db.session.add(org)
    db.session.flush()
    return org


def make_user(org: Organisation, role: str, email: str | None = None, name: str | None = None,
              locale: str = "en") -> User:
    user = User(organisation=org, email=email or f"{role}@{org.key_prefix.lower()}.example.no",
                name=name or f"{role.title()} {org.name}", role=role, locale=locale,
                password_hash=password_hash())
    db.session.add(user)
    db.session.flush()
    return user


# Wizard answers that pass the readiness check's evaluation rules (weights total 100; FOA § 7-9).
READY_ANSWERS = {"climate_approach": "award_criterion", "award_weights": {"price": 40, "quality": 30, "climate": 30}}


def make_project(owner: User, *, title: str = "Kontorstøtte 2027", keys: tuple[str, ...] = (),
                 **fields) -> TenderProject:
    """A draft project in `owner`'s organisation (and country), holding the library requirements `keys`.
    Flushed, not saved: call `save()` before requests."""
    values = {"reference": "2026/77", "language": "en", "country": owner.organisation.country, "status": "draft",
              "answers": {}, "step_state": {}, **fields}
    project = TenderProject(organisation_id=owner.organisation_id, title=title, created_by=owner, **values)
    db.session.add(project)
    db.session.flush()
    for key in keys:
        tailoring.copy_from_library(project, catalog.library().requirement(key))
    db.session.flush()
    return project


def save() -> None:
    """Commit test data. Inside the test's outer transaction this only releases a SAVEPOINT, so the
    data stays visible to requests (whose failed-request rollbacks would otherwise undo it)."""
    db.session.commit()


@pytest.fixture
def org(db_session):
    org = make_org()
    save()
    return org


@pytest.fixture
def users(org):
    """A buyer, a reviewer, an evaluator and an admin in one municipality, and a buyer in another."""
    other = make_org("Annen kommune", "SE", "ANN")
    result = {
        "buyer": make_user(org, "buyer"),
        "reviewer": make_user(org, "reviewer"),
        "evaluator": make_user(org, "evaluator"),
        "admin": make_user(org, "admin"),
        "outsider": make_user(other, "buyer"),
    }
    save()
    return result


# ----- DOM helpers ----------------------------------------------------------------------------------

def dom(response):
    return html.fromstring(response.get_data(as_text=True))


def text_of(tree, selector: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.cssselect(selector)]


def csrf_token(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, f"GET {url} gave {page.status_code}"
    token = dom(page).cssselect("input[name=csrf_token]")
    assert token, f"no CSRF token on {url}"
    return token[0].get("value")


def post_form(client, url: str, data: dict | None = None, *, form_url: str | None = None, **kwargs):
    """POST like a browser: take the CSRF token from the page the form is on."""
    payload = {"csrf_token": csrf_token(client, form_url or url), **(data or {})}
    return client.post(url, data=payload, **kwargs)


def login(client, user: User, password: str = PASSWORD):
    response = post_form(client, "/login", {"email": user.email, "password": password})
    assert response.status_code == 302, f"login failed for {user.email}"
    return response


def error_summary(response) -> list[str]:
    return text_of(dom(response), ".ds-error-summary li")


def field_errors(response, field_id: str) -> list[str]:
    return text_of(dom(response), f"#{re.escape(field_id)}-error")
