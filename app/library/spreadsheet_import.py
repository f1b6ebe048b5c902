"""Organisation requirements read back from a workbook in the export layout (see spreadsheet.py).

Pure Python (openpyxl): imports nothing from Flask.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import upload_guard
from .workbook import COLUMNS, KINDS, MAX_CELL, MAX_ROWS, OBLIGATIONS, SHEET, TEXT_PARTS, RowError, _error

# ----- import ---------------------------------------------------------------------------------------

@dataclass
class ImportedRequirement:
    """One organisation requirement read from a workbook (not yet validated against the database)."""

    key: str
    category: str
    obligation: str
    weight: int | None
    kind: str
    verification_methods: list[str]
    references: list[str]
    texts: dict[str, dict[str, str]]
    rows: dict[str, int]  # language -> row number
    first_row: int

    def row_for(self, lang: str | None) -> int:
        return self.rows.get(lang or "", self.first_row)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _split_codes(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]


def _weight(value: Any) -> tuple[int | None, bool]:
    """(weight, ok). Blank is (None, True)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            return None, False
    if not number.is_integer() or not 1 <= number <= 100:
        return None, False
    return int(number), True


def _too_long(row: tuple[Any, ...]) -> int | None:
    """The 1-based column of the first cell longer than MAX_CELL characters, if any."""
    for i, value in enumerate(row, start=1):
        if isinstance(value, str) and len(value) > MAX_CELL:
            return i
    return None


def _open_rows(data: bytes) -> tuple[list[tuple[Any, ...]] | None, list[RowError]]:
    from openpyxl import load_workbook  # on first use: start-up does not load openpyxl
    from openpyxl.utils import get_column_letter

    try:  # bounded work: sizes, ratios and honest ZIP headers before openpyxl parses anything
        upload_guard.check_zip(data, upload_guard.XLSX_LIMITS)
    except upload_guard.ZipRefused as refused:
        code = "too_large_file" if refused.code in ("too_large", "unpacked_size", "entry_size", "ratio") else "not_xlsx"
        return None, [_error(None, "", code, reason=upload_guard.describe(refused))]
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML, key and value errors for files that are not xlsx
        return None, [_error(None, "", "not_xlsx")]
    try:
        if SHEET in wb.sheetnames:
            ws = wb[SHEET]
        elif wb.sheetnames:
            ws = wb[wb.sheetnames[0]]
        else:
            return None, [_error(None, "", "no_sheet", sheet=SHEET)]
        rows = []
        for row in ws.iter_rows(values_only=True):
            column = _too_long(row)
            if column is not None:
                return None, [_error(len(rows) + 1, get_column_letter(column), "cell_too_long", max=MAX_CELL)]
            rows.append(tuple(row))
            if len(rows) > MAX_ROWS + 1:
                return None, [_error(None, "", "too_many_rows", max=MAX_ROWS)]
        return rows, []
    except Exception:
        return None, [_error(None, "", "not_xlsx")]
    finally:
        wb.close()


@dataclass(frozen=True)
class _Vocabulary:
    categories: tuple[str, ...]
    methods: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass
class _Row:
    """One non-empty row, its cells read (the requirement-level ones normalised) and its problems."""

    number: int
    text: dict[str, str]
    key: str
    lang: str
    category: str
    obligation: str
    weight: int | None
    weight_ok: bool
    kind: str
    verification_methods: list[str]
    references: list[str]
    errors: list[RowError]

    def bad(self, column: str, code: str, **params: Any) -> None:
        self.errors.append(_error(self.number, column, code, **params))

    def level(self) -> dict[str, Any]:
        """The requirement-level values, which every row of a key must repeat."""
        return {"category": self.category, "obligation": self.obligation, "weight": self.weight, "kind": self.kind,
                "verification_methods": self.verification_methods, "references": self.references}


def _header_errors(header_row: tuple[Any, ...]) -> list[RowError]:
    from openpyxl.utils import get_column_letter

    header = [_text(v).lower() for v in header_row]
    errors = []
    for i, expected in enumerate(COLUMNS):
        found = header[i] if i < len(header) else ""
        if found != expected:
            errors.append(_error(1, get_column_letter(i + 1), "header", expected=expected, found=found))
    return errors


def _parse_row(number: int, values: tuple[Any, ...]) -> _Row | None:
    cells = {name: (values[i] if i < len(values) else None) for i, name in enumerate(COLUMNS)}
    text = {name: _text(v) for name, v in cells.items()}
    if not any(text.values()):
        return None
    weight, weight_ok = _weight(cells["weight"])
    return _Row(number, text, key=text["key"].upper(), lang=text["language"].lower(),
                category=text["category"].upper(), obligation=text["obligation"].lower(), weight=weight,
                weight_ok=weight_ok, kind=text["kind"].lower() or "requirement",
                verification_methods=[m.lower() for m in _split_codes(text["verification_methods"])],
                references=[line.strip() for line in text["references"].split("\n") if line.strip()], errors=[])


def _check_key_and_language(row: _Row, vocabulary: _Vocabulary, seen: dict[tuple[str, str], int]) -> None:
    if not row.key:
        row.bad("key", "missing_key")
    if row.lang not in vocabulary.languages:
        row.bad("language", "bad_language", value=row.text["language"], allowed=", ".join(vocabulary.languages))
    elif row.key:
        if (row.key, row.lang) in seen:
            row.bad("language", "duplicate", key=row.key, language=row.lang, other=seen[(row.key, row.lang)])
        else:
            seen[(row.key, row.lang)] = row.number


def _check_codes(row: _Row, vocabulary: _Vocabulary) -> None:
    """Category, obligation, weight and kind."""
    text = row.text
    if row.category not in vocabulary.categories:
        row.bad("category", "bad_category", value=text["category"], allowed=", ".join(vocabulary.categories))
    if row.obligation not in OBLIGATIONS:
        row.bad("obligation", "bad_obligation", value=text["obligation"])
    if not row.weight_ok:
        row.bad("weight", "bad_weight", value=text["weight"])
    elif row.obligation == "should" and row.weight is None:
        row.bad("weight", "should_without_weight")
    if row.kind not in KINDS:
        row.bad("kind", "bad_kind", value=text["kind"], allowed=", ".join(KINDS))


def _check_content(row: _Row, vocabulary: _Vocabulary) -> None:
    """Verification methods, the texts, and the columns an organisation requirement cannot have."""
    for m in row.verification_methods:
        if m not in vocabulary.methods:
            row.bad("verification_methods", "bad_method", value=m, allowed=", ".join(vocabulary.methods))
    if not row.verification_methods:
        row.bad("verification_methods", "no_method")
    for part in ("title", "requirement"):
        if not row.text[part]:
            row.bad(part, "missing_text", part=part)
    for column in ("applies_when", "countries"):
        if row.text[column]:
            row.bad(column, "not_importable", name=column)
    row.verification_methods = list(dict.fromkeys(row.verification_methods))


def _check_consistent(row: _Row, grouped: dict[str, ImportedRequirement]) -> None:
    """The requirement-level columns as on the key's first row."""
    first = grouped.get(row.key) if row.key else None
    if first is None:
        return
    for column, value in row.level().items():
        if value != getattr(first, column) and not any(e.column == column for e in row.errors):
            row.bad(column, "inconsistent", other=first.first_row, name=column)


def _add(row: _Row, grouped: dict[str, ImportedRequirement]) -> None:
    if row.key not in grouped:
        grouped[row.key] = ImportedRequirement(key=row.key, texts={}, rows={}, first_row=row.number, **row.level())
    requirement = grouped[row.key]
    if row.lang not in requirement.texts:
        requirement.texts[row.lang] = {part: row.text[part] for part in TEXT_PARTS}
        requirement.rows[row.lang] = row.number


def read_org_requirements(
    data: bytes,
    categories: Iterable[str],
    methods: Iterable[str],
    languages: Iterable[str],
) -> tuple[list[ImportedRequirement], list[RowError]]:
    """Organisation requirements from a workbook in the export layout, and every problem found.

    Checks the file and header, then each row: key, language, category, obligation, weight (1-100,
    required for should), kind, verification methods, title and requirement text, duplicated
    key+language, and requirement-level columns that contradict the key's first row."""
    vocabulary = _Vocabulary(tuple(categories), tuple(methods), tuple(languages))
    raw, errors = _open_rows(data)
    if raw is None:
        return [], errors
    if not raw:
        return [], [_error(None, "", "empty")]
    errors = _header_errors(raw[0])
    if errors:
        return [], errors
    seen: dict[tuple[str, str], int] = {}
    grouped: dict[str, ImportedRequirement] = {}
    for number, values in enumerate(raw[1:], start=2):
        row = _parse_row(number, values)
        if row is None:
            continue
        _check_key_and_language(row, vocabulary, seen)
        _check_codes(row, vocabulary)
        _check_content(row, vocabulary)
        _check_consistent(row, grouped)
        errors.extend(row.errors)
        if row.key and row.lang in vocabulary.languages:
            _add(row, grouped)
    if not grouped and not errors:
        errors.append(_error(None, "", "empty"))
    return list(grouped.values()), errors

