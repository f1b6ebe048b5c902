"""Concurrent writers: real threads against a real app on its own database (SQLite file, or a
PostgreSQL schema with KRAVBYGGER_TEST_DB=postgres), no shared test transaction.

- 10 buyers saving wizard steps at the same moment: no 500 (SQLite: WAL, busy timeout, BEGIN
  IMMEDIATE for writing requests, retried transactions);
- 10 simultaneous sign-ins: all succeed;
- simultaneous saves of one project from stale pages: exactly one wins, every other ends on the
  conflict page (409), never a 500 and never a lost update;
- simultaneous saves of one organisation requirement: one new version, the rest conflicts, and
  revision numbers stay unique.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from flask_migrate import upgrade
from lxml import html

from app import create_app
from app.extensions import db
from app.models import OrgRequirement, OrgRequirementRevision, TenderProject
from app.services import accounts, org_requirements
from tests.conftest import PASSWORD, fresh_database_url, password_hash
from tests.wizard_helpers import step_form, wizard

WRITERS = 10


@pytest.fixture(scope="module")
def live_app():
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database_url("concurrency"), "TESTING": True,
                      "LOGIN_RATE_LIMIT": "10000 per minute", "LOGIN_ACCOUNT_LIMIT": "10000 per minute",
                      "LOGIN_ACCOUNT_ADDRESS_LIMIT": "10000 per minute", "SECRET_KEY": "concurrency"})
    with app.app_context():
        upgrade()
        org = accounts.create_organisation("Samtidig kommune", "NO", key_prefix="SAM")
        hashed = password_hash()
        for i in range(WRITERS):
            user = accounts.create_user(None, org, email=f"kjoper{i}@sam.example.no", name=f"Kjøper {i}",
                                        password=PASSWORD, role="buyer", locale="en")
            user.password_hash = hashed
            db.session.add(TenderProject(organisation_id=org.id, title=f"Prosjekt {i}", reference=f"2026/{i}",
                                         language="en", country="NO", status="draft", answers={}, step_state={},
                                         created_by=user))
        admin = accounts.create_user(None, org, email="admin@sam.example.no", name="Admin", password=PASSWORD,
                                     role="admin", locale="en")
        admin.password_hash = hashed
        db.session.commit()
        data = org_requirements.RequirementData(
            category="EXIT", obligation="must", verification_methods=["documentation"],
            texts={"nb": {"title": "Lokal logg", "need": "", "requirement": "Tjenesten skal føre logg.",
                          "verification": "", "evidence": "", "guidance": ""}})
        org_requirements.create(admin, data)
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.get_data(as_text=True))


def _signed_in(app, email):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    token = _page(client, "/login").cssselect("input[name=csrf_token]")[0].get("value")
    response = client.post("/login", data={"csrf_token": token, "email": email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def _together(jobs):
    """Run the callables in threads released at the same moment; their results in order."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        prepared = job[0]()
        barrier.wait()
        results[i] = job[1](prepared)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_ten_simultaneous_sign_ins_all_succeed(live_app):
    def job(i):
        def prepare():
            client = live_app.test_client()
            token = _page(client, "/login").cssselect("input[name=csrf_token]")[0].get("value")
            return client, token

        def act(prepared):
            client, token = prepared
            return client.post("/login", data={"csrf_token": token, "email": f"kjoper{i}@sam.example.no",
                                               "password": PASSWORD}).status_code
        return prepare, act

    statuses = _together([job(i) for i in range(WRITERS)])
    assert statuses == [302] * WRITERS


def test_ten_writers_saving_wizard_steps_see_no_error(live_app):
    with live_app.app_context():
        projects = [p.id for p in db.session.query(TenderProject).order_by(TenderProject.id)]
    step = wizard_step(live_app)

    def job(i):
        def prepare():
            client = _signed_in(live_app, f"kjoper{i}@sam.example.no")
            url = f"/projects/{projects[i]}/wizard/{step.id}"
            page = _page(client, url)
            shown = [e.get("value") for e in page.cssselect("input[name=shown]") if e.get("disabled") is None]
            data = {**step_form(step, shown), "csrf_token": page.cssselect("input[name=csrf_token]")[0].get("value"),
                    "version_id": page.cssselect("input[name=version_id]")[0].get("value")}
            return client, url, data

        def act(prepared):
            client, url, data = prepared
            return [client.post(url, data=data).status_code for _ in range(3)]
        return prepare, act

    statuses = Counter(s for result in _together([job(i) for i in range(WRITERS)]) for s in result)
    assert statuses[500] == 0 and set(statuses) <= {302, 200, 409, 422}, statuses
    assert statuses[302] >= WRITERS  # each writer's first save, at least, went through


def wizard_step(app):
    with app.app_context():
        return wizard().step("procurement")


def test_simultaneous_saves_of_one_project_end_on_the_conflict_page(live_app):
    with live_app.app_context():
        project_id = db.session.query(TenderProject).order_by(TenderProject.id).first().id

    def job(i):
        def prepare():
            client = _signed_in(live_app, "kjoper0@sam.example.no")
            page = _page(client, f"/projects/{project_id}/edit")
            return client, {"csrf_token": page.cssselect("input[name=csrf_token]")[0].get("value"),
                            "version_id": page.cssselect("input[name=version_id]")[0].get("value"),
                            "title": f"Tittel fra skriver {i}", "reference": "2026/0", "language": "en"}

        def act(prepared):
            client, data = prepared
            return client.post(f"/projects/{project_id}/edit", data=data).status_code
        return prepare, act

    statuses = Counter(_together([job(i) for i in range(6)]))
    assert statuses == {302: 1, 409: 5}, statuses


def test_simultaneous_saves_of_one_organisation_requirement_keep_unique_revisions(live_app):
    with live_app.app_context():
        req_id = db.session.query(OrgRequirement).one().id

    def job(i):
        def prepare():
            client = _signed_in(live_app, "admin@sam.example.no")
            page = _page(client, f"/admin/library/{req_id}")
            data = {}
            for field in page.cssselect("form input[name], form textarea[name], form select[name]"):
                name = field.get("name")
                if field.tag == "textarea":
                    data[name] = field.text or ""
                elif field.tag == "select":
                    chosen = field.cssselect("option[selected]") or field.cssselect("option")
                    data[name] = chosen[0].get("value") if chosen else ""
                elif field.get("type") in ("checkbox", "radio"):
                    if field.get("checked") is not None:
                        data.setdefault(name, []).append(field.get("value"))
                else:
                    data[name] = field.get("value") or ""
            data["requirement_nb"] = f"Tjenesten skal føre logg (skriver {i})."
            return client, data

        def act(prepared):
            client, data = prepared
            return client.post(f"/admin/library/{req_id}", data=data).status_code
        return prepare, act

    statuses = Counter(_together([job(i) for i in range(5)]))
    assert statuses[500] == 0 and statuses[302] == 1 and statuses[409] == 4, statuses
    with live_app.app_context():
        req = db.session.get(OrgRequirement, req_id)
        versions = [r.version for r in db.session.query(OrgRequirementRevision).filter_by(org_requirement_id=req_id)]
        assert sorted(versions) == [1, 2] and req.version == 2
