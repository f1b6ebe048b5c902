"""The curators' workbook layout shared by the export (spreadsheet.py) and the import
(spreadsheet_import.py): sheet and column names, the codes a cell may hold, and the import's errors.

Pure Python: imports nothing from Flask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..domain import OBLIGATIONS

__all__ = ["CODES_SHEET", "COLUMNS", "KINDS", "MAX_ROWS", "MEDIA_TYPE", "MESSAGES", "OBLIGATIONS", "SHEET",
           "TEXT_PARTS", "RowError"]

SHEET = "Requirements"
CODES_SHEET = "Codes"
COLUMNS = (
    "key", "version", "category", "language", "obligation", "weight", "kind", "verification_methods",
    "title", "need", "requirement", "verification", "evidence", "guidance", "references",
    "applies_when", "countries",
)
TEXT_PARTS = ("title", "need", "requirement", "verification", "evidence", "guidance")
KINDS = ("requirement", "qualification", "contract_condition", "award_criterion")  # which document an item lands in
MAX_ROWS = 5000
MAX_CELL = 20_000  # characters in one cell; a requirement text is far shorter
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# ----- errors ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded workbook. `row` is the row number Excel shows (None: the whole file).

    `message` is English; `code` and `params` let a caller show it in another language."""

    row: int | None
    column: str
    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


MESSAGES = {
    "not_xlsx": "The file is not an Excel workbook (.xlsx).",
    "no_sheet": "The workbook has no sheet named '{sheet}'.",
    "header": "The header must be '{expected}' here, not '{found}'.",
    "empty": "The workbook has no requirement rows.",
    "too_many_rows": "The workbook has more than {max} rows; split it into several files.",
    "missing_key": "Enter the requirement's key.",
    "bad_language": "Unknown language '{value}'; use one of {allowed}.",
    "duplicate": "Key {key} in language {language} is already on row {other}.",
    "bad_category": "Unknown category '{value}'; use one of {allowed}.",
    "bad_obligation": "The obligation must be 'must' or 'should', not '{value}'.",
    "too_large_file": "The workbook unpacks to too much data to be read safely ({reason}).",
    "cell_too_long": "A cell holds more than {max} characters; shorten it.",
    "should_without_weight": "A should-requirement needs a weight from 1 to 100.",
    "bad_weight": "The weight must be a whole number from 1 to 100, not '{value}'.",
    "bad_kind": "Unknown kind '{value}'; use one of {allowed}.",
    "bad_method": "Unknown verification method '{value}'; use one of {allowed}.",
    "no_method": "Enter at least one verification method.",
    "missing_text": "Enter the {part} in this language.",
    "not_importable": "Organisation requirements have no {name}; leave the column empty.",
    "inconsistent": "Differs from row {other} for the same key; {name} must be the same on every row of a key.",
}


def _error(row: int | None, column: str, code: str, **params: Any) -> RowError:
    return RowError(row, column, code, MESSAGES[code].format(**params), params)
