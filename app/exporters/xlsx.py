"""XLSX response matrix for tender portals and suppliers (openpyxl), in the document's language.

Sheets, in order: instructions (with yellow fields for the supplier's name and organisation
number), the matrix (one row per requirement, `xlsx_matrix`), the price form (`xlsx_price`), the
award criteria (`xlsx_award`), and a very hidden sheet naming the project, the frozen version and
each requirement's version, which the tender import reads first (app/evaluation/reading.py).
Buyer cells are locked and supplier cells yellow and unlocked; sheet protection has no password:
it prevents accidental edits, it is not a security boundary (the import compares every buyer cell
with the frozen version).

Excel's cell limit: Excel holds at most 32 767 characters (UTF-16 code units) in a cell. openpyxl
silently truncates longer strings, and a file that holds longer strings anyway makes Excel report
the workbook as damaged and truncate it while "repairing". Neither is acceptable for a tender
text, so `render` raises `CellTooLongError` (a ValueError naming each requirement and column) and
the web layer can tell the buyer what to shorten. The Word document, CSV and OCDS JSON have no
such limit; `too_long_cells(doc)` lets callers check first.
Known limit: Excel reads a literal "_xHHHH_" in a string as an escaped character (openpyxl does
not escape it); no requirement text is expected to contain one.

Deterministic: core properties (created/modified) come from `doc.generated_at` and every entry of
the XLSX zip gets the same fixed timestamp, so the same document gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from app.exporters import filenames
from app.exporters.common import FixedTimeZipFile, generated_at, zip_date_time
from app.exporters.document import TenderDocument
from app.exporters.matrix import rows
from app.exporters.xlsx_award import award_sheet
from app.exporters.xlsx_cells import clean, lang_table, protect, put
from app.exporters.xlsx_matrix import SHEET_NAMES, Fields, instructions_sheet, matrix_sheet
from app.exporters.xlsx_price import price_sheet

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CELL_CHARS = 32_767  # Excel's limit, in UTF-16 code units
META_SHEET = "kravbygger"  # very hidden: project, version, requirement versions
META_FORMAT = "kravbygger-response-matrix/1"


__all__ = ["MAX_CELL_CHARS", "MEDIA_TYPE", "META_SHEET", "SHEET_NAMES", "CellTooLongError", "build_workbook",
           "filename", "render", "sheet_names", "too_long_cells"]


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
    return filenames.filename(doc, "matrix", "xlsx")


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


def _meta_sheet(ws: Worksheet, doc: TenderDocument) -> None:
    """Which project and frozen version this matrix answers, and each requirement's version."""
    ws.title = META_SHEET
    ws.sheet_state = "veryHidden"
    put(ws.cell(1, 1), META_FORMAT)
    put(ws.cell(2, 1), "project")
    put(ws.cell(2, 2), doc.project_id)
    put(ws.cell(3, 1), "version")
    put(ws.cell(3, 2), doc.version_label)
    for r, req in enumerate(doc.requirements, start=4):
        put(ws.cell(r, 1), req.key)
        put(ws.cell(r, 2), req.source_version)
    protect(ws)


def _check(doc: TenderDocument) -> None:
    problems = too_long_cells(doc)
    if problems:
        raise CellTooLongError(problems)


def build_workbook(doc: TenderDocument, fields: Fields | None = None) -> Workbook:
    """The workbook, before saving. `fields`, if given, is filled with every cell the supplier
    fills in: (sheet, row, column) -> ("matrix", key, column) | ("price", code) | ("supplier", name)."""
    _check(doc)
    fields = {} if fields is None else fields
    wb = Workbook()
    instructions_sheet(wb.active, doc, fields)
    matrix_sheet(wb.create_sheet(), doc, fields)
    price_sheet(wb.create_sheet(), doc, fields)
    award_sheet(wb.create_sheet(), doc)
    _meta_sheet(wb.create_sheet(), doc)
    wb.active = 0
    moment = generated_at(doc).replace(tzinfo=None, microsecond=0)  # openpyxl takes naive UTC
    props = wb.properties
    props.created = moment
    props.modified = moment
    props.creator = "Kravbygger"
    props.lastModifiedBy = "Kravbygger"
    props.title = clean(doc.title)[:255] or None
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
    """The visible sheets' names in `lang`, in workbook order."""
    names = lang_table(SHEET_NAMES, lang)
    return (names["instructions"], names["matrix"], names["price"], names["award"])
