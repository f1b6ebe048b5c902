"""Sign-in, sign-out, cookies, rate limiting and the language switch."""

from app.extensions import limiter
from tests.conftest import (
    PASSWORD,
    csrf_token,
    dom,
    error_summary,
    field_errors,
    login,
    post_form,
    save,
    text_of,
)


def test_login_page_has_labelled_fields(client):
    tree = dom(client.get("/login", headers={"Accept-Language": ""}))
    for field_id in ("email", "password"):
        assert tree.cssselect(f"label[for={field_id}]"), f"no label for {field_id}"
    assert tree.get("lang") == "nb"  # Norwegian bokmål by default
    assert tree.cssselect("a.ds-skip-link[href='#main']")


def test_buyer_signs_in_and_sees_projects(client, users):
    response = login(client, users["buyer"])
    assert response.location == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert text_of(dom(page), "h1") == ["Tender projects"]  # the test users' locale is English


def test_wrong_password_gives_one_clear_message(client, users):
    response = post_form(client, "/login", {"email": users["buyer"].email, "password": "wrong-password"})
    assert response.status_code == 200
    assert error_summary(response) == ["The e-mail address or the password is wrong."]
    assert client.get("/").status_code == 302  # still signed out


def test_unknown_user_gets_the_same_message_as_wrong_password(client, db_session):
    response = post_form(client, "/login", {"email": "nobody@example.no", "password": "whatever-password"})
    assert error_summary(response) == ["The e-mail address or the password is wrong."]


def test_empty_fields_get_messages_next_to_each_field(client, db_session):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = post_form(client, "/login", {"email": "", "password": ""})
    assert response.status_code == 200
    assert field_errors(response, "email") == ["Enter your e-mail address."]
    assert field_errors(response, "password") == ["Enter your password."]
    links = [a.get("href") for a in dom(response).cssselect(".ds-error-summary a")]
    assert links == ["#email", "#password"]
    assert dom(response).cssselect("#email[aria-invalid=true]")


def test_over_long_email_is_refused_with_a_message(client, db_session):
    response = post_form(client, "/login", {"email": "a" * 250 + "@example.no", "password": "x" * 20})
    assert field_errors(response, "email")
    assert response.status_code == 200


def test_missing_csrf_token_gives_a_friendly_400(client, users):
    response = client.post("/login", data={"email": users["buyer"].email, "password": PASSWORD})
    assert response.status_code == 400
    assert text_of(dom(response), "h1")[0]
    assert client.get("/").status_code == 302  # not signed in


def test_deactivated_user_cannot_sign_in(client, users):
    users["buyer"].active = False
    save()
    response = post_form(client, "/login", {"email": users["buyer"].email, "password": PASSWORD})
    assert error_summary(response) == ["The e-mail address or the password is wrong."]


def test_session_cookie_is_httponly_and_samesite_lax(client, users):
    response = login(client, users["buyer"])
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # served over plain HTTP in tests


def test_session_cookie_is_secure_when_served_over_https(app, client, users):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        cookie = login(client, users["buyer"]).headers.get("Set-Cookie")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert "Secure" in cookie


def test_repeated_failed_logins_are_slowed_down(app, client, users):
    app.config["LOGIN_RATE_LIMIT"] = "5 per minute"
    limiter.reset()
    try:
        token = csrf_token(client, "/login")
        statuses = [client.post("/login", data={"csrf_token": token, "email": users["buyer"].email,
                                                "password": f"wrong-{i}"}).status_code for i in range(6)]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429


def test_next_parameter_cannot_redirect_off_site(client, users):
    response = post_form(client, "/login?next=//evil.example/x",
                         {"email": users["buyer"].email, "password": PASSWORD}, form_url="/login")
    assert response.location == "/"


def test_logout_requires_post_and_signs_out(client, users):
    login(client, users["buyer"])
    assert client.get("/logout").status_code == 405
    response = post_form(client, "/logout", form_url="/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_language_switch_changes_lang_attribute_and_is_saved(client, users):
    login(client, users["buyer"])
    post_form(client, "/language", {"lang": "sv", "next": "/"}, form_url="/")
    tree = dom(client.get("/"))
    assert tree.get("lang") == "sv"
    assert users["buyer"].locale == "sv"


def test_nynorsk_is_an_interface_language(client, users):
    login(client, users["buyer"])
    post_form(client, "/language", {"lang": "nn", "next": "/"}, form_url="/")
    tree = dom(client.get("/"))
    assert tree.get("lang") == "nn"
    assert users["buyer"].locale == "nn"
    switch = tree.cssselect(".language-switch button[name=lang]")
    assert [(b.get("value"), b.text_content().strip()) for b in switch] == [
        ("nb", "Bokmål"), ("nn", "Nynorsk"), ("sv", "Svenska"), ("en", "English")]
    assert [b.get("value") for b in switch if b.get("aria-current") == "true"] == ["nn"]
    # the interface itself is in nynorsk, not bokmål or English
    assert "Nytt anskaffingsprosjekt" in text_of(tree, "a.ds-button")


def test_anonymous_language_choice_is_kept_in_the_session(client, db_session):
    post_form(client, "/language", {"lang": "en", "next": "/login"}, form_url="/login")
    assert dom(client.get("/login")).get("lang") == "en"


def test_users_change_their_own_password(client, users):
    login(client, users["buyer"])
    url = "/account"
    wrong = post_form(client, url, {"current_password": "wrong", "new_password": "nytt-passord-2027",
                                    "repeat_password": "nytt-passord-2027"})
    assert wrong.status_code == 422 and field_errors(wrong, "current_password") == ["The current password is wrong."]
    short = post_form(client, url, {"current_password": PASSWORD, "new_password": "kort",
                                    "repeat_password": "kort"})
    assert field_errors(short, "new_password") == ["The password must be at least 12 characters."]
    differ = post_form(client, url, {"current_password": PASSWORD, "new_password": "nytt-passord-2027",
                                     "repeat_password": "nytt-passord-2028"})
    assert field_errors(differ, "repeat_password") == ["The two new passwords are not the same."]
    ok = post_form(client, url, {"current_password": PASSWORD, "new_password": "nytt-passord-2027",
                                 "repeat_password": "nytt-passord-2027"})
    assert ok.status_code == 302
    post_form(client, "/logout", {}, form_url="/")
    assert post_form(client, "/login", {"email": users["buyer"].email, "password": PASSWORD}).status_code == 200
    login(client, users["buyer"], "nytt-passord-2027")
