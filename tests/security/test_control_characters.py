"""Text in, text out: control characters are removed the same way at input (with a note) and in every
export, so a NUL or ESC in a project's reference can never break a file, frozen or not."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest

from app.extensions import db
from app.library.text import clean_text, clean_value
from app.models import ProjectVersion
from tests.conftest import READY_ANSWERS, dom, login, make_project, post_form, save, text_of

NASTY = "2026\x00/12\x1b[31m\x07\x7f"


def test_one_rule_for_control_characters():
    assert clean_text("a\x00b\x1bc\x7fd\x85e") == "abcde"
    assert clean_text("line\r\nnext\rthird\x0bfourth\x0cfifth\tcol") == "line\nnext\nthird\nfourth\nfifth\tcol"
    assert clean_text("Ærlig talt – «ok»") == "Ærlig talt – «ok»"
    assert clean_value({"a": ["x\x00", ("y\x1b",)]}) == {"a": ["x", ("y",)]}


def test_typed_control_characters_are_removed_with_a_note(client, users):
    project = make_project(users["buyer"])
    save()
    login(client, users["buyer"])
    response = post_form(client, f"/projects/{project.id}/edit",
                         {"title": "Kontor\x00støtte\x1b", "reference": NASTY, "language": "en",
                          "version_id": project.version_id}, follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(project)
    assert (project.title, project.reference) == ("Kontorstøtte", "2026/12[31m")
    assert any("control characters were removed" in t for t in text_of(dom(response), ".ds-alert"))


@pytest.fixture
def dirty_project(users):
    """A project stored with control characters (data from before they were refused at input)."""
    # PostgreSQL cannot store NUL at all; ESC and BEL it stores, and those must not reach the files either.
    nul = "" if db.session.get_bind().dialect.name == "postgresql" else "\x00"
    project = make_project(users["buyer"], title=f"Tittel{nul}med\x1bkontroll", reference=NASTY.replace("\x00", nul),
                           keys=("EXIT-001",), answers=dict(READY_ANSWERS))
    project.organisation.name = "Kommune\x07"
    save()
    return project


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "ocds", "zip"])
def test_every_export_of_a_project_with_control_characters_works(client, users, dirty_project, fmt):
    login(client, users["buyer"])
    response = client.get(f"/projects/{dirty_project.id}/export/{fmt}")
    assert response.status_code == 200
    if fmt in ("csv", "ocds"):  # text formats; the binary ones are read back in the next test
        assert not any(char in response.get_data(as_text=True) for char in ("\x00", "\x1b", "\x07"))
    disposition = response.headers["Content-Disposition"]
    assert "\x00" not in disposition and "\x1b" not in disposition


def test_xlsx_headers_footers_sheet_names_and_docx_properties_are_clean(client, users, dirty_project):
    login(client, users["buyer"])
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/projects/{dirty_project.id}/export/xlsx").data))
    footers = []
    for sheet in book.worksheets:
        assert clean_text(sheet.title) == sheet.title
        footer = sheet.oddFooter.left.text or ""
        assert footer == clean_text(footer)
        footers.append(footer.replace("&&", "&"))
    assert any("2026/12[31m" in footer for footer in footers)
    props = docx.Document(io.BytesIO(client.get(f"/projects/{dirty_project.id}/export/docx").data)).core_properties
    assert (props.title, props.identifier, props.author) == ("Tittelmedkontroll", "2026/12[31m", "Kommune")
    package = zipfile.ZipFile(io.BytesIO(client.get(f"/projects/{dirty_project.id}/export/zip").data))
    assert all(name == clean_text(name) and name.isascii() for name in package.namelist())


def test_a_frozen_version_with_control_characters_still_exports(client, users, dirty_project):
    login(client, users["buyer"])
    assert post_form(client, f"/projects/{dirty_project.id}/review/submit", {},
                     form_url=f"/projects/{dirty_project.id}/review").status_code == 302
    version = db.session.query(ProjectVersion).filter_by(project_id=dirty_project.id).one()
    version_doc = dict(version.document)
    assert "\x00" not in version_doc["title"]  # frozen from the cleaned document
    for fmt in ("docx", "xlsx", "zip"):
        assert client.get(f"/projects/{dirty_project.id}/versions/{version.number}/export/{fmt}").status_code == 200
