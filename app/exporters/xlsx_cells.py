"""Cell helpers shared by the response-matrix sheets (matrix, price form, award criteria).

Text is always written as text: every text cell gets data type "s" (an inline string), so a text
that starts with `=`, `+`, `-` or `@` (or tab/CR) is never stored as a formula (formula injection),
and one that reads like an error code (`#N/A`) is not turned into an error value; such cells also
get the quotePrefix style, so Excel keeps them as text if someone edits them. Only `formula`
writes a formula, and only with text the exporter built itself.

XML 1.0 cannot hold most C0 control characters: vertical tab and form feed (Word's manual line
and page breaks when text is pasted) become line breaks, the other invisible controls
(U+0000-U+0008, U+000E-U+001F) are dropped. Tab, line feed and carriage return are kept.
"""

from __future__ import annotations

import re

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.worksheet import Worksheet

from app.exporters.common import is_formula_like
from app.exporters.document import TenderDocument
from app.exporters.vocabulary import DRAFT, in_language

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
BUYER_HEAD = PatternFill("solid", fgColor="D9D9D9")
SUPPLIER_FILL = PatternFill("solid", fgColor="FFF2CC")  # yellow: the supplier fills these in
SUPPLIER_HEAD = PatternFill("solid", fgColor="FFE699")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
OPEN = Protection(locked=False)

# XML 1.0 cannot carry these; vertical tab / form feed are Word's manual line / page breaks.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def clean(text: str) -> str:
    if text.isprintable():  # fast path: no control characters at all
        return text
    return _ILLEGAL.sub("", text.translate(_BREAKS))


def put(cell: Cell, value: str | int | float | None) -> Cell:
    """Write a value; text always as an inline string, never as a formula or error value."""
    if value is None:
        return cell
    if isinstance(value, str):
        value = clean(value)
        cell.value = value
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def formula(cell: Cell, text: str) -> Cell:
    """A formula the exporter wrote (never user text): locked, like every buyer cell."""
    cell.value = text
    cell.data_type = "f"
    return cell


def supplier_cell(cell: Cell) -> Cell:
    """A cell the supplier fills in: yellow and unlocked."""
    cell.protection = OPEN
    cell.fill = SUPPLIER_FILL
    return cell


def lang_table(table: dict, lang: str) -> dict:
    return in_language(table, lang)


def header(ws: Worksheet, row: int, texts: tuple[str, ...] | list[str], *, supplier: frozenset[int] = frozenset()) -> None:
    for c, text in enumerate(texts, start=1):
        cell = put(ws.cell(row, c), text)
        cell.font = BOLD
        cell.alignment = WRAP
        cell.fill = SUPPLIER_HEAD if c in supplier else BUYER_HEAD


def print_setup(ws: Worksheet, doc: TenderDocument, *, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = f"{doc.reference} v{doc.version_label}".replace("&", "&&")
    ws.oddFooter.right.text = "&P / &N"
    if doc.is_draft:
        ws.oddHeader.center.text = in_language(DRAFT, doc.language)


def protect(ws: Worksheet) -> None:
    """Sheet protection without a password: it prevents accidental edits, it is not a security
    boundary (the import checks every buyer cell against the frozen version)."""
    ws.protection.sheet = True
    # What suppliers may still do on a protected sheet (False = allowed).
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
