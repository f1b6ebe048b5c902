"""Every score as XLSX: a summary per supplier (must-requirements not met, decision, price, price
points, points per criterion, weighted total, rank), the points per should-requirement and supplier,
and every evaluator's justification. Values, never formulas; text always as text. Byte-stable: a
closed evaluation renders from its frozen report, the timestamps come from the closing time."""

from __future__ import annotations

import io
from dataclasses import replace

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from app.evaluation.report import EvaluationReport
from app.exporters.award_words import words as award_words
from app.exporters.common import FixedTimeZipFile, file_stem, generated_at, zip_date_time
from app.exporters.evaluation_docx import moment
from app.exporters.evaluation_words import words
from app.exporters.xlsx_cells import WRAP, header, protect, put

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PREFIX = {"nb": "poeng", "nn": "poeng", "sv": "poang", "en": "scores"}


def filename(report: EvaluationReport) -> str:
    doc = report.document
    return file_stem(doc, _PREFIX.get(doc.language, _PREFIX["en"])) + ".xlsx"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _summary(ws, report: EvaluationReport) -> None:
    lang = report.document.language
    w = words(lang)
    criteria = list(report.document.award_criteria)
    ws.title = w["summary_sheet"]
    header(ws, 1, [w["supplier"], w["org_number"], w["not_met"], w["decision"], w["price"], w["price_points"],
                   *(c.name for c in criteria), w["total"], w["rank"]])
    for r, s in enumerate(report.suppliers, start=2):
        values = [s.supplier, s.org_number, ", ".join(s.must_failures) or None,
                  w.get(s.decision or "", None), s.price_total, _round(s.price_points),
                  *(_round(s.criterion_points.get(c.code)) for c in criteria), _round(s.weighted_total), s.rank]
        for c, value in enumerate(values, start=1):
            put(ws.cell(r, c), value)
    for column, width in zip("ABCDEF", (28, 14, 24, 22, 16, 12), strict=True):
        ws.column_dimensions[column].width = width


def _points(ws, report: EvaluationReport) -> None:
    lang = report.document.language
    w, a = words(lang), award_words(lang)
    names = {c.code: c.name for c in report.document.award_criteria}
    ws.title = w["scores_sheet"]
    header(ws, 1, [w["key"], w["requirement"], w["criterion"], a["weight_points"],
                   *(s.supplier for s in report.suppliers)])
    for r, req in enumerate(report.requirements, start=2):
        for c, value in enumerate([req.key, req.title, names.get(req.criterion, req.criterion), req.weight,
                                   *(_round(p) for p in req.points)], start=1):
            put(ws.cell(r, c), value)
    ws.column_dimensions["B"].width = 50
    ws.freeze_panes = "C2"


def _justifications(ws, report: EvaluationReport) -> None:
    w = words(report.document.language)
    ws.title = w["justifications_sheet"]
    header(ws, 1, [w["key"], w["supplier"], w["evaluator"], w["points"], w["justification"]])
    r = 2
    for req in report.requirements:
        for i, s in enumerate(report.suppliers):
            for j in req.justifications[i]:
                for c, value in enumerate([req.key, s.supplier, j.evaluator, j.points, j.text], start=1):
                    put(ws.cell(r, c), value)
                ws.cell(r, 5).alignment = WRAP
                r += 1
    ws.column_dimensions["E"].width = 80


def render(report: EvaluationReport) -> bytes:
    doc = replace(report.document, generated_at=moment(report))
    wb = Workbook()
    _summary(wb.active, report)
    _points(wb.create_sheet(), report)
    _justifications(wb.create_sheet(), report)
    for ws in wb.worksheets:
        protect(ws)
    when = generated_at(doc).replace(tzinfo=None, microsecond=0)
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = wb.properties.lastModifiedBy = "Kravbygger"
    wb.properties.title = words(doc.language)["scores_sheet"]
    buffer = io.BytesIO()
    ExcelWriter(wb, FixedTimeZipFile(buffer, zip_date_time(doc))).save()
    return buffer.getvalue()
