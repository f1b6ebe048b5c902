"""Builders for evaluation tests and benchmarks: a document with an award model and a price form,
and a supplier's filled-in response matrix."""

from __future__ import annotations

import io
from dataclasses import replace

from openpyxl import load_workbook

from app.exporters import xlsx
from app.exporters.award_words import DEFAULT_LEVELS
from app.exporters.document import AwardModel, DocSection, PriceForm, PriceLine, ScaleLevel, TenderDocument
from app.exporters.xlsx_matrix import SHEET_NAMES
from tests.factories import make_document


def price_form(lang: str = "nb") -> PriceForm:
    return PriceForm("NOK", 4, 2, (
        PriceLine("licence:employees", "Lisens per bruker per år – ansatte", "per bruker per år", "per_user_year", 1200, 4),
        PriceLine("licence:pupils", "Lisens per bruker per år – elever", "per bruker per år", "per_user_year", 3000, 4),
        PriceLine("implementation", "Implementering og migrering", "engangsbeløp", "one_off"),
        PriceLine("training", "Opplæring", "engangsbeløp", "one_off"),
        PriceLine("exit", "Bistand ved avslutning (exit)", "engangsbeløp", "one_off"),
        PriceLine("options", "Opsjoner: forlengelse i 2 år", "per opsjonsperiode", "option_years", 1, 2),
    ))


def with_award(doc: TenderDocument, *, price_model: str = "linear", project_id: int = 1) -> TenderDocument:
    """`doc` with its should-requirements split between quality and climate and an award model."""
    sections = []
    n = 0
    for section in doc.sections:
        reqs = []
        for req in section.requirements:
            if req.obligation == "should":
                n += 1
                req = replace(req, criterion="climate" if n % 3 == 0 else "quality", weight=req.weight or 10)
            reqs.append(req)
        sections.append(DocSection(section.code, section.name, section.intro, tuple(reqs), section.comments))
    levels = tuple(ScaleLevel(p, m) for p, m in DEFAULT_LEVELS[doc.language])
    return replace(doc, sections=tuple(sections), project_id=project_id,
                   award_model=AwardModel(10, levels, price_model, ""),
                   price_form=price_form(doc.language))


def award_document(n: int = 12, lang: str = "nb", **kwargs) -> TenderDocument:
    return with_award(make_document(n, lang, status="approved"), **kwargs)


def fill(doc: TenderDocument, *, supplier: str = "Leverandør AS", org_number: str = "912345678",
         answers: dict[str, object] | None = None, prices: dict[str, object] | None = None,
         default_yes: bool = True, edit=None) -> bytes:
    """The response matrix for `doc`, filled in like a supplier would (openpyxl, then saved)."""
    fields: dict = {}
    xlsx.build_workbook(doc, fields)
    wb = load_workbook(io.BytesIO(xlsx.render(doc)))
    answers = answers or {}
    prices = {"licence:employees": 120, "licence:pupils": 30, "implementation": 250_000, "training": 80_000,
              "exit": 50_000, **(prices or {})}
    yes = {"nb": "Ja", "sv": "Ja", "en": "Yes"}[doc.language]
    by_key = {r.key: r for r in doc.requirements}
    for (sheet, row, column), meaning in fields.items():
        cell = wb[sheet].cell(row, column)
        if meaning == ("supplier", "supplier"):
            cell.value = supplier
        elif meaning == ("supplier", "org_number"):
            cell.value = org_number
        elif meaning[0] == "price":
            cell.value = prices.get(meaning[1], 120 if meaning[1].startswith("licence:") else None)
        elif meaning[0] == "matrix" and meaning[2] == "answer":
            req = by_key[meaning[1]]
            default = (yes if req.answer_type == "yes_no" and default_yes else
                       "Vi dekker dette fullt ut." if req.answer_type in ("text", "attachment") else None)
            cell.value = answers.get(meaning[1], default)
    if edit:
        edit(wb, SHEET_NAMES[doc.language])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
