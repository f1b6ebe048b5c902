"""The access matrix, read from `app.url_map`: every route is declared, and the declarations hold.

Nothing here lists routes by hand. Routes added later (wizard, review, org_requirements, ...) are covered as
soon as they exist, as long as their URL arguments are ones `FILLERS` knows how to fill; the others
are skipped and counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from flask import Flask, url_for
from werkzeug.routing import Rule

from app.exporters import EXPORTERS
from app.services import catalog
from app.web.access import ALL_ROLES, Access, access_of, check_every_route_is_classified, public
from tests.conftest import dom, login, make_project, save

KINDS = {"public", "signed_in", "project"}


@dataclass(frozen=True)
class Target:
    rule: Rule
    access: Access
    url: str


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], title="Tilgangsprosjekt", reference="2026/9", keys=("UU-013",))
    save()
    return project


def fillers(users, project) -> dict[str, Callable[[], object]]:
    """How to fill each URL argument we know about, with something that exists in the test's data."""
    return {
        "project_id": lambda: project.id,
        "requirement_id": lambda: project.requirements[0].id,
        "user_id": lambda: users["buyer"].id,
        "key": lambda: project.requirements[0].key,
        "fmt": lambda: "csv" if "csv" in EXPORTERS else sorted(EXPORTERS)[0],
        "step_id": lambda: catalog.library().wizard.steps[0].id,
    }


def rules(app) -> list[Rule]:
    return [r for r in app.url_map.iter_rules() if r.endpoint != "static"]


def targets(app, users, project) -> tuple[list[Target], list[str]]:
    """GET-able signed-in and project routes with their URLs filled in; and what had to be skipped."""
    fill = fillers(users, project)
    covered, skipped = [], []
    for rule in rules(app):
        access = access_of(app, rule.endpoint)
        if access is None or access.kind == "public":
            continue
        if "GET" not in rule.methods:
            skipped.append(f"{rule.rule} (no GET)")
            continue
        needed = set(rule.arguments) - set(rule.defaults or {})
        unknown = sorted(needed - set(fill))
        if unknown:
            skipped.append(f"{rule.rule} (cannot fill {', '.join(unknown)})")
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, **{name: fill[name]() for name in needed})
        covered.append(Target(rule, access, urlparse(url).path))
    return covered, skipped


def is_login_redirect(app, response) -> bool:
    with app.test_request_context():
        login_path = url_for("auth.login")
    return response.status_code in (302, 303) and urlparse(response.location).path == login_path


def signed_in_client(app, user):
    """A client of its own per user (the `client` fixture's hooks apply to every client of the app)."""
    client = app.test_client()
    login(client, user)
    return client


# ----- declarations --------------------------------------------------------------------------------

def test_every_endpoint_declares_its_access(app):
    undeclared = sorted(e for e in app.view_functions if e != "static" and access_of(app, e) is None)
    assert undeclared == []
    for endpoint in app.view_functions:
        if endpoint == "static":
            continue
        access = access_of(app, endpoint)
        assert access.kind in KINDS, endpoint
        assert set(access.roles) <= set(ALL_ROLES), endpoint
        assert (access.kind == "public") == (access.roles == ()), endpoint


def test_project_routes_and_routes_with_a_project_id_are_the_same(app):
    """Every URL with a project id goes through the one project check, and only those do."""
    mismatched = [(r.rule, access_of(app, r.endpoint).kind) for r in rules(app)
                  if ("project_id" in r.arguments) != (access_of(app, r.endpoint).kind == "project")]
    assert mismatched == []


def test_an_undeclared_route_stops_the_app_from_starting():
    app = Flask(__name__)
    app.add_url_rule("/declared", "declared", public(lambda: "ok"))
    check_every_route_is_classified(app)  # fine
    app.add_url_rule("/forgotten", "forgotten", lambda: "oops")
    with pytest.raises(RuntimeError, match="forgotten"):
        check_every_route_is_classified(app)


def test_enough_routes_are_covered(app, users, project):
    covered, skipped = targets(app, users, project)
    assert len(covered) > 10, f"covered {len(covered)}, skipped {skipped}"
    assert any(t.access.kind == "project" for t in covered)
    assert any(t.access.kind == "signed_in" for t in covered)


# ----- the matrix ----------------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_login(app, client, users, project):
    covered, _ = targets(app, users, project)
    wrong = []
    for t in covered:
        response = client.get(t.url)
        if not is_login_redirect(app, response):
            wrong.append((t.url, response.status_code, response.location))
    assert wrong == []


def test_public_get_routes_need_no_login(app, client, users, project):
    checked = 0
    for rule in rules(app):
        access = access_of(app, rule.endpoint)
        if access.kind != "public" or "GET" not in rule.methods or set(rule.arguments) - set(rule.defaults or {}):
            continue
        with app.test_request_context():
            url = urlparse(url_for(rule.endpoint)).path
        response = client.get(url)
        assert not is_login_redirect(app, response), url
        assert response.status_code < 400, (url, response.status_code)
        checked += 1
    assert checked >= 2


def test_another_organisations_project_is_not_found(app, client, users, project):
    outsider = signed_in_client(app, users["outsider"])
    assert outsider.get("/").status_code == 200  # signed in: refusals below are about the project
    covered = [t for t in targets(app, users, project)[0] if t.access.kind == "project"]
    assert covered
    wrong = []
    for t in covered:
        response = outsider.get(t.url)
        if response.status_code != 404:
            wrong.append((t.url, response.status_code))
    assert wrong == []


def test_roles_not_allowed_are_forbidden(app, client, users, project):
    covered, _ = targets(app, users, project)
    restricted = [t for t in covered if set(ALL_ROLES) - set(t.access.roles)]
    assert restricted, "no route is restricted to some roles"
    clients = {role: signed_in_client(app, users[role]) for role in ALL_ROLES}
    wrong = []
    for t in restricted:
        for role in sorted(set(ALL_ROLES) - set(t.access.roles)):
            response = clients[role].get(t.url)
            if response.status_code != 403:
                wrong.append((t.url, role, response.status_code))
    assert wrong == []


@pytest.fixture
def errors_as_responses(app):
    """A view that crashes answers 500 instead of raising, so the test can list every such page."""
    before = app.config.get("PROPAGATE_EXCEPTIONS")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        yield
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = before


def test_roles_allowed_are_let_through(app, client, users, project, errors_as_responses):
    covered, _ = targets(app, users, project)
    clients = {role: signed_in_client(app, users[role]) for role in ALL_ROLES}
    wrong = []
    for t in covered:
        # With arguments besides the project id, a filler may name nothing the route knows (a national
        # key on a route for local requirements): then 404 means "no such thing", not "no access".
        refusals = {401, 403} if set(t.rule.arguments) - {"project_id"} else {401, 403, 404}
        for role in t.access.roles:
            response = clients[role].get(t.url)
            if response.status_code in refusals or response.status_code >= 500 or is_login_redirect(app, response):
                wrong.append((t.url, role, response.status_code))
    assert wrong == []


# ----- evaluation routes, with tenders in an approved project -------------------------------------

EVALUATION_BLUEPRINTS = ("evaluation", "award")


@pytest.fixture
def evaluated(app, users):
    from app.services import evaluation, scores
    from tests.evaluation_fixtures import approved_project, tender_file

    project = approved_project(users)
    tender = evaluation.import_tender(users["buyer"], project, supplier="Alfa AS", filename="a.xlsx",
                                      data=tender_file(project))
    for role in ("evaluator", "reviewer"):
        scores.declare(users[role], project, confirmed=True)
    save()
    return project, tender


def _evaluation_rules(app):
    return [r for r in rules(app) if r.endpoint.split(".")[0] in EVALUATION_BLUEPRINTS]


def _url(app, rule, project, tender):
    values = {"project_id": project.id, "tender_id": tender.id}
    with app.test_request_context():
        return urlparse(url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})).path


def test_evaluation_routes_are_project_routes_for_the_contract_roles(app):
    roles = {r.endpoint: set(access_of(app, r.endpoint).roles) for r in _evaluation_rules(app)}
    assert len(roles) >= 9
    manage, score, view = {"buyer", "admin"}, {"evaluator", "reviewer"}, set(ALL_ROLES)
    assert roles["evaluation.upload"] == roles["evaluation.close"] == manage
    assert roles["evaluation.score"] == roles["evaluation.declare"] == score
    assert roles["evaluation.overview"] == roles["evaluation.tender"] == roles["evaluation.report"] == view
    assert all(access_of(app, e).kind == "project" for e in roles)


def test_evaluation_routes_by_role(app, client, users, evaluated, errors_as_responses):
    project, tender = evaluated
    clients = {role: signed_in_client(app, users[role]) for role in (*ALL_ROLES, "outsider")}
    wrong = []
    for rule in _evaluation_rules(app):
        url = _url(app, rule, project, tender)
        allowed = set(access_of(app, rule.endpoint).roles)
        for role, c in clients.items():
            if "GET" in rule.methods:
                status = c.get(url).status_code
            else:
                token = dom(c.get("/")).cssselect("input[name=csrf_token]")[0].get("value")
                status = c.post(url, data={"csrf_token": token}).status_code
            if role == "outsider":
                expected_ok = status == 404
            elif role in allowed:
                expected_ok = status not in (401, 403, 404) and status < 500
            else:
                expected_ok = status == 403
            if not expected_ok:
                wrong.append((rule.rule, rule.methods & {"GET", "POST"}, role, status))
    assert wrong == []


# ----- the matrix for changing requests (POST), with valid CSRF tokens -----------------------------

def post_targets(app, users, project) -> tuple[list[Target], list[str]]:
    """POST routes of signed-in and project kinds with their URLs filled in; and what had to be skipped."""
    fill = fillers(users, project)
    covered, skipped = [], []
    for rule in rules(app):
        access = access_of(app, rule.endpoint)
        if access is None or access.kind == "public" or "POST" not in rule.methods:
            continue
        needed = set(rule.arguments) - set(rule.defaults or {})
        unknown = sorted(needed - set(fill))
        if unknown:
            skipped.append(f"{rule.rule} (cannot fill {', '.join(unknown)})")
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, **{name: fill[name]() for name in needed})
        covered.append(Target(rule, access, urlparse(url).path))
    return covered, skipped


def poster(app, user):
    """A signed-in client and a valid CSRF token of its session."""
    client = signed_in_client(app, user)
    token = dom(client.get("/account")).cssselect("input[name=csrf_token]")[0].get("value")
    return client, token


def test_enough_post_routes_are_covered(app, users, project):
    covered, skipped = post_targets(app, users, project)
    assert len(covered) > 15, f"covered {len(covered)}, skipped {skipped}"
    assert any(t.access.kind == "project" for t in covered)


def test_every_route_declares_a_policy_action(app):
    """Routes name what they do (app/policy.py decides who may); none lists roles of its own."""
    by_roles = sorted(e for e in app.view_functions if e != "static"
                      and access_of(app, e).kind != "public" and access_of(app, e).action is None)
    assert by_roles == []


def test_posts_by_roles_not_allowed_are_forbidden(app, client, users, project):
    covered, _ = post_targets(app, users, project)
    restricted = [t for t in covered if set(ALL_ROLES) - set(t.access.roles)]
    assert restricted
    posters = {role: poster(app, users[role]) for role in ALL_ROLES}
    wrong = []
    for t in restricted:
        for role in sorted(set(ALL_ROLES) - set(t.access.roles)):
            c, token = posters[role]
            response = c.post(t.url, data={"csrf_token": token})
            if response.status_code != 403:
                wrong.append((t.url, role, response.status_code))
    assert wrong == []


def test_posts_to_another_organisations_project_are_not_found(app, client, users, project):
    c, token = poster(app, users["outsider"])
    wrong = [(t.url, r.status_code) for t in post_targets(app, users, project)[0] if t.access.kind == "project"
             for r in [c.post(t.url, data={"csrf_token": token})] if r.status_code != 404]
    assert wrong == []


def test_anonymous_posts_are_sent_to_login(app, client, users, project):
    token = dom(client.get("/login")).cssselect("input[name=csrf_token]")[0].get("value")
    wrong = [(t.url, r.status_code) for t in post_targets(app, users, project)[0]
             for r in [client.post(t.url, data={"csrf_token": token})] if not is_login_redirect(app, r)]
    assert wrong == []


def test_posts_by_roles_allowed_are_let_through(app, client, users, project, errors_as_responses):
    """With a valid token and an empty form, an allowed role is never refused for its role (it may be
    told the form is incomplete) and never meets a server error. (Signing out is left out: it sends
    everyone to the sign-in page, by design.)"""
    signing_out = {"auth.logout", "auth.sign_out_everywhere"}
    covered = [t for t in post_targets(app, users, project)[0] if t.rule.endpoint not in signing_out]
    posters = {role: poster(app, users[role]) for role in ALL_ROLES}
    wrong = []
    for t in covered:
        for role in t.access.roles:
            c, token = posters[role]
            response = c.post(t.url, data={"csrf_token": token})
            if response.status_code in (401, 403) or response.status_code >= 500 or is_login_redirect(app, response):
                wrong.append((t.url, role, response.status_code))
    assert wrong == [], "\n".join(map(str, wrong))
