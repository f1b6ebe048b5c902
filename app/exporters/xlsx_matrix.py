"""The response matrix's first two sheets: instructions (with the supplier's name and organisation
number) and the matrix, one row per requirement.

In the matrix the buyer's columns are locked and the supplier's columns (answer, comment,
documentation reference) are yellow and unlocked. Yes/no answers get a drop-down with the
language's yes/no words, number answers decimal validation with the requirement's min/max. The
header row is frozen and filterable.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.exporters.document import TenderDocument
from app.exporters.matrix import ALL_COLUMNS, SUPPLIER_COLUMNS, format_number, heading, rows, yes_no
from app.exporters.vocabulary import (
    ANSWER_TYPE,
    COLUMNS,
    DRAFT,
    OBLIGATION,
    in_language,
    rejection,
    scoring,
    word,
)
from app.exporters.xlsx_cells import (
    BOLD,
    BUYER_HEAD,
    SUPPLIER_HEAD,
    TITLE,
    TOP,
    WRAP,
    lang_table,
    print_setup,
    protect,
    put,
    supplier_cell,
)

Fields = dict[tuple[str, int, int], tuple[str, ...]]  # (sheet, row, column) -> what the supplier fills in

SHEET_NAMES = {
    "nb": {"instructions": "Veiledning", "matrix": "Svarskjema", "price": "Prisskjema",
           "award": "Tildelingskriterier"},
    "nn": {"instructions": "Rettleiing", "matrix": "Svarskjema", "price": "Prisskjema",
           "award": "Tildelingskriterium"},
    "sv": {"instructions": "Instruktioner", "matrix": "Svarsformulär", "price": "Prisformulär",
           "award": "Tilldelningskriterier"},
    "en": {"instructions": "Instructions", "matrix": "Response matrix", "price": "Price form",
           "award": "Award criteria"},
}

LABELS = {
    "nb": {"organisation": "Oppdragsgiver", "title": "Anskaffelse", "reference": "Referanse",
           "version": "Versjon", "date": "Dato", "how": "Slik svarer du",
           "supplier": "Leverandør (navn)", "org_number": "Organisasjonsnummer", "tender": "Tilbyder",
           "criterion": "Tildelingskriterium", "weight_pct": "Vekt (%)", "total": "Sum",
           "should_weights": "Vekting av bør-krav (relativ vekt innenfor tildelingskriteriet)",
           "req_title": "Krav", "invalid": "Ugyldig svar", "choose": "Velg {yes} eller {no}.",
           "number": "Svaret må være et tall{range}.", "between": " mellom {min} og {max}",
           "at_least": " på minst {min}", "at_most": " på høyst {max}"},
    "nn": {"organisation": "Oppdragsgivar", "title": "Anskaffing", "reference": "Referanse",
           "version": "Versjon", "date": "Dato", "how": "Slik svarer du",
           "supplier": "Leverandør (namn)", "org_number": "Organisasjonsnummer", "tender": "Tilbydar",
           "criterion": "Tildelingskriterium", "weight_pct": "Vekt (%)", "total": "Sum",
           "should_weights": "Vekting av bør-krav (relativ vekt innanfor tildelingskriteriet)",
           "req_title": "Krav", "invalid": "Ugyldig svar", "choose": "Vel {yes} eller {no}.",
           "number": "Svaret må vere eit tal{range}.", "between": " mellom {min} og {max}",
           "at_least": " på minst {min}", "at_most": " på høgst {max}"},
    "sv": {"organisation": "Upphandlande myndighet", "title": "Upphandling", "reference": "Diarienummer",
           "version": "Version", "date": "Datum", "how": "Så besvarar du formuläret",
           "supplier": "Leverantör (namn)", "org_number": "Organisationsnummer", "tender": "Anbudsgivare",
           "criterion": "Tilldelningskriterium", "weight_pct": "Vikt (%)", "total": "Summa",
           "should_weights": "Viktning av bör-krav (relativ vikt inom tilldelningskriteriet)",
           "req_title": "Krav", "invalid": "Ogiltigt svar", "choose": "Välj {yes} eller {no}.",
           "number": "Svaret måste vara ett tal{range}.", "between": " mellan {min} och {max}",
           "at_least": " på minst {min}", "at_most": " på högst {max}"},
    "en": {"organisation": "Contracting authority", "title": "Procurement", "reference": "Reference",
           "version": "Version", "date": "Date", "how": "How to answer",
           "supplier": "Supplier (name)", "org_number": "Organisation number", "tender": "Tenderer",
           "criterion": "Award criterion", "weight_pct": "Weight (%)", "total": "Total",
           "should_weights": "Weighting of SHOULD requirements (relative weight within the award criterion)",
           "req_title": "Requirement", "invalid": "Invalid answer", "choose": "Choose {yes} or {no}.",
           "number": "The answer must be a number{range}.", "between": " between {min} and {max}",
           "at_least": " of at least {min}", "at_most": " of at most {max}"},
}

INSTRUCTIONS = {
    "nb": (
        "Fyll ut leverandørens navn og organisasjonsnummer i de gule feltene øverst.",
        "Svar på hvert krav i arket «{matrix}». Fyll bare ut de gule kolonnene «{answer}», «{comment}» og "
        "«{docref}». De andre kolonnene er låst.",
        "Svartype «{t_yes_no}»: velg {yes} eller {no} i nedtrekkslisten.",
        "Svartype «{t_number}»: skriv et tall. Har kravet «{min}» og/eller «{max}», må svaret ligge innenfor "
        "grensene; enheten står i kolonnen «{unit}».",
        "Svartype «{t_text}»: beskriv kort hvordan løsningen oppfyller kravet.",
        "Svartype «{t_attachment}»: legg ved dokumentasjonen og oppgi filnavn og side eller avsnitt i «{docref}».",
        "{rejection}",
        "{scoring} Vekten står i kolonnen «{weight}» og i arket "
        "«{award}».",
        "Fyll ut de gule prisene i arket «{price}». Summene regnes ut av låste formler.",
        "Ikke endre rekkefølgen, ID-ene eller kravtekstene. Ved motstrid gjelder kravspesifikasjonen.",
    ),
    "nn": (
        "Fyll ut namnet og organisasjonsnummeret til leverandøren i dei gule felta øvst.",
        "Svar på kvart krav i arket «{matrix}». Fyll berre ut dei gule kolonnane «{answer}», «{comment}» og "
        "«{docref}». Dei andre kolonnane er låste.",
        "Svartype «{t_yes_no}»: vel {yes} eller {no} i nedtrekkslista.",
        "Svartype «{t_number}»: skriv eit tal. Har kravet «{min}» og/eller «{max}», må svaret liggje innanfor "
        "grensene; eininga står i kolonnen «{unit}».",
        "Svartype «{t_text}»: beskriv kort korleis løysinga oppfyller kravet.",
        "Svartype «{t_attachment}»: legg ved dokumentasjonen og oppgi filnamn og side eller avsnitt i «{docref}».",
        "{rejection}",
        "{scoring} Vekta står i kolonnen «{weight}» og i arket «{award}».",
        "Fyll ut dei gule prisane i arket «{price}». Summane blir rekna ut av låste formlar.",
        "Ikkje endre rekkjefølgja, ID-ane eller kravtekstane. Ved motstrid gjeld kravspesifikasjonen.",
    ),
    "sv": (
        "Fyll i leverantörens namn och organisationsnummer i de gula fälten överst.",
        "Besvara varje krav i bladet ”{matrix}”. Fyll bara i de gula kolumnerna ”{answer}”, ”{comment}” och "
        "”{docref}”. Övriga kolumner är låsta.",
        "Svarstyp ”{t_yes_no}”: välj {yes} eller {no} i listrutan.",
        "Svarstyp ”{t_number}”: skriv ett tal. Har kravet ”{min}” och/eller ”{max}” ska svaret ligga inom "
        "gränserna; enheten står i kolumnen ”{unit}”.",
        "Svarstyp ”{t_text}”: beskriv kort hur lösningen uppfyller kravet.",
        "Svarstyp ”{t_attachment}”: bifoga dokumentationen och ange filnamn och sida eller avsnitt i ”{docref}”.",
        "{rejection}",
        "{scoring} Vikten står i kolumnen ”{weight}” och i bladet "
        "”{award}”.",
        "Fyll i de gula priserna i bladet ”{price}”. Summorna räknas ut av låsta formler.",
        "Ändra inte ordningen, ID:n eller kravtexterna. Vid motstridighet gäller kravspecifikationen.",
    ),
    "en": (
        "Fill in the supplier's name and organisation number in the yellow fields at the top.",
        "Answer every requirement in the sheet “{matrix}”. Fill in only the yellow columns “{answer}”, "
        "“{comment}” and “{docref}”. The other columns are locked.",
        "Answer type “{t_yes_no}”: choose {yes} or {no} from the drop-down list.",
        "Answer type “{t_number}”: enter a number. Where the requirement has a “{min}” and/or “{max}”, the "
        "answer must lie within them; the unit is in the column “{unit}”.",
        "Answer type “{t_text}”: describe briefly how the solution meets the requirement.",
        "Answer type “{t_attachment}”: attach the documentation and give its file name and page or section "
        "in “{docref}”.",
        "{rejection}",
        "{scoring} The weight is in the column "
        "“{weight}” and in the sheet “{award}”.",
        "Fill in the yellow prices in the sheet “{price}”. Locked formulas compute the totals.",
        "Do not change the order, the IDs or the requirement texts. In case of conflict the requirement "
        "specification prevails.",
    ),
}

WIDTHS = {"id": 12, "category": 20, "requirement": 60, "obligation": 10, "answer_type": 12, "expected": 14,
           "min": 9, "max": 9, "unit": 10, "weight": 8, "evidence": 36, "answer": 18, "comment": 40,
           "documentation_ref": 30}
WRAP_COLUMNS = {"category", "requirement", "evidence", "comment", "documentation_ref"}



def _number_rule(lang: str, low: float | None, high: float | None) -> DataValidation:
    labels = lang_table(LABELS, lang)
    comma = lang in ("nb", "nn", "sv")
    if low is not None and high is not None:
        operator, f1, f2 = "between", low, high
        rng = labels["between"].format(min=format_number(low, decimal_comma=comma),
                                       max=format_number(high, decimal_comma=comma))
    elif low is not None:
        operator, f1, f2 = "greaterThanOrEqual", low, None
        rng = labels["at_least"].format(min=format_number(low, decimal_comma=comma))
    elif high is not None:
        operator, f1, f2 = "lessThanOrEqual", high, None
        rng = labels["at_most"].format(max=format_number(high, decimal_comma=comma))
    else:  # any number
        operator, f1, f2 = "between", -1e300, 1e300
        rng = ""
    return DataValidation(
        type="decimal", operator=operator, formula1=_formula_number(f1),
        formula2=None if f2 is None else _formula_number(f2), allow_blank=True,
        showErrorMessage=True, errorTitle=labels["invalid"], error=labels["number"].format(range=rng),
    )


def _formula_number(value: float) -> str:
    return repr(float(value)) if isinstance(value, float) and not value.is_integer() else format_number(value)


def matrix_sheet(ws: Worksheet, doc: TenderDocument, fields: Fields) -> None:
    lang = doc.language
    ws.title = lang_table(SHEET_NAMES, lang)["matrix"]
    col = {key: i + 1 for i, key in enumerate(ALL_COLUMNS)}
    for key, index in col.items():
        cell = put(ws.cell(1, index), heading(lang, key))
        cell.font = BOLD
        cell.alignment = WRAP
        cell.fill = SUPPLIER_HEAD if key in SUPPLIER_COLUMNS else BUYER_HEAD
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS[key]

    yes, no = yes_no(lang)
    labels = lang_table(LABELS, lang)
    yes_no_rule = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True,
                                 showErrorMessage=True, errorTitle=labels["invalid"],
                                 error=labels["choose"].format(yes=yes, no=no))
    number_rules: dict[tuple[float | None, float | None], DataValidation] = {}

    matrix_rows = rows(doc)
    for r, row in enumerate(matrix_rows, start=2):
        for key in ALL_COLUMNS:
            cell = put(ws.cell(r, col[key]), row.values[key])
            cell.alignment = WRAP if key in WRAP_COLUMNS else TOP
            if key in SUPPLIER_COLUMNS:
                supplier_cell(cell)
                fields[(ws.title, r, col[key])] = ("matrix", row.requirement.key, key)
        answer = ws.cell(r, col["answer"])
        req = row.requirement
        if req.answer_type == "yes_no":
            yes_no_rule.add(answer)
        elif req.answer_type == "number":
            bounds = (req.answer_min, req.answer_max)
            if bounds not in number_rules:
                number_rules[bounds] = _number_rule(lang, *bounds)
            number_rules[bounds].add(answer)
    for rule in (yes_no_rule, *number_rules.values()):
        if rule.sqref:
            ws.add_data_validation(rule)

    last = get_column_letter(len(ALL_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{len(matrix_rows) + 1}"
    ws.freeze_panes = "B2"
    ws.print_title_rows = "1:1"
    print_setup(ws, doc, landscape=True)
    protect(ws)


def instructions_sheet(ws: Worksheet, doc: TenderDocument, fields: Fields) -> None:
    """The first sheet: the procurement, the supplier's name and organisation number, how to answer."""
    lang = doc.language
    labels = lang_table(LABELS, lang)
    names = lang_table(SHEET_NAMES, lang)
    ws.title = names["instructions"]
    yes, no = yes_no(lang)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    r = 1
    if doc.is_draft:
        put(ws.cell(r, 1), in_language(DRAFT, lang)).font = TITLE
        r += 1
    put(ws.cell(r, 1), doc.title).font = TITLE
    r += 2
    for key, value in (("organisation", doc.organisation), ("title", doc.title), ("reference", doc.reference),
                       ("version", doc.version_label), ("date", doc.date)):
        put(ws.cell(r, 1), labels[key]).font = BOLD
        put(ws.cell(r, 2), value)
        r += 1
    r += 1
    put(ws.cell(r, 1), labels["tender"]).font = BOLD
    r += 1
    for key in ("supplier", "org_number"):
        put(ws.cell(r, 1), labels[key]).font = BOLD
        supplier_cell(ws.cell(r, 2))
        fields[(ws.title, r, 2)] = ("supplier", key)
        r += 1
    r += 1
    put(ws.cell(r, 1), labels["how"]).font = BOLD
    r += 1
    words = {
        "matrix": names["matrix"], "award": names["award"], "price": names["price"],
        "answer": word(COLUMNS, lang, "answer"), "comment": word(COLUMNS, lang, "comment"),
        "docref": word(COLUMNS, lang, "documentation_ref"), "weight": word(COLUMNS, lang, "weight"),
        "min": word(COLUMNS, lang, "min"), "max": word(COLUMNS, lang, "max"), "unit": heading(lang, "unit"),
        "yes": yes, "no": no,
        "must": word(OBLIGATION, lang, "must"), "should": word(OBLIGATION, lang, "should"),
        "rejection": rejection(lang), "scoring": scoring(lang),
        **{f"t_{key}": word(ANSWER_TYPE, lang, key) for key in ("yes_no", "number", "text", "attachment")},
    }
    for number, line in enumerate(lang_table(INSTRUCTIONS, lang), start=1):
        put(ws.cell(r, 1), f"{number}.").alignment = TOP
        put(ws.cell(r, 2), line.format(**words)).alignment = WRAP
        r += 1
    print_setup(ws, doc, landscape=False)
    protect(ws)
