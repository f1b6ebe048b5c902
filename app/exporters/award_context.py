"""The award model as docxtpl context for the specification's evaluation chapter (exports/README.md
lists every variable). Same facts as the XLSX award sheet and OCDS awardCriteria."""

from __future__ import annotations

from typing import Any

from app.exporters.award_words import PRICE_SHEET, price_model_text
from app.exporters.award_words import words as award_words
from app.exporters.document import AwardModel, TenderDocument
from app.exporters.vocabulary import in_language
from app.exporters.xlsx_cells import clean


def award_context(doc: TenderDocument, lang: str) -> dict[str, Any]:
    model = doc.award_model or AwardModel()
    w = award_words(lang)
    should = [r for r in doc.requirements if r.obligation == "should"]
    criteria = []
    for c in doc.award_criteria:
        reqs = [{"key": clean(r.key), "title": clean(r.title), "weight": r.weight} for r in should
                if r.criterion == c.code]
        criteria.append({"code": c.code, "name": clean(c.name), "weight": c.weight,
                         "documentation": clean(c.documentation),
                         "requirements": reqs, "points_total": sum(r["weight"] or 0 for r in reqs)})
    name, text = price_model_text(lang, model.price_model, model.scale_max)
    return {
        "award_model": {
            "criteria": criteria, "scale_max": model.scale_max,
            "scale_text": w["scale_text"].format(max=model.scale_max),
            "levels": [{"points": lv.points, "meaning": clean(lv.meaning)} for lv in model.levels],
            "has_price": any(c.code == "price" for c in doc.award_criteria),
            "price_model": model.price_model, "price_model_name": name, "price_model_text": text,
            "price_note": clean(model.price_note),
        },
        "price_form": _price_form(doc, lang),
        "climate_justification": clean(getattr(doc, "climate_justification", "") or ""),
    }


def _price_form(doc: TenderDocument, lang: str) -> dict[str, Any]:
    form = doc.price_form
    if form is None or not form.lines:
        return {"lines": [], "note": "", "currency": ""}
    words = in_language(PRICE_SHEET, lang)
    return {"currency": form.currency, "contract_years": form.contract_years, "option_years": form.option_years,
            "note": words["note"].format(currency=form.currency, years=form.contract_years,
                                         options=form.option_years),
            "lines": [{"label": clean(line.label), "unit": clean(line.unit),
                       "quantity": line.quantity if line.kind != "option_years" else "",
                       "years": line.years if line.kind != "one_off" else ""} for line in form.lines]}
