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
from tests.conftest import READY_ANSWERS, dom, login, make_project, post_form, save, text_of

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv", "ocds": "application/json", "zip": "application/zip"}
MEDIA.update({part: MEDIA["docx"] for part in ("qualification", "contract", "rfi")})


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], keys=("EXIT-001", "ARK-001", "UU-001"), answers=READY_ANSWERS)
    save()
    return project


def test_every_link_on_the_export_page_downloads_its_file(client, users, project):
    login(client, users["buyer"])
    post_form(client, f"/projects/{project.id}/review/submit", {}, form_url=f"/projects/{project.id}/review")
    page = dom(client.get(f"/projects/{project.id}/export"))
    assert "Mercell" in " ".join(text_of(page, ".downloads td"))  # says which portal takes which file
    draft_links = [a.get("href") for a in page.cssselect(".downloads a")]
    # the specification, the qualification requirements, the contract conditions, the RFI,
    # xlsx, csv, csv with semicolons, ocds, zip
    assert len(draft_links) == 9
    version_page = dom(client.get(f"/projects/{project.id}/versions/1"))
    version_links = [a.get("href") for a in version_page.cssselect(".downloads a")]
    assert all("/versions/1/export/" in href for href in version_links) and len(version_links) == len(draft_links)
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
    # The nynorsk master frames the nynorsk texts: nynorsk headings, no bokmål ones.
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])
    assert project.requirements[0].text in text
    assert "Innhald" in text and "Innhold" not in text and "Slik verifiseres" not in text
    assert "Løysinga" in project.requirements[0].text or "løysinga" in project.requirements[0].text
    book = load_workbook(io.BytesIO(client.get(links["xlsx"]).data))
    assert book.sheetnames[:2] == ["Rettleiing", "Svarskjema"]


def test_ocds_uses_the_deployment_settings_and_the_wizard_facts(app, client, users):
    answers = {"procedure": "restricted", "contract_start": "2027-09-01", "contract_years": 3, "option_years": 1,
               "user_count": 2300, "cpv_codes": ["72268000-1", "48000000-8"]}
    project = make_project(users["buyer"], keys=("EXIT-001",), answers=answers)
    save()
    login(client, users["buyer"])
    settings = {"OCDS_OCID_PREFIX": "ocds-abc123", "OCDS_EXTENSION_URL": "https://data.example.no/ext/extension.json",
                "DOCUMENTS_BASE_URL": "https://innkjop.example.no/2026-77"}
    old = {k: app.config.get(k) for k in settings}
    app.config.update(settings)
    try:
        package = json.loads(client.get(f"/projects/{project.id}/export/ocds").data)
        with zipfile.ZipFile(io.BytesIO(client.get(f"/projects/{project.id}/export/zip").data)) as z:
            packaged = json.loads(next(z.read(n) for n in z.namelist() if n.endswith(".json") and n != "manifest.json"))
    finally:
        app.config.update(old)
    release = package["releases"][0]
    assert release["ocid"] == f"ocds-abc123-{project.id}"
    assert package["extensions"][-1] == "https://data.example.no/ext/extension.json"
    assert all(d["url"].startswith("https://innkjop.example.no/2026-77/") for d in release["tender"]["documents"])
    tender = release["tender"]
    assert tender["procurementMethod"] == "selective"
    assert tender["contractPeriod"]["endDate"] == "2030-08-31T23:59:59+02:00"
    item = tender["items"][0]
    assert item["quantity"] == 2300
    # the main code is the first in the wizard's list, whatever order the buyer ticked them in
    assert (item["classification"]["id"], item["additionalClassifications"][0]["id"]) == ("48000000", "72268000")
    assert packaged["releases"][0]["ocid"] == release["ocid"]  # the package carries the same settings


def test_default_ocid_prefix_says_it_is_unregistered(client, users, project):
    from app.config import Config
    assert Config().OCDS_OCID_PREFIX == "ocds-kravbygger"
    login(client, users["buyer"])
    package = json.loads(client.get(f"/projects/{project.id}/export/ocds").data)
    assert package["releases"][0]["ocid"] == f"ocds-kravbygger-{project.id}"
    assert package["extensions"][-1].startswith("https://kravbygger.invalid/")


def test_the_page_names_every_file_as_it_downloads(client, users, project):
    login(client, users["buyer"])
    post_form(client, f"/projects/{project.id}/review/submit", {}, form_url=f"/projects/{project.id}/review")
    for url in (f"/projects/{project.id}/export", f"/projects/{project.id}/versions/1"):
        page = dom(client.get(url))
        rows = page.cssselect(".downloads tbody tr")
        assert [r.get("data-format") for r in rows][:1] == ["docx"] and rows[-1].get("data-format") == "zip"
        for row in rows:
            shown = row.cssselect("code.filename")[0].text_content()
            response = client.get(row.cssselect("a")[0].get("href"))
            assert response.headers["Content-Disposition"] == f'attachment; filename="{shown}"'
            assert shown.startswith("2026-77_") and shown.count("_v") == 1


def test_cli_export_uses_the_same_service_and_settings(app, users, project, tmp_path):
    target = tmp_path / "out.json"
    old = app.config.get("OCDS_OCID_PREFIX")
    app.config["OCDS_OCID_PREFIX"] = "ocds-cli123"
    try:
        result = app.test_cli_runner().invoke(args=["export", str(project.id), "--format", "ocds", "-o", str(target)])
    finally:
        app.config["OCDS_OCID_PREFIX"] = old
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_bytes())["releases"][0]["ocid"] == f"ocds-cli123-{project.id}"
    zipped = tmp_path / "package.zip"
    assert app.test_cli_runner().invoke(args=["export", str(project.id), "--format", "zip", "-o", str(zipped)]).exit_code == 0
    with zipfile.ZipFile(zipped) as z:
        assert any(n.endswith("_Annex1_Requirement_specification_v0.1.docx") for n in z.namelist())
    unknown = app.test_cli_runner().invoke(args=["export", str(project.id), "--format", "odt", "-o", str(target)])
    assert unknown.exit_code == 2 and "Unknown format" in unknown.output


def test_cli_export_version_is_only_for_pdf(app, users, tmp_path):
    project = make_project(users["buyer"], keys=("ARK-002",))
    save()
    result = app.test_cli_runner().invoke(
        args=["export", str(project.id), "--format", "docx", "--version", "1", "-o", str(tmp_path / "a.docx")])
    assert result.exit_code == 2
    assert "--version is for --format pdf" in result.output
    assert not (tmp_path / "a.docx").exists()
