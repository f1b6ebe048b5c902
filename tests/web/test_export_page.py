"""The export page: every file for the current draft and for each frozen version, what each is for,
and a broken organisation template that never gives a 500."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from app.exporters import docx as docx_exporter
from app.exporters.docx import TemplateProblem
from tests.conftest import dom, login, make_project, post_form, save, text_of

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv", "ocds": "application/json", "zip": "application/zip"}


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], keys=("EXIT-001", "ARK-001", "UU-001"))
    save()
    return project


def test_every_link_on_the_export_page_downloads_its_file(client, users, project):
    login(client, users["buyer"])
    post_form(client, f"/projects/{project.id}/review/submit", {}, form_url=f"/projects/{project.id}/review")
    page = dom(client.get(f"/projects/{project.id}/export"))
    assert "Mercell" in " ".join(text_of(page, ".downloads td"))  # says which portal takes which file
    draft_links = [a.get("href") for a in page.cssselect(".downloads a")]
    assert len(draft_links) == 6  # docx, xlsx, csv, csv with semicolons, ocds, zip
    version_page = dom(client.get(f"/projects/{project.id}/versions/1"))
    version_links = [a.get("href") for a in version_page.cssselect(".downloads a")]
    assert all("/versions/1/export/" in href for href in version_links) and len(version_links) == 6
    for href in draft_links + version_links:
        response = client.get(href)
        fmt = href.split("/export/")[1].split("?")[0]
        assert response.status_code == 200, href
        assert response.mimetype == MEDIA[fmt].split(";")[0], href
        assert "attachment" in response.headers["Content-Disposition"]


def test_csv_with_semicolons_for_nordic_excel(client, users, project):
    login(client, users["buyer"])
    text = client.get(f"/projects/{project.id}/export/csv?sep=semicolon").data.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(header) > 5


def test_package_lists_checksums_of_every_file(client, users, project):
    login(client, users["buyer"])
    with zipfile.ZipFile(io.BytesIO(client.get(f"/projects/{project.id}/export/zip").data)) as z:
        manifest = json.loads(z.read("manifest.json"))
        names = set(z.namelist()) - {"manifest.json"}
    assert {f["name"] for f in manifest["files"]} == names
    assert {n.rsplit(".", 1)[1] for n in names} == {"docx", "xlsx", "csv", "json"}


def test_a_template_that_fails_when_rendering_gets_a_page_not_a_500(client, users, project, monkeypatch):
    def broken(doc, template=None):
        if template is None:
            return original(doc)
        raise TemplateProblem("The tag “{{ r.txt }}” on line 3 refers to something the document does not have.",
                              tag="r.txt", line=3)

    original = docx_exporter.render
    monkeypatch.setattr(docx_exporter, "render", broken)
    monkeypatch.setattr("app.services.exports.active_template", lambda org: type("T", (), {"data": b"x"})())
    login(client, users["buyer"])
    response = client.get(f"/projects/{project.id}/export/docx")
    assert response.status_code == 422
    page = dom(response)
    assert "line 3" in " ".join(text_of(page, ".ds-alert"))
    fallback = page.cssselect("main a.ds-button")[0].get("href")
    assert fallback.endswith("template=builtin")
    assert client.get(fallback).status_code == 200


def test_a_nynorsk_project_exports_nynorsk_files(client, users):
    from docx import Document
    from openpyxl import load_workbook

    project = make_project(users["buyer"], keys=("EXIT-001", "ARK-001"), language="nn")
    save()
    login(client, users["buyer"])
    page = dom(client.get(f"/projects/{project.id}/export"))
    links = {a.get("href").split("/export/")[1].split("?")[0]: a.get("href") for a in page.cssselect(".downloads a")}
    word = client.get(links["docx"])
    assert word.status_code == 200
    document = Document(io.BytesIO(word.data))
    assert document.core_properties.language == "nn-NO"
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "SKAL" in cells
    assert any(project.requirements[0].text in c for c in cells)
    book = load_workbook(io.BytesIO(client.get(links["xlsx"]).data))
    assert book.sheetnames[:2] == ["Rettleiing", "Svarskjema"]
