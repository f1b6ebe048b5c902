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
from typing import Any

from .model import Library, Requirement
from .spreadsheet_import import ImportedRequirement, read_org_requirements
from .workbook import (
    CODES_SHEET,
    COLUMNS,
    KINDS,
    MEDIA_TYPE,
    MESSAGES,
    OBLIGATIONS,
    SHEET,
    TEXT_PARTS,
    RowError,
)

__all__ = ["CODES_SHEET", "COLUMNS", "KINDS", "MEDIA_TYPE", "MESSAGES", "OBLIGATIONS", "SHEET", "TEXT_PARTS",
           "ImportedRequirement", "RowError", "condition_text", "library_to_xlsx", "national_rows", "org_rows",
           "read_org_requirements"]

_WIDTHS = {"key": 11, "version": 8, "category": 10, "language": 9, "obligation": 11, "weight": 8, "kind": 18,
           "verification_methods": 26, "title": 36, "need": 50, "requirement": 60, "verification": 45,
           "evidence": 40, "guidance": 50, "references": 32, "applies_when": 40, "countries": 10}
_WRAPPED = frozenset({"title", "need", "requirement", "verification", "evidence", "guidance", "references",
                      "applies_when", "verification_methods"})
_FORMULA_TRIGGERS = ("=", "+", "-", "@")
# openpyxl is imported by the functions that write a workbook: the services that only need this
# module's vocabulary should not load it at start-up (about 0.2 s).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


def _requirements_sheet(ws, rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.title = SHEET
    bold = Font(bold=True)
    for col, name in enumerate(COLUMNS, start=1):
        ws.cell(row=1, column=col, value=name).font = bold
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


def _codes_sheet(codes, library: Library) -> None:
    from openpyxl.styles import Font

    codes.append(["list", "code", "name (en)"])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    methods = sorted({m for r in library.requirements.values() for m in r.verification_methods})
    rows = ([("category", c.code, c.name.get("en", "")) for c in library.categories]
            + [("verification_methods", m, m.replace("_", " ")) for m in methods]
            + [("kind", k, k.replace("_", " ")) for k in KINDS]
            + [("obligation", o, o) for o in OBLIGATIONS]
            + [("language", lang, lang) for lang in library.languages])
    for row in rows:
        codes.append(list(row))
    for letter, width in (("A", 22), ("B", 22), ("C", 40)):
        codes.column_dimensions[letter].width = width
    codes.freeze_panes = "A2"


def library_to_xlsx(library: Library, org_requirements: Iterable[Mapping[str, Any]] = (), *,
                    national: bool = True) -> bytes:
    """The active national requirements (unless `national` is false), then `org_requirements` (mappings
    as for `org_rows`), as an XLSX workbook."""
    from openpyxl import Workbook

    wb = Workbook()
    order = {c.code: c.order for c in library.categories}
    active = sorted(library.active(), key=lambda r: (order.get(r.category, 999), r.key)) if national else []
    rows: list[dict[str, Any]] = [row for req in active for row in national_rows(req, library.languages)]
    for requirement in org_requirements:
        rows.extend(org_rows(requirement, library.languages))
    _requirements_sheet(wb.active, rows)
    _codes_sheet(wb.create_sheet(CODES_SHEET), library)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


