"""The library as an XLSX workbook for curators, and organisation requirements read back from one.

Pure Python (openpyxl): imports nothing from Flask.

Layout (sheet "Requirements", one row per requirement and language, header in row 1):

    key | version | category | language | obligation | weight | kind | verification_methods |
    title | need | requirement | verification | evidence | guidance | references | applies_when | countries

- `verification_methods`: codes separated by commas ("documentation, demonstration").
- `references`: citation texts, one per line (a line break inside the cell).
- `applies_when`: the condition as compact text (`personal_data = true AND functions includes chat`),
  `countries`: country codes separated by commas. Both are written for national requirements so a
  curator can read them; organisation requirements have neither, and the import refuses a value
  there rather than silently dropping it.
- A second sheet "Codes" lists the category codes, verification methods and kinds a cell may hold.

`library_to_xlsx` writes the active (not retired) national requirements, then any organisation
requirements passed in (plain mappings, see `org_rows`). `read_org_requirements` parses the same
layout: rows are grouped by key into one requirement each; the requirement-level columns
(category, obligation, weight, kind, verification_methods, references) are read from the key's
first row and must not contradict it on its other rows. `version` is informative and is ignored on
import. Errors are collected for every row (row number as Excel shows it, column name, message);
a caller must not save anything when there is one.

Text is written as text: a cell whose text starts with = + - @ is stored as a string with the
quotePrefix style, so it is never run as a formula; control characters XML cannot hold are dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .model import Library, Requirement

SHEET = "Requirements"
CODES_SHEET = "Codes"
COLUMNS = (
    "key", "version", "category", "language", "obligation", "weight", "kind", "verification_methods",
    "title", "need", "requirement", "verification", "evidence", "guidance", "references",
    "applies_when", "countries",
)
TEXT_PARTS = ("title", "need", "requirement", "verification", "evidence", "guidance")
KINDS = ("requirement", "qualification", "contract_condition", "award_criterion")  # which document an item lands in
OBLIGATIONS = ("must", "should")
MAX_ROWS = 5000
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_WIDTHS = {"key": 11, "version": 8, "category": 10, "language": 9, "obligation": 11, "weight": 8, "kind": 18,
           "verification_methods": 26, "title": 36, "need": 50, "requirement": 60, "verification": 45,
           "evidence": 40, "guidance": 50, "references": 32, "applies_when": 40, "countries": 10}
_WRAPPED = frozenset({"title", "need", "requirement", "verification", "evidence", "guidance", "references",
                      "applies_when", "verification_methods"})
_FORMULA_TRIGGERS = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


# ----- export ---------------------------------------------------------------------------------------

def condition_text(condition: Mapping[str, Any] | None) -> str:
    """A condition in compact, readable form: `a = true AND (b includes x OR NOT answered(c))`."""
    if not condition:
        return ""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(v)

    def render(cond: Mapping[str, Any], nested: bool) -> str:
        (op, arg), = cond.items()
        if op in ("all", "any"):
            joined = f" {'AND' if op == 'all' else 'OR'} ".join(render(c, True) for c in arg)
            return f"({joined})" if nested and len(arg) > 1 else joined
        if op == "not":
            return f"NOT {render(arg, True)}"
        if op == "answered":
            return f"answered({arg})"
        if op == "equals":
            return f"{arg['question']} = {value(arg['value'])}"
        if op == "includes":
            return f"{arg['question']} includes {value(arg['value'])}"
        return f"{op}({arg})"

    return render(condition, False)


def national_rows(req: Requirement, languages: Sequence[str]) -> Iterable[dict[str, Any]]:
    common = {
        "key": req.key, "version": req.version, "category": req.category, "obligation": req.obligation,
        "weight": req.weight, "kind": req.kind, "verification_methods": ", ".join(req.verification_methods),
        "references": "\n".join(c.text for c in req.citations), "applies_when": condition_text(req.applies_when),
        "countries": ", ".join(req.countries),
    }
    for lang in languages:
        text = req.texts.get(lang)
        if text is None:
            continue
        yield {**common, "language": lang, **{part: getattr(text, part) for part in TEXT_PARTS}}


def org_rows(requirement: Mapping[str, Any], languages: Sequence[str]) -> Iterable[dict[str, Any]]:
    """Rows for an organisation requirement given as a mapping with key, version, category, kind,
    obligation, weight, verification_methods, references (list of str) and texts {lang: {part: text}}."""
    common = {
        "key": requirement["key"], "version": requirement.get("version"), "category": requirement["category"],
        "obligation": requirement["obligation"], "weight": requirement.get("weight"),
        "kind": requirement.get("kind") or "requirement",
        "verification_methods": ", ".join(requirement.get("verification_methods") or ()),
        "references": "\n".join(requirement.get("references") or ()), "applies_when": "", "countries": "",
    }
    texts = requirement.get("texts") or {}
    for lang in [*languages, *(lang for lang in texts if lang not in languages)]:
        text = texts.get(lang)
        if text and any((text.get(part) or "").strip() for part in TEXT_PARTS):
            yield {**common, "language": lang, **{part: text.get(part) or "" for part in TEXT_PARTS}}


def _write_cell(ws, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = _ILLEGAL.sub("", str(value).replace("\x0b", "\n").replace("\x0c", "\n"))
        cell.value = text
        cell.data_type = "s"  # never a formula, never an error value
        if text.startswith(_FORMULA_TRIGGERS):
            cell.quotePrefix = True
    else:
        cell.value = value


def library_to_xlsx(library: Library, org_requirements: Iterable[Mapping[str, Any]] = (), *,
                    national: bool = True) -> bytes:
    """The active national requirements (unless `national` is false), then `org_requirements` (mappings
    as for `org_rows`), as an XLSX workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    for col, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = bold
    order = {c.code: c.order for c in library.categories}
    active = sorted(library.active(), key=lambda r: (order.get(r.category, 999), r.key)) if national else []
    rows: list[dict[str, Any]] = [row for req in active for row in national_rows(req, library.languages)]
    for requirement in org_requirements:
        rows.extend(org_rows(requirement, library.languages))
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, row in enumerate(rows, start=2):
        for col, name in enumerate(COLUMNS, start=1):
            _write_cell(ws, r, col, row.get(name))
            ws.cell(row=r, column=col).alignment = wrap if name in _WRAPPED else top
    for col, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[name]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(rows) + 1, 2)}"

    codes = wb.create_sheet(CODES_SHEET)
    codes.append(["list", "code", "name (en)"])
    for cell in codes[1]:
        cell.font = bold
    for c in library.categories:
        codes.append(["category", c.code, c.name.get("en", "")])
    methods = sorted({m for r in library.requirements.values() for m in r.verification_methods})
    for m in methods:
        codes.append(["verification_methods", m, m.replace("_", " ")])
    for k in KINDS:
        codes.append(["kind", k, k.replace("_", " ")])
    for o in OBLIGATIONS:
        codes.append(["obligation", o, o])
    for lang in library.languages:
        codes.append(["language", lang, lang])
    for letter, width in (("A", 22), ("B", 22), ("C", 40)):
        codes.column_dimensions[letter].width = width
    codes.freeze_panes = "A2"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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


def _open_rows(data: bytes) -> tuple[list[tuple[Any, ...]] | None, list[RowError]]:
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
            rows.append(tuple(row))
            if len(rows) > MAX_ROWS + 1:
                return None, [_error(None, "", "too_many_rows", max=MAX_ROWS)]
        return rows, []
    except Exception:
        return None, [_error(None, "", "not_xlsx")]
    finally:
        wb.close()


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
    categories, methods, languages = tuple(categories), tuple(methods), tuple(languages)
    raw, errors = _open_rows(data)
    if raw is None:
        return [], errors
    if not raw:
        return [], [_error(None, "", "empty")]
    header = [_text(v).lower() for v in raw[0]]
    for i, expected in enumerate(COLUMNS):
        found = header[i] if i < len(header) else ""
        if found != expected:
            errors.append(_error(1, get_column_letter(i + 1), "header", expected=expected, found=found))
    if errors:
        return [], errors

    seen: dict[tuple[str, str], int] = {}
    grouped: dict[str, ImportedRequirement] = {}
    for number, values in enumerate(raw[1:], start=2):
        cells = {name: (values[i] if i < len(values) else None) for i, name in enumerate(COLUMNS)}
        text = {name: _text(v) for name, v in cells.items()}
        if not any(text.values()):
            continue
        row_errors: list[RowError] = []

        def bad(column: str, code: str, _row=number, _errs=row_errors, **params: Any) -> None:
            _errs.append(_error(_row, column, code, **params))

        key = text["key"].upper()
        if not key:
            bad("key", "missing_key")
        lang = text["language"].lower()
        if lang not in languages:
            bad("language", "bad_language", value=text["language"], allowed=", ".join(languages))
        elif key:
            if (key, lang) in seen:
                bad("language", "duplicate", key=key, language=lang, other=seen[(key, lang)])
            else:
                seen[(key, lang)] = number
        category = text["category"].upper()
        if category not in categories:
            bad("category", "bad_category", value=text["category"], allowed=", ".join(categories))
        obligation = text["obligation"].lower()
        if obligation not in OBLIGATIONS:
            bad("obligation", "bad_obligation", value=text["obligation"])
        weight, weight_ok = _weight(cells["weight"])
        if not weight_ok:
            bad("weight", "bad_weight", value=text["weight"])
        elif obligation == "should" and weight is None:
            bad("weight", "should_without_weight")
        kind = text["kind"].lower() or "requirement"
        if kind not in KINDS:
            bad("kind", "bad_kind", value=text["kind"], allowed=", ".join(KINDS))
        row_methods = [m.lower() for m in _split_codes(text["verification_methods"])]
        unknown = [m for m in row_methods if m not in methods]
        for m in unknown:
            bad("verification_methods", "bad_method", value=m, allowed=", ".join(methods))
        if not row_methods:
            bad("verification_methods", "no_method")
        for part in ("title", "requirement"):
            if not text[part]:
                bad(part, "missing_text", part=part)
        for column in ("applies_when", "countries"):
            if text[column]:
                bad(column, "not_importable", name=column)
        references = [line.strip() for line in text["references"].split("\n") if line.strip()]
        row_methods = list(dict.fromkeys(row_methods))

        if key and key in grouped:
            first = grouped[key]
            mine = {"category": category, "obligation": obligation, "weight": weight, "kind": kind,
                    "verification_methods": row_methods, "references": references}
            for column, value in mine.items():
                if value != getattr(first, column) and not any(e.column == column for e in row_errors):
                    bad(column, "inconsistent", other=first.first_row, name=column)
        errors.extend(row_errors)
        if not key or lang not in languages:
            continue
        if key not in grouped:
            grouped[key] = ImportedRequirement(
                key=key, category=category, obligation=obligation, weight=weight, kind=kind,
                verification_methods=row_methods, references=references, texts={}, rows={}, first_row=number)
        requirement = grouped[key]
        if lang not in requirement.texts:
            requirement.texts[lang] = {part: text[part] for part in TEXT_PARTS}
            requirement.rows[lang] = number
    if not grouped and not errors:
        errors.append(_error(None, "", "empty"))
    return list(grouped.values()), errors
