"""`flask evaluation import|scores|report`."""

from __future__ import annotations

import io
import json

import docx
import pytest

from app.extensions import db
from app.models import Tender
from tests.conftest import make_project, save
from tests.evaluation_fixtures import approved_project, tender_file


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_scores_of_a_project_without_tenders_is_an_empty_list(runner, users):
    project = approved_project(users)
    result = runner.invoke(args=["evaluation", "scores", str(project.id), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    draft = make_project(users["buyer"], keys=("UU-001",))
    save()
    result = runner.invoke(args=["evaluation", "scores", str(draft.id), "--format", "json"])
    assert json.loads(result.output) == []


def test_import_scores_and_report(runner, users, tmp_path):
    project = approved_project(users)
    good = tmp_path / "alfa.xlsx"
    good.write_bytes(tender_file(project, supplier="Alfa AS"))
    result = runner.invoke(args=["evaluation", "import", str(project.id), "--supplier", "Alfa AS", str(good)])
    assert result.exit_code == 0, result.output
    no = tmp_path / "beta.xlsx"
    no.write_bytes(tender_file(project, supplier="Beta AS", answers={"UU-001": "Nei"},
                               prices={"licence:employees": 200}))
    assert runner.invoke(args=["evaluation", "import", str(project.id), "--supplier", "Beta AS", str(no)]).exit_code == 0
    rows = json.loads(runner.invoke(args=["evaluation", "scores", str(project.id), "--format", "json"]).output)
    assert [r["supplier"] for r in rows] == ["Alfa AS", "Beta AS"]
    alfa, beta = rows
    assert alfa["must_not_met"] == [] and beta["must_not_met"] == ["UU-001"]
    assert alfa["price_points"] == 10.0 and beta["price_points"] < 10
    assert set(alfa["points_per_criterion"]) == {"price", "quality", "climate"}
    assert alfa["rank"] == 1 and isinstance(alfa["weighted_total"], float)
    out = tmp_path / "report.docx"
    result = runner.invoke(args=["evaluation", "report", str(project.id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "Alfa AS" in "".join(c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "Evaluation report" in text


def test_a_refused_file_prints_every_problem_and_stores_nothing(runner, users, tmp_path):
    project = approved_project(users)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    result = runner.invoke(args=["evaluation", "import", str(project.id), "--supplier", "Alfa AS", str(bad)])
    assert result.exit_code == 1
    assert "not an Excel workbook" in result.output
    assert db.session.query(Tender).count() == 0
