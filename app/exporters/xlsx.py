"""XLSX response matrix for tender portals (openpyxl), in the document's language.

Three sheets: the matrix (one row per requirement), instructions on how to answer, and the award
criteria with their weights. In the matrix the buyer's columns are locked and the supplier's
columns (answer, comment, documentation reference) are unlocked; sheet protection is on without a
password: it prevents accidental edits, it is not a security boundary. Yes/no answers get a
drop-down with the language's yes/no words, number answers decimal validation with the
requirement's min/max. The header row is frozen and filterable.

Text is always written as text:
- every text cell gets data type "s" (an inline string), so a requirement that starts with
  `=`, `+`, `-` or `@` (or tab/CR) is never stored as a formula (formula injection), and one that
  reads like an error code (`#N/A`) is not turned into an error value;
- such cells also get the quotePrefix style, so Excel keeps them as text if someone edits them.

Excel's cell limit: Excel holds at most 32 767 characters (UTF-16 code units) in a cell. openpyxl
silently truncates longer strings, and a file that holds longer strings anyway makes Excel report
the workbook as damaged and truncate it while "repairing". Neither is acceptable for a tender
text, so `render` raises `CellTooLongError` (a ValueError naming each requirement and column) and
the web layer can tell the buyer what to shorten. The Word document, CSV and OCDS JSON have no
such limit; `too_long_cells(doc)` lets callers check first.

XML 1.0 cannot hold most C0 control characters: vertical tab and form feed (Word's manual line
and page breaks when text is pasted) become line breaks, the other invisible controls
(U+0000-U+0008, U+000E-U+001F) are dropped. Tab, line feed and carriage return are kept.
Known limit: Excel reads a literal "_xHHHH_" in a string as an escaped character (openpyxl does
not escape it); no requirement text is expected to contain one.

Deterministic: core properties (created/modified) come from `doc.generated_at` and every entry of
the XLSX zip gets the same fixed timestamp, so the same document gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from app.exporters.common import FixedTimeZipFile, file_stem, generated_at, is_formula_like, zip_date_time
from app.exporters.document import TenderDocument
from app.exporters.matrix import (
    ALL_COLUMNS,
    SUPPLIER_COLUMNS,
    format_number,
    heading,
    rows,
    yes_no,
)
from app.exporters.vocabulary import ANSWER_TYPE, COLUMNS, DRAFT, OBLIGATION, word

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CELL_CHARS = 32_767  # Excel's limit, in UTF-16 code units

_PREFIX = {"nb": "svarskjema", "nn": "svarskjema", "sv": "svarsformular", "en": "response-matrix"}

SHEET_NAMES = {
    "nb": {"matrix": "Svarskjema", "instructions": "Veiledning", "award": "Tildelingskriterier"},
    "nn": {"matrix": "Svarskjema", "instructions": "Rettleiing", "award": "Tildelingskriterium"},
    "sv": {"matrix": "Svarsformulär", "instructions": "Instruktioner", "award": "Tilldelningskriterier"},
    "en": {"matrix": "Response matrix", "instructions": "Instructions", "award": "Award criteria"},
}

_LABELS = {
    "nb": {"organisation": "Oppdragsgiver", "title": "Anskaffelse", "reference": "Referanse",
           "version": "Versjon", "date": "Dato", "how": "Slik svarer du",
           "criterion": "Tildelingskriterium", "weight_pct": "Vekt (%)", "total": "Sum",
           "should_weights": "Vekting av bør-krav (relativ vekt innenfor tildelingskriteriet)",
           "req_title": "Krav", "invalid": "Ugyldig svar", "choose": "Velg {yes} eller {no}.",
           "number": "Svaret må være et tall{range}.", "between": " mellom {min} og {max}",
           "at_least": " på minst {min}", "at_most": " på høyst {max}"},
    "nn": {"organisation": "Oppdragsgivar", "title": "Anskaffing", "reference": "Referanse",
           "version": "Versjon", "date": "Dato", "how": "Slik svarer du",
           "criterion": "Tildelingskriterium", "weight_pct": "Vekt (%)", "total": "Sum",
           "should_weights": "Vekting av bør-krav (relativ vekt innanfor tildelingskriteriet)",
           "req_title": "Krav", "invalid": "Ugyldig svar", "choose": "Vel {yes} eller {no}.",
           "number": "Svaret må vere eit tal{range}.", "between": " mellom {min} og {max}",
           "at_least": " på minst {min}", "at_most": " på høgst {max}"},
    "sv": {"organisation": "Upphandlande myndighet", "title": "Upphandling", "reference": "Diarienummer",
           "version": "Version", "date": "Datum", "how": "Så besvarar du formuläret",
           "criterion": "Tilldelningskriterium", "weight_pct": "Vikt (%)", "total": "Summa",
           "should_weights": "Viktning av bör-krav (relativ vikt inom tilldelningskriteriet)",
           "req_title": "Krav", "invalid": "Ogiltigt svar", "choose": "Välj {yes} eller {no}.",
           "number": "Svaret måste vara ett tal{range}.", "between": " mellan {min} och {max}",
           "at_least": " på minst {min}", "at_most": " på högst {max}"},
    "en": {"organisation": "Contracting authority", "title": "Procurement", "reference": "Reference",
           "version": "Version", "date": "Date", "how": "How to answer",
           "criterion": "Award criterion", "weight_pct": "Weight (%)", "total": "Total",
           "should_weights": "Weighting of SHOULD requirements (relative weight within the award criterion)",
           "req_title": "Requirement", "invalid": "Invalid answer", "choose": "Choose {yes} or {no}.",
           "number": "The answer must be a number{range}.", "between": " between {min} and {max}",
           "at_least": " of at least {min}", "at_most": " of at most {max}"},
}

_INSTRUCTIONS = {
    "nb": (
        "Svar på hvert krav i arket «{matrix}». Fyll bare ut de gule kolonnene «{answer}», «{comment}» og "
        "«{docref}». De andre kolonnene er låst.",
        "Svartype «{t_yes_no}»: velg {yes} eller {no} i nedtrekkslisten.",
        "Svartype «{t_number}»: skriv et tall. Har kravet «{min}» og/eller «{max}», må svaret ligge innenfor "
        "grensene; enheten står i kolonnen «{unit}».",
        "Svartype «{t_text}»: beskriv kort hvordan løsningen oppfyller kravet.",
        "Svartype «{t_attachment}»: legg ved dokumentasjonen og oppgi filnavn og side eller avsnitt i «{docref}».",
        "{must}-krav er minstekrav: et tilbud som ikke oppfyller et {must}-krav, kan bli avvist.",
        "{should}-krav blir evaluert under tildelingskriteriene. Vekten står i kolonnen «{weight}» og i arket "
        "«{award}».",
        "Ikke endre rekkefølgen, ID-ene eller kravtekstene. Ved motstrid gjelder kravspesifikasjonen.",
    ),
    "nn": (
        "Svar på kvart krav i arket «{matrix}». Fyll berre ut dei gule kolonnane «{answer}», «{comment}» og "
        "«{docref}». Dei andre kolonnane er låste.",
        "Svartype «{t_yes_no}»: vel {yes} eller {no} i nedtrekkslista.",
        "Svartype «{t_number}»: skriv eit tal. Har kravet «{min}» og/eller «{max}», må svaret liggje innanfor "
        "grensene; eininga står i kolonnen «{unit}».",
        "Svartype «{t_text}»: beskriv kort korleis løysinga oppfyller kravet.",
        "Svartype «{t_attachment}»: legg ved dokumentasjonen og oppgi filnamn og side eller avsnitt i «{docref}».",
        "{must}-krav er minstekrav: eit tilbod som ikkje oppfyller eit {must}-krav, kan bli avvist.",
        "{should}-krav blir evaluerte under tildelingskriteria. Vekta står i kolonnen «{weight}» og i arket "
        "«{award}».",
        "Ikkje endre rekkjefølgja, ID-ane eller kravtekstane. Ved motstrid gjeld kravspesifikasjonen.",
    ),
    "sv": (
        "Besvara varje krav i bladet ”{matrix}”. Fyll bara i de gula kolumnerna ”{answer}”, ”{comment}” och "
        "”{docref}”. Övriga kolumner är låsta.",
        "Svarstyp ”{t_yes_no}”: välj {yes} eller {no} i listrutan.",
        "Svarstyp ”{t_number}”: skriv ett tal. Har kravet ”{min}” och/eller ”{max}” ska svaret ligga inom "
        "gränserna; enheten står i kolumnen ”{unit}”.",
        "Svarstyp ”{t_text}”: beskriv kort hur lösningen uppfyller kravet.",
        "Svarstyp ”{t_attachment}”: bifoga dokumentationen och ange filnamn och sida eller avsnitt i ”{docref}”.",
        "{must}-krav är obligatoriska: ett anbud som inte uppfyller ett {must}-krav kan förkastas.",
        "{should}-krav utvärderas inom tilldelningskriterierna. Vikten står i kolumnen ”{weight}” och i bladet "
        "”{award}”.",
        "Ändra inte ordningen, ID:n eller kravtexterna. Vid motstridighet gäller kravspecifikationen.",
    ),
    "en": (
        "Answer every requirement in the sheet “{matrix}”. Fill in only the yellow columns “{answer}”, "
        "“{comment}” and “{docref}”. The other columns are locked.",
        "Answer type “{t_yes_no}”: choose {yes} or {no} from the drop-down list.",
        "Answer type “{t_number}”: enter a number. Where the requirement has a “{min}” and/or “{max}”, the "
        "answer must lie within them; the unit is in the column “{unit}”.",
        "Answer type “{t_text}”: describe briefly how the solution meets the requirement.",
        "Answer type “{t_attachment}”: attach the documentation and give its file name and page or section "
        "in “{docref}”.",
        "{must} requirements are mandatory: a tender that does not meet a {must} requirement may be rejected.",
        "{should} requirements are evaluated under the award criteria. Their weight is in the column "
        "“{weight}” and in the sheet “{award}”.",
        "Do not change the order, the IDs or the requirement texts. In case of conflict the requirement "
        "specification prevails.",
    ),
}

_WIDTHS = {"id": 12, "category": 20, "requirement": 60, "obligation": 10, "answer_type": 12, "expected": 14,
           "min": 9, "max": 9, "unit": 10, "weight": 8, "evidence": 36, "answer": 18, "comment": 40,
           "documentation_ref": 30}
_WRAP_COLUMNS = {"category", "requirement", "evidence", "comment", "documentation_ref"}

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_BUYER_HEAD = PatternFill("solid", fgColor="D9D9D9")
_SUPPLIER_FILL = PatternFill("solid", fgColor="FFF2CC")
_SUPPLIER_HEAD = PatternFill("solid", fgColor="FFE699")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_OPEN = Protection(locked=False)

# XML 1.0 cannot carry these; vertical tab / form feed are Word's manual line / page breaks.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f]")


class CellTooLongError(ValueError):
    """Some text is longer than Excel can hold in one cell.

    `problems` lists (requirement key, column key, length in UTF-16 code units); `limit` is
    MAX_CELL_CHARS. The message is English, for logs; the web layer can build its own from these.
    """

    def __init__(self, problems: list[tuple[str, str, int]]) -> None:
        self.problems = problems
        self.limit = MAX_CELL_CHARS
        detail = ", ".join(f"{key} ({column}: {length} characters)" for key, column, length in problems)
        super().__init__(f"Text too long for an Excel cell (max {MAX_CELL_CHARS} characters): {detail}. "
                         "Shorten the requirement; the Word document, CSV and OCDS exports are not limited.")


def filename(doc: TenderDocument) -> str:
    return file_stem(doc, _PREFIX.get(doc.language, _PREFIX["en"])) + ".xlsx"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def too_long_cells(doc: TenderDocument) -> list[tuple[str, str, int]]:
    """(requirement key, column, length) for every matrix cell longer than Excel allows."""
    problems = []
    for row in rows(doc):
        for column, value in row.values.items():
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS // 2 and _utf16_len(value) > MAX_CELL_CHARS:
                problems.append((row.requirement.key, column, _utf16_len(value)))
    return problems


def _clean(text: str) -> str:
    if text.isprintable():  # fast path: no control characters at all
        return text
    return _ILLEGAL.sub("", text.translate(_BREAKS))


def _put(cell: Cell, value: str | int | float | None) -> Cell:
    """Write a value; text always as an inline string, never as a formula or error value."""
    if value is None:
        return cell
    if isinstance(value, str):
        value = _clean(value)
        cell.value = value
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _lang_table(table: dict, lang: str) -> dict:
    return table.get(lang, table["en"])


def _print_setup(ws: Worksheet, doc: TenderDocument, *, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = f"{doc.reference} v{doc.version_label}".replace("&", "&&")
    ws.oddFooter.right.text = "&P / &N"
    if doc.is_draft:
        ws.oddHeader.center.text = DRAFT.get(doc.language, DRAFT["en"])


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    # What suppliers may still do on a protected sheet (False = allowed).
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _number_rule(lang: str, low: float | None, high: float | None) -> DataValidation:
    labels = _lang_table(_LABELS, lang)
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


def _matrix_sheet(ws: Worksheet, doc: TenderDocument) -> None:
    lang = doc.language
    ws.title = _lang_table(SHEET_NAMES, lang)["matrix"]
    col = {key: i + 1 for i, key in enumerate(ALL_COLUMNS)}
    for key, index in col.items():
        cell = _put(ws.cell(1, index), heading(lang, key))
        cell.font = _BOLD
        cell.alignment = _WRAP
        cell.fill = _SUPPLIER_HEAD if key in SUPPLIER_COLUMNS else _BUYER_HEAD
        ws.column_dimensions[get_column_letter(index)].width = _WIDTHS[key]

    yes, no = yes_no(lang)
    labels = _lang_table(_LABELS, lang)
    yes_no_rule = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True,
                                 showErrorMessage=True, errorTitle=labels["invalid"],
                                 error=labels["choose"].format(yes=yes, no=no))
    number_rules: dict[tuple[float | None, float | None], DataValidation] = {}

    matrix_rows = rows(doc)
    for r, row in enumerate(matrix_rows, start=2):
        for key in ALL_COLUMNS:
            cell = _put(ws.cell(r, col[key]), row.values[key])
            cell.alignment = _WRAP if key in _WRAP_COLUMNS else _TOP
            if key in SUPPLIER_COLUMNS:
                cell.protection = _OPEN
                cell.fill = _SUPPLIER_FILL
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
    _print_setup(ws, doc, landscape=True)
    _protect(ws)


def _instructions_sheet(ws: Worksheet, doc: TenderDocument) -> None:
    lang = doc.language
    labels = _lang_table(_LABELS, lang)
    names = _lang_table(SHEET_NAMES, lang)
    ws.title = names["instructions"]
    yes, no = yes_no(lang)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    r = 1
    if doc.is_draft:
        _put(ws.cell(r, 1), DRAFT.get(lang, DRAFT["en"])).font = _TITLE
        r += 1
    _put(ws.cell(r, 1), doc.title).font = _TITLE
    r += 2
    for key, value in (("organisation", doc.organisation), ("title", doc.title), ("reference", doc.reference),
                       ("version", doc.version_label), ("date", doc.date)):
        _put(ws.cell(r, 1), labels[key]).font = _BOLD
        _put(ws.cell(r, 2), value)
        r += 1
    r += 1
    _put(ws.cell(r, 1), labels["how"]).font = _BOLD
    r += 1
    words = {
        "matrix": names["matrix"], "award": names["award"],
        "answer": word(COLUMNS, lang, "answer"), "comment": word(COLUMNS, lang, "comment"),
        "docref": word(COLUMNS, lang, "documentation_ref"), "weight": word(COLUMNS, lang, "weight"),
        "min": word(COLUMNS, lang, "min"), "max": word(COLUMNS, lang, "max"), "unit": heading(lang, "unit"),
        "yes": yes, "no": no,
        "must": word(OBLIGATION, lang, "must"), "should": word(OBLIGATION, lang, "should"),
        **{f"t_{key}": word(ANSWER_TYPE, lang, key) for key in ("yes_no", "number", "text", "attachment")},
    }
    for number, line in enumerate(_lang_table(_INSTRUCTIONS, lang), start=1):
        _put(ws.cell(r, 1), f"{number}.").alignment = _TOP
        _put(ws.cell(r, 2), line.format(**words)).alignment = _WRAP
        r += 1
    _print_setup(ws, doc, landscape=False)
    _protect(ws)


def _award_sheet(ws: Worksheet, doc: TenderDocument) -> None:
    lang = doc.language
    labels = _lang_table(_LABELS, lang)
    ws.title = _lang_table(SHEET_NAMES, lang)["award"]
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 12
    for c, text in enumerate((labels["criterion"], labels["weight_pct"]), start=1):
        cell = _put(ws.cell(1, c), text)
        cell.font = _BOLD
        cell.fill = _BUYER_HEAD
    r = 2
    for criterion in doc.award_criteria:
        _put(ws.cell(r, 1), criterion.name)
        _put(ws.cell(r, 2), criterion.weight)
        r += 1
    _put(ws.cell(r, 1), labels["total"]).font = _BOLD
    _put(ws.cell(r, 2), sum(c.weight for c in doc.award_criteria)).font = _BOLD  # a value, not a formula
    r += 2
    weighted = [req for req in doc.requirements if req.obligation == "should"]
    if weighted:
        _put(ws.cell(r, 1), labels["should_weights"]).font = _BOLD
        r += 1
        for c, text in enumerate((word(COLUMNS, lang, "id"), labels["req_title"], word(COLUMNS, lang, "weight")),
                                 start=1):
            cell = _put(ws.cell(r, c), text)
            cell.font = _BOLD
            cell.fill = _BUYER_HEAD
        r += 1
        for req in weighted:
            _put(ws.cell(r, 1), req.key)
            _put(ws.cell(r, 2), req.title).alignment = _WRAP
            _put(ws.cell(r, 3), req.weight)
            r += 1
    _print_setup(ws, doc, landscape=False)
    _protect(ws)


def _check(doc: TenderDocument) -> None:
    problems = too_long_cells(doc)
    if problems:
        raise CellTooLongError(problems)


def build_workbook(doc: TenderDocument) -> Workbook:
    """The workbook, before saving (for callers that want to inspect or extend it)."""
    _check(doc)
    wb = Workbook()
    _matrix_sheet(wb.active, doc)
    _instructions_sheet(wb.create_sheet(), doc)
    _award_sheet(wb.create_sheet(), doc)
    wb.active = 0
    moment = generated_at(doc).replace(tzinfo=None, microsecond=0)  # openpyxl takes naive UTC
    props = wb.properties
    props.created = moment
    props.modified = moment
    props.creator = "Kravbygger"
    props.lastModifiedBy = "Kravbygger"
    props.title = _clean(doc.title)[:255] or None
    props.language = doc.language
    return wb


def save(wb: Workbook, doc: TenderDocument) -> bytes:
    """Save without openpyxl's `Workbook.save`, which stamps the current time into
    docProps/core.xml; our zip gives every entry a timestamp derived from the document."""
    buffer = io.BytesIO()
    ExcelWriter(wb, FixedTimeZipFile(buffer, zip_date_time(doc))).save()
    return buffer.getvalue()


def render(doc: TenderDocument) -> bytes:
    """The response matrix as XLSX bytes. Raises CellTooLongError for text Excel cannot hold."""
    return save(build_workbook(doc), doc)


def sheet_names(lang: str) -> Iterable[str]:
    """Matrix, instructions and award-criteria sheet names in `lang` (in workbook order)."""
    names = _lang_table(SHEET_NAMES, lang)
    return (names["matrix"], names["instructions"], names["award"])
