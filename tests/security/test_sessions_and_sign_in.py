"""Sessions can be revoked and expire; sign-in guessing is throttled per account and per address without
locking an office out; admins cannot probe other organisations' e-mail addresses; HSTS under HTTPS."""

from __future__ import annotations

import pytest

from app.extensions import db, limiter
from app.services import accounts
from tests.conftest import (
    PASSWORD,
    csrf_token,
    dom,
    field_errors,
    login,
    make_org,
    make_user,
    post_form,
    save,
)


def _copy_cookie(source, target) -> None:
    """What an attacker who copied the session cookie holds."""
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value, domain=cookie.domain)


@pytest.fixture
def thief(app, client):
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return other


def test_a_copied_cookie_dies_with_sign_out(client, thief, users):
    login(client, users["buyer"])
    _copy_cookie(client, thief)
    assert thief.get("/").status_code == 200
    post_form(client, "/logout", {}, form_url="/")
    assert thief.get("/").status_code == 302  # back to the sign-in page


def test_password_change_ends_other_sessions_but_keeps_this_one(client, thief, users):
    login(client, users["buyer"])
    _copy_cookie(client, thief)
    response = post_form(client, "/account", {"current_password": PASSWORD, "new_password": "a-new-long-password-1",
                                              "repeat_password": "a-new-long-password-1"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert thief.get("/").status_code == 302


def test_sign_out_everywhere_from_the_account_page(client, thief, users):
    login(client, users["buyer"])
    _copy_cookie(client, thief)
    page = dom(client.get("/account"))
    form = page.cssselect("form[action='/account/sign-out-everywhere']")
    assert form and form[0].cssselect("button")
    response = client.post("/account/sign-out-everywhere", data={"csrf_token": csrf_token(client, "/account")})
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert thief.get("/").status_code == 302


def test_deactivation_ends_the_users_sessions(app, client, thief, users):
    login(thief, users["buyer"])
    assert thief.get("/").status_code == 200
    accounts.update_user(users["admin"], users["buyer"], role="buyer", active=False)
    save()
    assert thief.get("/").status_code == 302


def test_sessions_have_an_absolute_lifetime_and_an_idle_timeout(app, client, users, monkeypatch):
    login(client, users["buyer"])
    with client.session_transaction() as session:
        session["signed_in_at"] -= 13 * 3600
    assert client.get("/").status_code == 302
    login(client, users["buyer"])
    with client.session_transaction() as session:
        session["seen_at"] -= int(app.config["SESSION_IDLE_MINUTES"] * 60) + 5
    assert client.get("/").status_code == 302
    login(client, users["buyer"])
    assert client.get("/").status_code == 200


def test_the_cookie_is_not_renewed_on_every_request(client, users):
    signed_in = login(client, users["buyer"]).headers.get("Set-Cookie") or ""
    assert "session=" in signed_in and "Expires" not in signed_in  # gone with the browser, not 31 days
    client.get("/")  # may touch the idle clock once
    assert "session=" not in (client.get("/").headers.get("Set-Cookie") or "")


def _attempt(client, email: str, address: str, password: str = "wrong-password") -> int:
    client.environ_base["REMOTE_ADDR"] = address
    token = csrf_token(client, "/login")
    return client.post("/login", data={"csrf_token": token, "email": email, "password": password}).status_code


@pytest.fixture
def production_limits(app):
    saved = {k: app.config[k] for k in ("LOGIN_RATE_LIMIT", "LOGIN_ACCOUNT_LIMIT", "LOGIN_ACCOUNT_ADDRESS_LIMIT")}
    from app.config import Config

    defaults = Config()
    for key in saved:
        app.config[key] = getattr(defaults, key)
    limiter.reset()
    yield
    app.config.update(saved)
    limiter.reset()


def test_guessing_one_account_from_many_addresses_hits_the_account_ceiling(client, users, production_limits):
    email = users["buyer"].email
    statuses = [_attempt(client, email, f"198.51.100.{i % 6 + 1}") for i in range(12)]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]


def test_one_office_behind_one_address_is_not_locked_out_by_one_colleague(client, users, production_limits):
    office = "203.0.113.7"
    statuses = [_attempt(client, users["buyer"].email, office) for _ in range(6)]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429  # the guesser waits...
    colleague = _attempt(client, users["reviewer"].email, office, PASSWORD)
    assert colleague == 302  # ...the colleague at the same address signs in


def test_admin_gets_the_same_answer_for_addresses_of_other_organisations(client, users):
    other = make_org("Tredje kommune", "NO", "TRE")
    make_user(other, "buyer", email="taken@tre.example.no")
    save()
    login(client, users["admin"])
    data = {"name": "Ny Person", "role": "buyer", "locale": "nb", "password": "a-long-temporary-password"}
    elsewhere = post_form(client, "/admin/users", {**data, "email": "taken@tre.example.no"})
    mine = post_form(client, "/admin/users", {**data, "email": users["reviewer"].email})
    assert elsewhere.status_code == mine.status_code
    assert field_errors(elsewhere, "email") == field_errors(mine, "email") != []
    assert db.session.query(type(users["admin"])).filter_by(email="taken@tre.example.no").one().organisation_id == other.id


def test_hsts_only_when_https_is_on(app, client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    app.config["KRAVBYGGER_HTTPS"] = True
    try:
        header = client.get("/login").headers.get("Strict-Transport-Security")
    finally:
        app.config["KRAVBYGGER_HTTPS"] = False
    assert header and "max-age=31536000" in header
