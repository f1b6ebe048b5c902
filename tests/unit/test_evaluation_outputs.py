"""The evaluation report (Word) and the score sheet (XLSX): content, every language, byte-stable,
text never turned into markup or formulas; the report masters match their build script."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from app.evaluation.report import ScoreInput, TenderInput, compute, should_requirements
from app.exporters import evaluation_docx, evaluation_xlsx
from tests.evaluation_helpers import award_document

ROOT = Path(__file__).resolve().parents[2]
NASTY = "=HYPERLINK(\"http://x\") & <b>fet</b> \x0b"


def _report(lang="nb", closed="2026-12-01T20:00:00+00:00"):
    doc = award_document(12, lang)
    tenders = [TenderInput("Alfa & Sønner AS", "911111111", 1_000_000.0),
               TenderInput("Beta AS", "922222222", 900_000.0, ("API-001",), "reject", "Svarte nei på API-001."),
               TenderInput(NASTY, "933333333", 1_500_000.0)]
    scores = [ScoreInput(t.supplier, r.key, "Eva Evaluator", (i + j) % 11, f"Begrunnelse {NASTY}")
              for i, t in enumerate(tenders) for j, r in enumerate(should_requirements(doc))]
    return compute(doc, tenders, scores, closed_at=closed)


def _cells(document):
    return [c.text for t in document.tables for row in t.rows for c in row.cells]


@pytest.mark.parametrize("lang, title, model", [("nb", "Evalueringsrapport", "Lineær modell"),
                                                 ("sv", "Utvärderingsrapport", "Linjär modell"),
                                                 ("en", "Evaluation report", "Linear model")])
def test_report_in_every_language(lang, title, model):
    report = _report(lang)
    document = docx.Document(io.BytesIO(evaluation_docx.render(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith(title) and model in text
    cells = _cells(document)
    assert "Alfa & Sønner AS" in cells and "Svarte nei på API-001." in cells
    assert any(c.startswith("Begrunnelse =HYPERLINK") for c in cells)  # text, escaped, kept
    for r in report.requirements:
        assert any(r.key in p.text for p in document.paragraphs)


def test_report_and_sheet_are_byte_stable_and_dated_by_the_closing():
    a, b = _report(), _report()
    assert evaluation_docx.render(a) == evaluation_docx.render(b)
    assert evaluation_xlsx.render(a) == evaluation_xlsx.render(b)
    with zipfile.ZipFile(io.BytesIO(evaluation_docx.render(a))) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 12, 1, 20, 0, 0)}
    assert evaluation_docx.render(_report(closed="2026-12-02T08:00:00+00:00")) != evaluation_docx.render(a)


def test_score_sheet_holds_values_never_formulas():
    report = _report()
    wb = load_workbook(io.BytesIO(evaluation_xlsx.render(report)))
    summary, points, justifications = wb.worksheets
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0][:2] == ("Leverandør", "Org.nr.")
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Beta AS"][3] == "Avvist" and by_name["Beta AS"][-1] is None
    assert by_name["Alfa & Sønner AS"][5] == 10  # price points: lowest price among those not rejected
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    assert [c.value for c in points[1]][:2] == ["ID", "Krav"]
    assert points.max_row == len(report.requirements) + 1
    assert justifications.max_row == 1 + sum(len(j) for r in report.requirements for j in r.justifications)


def test_report_masters_match_their_build_script():
    spec = importlib.util.spec_from_file_location("build_evaluation_templates",
                                                  ROOT / "exports" / "build_evaluation_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for lang in ("nb", "nn", "sv", "en"):
        built = zipfile.ZipFile(io.BytesIO(module.build(lang)))
        committed = zipfile.ZipFile(ROOT / "exports" / "templates" / f"evaluation_{lang}.docx")
        assert built.namelist() == committed.namelist()
        for name in built.namelist():
            assert built.read(name) == committed.read(name), (
                f"exports/templates/evaluation_{lang}.docx is out of date: run exports/build_evaluation_templates.py")
