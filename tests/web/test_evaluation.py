"""Evaluating tenders through the web: upload checks, must-requirement decisions, impartiality,
scoring, results, closing, outputs and confidentiality."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.models import AuditEvent, Score, Tender, TenderUpload
from app.services import audit
from tests.conftest import dom, login, post_form, save, text_of
from tests.evaluation_fixtures import approved_project, document, tender_file


@pytest.fixture
def project(users):
    return approved_project(users)


def url(project, path=""):
    return f"/projects/{project.id}/evaluation{path}"


def upload(client, project, data: bytes, supplier="Alfa AS", name="alfa.xlsx"):
    return post_form(client, url(project, "/tenders"), {"supplier": supplier, "file": (io.BytesIO(data), name)},
                     form_url=url(project), content_type="multipart/form-data")


def file_errors(response) -> list[str]:
    return text_of(dom(response), "#file-error li")


def test_a_good_file_is_read_with_its_price_and_answers(client, users, project):
    login(client, users["buyer"])
    response = upload(client, project, tender_file(project, supplier="Alfa AS"))
    assert response.status_code == 302, file_errors(response)
    tender = db.session.query(Tender).one()
    assert tender.supplier_name == "Alfa AS" and tender.org_number == "912345678"
    # 700 employees + 50 politicians x 4 years, one-off amounts, and 2 option years at the licence prices
    assert tender.price_total == 120 * 750 * 4 + 250_000 + 80_000 + 50_000 + 120 * 750 * 2
    assert tender.must_failures == []
    assert tender.answers["API-002"]["answer"] is True
    page = dom(client.get(response.location))
    assert text_of(page, "h1") == ["Alfa AS"]


BAD = {
    "not_xlsx": (b"supplier;answer\nAlfa;yes\n", "is not an Excel workbook"),
    "too_large": (b"PK\x03\x04" + b"0" * (10 * 1024 * 1024 + 10), "larger than 10 MB"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_get_a_message_by_the_field_and_store_nothing(client, users, project, case):
    login(client, users["buyer"])
    data, message = BAD[case]
    response = upload(client, project, data)
    assert response.status_code in (413, 422)
    assert any(message in e for e in file_errors(response)), file_errors(response)
    assert dom(response).cssselect("#file[aria-invalid=true]")
    assert db.session.query(Tender).count() == 0 and db.session.query(TenderUpload).count() == 0


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_parsing(client, users, project):
    login(client, users["buyer"])
    data = _bomb()
    assert len(data) < 1024 * 1024
    response = upload(client, project, data)
    assert response.status_code == 422
    assert any("far more data" in e for e in file_errors(response))
    assert db.session.query(Tender).count() == 0


def _edit_requirement(wb, names):
    wb[names["matrix"]].cell(2, 3).value = "Løsningen bør kanskje ha noe"


def _formula_answer(wb, names):
    wb[names["matrix"]].cell(3, 12).value = "=1+1"


def _formula_price(wb, names):
    wb[names["price"]].cell(5, 5).value = "=100*2"


def _price_formula_changed(wb, names):
    wb[names["price"]].cell(5, 6).value = "=0"


@pytest.mark.parametrize("edit, message", [
    (_edit_requirement, "was changed"), (_formula_answer, "holds a formula"), (_formula_price, "holds a formula"),
    (_price_formula_changed, "was changed"),
])
def test_tampering_and_formulas_are_reported_per_row(client, users, project, edit, message):
    login(client, users["buyer"])
    response = upload(client, project, tender_file(project, edit=edit))
    assert response.status_code == 422
    errors = file_errors(response)
    assert errors and all("row" in e or "Row" in e for e in errors)
    assert any(message in e for e in errors), errors
    assert db.session.query(Tender).count() == 0


def test_wrong_project_and_wrong_version(client, users, project):
    from dataclasses import replace

    from tests.evaluation_helpers import fill
    login(client, users["buyer"])
    other = fill(replace(document(project), project_id=project.id + 1000))
    assert any("another procurement" in e for e in file_errors(upload(client, project, other)))
    old = fill(replace(document(project), version_label="0.1"))
    assert any("version 0.1" in e for e in file_errors(upload(client, project, old)))
    assert db.session.query(Tender).count() == 0


def test_missing_price_and_bad_answer_are_listed_and_nothing_is_taken(client, users, project):
    login(client, users["buyer"])
    data = tender_file(project, prices={"training": None}, answers={"API-002": "Kanskje"})
    errors = file_errors(upload(client, project, data))
    assert any("Training" in e and "missing" in e for e in errors), errors
    assert any("API-002" in e and "neither yes nor no" in e for e in errors), errors
    assert db.session.query(Tender).count() == 0


def test_the_file_must_be_for_the_supplier_named(client, users, project):
    login(client, users["buyer"])
    errors = file_errors(upload(client, project, tender_file(project, supplier="Beta AS"), supplier="Alfa AS"))
    assert any("Beta AS" in e for e in errors)


def test_uploading_again_replaces_and_keeps_history(client, users, project):
    login(client, users["buyer"])
    assert upload(client, project, tender_file(project)).status_code == 302
    assert upload(client, project, tender_file(project, prices={"training": 1000}), supplier="alfa as").status_code == 302
    tender = db.session.query(Tender).one()
    assert len(tender.uploads) == 2
    assert tender.prices["training"] == 1000
    actions = [e.action for e in audit.events(project.organisation_id, project.id)]
    assert "tender.replaced" in actions and "tender.imported" in actions


def test_must_failure_is_put_to_the_buyer_with_a_reason(client, users, project):
    login(client, users["buyer"])
    response = upload(client, project, tender_file(project, answers={"UU-001": "Nei"}))
    tender = db.session.query(Tender).one()
    assert tender.must_failures == ["UU-001"] and tender.decision is None
    page = dom(client.get(response.location))
    assert "UU-001" in " ".join(text_of(page, "#must-heading ~ ul li"))
    no_reason = post_form(client, response.location, {"decision": "reject", "reason": ""})
    assert no_reason.status_code == 422
    assert text_of(dom(no_reason), "#reason-error") == ["Give the reason for the decision."]
    assert post_form(client, response.location, {"decision": "clarify", "reason": "Spør om WCAG-erklæring"}).status_code == 302
    db.session.refresh(tender)
    assert (tender.decision, tender.decision_reason) == ("clarify", "Spør om WCAG-erklæring")


def test_evaluators_declare_impartiality_before_seeing_any_tender(client, users, project):
    login(client, users["buyer"])
    tender_url = upload(client, project, tender_file(project)).location
    client.post("/logout", data={"csrf_token": dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")})
    login(client, users["evaluator"])
    overview = dom(client.get(url(project)))
    assert overview.cssselect("#declaration") and not overview.cssselect("#tenders-heading")
    assert "Alfa AS" not in overview.text_content()
    assert client.get(tender_url).status_code == 302
    assert client.get(tender_url + "/score").status_code == 302
    assert post_form(client, url(project, "/declaration"), {}, form_url=url(project)).status_code == 302
    assert client.get(tender_url).status_code == 302  # not confirmed: still no access
    assert post_form(client, url(project, "/declaration"), {"confirm": "yes"}, form_url=url(project)).status_code == 302
    assert client.get(tender_url).status_code == 200
    assert client.get(tender_url + "/score").status_code == 200


def _score_all(client, project, tender_url, points=7):
    page = dom(client.get(tender_url + "/score"))
    keys = [i.get("name")[len("points-"):] for i in page.cssselect("input[name^=points-]")]
    data = {}
    for key in keys:
        data[f"points-{key}"] = str(points)
        data[f"justification-{key}"] = f"Godt dokumentert for {key}."
    return keys, post_form(client, tender_url + "/score", data)


@pytest.fixture
def evaluator(client, users, project):
    login(client, users["buyer"])
    urls = [upload(client, project, tender_file(project, supplier=name, prices=prices), supplier=name).location
            for name, prices in (("Alfa AS", {}), ("Beta AS", {"licence:employees": 240}))]
    client.post("/logout", data={"csrf_token": dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")})
    login(client, users["evaluator"])
    post_form(client, url(project, "/declaration"), {"confirm": "yes"}, form_url=url(project))
    return urls


def test_scores_need_a_justification_and_points_on_the_scale(client, users, project, evaluator):
    tender_url = evaluator[0]
    page = dom(client.get(tender_url + "/score"))
    key = page.cssselect("input[name^=points-]")[0].get("name")[len("points-"):]
    bad = post_form(client, tender_url + "/score", {f"points-{key}": "11", f"justification-{key}": "x"})
    assert bad.status_code == 422
    assert text_of(dom(bad), f"#points-{key}-error") == ["Enter whole points from 0 to 10."]
    bad = post_form(client, tender_url + "/score", {f"points-{key}": "5", f"justification-{key}": ""})
    assert text_of(dom(bad), f"#justification-{key}-error") == ["Justify the points in writing."]
    assert db.session.query(Score).count() == 0
    keys, ok = _score_all(client, project, tender_url)
    assert ok.status_code == 302 and len(keys) == 4
    assert db.session.query(Score).count() == 4
    event = [e for e in audit.events(project.organisation_id, project.id) if e.action == "tender.scored"][0]
    assert "Godt dokumentert" not in str(event.details)


def test_results_close_lock_and_byte_stable_outputs(client, users, project, evaluator):
    for tender_url in evaluator:
        _score_all(client, project, tender_url)
    client.post("/logout", data={"csrf_token": dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")})
    login(client, users["buyer"])
    page = dom(client.get(url(project)))
    rows = [text_of(tr, "td") for tr in page.cssselect("#results-heading ~ table tbody tr")]
    assert [r[1] for r in rows] == ["Alfa AS", "Beta AS"] and rows[0][0] == "1"
    assert post_form(client, url(project, "/close"), {}, form_url=url(project)).status_code == 302
    first = client.get(url(project, "/report.docx")).data
    sheet = client.get(url(project, "/scores.xlsx")).data
    assert client.get(url(project, "/report.docx")).data == first
    assert client.get(url(project, "/scores.xlsx")).data == sheet
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(first)).paragraphs)
    assert "Evaluation report" in text and "Linear model" in text
    summary = list(load_workbook(io.BytesIO(sheet)).worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in summary[1:]] == ["Alfa AS", "Beta AS"]
    assert summary[1][-1] == 1
    # locked
    client.post("/logout", data={"csrf_token": dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")})
    login(client, users["evaluator"])
    _keys, refused = _score_all(client, project, evaluator[0], points=2)
    assert refused.status_code == 422
    assert db.session.query(Score).filter(Score.points == 2).count() == 0


def test_tender_content_never_reaches_the_audit_csv(client, users, project, evaluator):
    for tender_url in evaluator:
        _score_all(client, project, tender_url)
    csv_text = audit.to_csv(audit.events(project.organisation_id)).decode("utf-8")
    for secret in ("Alfa AS", "Beta AS", "Godt dokumentert", "912345678"):
        assert secret not in csv_text
    assert "tender.scored" in csv_text and "tender.imported" in csv_text


def test_another_organisation_sees_nothing(client, users, project, evaluator):
    outsider = users["outsider"]
    client.post("/logout", data={"csrf_token": dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")})
    login(client, outsider)
    for path in ("", "/report.docx", "/scores.xlsx", evaluator[0][len(url(project)):],
                 evaluator[0][len(url(project)):] + "/score"):
        assert client.get(url(project, path)).status_code == 404, path


def test_evaluation_waits_for_an_approved_version(client, users):
    from tests.conftest import make_project
    draft = make_project(users["buyer"], keys=("UU-001",))
    save()
    login(client, users["buyer"])
    page = dom(client.get(url(draft)))
    assert "approved or published" in page.text_content()
    assert AuditEvent is not None
