"""The evaluation report in Word: per criterion the points, the justifications and the comparison
between suppliers; the price points by the chosen model; must-requirement decisions; the ranking.
It is the basis for the reasons in the award notice.

Rendered with docxtpl (autoescape on) from the built-in masters exports/templates/evaluation_<lang>.docx,
made by exports/build_evaluation_templates.py. Byte-stable: a closed evaluation renders from its
frozen EvaluationReport, core property dates and ZIP entry times come from the closing time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from babel.numbers import format_decimal
from docxtpl import DocxTemplate

from app.evaluation.report import EvaluationReport
from app.exporters.award_words import price_model_text
from app.exporters.award_words import words as award_words
from app.exporters.common import file_stem, zip_date_time
from app.exporters.docx import save_package
from app.exporters.evaluation_words import words
from app.exporters.vocabulary import LANGUAGE_TAG, document_language

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "exports" / "templates"
_LOCALE = {"nb": "nb_NO", "nn": "nn_NO", "sv": "sv_SE", "en": "en_GB"}
_PREFIX = {"nb": "evalueringsrapport", "nn": "evalueringsrapport", "sv": "utvarderingsrapport", "en": "evaluation-report"}


def filename(report: EvaluationReport) -> str:
    doc = report.document
    return file_stem(doc, _PREFIX.get(doc.language, _PREFIX["en"])) + ".docx"


def number(value: float | None, lang: str, digits: int = 2) -> str:
    if value is None:
        return "–"
    return format_decimal(round(value, digits), format="#,##0." + "0" * digits, locale=_LOCALE.get(lang, "en_GB"))


def moment(report: EvaluationReport) -> str:
    """The time that stamps the outputs: the closing time, else the frozen document's."""
    return report.closed_at or report.document.generated_at


def _supplier_rows(report: EvaluationReport, lang: str) -> list[dict[str, Any]]:
    w = words(lang)
    return [{"name": s.supplier, "org_number": s.org_number, "price": number(s.price_total, lang),
             "price_points": number(s.price_points, lang), "total": number(s.weighted_total, lang),
             "rank": str(s.rank) if s.rank else w["rejected"], "not_met": ", ".join(s.must_failures),
             "decision": w.get(s.decision or "", "–"), "reason": s.decision_reason}
            for s in report.suppliers]


def _criteria(report: EvaluationReport, lang: str) -> list[dict[str, Any]]:
    out = []
    for c in report.document.award_criteria:
        if c.code == "price":
            continue
        reqs = []
        for r in report.requirements:
            if r.criterion != c.code:
                continue
            rows = [{"supplier": s.supplier, "evaluator": j.evaluator, "points": str(j.points), "text": j.text}
                    for i, s in enumerate(report.suppliers) for j in r.justifications[i]]
            means = [{"supplier": s.supplier, "points": number(r.points[i], lang)}
                     for i, s in enumerate(report.suppliers)]
            reqs.append({"key": r.key, "title": r.title, "weight": r.weight, "rows": rows, "means": means})
        out.append({"name": c.name, "weight": c.weight, "documentation": c.documentation, "requirements": reqs,
                    "rows": [{"supplier": s.supplier, "points": number(s.criterion_points.get(c.code), lang)}
                             for s in report.suppliers]})
    return out


def build_context(report: EvaluationReport) -> dict[str, Any]:
    doc = report.document
    lang = document_language(doc.language)
    model = report.model
    names = {c.code: c.name for c in doc.award_criteria}
    price_name, price_text = price_model_text(lang, model.price_model, model.scale_max)
    ranked = sorted(report.suppliers, key=lambda s: (s.rank is None, s.rank or 0, s.supplier))
    return {
        "title": doc.title, "organisation": doc.organisation, "reference": doc.reference,
        "version": doc.version_label, "closed_at": report.closed_at[:10] if report.closed_at else "",
        "preliminary": report.closed_at is None, "evaluators": ", ".join(report.evaluators) or "–",
        "criteria_table": [{"name": c.name, "weight": c.weight, "documentation": c.documentation}
                           for c in doc.award_criteria],
        "scale_text": award_words(lang)["scale_text"].format(max=model.scale_max),
        "levels": [{"points": lv.points, "meaning": lv.meaning} for lv in model.levels],
        "has_price": "price" in names, "price_model_name": price_name, "price_model_text": price_text,
        "price_note": model.price_note, "suppliers": _supplier_rows(report, lang),
        "must_cases": [row for row in _supplier_rows(report, lang) if row["not_met"]],
        "criteria": _criteria(report, lang),
        "ranking": [{"rank": str(s.rank) if s.rank else words(lang)["rejected"], "supplier": s.supplier,
                     "points": " · ".join(f"{names.get(code, code)} {number(p, lang)}"
                                          for code, p in s.criterion_points.items()),
                     "total": number(s.weighted_total, lang)} for s in ranked],
    }


def render(report: EvaluationReport) -> bytes:
    doc = report.document
    lang = document_language(doc.language)
    tpl = DocxTemplate(str(TEMPLATE_DIR / f"evaluation_{lang}.docx"))
    tpl.render(build_context(report), jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined),
               autoescape=True)
    when = dt.datetime.fromisoformat(moment(report)).astimezone(dt.UTC).replace(tzinfo=None)
    cp = tpl.docx.core_properties
    cp.title = f"{words(lang)['report']}: {doc.title}"[:255]
    cp.author = cp.last_modified_by = doc.organisation[:255]
    cp.language = LANGUAGE_TAG[lang]
    cp.identifier = doc.reference[:255]
    cp.revision = 1
    cp.created = cp.modified = when
    return save_package(tpl.docx, zip_date_time(replace(doc, generated_at=moment(report))))
