"""PDF for the tender portals: asked for on the export page, made by LibreOffice in the job queue,
tagged PDF/A-2 with PDF/UA, cached per Word file, and the same from `flask export --format pdf`."""

from __future__ import annotations

import subprocess

import pytest

from app.exporters import pdf
from app.extensions import db
from app.models import Job, Rendition
from tests.conftest import READY_ANSWERS, dom, login, make_project, post_form, save, text_of

pytestmark = pytest.mark.slow


@pytest.fixture
def frozen(client, users):
    project = make_project(users["buyer"], keys=("EXIT-001", "ARK-001", "UU-001"), answers=dict(READY_ANSWERS))
    save()
    login(client, users["buyer"])
    post_form(client, f"/projects/{project.id}/review/submit", {}, form_url=f"/projects/{project.id}/review")
    return project


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def ask_for_pdf(client, project, number=1):
    return post_form(client, f"/projects/{project.id}/versions/{number}/pdf", {},
                     form_url=f"/projects/{project.id}/versions/{number}")


def test_a_frozen_version_becomes_a_tagged_pdf_a_and_is_converted_once(client, frozen, tmp_path):
    response = ask_for_pdf(client, frozen)
    assert response.status_code == 302 and "/jobs/" in response.location
    page = client.get(response.location)
    link = dom(page).cssselect("#job-status a#pdf-link")
    assert text_of(dom(page), "#job-status strong") == ["The PDF is ready."] and link
    download = client.get(link[0].get("href"))
    assert download.mimetype == "application/pdf" and download.data.startswith(b"%PDF")
    assert b"<pdfaid:part>2</pdfaid:part>" in download.data and b"<pdfuaid:part>1</pdfuaid:part>" in download.data
    assert b"/StructTreeRoot" in download.data  # tagged
    assert "Kontorstøtte 2027" in pdf_text(download.data, tmp_path)
    # asked again: the cached file at once, no second job
    again = ask_for_pdf(client, frozen)
    assert "/files/" in again.location
    assert db.session.query(Job).filter_by(project_id=frozen.id, name="pdf").count() == 1
    assert db.session.query(Rendition).filter_by(project_id=frozen.id).count() == 1


def test_the_command_line_gives_the_same_pdf(app, client, frozen, tmp_path):
    cli = app.test_cli_runner()
    first = tmp_path / "cli-first.pdf"
    result = cli.invoke(args=["export", str(frozen.id), "--format", "pdf", "--version", "1", "-o", str(first)])
    assert result.exit_code == 0, result.output
    client.get(ask_for_pdf(client, frozen).location)  # the queue's conversion, now cached
    rendition = db.session.query(Rendition).filter_by(project_id=frozen.id).one()
    assert pdf_text(first.read_bytes(), tmp_path) == pdf_text(rendition.data, tmp_path)  # same Word, same PDF
    cached = tmp_path / "cli-cached.pdf"
    result = cli.invoke(args=["export", str(frozen.id), "--format", "pdf", "--version", "1", "-o", str(cached)])
    assert result.exit_code == 0 and cached.read_bytes() == rendition.data  # byte for byte from the cache


def test_a_failing_conversion_is_retried_then_shown_with_a_way_to_try_again(app, client, users, frozen, monkeypatch):
    monkeypatch.setitem(app.config, "SOFFICE", "/bin/false")
    page = client.get(ask_for_pdf(client, frozen).location)
    assert text_of(dom(page), "#job-status strong") == ["The PDF could not be made."]
    assert dom(page).cssselect("#job-status form button")
    job = db.session.query(Job).filter_by(project_id=frozen.id, name="pdf").one()
    assert job.status == "failed" and job.attempts == job.max_attempts == 3
    post_form(client, "/logout", {}, form_url="/account")
    login(client, users["admin"])
    jobs_page = dom(client.get("/admin/jobs"))
    assert any("pdf" in row for row in text_of(jobs_page, "#failed-jobs tbody tr"))


def test_conversion_has_a_time_limit(tmp_path):
    slow = tmp_path / "slow-soffice"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    with pytest.raises(pdf.ConversionFailed, match="longer than 1 seconds"):
        pdf.convert(b"PK", soffice=str(slow), timeout=1)


def test_a_queued_job_page_works_without_javascript(client, users, frozen):
    job = Job(name="pdf", args=[frozen.id, 1, "x"], organisation_id=frozen.organisation_id, project_id=frozen.id,
              status="queued")
    db.session.add(job)
    save()
    page = dom(client.get(f"/projects/{frozen.id}/jobs/{job.id}"))
    assert text_of(page, "#job-status strong") == ["Waiting for its turn."]
    assert page.cssselect(f"a[href='/projects/{frozen.id}/jobs/{job.id}']")  # refresh link
    assert client.get(f"/projects/{frozen.id}/jobs/{job.id}?format=json").json["status"] == "queued"
    post_form(client, "/logout", {}, form_url="/account")
    login(client, users["outsider"])
    assert client.get(f"/projects/{frozen.id}/jobs/{job.id}").status_code == 404
