"""The award-criteria sheet of the response matrix: the same award model the Word chapter and OCDS
state. Criteria with their weight in per cent of the total and the documentation asked for; the
point scale and what its levels mean; the price model with its formula; every should-requirement
with its criterion and its weight in points inside that criterion."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from app.exporters.award_words import price_model_text, words
from app.exporters.document import AwardModel, TenderDocument
from app.exporters.vocabulary import COLUMNS, word
from app.exporters.xlsx_cells import BOLD, WRAP, header, lang_table, print_setup, protect, put
from app.exporters.xlsx_matrix import SHEET_NAMES


def award_sheet(ws: Worksheet, doc: TenderDocument) -> None:
    lang = doc.language
    w = words(lang)
    ws.title = lang_table(SHEET_NAMES, lang)["award"]
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 60
    header(ws, 1, [w["criterion"], w["weight_pct"]])
    r = 2
    for criterion in doc.award_criteria:
        put(ws.cell(r, 1), criterion.name)
        put(ws.cell(r, 2), criterion.weight)
        put(ws.cell(r, 4), criterion.documentation or None).alignment = WRAP
        r += 1
    put(ws.cell(r, 1), w["total"]).font = BOLD
    put(ws.cell(r, 2), sum(c.weight for c in doc.award_criteria)).font = BOLD  # a value, not a formula
    if any(c.documentation for c in doc.award_criteria):
        put(ws.cell(1, 4), w["documentation"]).font = BOLD
    r += 2
    r = _model(ws, r, doc, doc.award_model or AwardModel())
    r = _should(ws, r, doc)
    print_setup(ws, doc, landscape=False)
    protect(ws)


def _model(ws: Worksheet, r: int, doc: TenderDocument, model: AwardModel) -> int:
    w = words(doc.language)
    put(ws.cell(r, 1), w["scale"]).font = BOLD
    put(ws.cell(r, 2), w["scale_text"].format(max=model.scale_max)).alignment = WRAP
    r += 1
    if model.levels:
        header(ws, r, [w["points"], w["meaning"]])
        r += 1
        for level in model.levels:
            put(ws.cell(r, 1), level.points)
            put(ws.cell(r, 2), level.meaning).alignment = WRAP
            r += 1
    if any(c.code == "price" for c in doc.award_criteria):
        r += 1
        name, text = price_model_text(doc.language, model.price_model, model.scale_max)
        put(ws.cell(r, 1), f"{w['price_model']}: {name}").font = BOLD
        put(ws.cell(r, 2), text).alignment = WRAP
        r += 1
        if model.price_note:
            put(ws.cell(r, 2), model.price_note).alignment = WRAP
            r += 1
    return r + 1


def _should(ws: Worksheet, r: int, doc: TenderDocument) -> int:
    lang = doc.language
    w = words(lang)
    weighted = [req for req in doc.requirements if req.obligation == "should"]
    if not weighted:
        return r
    names = {c.code: c.name for c in doc.award_criteria}
    put(ws.cell(r, 1), w["should_weights"]).font = BOLD
    r += 1
    header(ws, r, [word(COLUMNS, lang, "id"), w["requirement"], w["weight_points"], w["criterion"]])
    r += 1
    for req in weighted:
        put(ws.cell(r, 1), req.key)
        put(ws.cell(r, 2), req.title).alignment = WRAP
        put(ws.cell(r, 3), req.weight)
        put(ws.cell(r, 4), names.get(req.criterion or ""))
        r += 1
    return r
