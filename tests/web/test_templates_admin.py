"""Organisation Word templates: checked on upload, activated by an admin, used by the exports, and a
broken template never gives a 500."""

from __future__ import annotations

import io

import docx
import pytest

from app.extensions import db
from app.models import OrgTemplate
from tests.conftest import dom, error_summary, field_errors, login, make_project, post_form, save, text_of
from tests.factories import make_docx


def upload(client, data: bytes, filename="mal.docx", name="Kommunemal"):
    return post_form(client, "/admin/templates", {"name": name, "file": (io.BytesIO(data), filename)},
                     content_type="multipart/form-data")


@pytest.fixture
def admin(client, users):
    login(client, users["admin"])
    return users["admin"]


def test_a_good_template_is_used_for_word_files_once_activated(client, admin, users):
    good = make_docx("Kommunens mal: {{ title }}", "{% for s in sections %}{{ s.name }}{% endfor %}")
    assert upload(client, good).status_code == 302
    item = db.session.query(OrgTemplate).one()
    assert not item.active
    post_form(client, f"/admin/templates/{item.id}/activate", {}, form_url="/admin/templates")
    db.session.refresh(item)
    assert item.active
    project = make_project(users["buyer"], title="Mal & <prosjekt>", reference="", language="nb", keys=("EXIT-001",))
    save()
    word = docx.Document(io.BytesIO(client.get(f"/projects/{project.id}/export/docx").data))
    assert word.paragraphs[0].text == "Kommunens mal: Mal & <prosjekt>"
    builtin = docx.Document(io.BytesIO(client.get(f"/projects/{project.id}/export/docx?template=builtin").data))
    assert builtin.paragraphs[0].text != word.paragraphs[0].text
    post_form(client, f"/admin/templates/{item.id}/deactivate", {}, form_url="/admin/templates")
    db.session.refresh(item)
    assert not item.active


@pytest.mark.parametrize("paragraph, expected", [
    ("{% for r in requirements %}", "for"),
    ("{{ unknown_variable }}", "unknown_variable"),
    ("{{ cycler.__init__.__globals__ }}", ""),
])
def test_broken_or_unsafe_templates_are_refused_with_a_message(client, admin, paragraph, expected):
    response = upload(client, make_docx("Tittel", paragraph))
    assert response.status_code == 422
    message = field_errors(response, "file")
    assert message and expected in message[0]
    assert error_summary(response)
    assert db.session.query(OrgTemplate).count() == 0


def test_not_a_word_file(client, admin):
    response = upload(client, b"not a zip", filename="mal.docx")
    assert field_errors(response, "file")
    response = upload(client, b"%PDF-1.7", filename="mal.pdf")
    assert field_errors(response, "file") == ["Choose a Word file (.docx)."]
    response = post_form(client, "/admin/templates", {"name": "x"}, content_type="multipart/form-data")
    assert field_errors(response, "file") == ["Choose a Word file (.docx)."]


def test_only_admins_manage_templates(client, users):
    login(client, users["buyer"])
    assert client.get("/admin/templates").status_code == 403
    page = dom(client.get("/"))
    assert "Administration" not in text_of(page, ".site-nav a")
