"""Admins add and change users of their own organisation."""

from app.models import User
from tests.conftest import dom, field_errors, login, post_form, text_of

NEW = {"name": "Nina Ny", "email": "nina@tst.example.no", "role": "buyer", "locale": "nb",
       "password": "a-long-temporary-password"}


def test_admin_adds_a_user_who_can_sign_in(client, users):
    login(client, users["admin"])
    assert post_form(client, "/admin/users", NEW).status_code == 302
    user = User.query.filter_by(email="nina@tst.example.no").one()
    assert user.organisation_id == users["admin"].organisation_id
    assert "Nina Ny" in text_of(dom(client.get("/admin/users")), "table td")


def test_bad_user_input_gets_messages(client, users):
    login(client, users["admin"])
    response = post_form(client, "/admin/users", {**NEW, "email": "not-an-email", "password": "short", "name": ""})
    assert field_errors(response, "email") == ["Enter an e-mail address in the form name@example.no."]
    assert field_errors(response, "password") == ["The password must be 12 to 200 characters."]
    assert field_errors(response, "name") == ["Enter the person's name."]
    duplicate = post_form(client, "/admin/users", {**NEW, "email": users["buyer"].email})
    assert field_errors(duplicate, "email") == ["This e-mail address cannot be used for a new account. If the person already has an account, they sign in with it."]


def test_only_admins_reach_administration(client, users):
    login(client, users["buyer"])
    assert client.get("/admin/users").status_code == 403


def test_admin_cannot_change_users_of_another_organisation(client, users):
    login(client, users["admin"])
    assert client.get(f"/admin/users/{users['outsider'].id}").status_code == 404


def test_admin_changes_a_role_but_cannot_demote_themselves(client, users):
    login(client, users["admin"])
    url = f"/admin/users/{users['buyer'].id}"
    assert post_form(client, url, {"role": "reviewer", "active": "yes"}).status_code == 302
    assert users["buyer"].role == "reviewer"
    own = post_form(client, f"/admin/users/{users['admin'].id}", {"role": "buyer", "active": "yes"})
    assert field_errors(own, "role") == ["You cannot remove your own administrator access."]
    assert users["admin"].role == "admin"
