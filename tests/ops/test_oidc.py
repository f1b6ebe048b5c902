"""Single sign-on end to end against a real OpenID Connect provider started by the tests: sign-in,
sign-out, and every way a callback must be refused (wrong issuer, wrong audience, expired token, replayed
nonce, state mismatch), plus claim mapping, unknown users and switching passwords off."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.extensions import db
from app.models import SignInConfig, User
from app.services import sso, sso_settings
from tests.conftest import PASSWORD, dom, error_summary, field_errors, login, post_form, save, text_of
from tests.ops.oidc_provider import provider, set_claims, sign_in_at_provider


@pytest.fixture(scope="module")
def issuer():
    with provider() as url:
        yield url


@pytest.fixture
def sso_org(users, issuer):
    """Testkommune signs in through the provider: groups map to roles, unknown users become buyers."""
    sso._cache.clear()
    sso_settings.save(users["admin"], sso_settings.Settings(
        enabled=True, display_name="Testkommune ID", issuer=issuer, client_id="kravbygger-test",
        client_secret="s3cret-value-for-tests", scopes="openid email profile", email_claim="email",
        name_claim="name", groups_claim="groups", role_map="jurister = reviewer\nit-admin = admin",
        default_role="buyer", email_domains="tst.example.no", passwords_enabled=True))
    save()
    return users["admin"].organisation


def start(client, org) -> str:
    response = client.get(f"/login/sso/{org.id}")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.location


def sign_in(client, org, issuer, sub: str, claims: dict):
    """The whole round trip; returns the app's answer to the callback."""
    set_claims(issuer, sub, claims)
    callback = sign_in_at_provider(start(client, org), sub)
    parts = urlsplit(callback)
    return client.get(f"{parts.path}?{parts.query}")


def signed_in_as(client) -> str | None:
    response = client.get("/account")
    return None if response.status_code != 200 else " ".join(text_of(dom(response), "main"))


def refusal_reason(caplog) -> str:
    """A refused sign-in commits nothing; the reason goes to the log for the operators."""
    return " ".join(r.getMessage() for r in caplog.records if r.name == "app.web.sso")


def test_sign_in_creates_the_user_with_the_role_of_their_group(client, sso_org, issuer):
    response = sign_in(client, sso_org, issuer, "kari-1", {"email": "kari@tst.example.no", "name": "Kari Jurist",
                                                             "groups": ["alle", "jurister"]})
    assert response.status_code == 302 and response.location == "/"
    user = db.session.query(User).filter_by(email="kari@tst.example.no").one()
    assert (user.role, user.name, user.external_id) == ("reviewer", "Kari Jurist", f"{issuer}#kari-1")
    assert "kari@tst.example.no" in signed_in_as(client)


def test_an_existing_user_is_linked_by_verified_email_and_keeps_their_account(client, sso_org, issuer, users):
    response = sign_in(client, sso_org, issuer, "buyer-sub", {"email": users["buyer"].email, "name": "Buyer B"})
    assert response.status_code == 302
    assert users["buyer"].external_id == f"{issuer}#buyer-sub" and users["buyer"].role == "buyer"


def test_sign_out_ends_the_session_here_and_at_the_provider(client, sso_org, issuer):
    sign_in(client, sso_org, issuer, "ola-2", {"email": "ola@tst.example.no", "name": "Ola"})
    response = post_form(client, "/logout", {}, form_url="/account")
    assert response.status_code == 302
    end_session = urlsplit(response.location)
    assert response.location.startswith(f"{issuer}/oauth2/end_session")
    query = parse_qs(end_session.query)
    assert query["post_logout_redirect_uri"] == ["http://localhost/login"] and query["id_token_hint"]
    confirm = requests.post(f"{issuer}/oauth2/end_session/confirm",
                            data={"redirect_uri": query["post_logout_redirect_uri"][0]}, allow_redirects=False,
                            timeout=5)
    assert confirm.status_code == 302 and confirm.headers["Location"] == "http://localhost/login"
    assert signed_in_as(client) is None


@pytest.mark.parametrize("forged, reason", [
    ({"iss": "http://evil.example"}, "iss"),
    ({"aud": "another-client"}, "aud"),
    ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
], ids=["wrong-issuer", "wrong-audience", "expired-token"])
def test_a_forged_or_stale_id_token_is_refused(client, sso_org, issuer, forged, reason, caplog):
    response = sign_in(client, sso_org, issuer, f"mallory-{reason}", {"email": "mallory@tst.example.no", **forged})
    assert response.status_code == 403
    assert text_of(dom(response), "h1") == ["You are not signed in"]
    assert reason in refusal_reason(caplog).lower()
    assert signed_in_as(client) is None
    assert db.session.query(User).filter_by(email="mallory@tst.example.no").count() == 0


def test_a_replayed_nonce_is_refused(client, sso_org, issuer, caplog):
    first = start(client, sso_org)
    old_nonce = parse_qs(urlsplit(first).query)["nonce"][0]
    set_claims(issuer, "eve-3", {"email": "eve@tst.example.no"})
    callback = urlsplit(sign_in_at_provider(first, "eve-3"))
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    post_form(client, "/logout", {}, form_url="/account")
    # the provider now answers the next sign-in with the nonce of the first one
    response = sign_in(client, sso_org, issuer, "eve-3", {"email": "eve@tst.example.no", "nonce": old_nonce})
    assert response.status_code == 403 and "nonce" in refusal_reason(caplog)
    assert signed_in_as(client) is None


def test_a_callback_whose_state_does_not_match_is_refused(client, sso_org, issuer):
    set_claims(issuer, "trudy-4", {"email": "trudy@tst.example.no"})
    callback = urlsplit(sign_in_at_provider(start(client, sso_org), "trudy-4"))
    query = parse_qs(callback.query)
    response = client.get(f"{callback.path}?code={query['code'][0]}&state=not-the-state")
    assert response.status_code == 400
    assert signed_in_as(client) is None
    # and the real state works once, never twice
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    post_form(client, "/logout", {}, form_url="/account")
    assert client.get(f"{callback.path}?{callback.query}").status_code == 400


def test_unknown_users_are_refused_when_the_admin_says_so(client, sso_org, issuer):
    config = db.session.query(SignInConfig).filter_by(organisation_id=sso_org.id).one()
    config.default_role = None
    save()
    response = sign_in(client, sso_org, issuer, "new-5", {"email": "new@tst.example.no"})
    assert response.status_code == 403 and "no account" in " ".join(text_of(dom(response), "main p"))
    assert db.session.query(User).filter_by(email="new@tst.example.no").count() == 0


def test_with_passwords_switched_off_only_single_sign_on_works(client, sso_org, users):
    config = db.session.query(SignInConfig).filter_by(organisation_id=sso_org.id).one()
    config.passwords_enabled = False
    save()
    response = post_form(client, "/login", {"email": users["buyer"].email, "password": PASSWORD})
    assert response.status_code == 302 and response.location.startswith(f"/login/sso/{sso_org.id}")
    # another organisation's users still sign in with their password
    login(client, users["outsider"])


def test_login_page_offers_the_organisation_and_sends_its_addresses_there(client, sso_org):
    page = dom(client.get("/login"))
    assert text_of(page, ".sso-providers a") == ["Sign in with Testkommune ID"]
    response = post_form(client, "/login", {"email": "someone@tst.example.no", "password": ""})
    assert response.status_code == 302 and response.location.startswith(f"/login/sso/{sso_org.id}")


def test_settings_page_never_shows_the_secret_and_explains_mistakes(client, sso_org, users):
    login(client, users["admin"])
    page = client.get("/admin/sign-in")
    assert "s3cret-value-for-tests" not in page.get_data(as_text=True)
    assert dom(page).cssselect("#client_secret")[0].get("value") == ""
    assert text_of(dom(page), "#secret-state") == ["A client secret is stored."]
    data = {k: v for k, v in {
        "enabled": "yes", "issuer": "ftp://idp.example", "client_id": "x", "scopes": "openid",
        "email_claim": "email", "name_claim": "name", "groups_claim": "groups",
        "role_map": "jurister = boss", "default_role": "refuse", "passwords_enabled": "yes"}.items()}
    response = post_form(client, "/admin/sign-in", data)
    assert response.status_code == 422
    assert field_errors(response, "role_map")[0].startswith("Line 1: “boss” is not a role.")
    data["role_map"] = "jurister = reviewer"
    response = post_form(client, "/admin/sign-in", data)
    assert field_errors(response, "issuer") and error_summary(response)


def test_passwords_can_be_switched_on_again_from_the_server(app, sso_org, users):
    config = db.session.query(SignInConfig).filter_by(organisation_id=sso_org.id).one()
    config.passwords_enabled = False
    save()
    assert not sso_settings.passwords_allowed(users["buyer"])
    result = app.test_cli_runner().invoke(args=["allow-passwords", "--organisation", str(sso_org.id)])
    assert result.exit_code == 0 and "allowed again" in result.output
    assert sso_settings.passwords_allowed(users["buyer"])
