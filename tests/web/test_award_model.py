"""The award model page and the same model in Word, XLSX and OCDS."""

from __future__ import annotations

import io
import json

import docx
import pytest
from openpyxl import load_workbook

from app.exporters import docx as docx_exporter
from app.exporters import ocds, xlsx
from app.services import assembly
from tests.conftest import dom, field_errors, login, make_project, post_form, save, text_of


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], keys=("UU-001", "API-002", "API-006", "ARK-013"),
                           answers={"climate_approach": "award_criterion", "contract_years": 3, "user_count": 400,
                                    "award_weights": {"price": 40, "quality": 30, "climate": 30}})
    save()
    return project


def url(project):
    return f"/projects/{project.id}/award"


def form(project, **changes):
    data = {"version_id": str(project.version_id), "weight-price": "40", "weight-quality": "30",
            "weight-climate": "30", "doc-quality": "Løsningsbeskrivelse, maks 10 sider", "scale_max": "10",
            "level-points-0": "10", "level-meaning-0": "Svært godt", "level-points-1": "0",
            "level-meaning-1": "Ikke besvart", "price_model": "proportional", "price_note": "",
            "crit-API-002": "climate", "w-API-002": "20", "crit-API-006": "quality", "w-API-006": "10",
            "crit-ARK-013": "quality", "w-ARK-013": "5"}
    data.update(changes)
    return data


def test_saving_the_award_model(client, users, project):
    login(client, users["buyer"])
    response = post_form(client, url(project), form(project))
    assert response.status_code == 302
    doc = assembly.assemble(project)
    assert [(c.code, c.weight, c.documentation) for c in doc.award_criteria] == [
        ("price", 40, ""), ("quality", 30, "Løsningsbeskrivelse, maks 10 sider"), ("climate", 30, "")]
    assert doc.award_model.price_model == "proportional"
    assert [(lv.points, lv.meaning) for lv in doc.award_model.levels] == [(10, "Svært godt"), (0, "Ikke besvart")]
    should = {r.key: (r.criterion, r.weight) for r in doc.requirements if r.obligation == "should"}
    assert should == {"API-002": ("climate", 20), "API-006": ("quality", 10), "ARK-013": ("quality", 5)}
    assert all(r.criterion is None for r in doc.requirements if r.obligation == "must")


def test_weights_must_total_100_and_follow_foa_7_9(client, users, project):
    login(client, users["buyer"])
    bad = post_form(client, url(project), form(project, **{"weight-price": "50"}))
    assert bad.status_code == 422
    assert field_errors(bad, "weight-price") == ["The weights must total 100 %. Now they total 110 %."]
    low = post_form(client, url(project), form(project, **{"weight-price": "50", "weight-climate": "20"}))
    assert low.status_code == 422
    assert "FOA § 7-9" in field_errors(low, "weight-climate")[0]  # the wizard's own rule and message
    summary = text_of(dom(low), ".ds-error-summary li a")
    assert summary and dom(low).cssselect(".ds-error-summary a[href='#weight-climate']")
    project.answers = {**project.answers, "climate_approach": "requirements"}
    save()
    assert post_form(client, url(project), form(project, **{"weight-price": "70", "weight-climate": "0",
                                                            "crit-API-002": "quality"})).status_code == 302


def test_every_should_requirement_is_in_one_usable_criterion_with_points(client, users, project):
    login(client, users["buyer"])
    bad = post_form(client, url(project), form(project, **{"crit-API-002": "price", "w-API-006": "0"}))
    assert bad.status_code == 422
    assert field_errors(bad, "crit-API-002") == ["Choose a criterion with a weight above 0 that is not price."]
    assert field_errors(bad, "w-API-006") == ["The weight must be a whole number from 1 to 100."]
    bad = post_form(client, url(project), form(project, **{"level-points-0": "11"}))
    assert field_errors(bad, "level-points-0") == ["Enter points from 0 to 10."]


def test_reviewers_see_the_model_but_cannot_change_it(client, users, project):
    login(client, users["reviewer"])
    page = client.get(url(project))
    assert page.status_code == 200 and not dom(page).cssselect("button[type=submit].ds-button[data-variant=primary]")
    assert post_form(client, url(project), form(project)).status_code == 403


def test_word_xlsx_and_ocds_state_the_same_model(client, users, project):
    login(client, users["buyer"])
    assert post_form(client, url(project), form(project)).status_code == 302
    doc = assembly.assemble(project)
    word = docx.Document(io.BytesIO(docx_exporter.render(doc)))
    cells = [[c.text for c in row.cells] for t in word.tables for row in t.rows]
    assert ["Price", "40", ""] in cells and ["Quality (should-requirements)", "30", "Løsningsbeskrivelse, maks 10 sider"] in cells
    api_002 = next(r.title for r in doc.requirements if r.key == "API-002")
    assert ["Climate and environment", "API-002", api_002, "20"] in cells
    assert ["10", "Svært godt"] in cells
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Proportional model" in text and "points = 10 × Pl / P" in text
    wb = load_workbook(io.BytesIO(xlsx.render(doc)))
    award = [r for r in wb["Award criteria"].iter_rows(values_only=True)]
    assert award[1][:2] == ("Price", 40)
    assert ("API-002", api_002, 20, "Climate and environment") in [r[:4] for r in award]
    assert any(r[0] == "Price model: Proportional model" for r in award)
    assert [r[:2] for r in wb["Price form"].iter_rows(min_row=5, max_row=5, values_only=True)] == [
        ("Licence per user per year – all users", "per user per year")]
    release = json.loads(ocds.render(doc))["releases"][0]
    criteria = release["tender"]["lots"][0]["awardCriteria"]["criteria"]
    assert [(c["name"], c["numbers"][0]["number"], c["numbers"][0]["weight"]) for c in criteria] == [
        ("Price", 40, "percentageExact"), ("Quality (should-requirements)", 30, "percentageExact"),
        ("Climate and environment", 30, "percentageExact")]
    assert "Proportional model" in criteria[0]["description"]
    assert "API-002 (20)" in criteria[2]["description"] and "Løsningsbeskrivelse" in criteria[1]["description"]
