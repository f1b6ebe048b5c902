"""The price form sheet of the response matrix, and the evaluated total it computes.

One row per price element from the wizard's scope facts (assembled into `doc.price_form`): a
licence per user per year for each user group, with the volume filled in; implementation and
migration; training; exit assistance; options (the licences for the option years, at the same
unit prices). The supplier fills in the yellow, unlocked unit prices; locked formulas compute each
line and the evaluated total over the contract term. The import never trusts the formulas'
cached results: `evaluated_total` recomputes the same sum from the unit prices.
"""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.worksheet.worksheet import Worksheet

from app.exporters.award_words import PRICE_SHEET
from app.exporters.document import PriceForm, PriceLine, TenderDocument
from app.exporters.xlsx_cells import (
    BOLD,
    TITLE,
    WRAP,
    formula,
    header,
    lang_table,
    print_setup,
    protect,
    put,
    supplier_cell,
)
from app.exporters.xlsx_matrix import SHEET_NAMES, Fields

FIRST_LINE_ROW = 5
_WIDTHS = {"A": 52, "B": 22, "C": 10, "D": 8, "E": 22, "F": 22}


def line_total(line: PriceLine, unit_price: float) -> float:
    if line.kind == "per_user_year":
        return unit_price * line.quantity * line.years
    return unit_price * line.quantity


def evaluated_total(form: PriceForm, unit_prices: Mapping[str, float]) -> float:
    """The evaluated total: every priced line, plus the licences again for the option years."""
    total = 0.0
    licences_per_year = 0.0
    for line in form.lines:
        if line.kind == "option_years":
            continue
        price = float(unit_prices.get(line.code, 0.0))
        total += line_total(line, price)
        if line.kind == "per_user_year":
            licences_per_year += price * line.quantity
    options = next((line for line in form.lines if line.kind == "option_years"), None)
    if options is not None:
        total += licences_per_year * options.years
    return total


def priced_lines(form: PriceForm) -> list[PriceLine]:
    """The lines the supplier prices (the option line is computed from the licence prices)."""
    return [line for line in form.lines if line.kind != "option_years"]


def price_sheet(ws: Worksheet, doc: TenderDocument, fields: Fields) -> None:
    lang = doc.language
    form = doc.price_form
    ws.title = lang_table(SHEET_NAMES, lang)["price"]
    for column, width in _WIDTHS.items():
        ws.column_dimensions[column].width = width
    words = lang_table(PRICE_SHEET, lang)
    put(ws.cell(1, 1), ws.title).font = TITLE
    if form is None or not form.lines:
        print_setup(ws, doc, landscape=True)
        protect(ws)
        return
    currency = form.currency
    option_years = next((line.years for line in form.lines if line.kind == "option_years"), 0)
    put(ws.cell(2, 1), words["note"].format(currency=currency, years=form.contract_years,
                                            options=option_years)).alignment = WRAP
    ws.merge_cells("A2:F2")
    ws.row_dimensions[2].height = 45
    header(ws, 4, [words["element"], words["unit"], words["quantity"], words["years"],
                   words["unit_price"].format(currency=currency), words["total"].format(currency=currency)],
           supplier=frozenset({5}))
    r = FIRST_LINE_ROW
    licence_rows = []
    for line in form.lines:
        put(ws.cell(r, 1), line.label).alignment = WRAP
        put(ws.cell(r, 2), line.unit)
        if line.kind == "option_years":
            put(ws.cell(r, 4), line.years)
            first, last = (licence_rows[0], licence_rows[-1]) if licence_rows else (r, r)
            total = f"=SUMPRODUCT(C{first}:C{last},E{first}:E{last})*D{r}" if licence_rows else "=0"
            formula(ws.cell(r, 6), total)
        else:
            put(ws.cell(r, 3), line.quantity)
            if line.kind == "per_user_year":
                put(ws.cell(r, 4), line.years)
                licence_rows.append(r)
                formula(ws.cell(r, 6), f"=C{r}*D{r}*E{r}")
            else:
                formula(ws.cell(r, 6), f"=C{r}*E{r}")
            supplier_cell(ws.cell(r, 5)).number_format = "#,##0.00"
            fields[(ws.title, r, 5)] = ("price", line.code)
        ws.cell(r, 6).number_format = "#,##0.00"
        r += 1
    put(ws.cell(r, 1), words["evaluated_total"]).font = BOLD
    total_cell = formula(ws.cell(r, 6), f"=SUM(F{FIRST_LINE_ROW}:F{r - 1})")
    total_cell.font = BOLD
    total_cell.number_format = "#,##0.00"
    print_setup(ws, doc, landscape=True)
    protect(ws)
