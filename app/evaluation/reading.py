"""Reading a supplier's filled response matrix, checked against the frozen version it answers.

The file is taken whole or not at all: `read_tender` returns a `ParsedTender` or raises
`TenderRejected` with every problem found (per row where there is one). Nothing the supplier could
change is trusted: the workbook is rebuilt from the frozen document (`xlsx.build_workbook`) and
every locked buyer cell of the upload must hold the same value, so a changed requirement, weight
or price formula is reported, never used; prices are recomputed from the unit prices; a formula in
an answer cell is refused. The workbook is read with openpyxl in read-only mode, after
`safety.check_xlsx_container`, and no cell may be longer than Excel allows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.evaluation.problems import Problem, TenderRejected
from app.evaluation.safety import MAX_CELL_CHARS, UnsafeFile, check_xlsx_container
from app.exporters import xlsx
from app.exporters.document import DocRequirement, TenderDocument
from app.exporters.matrix import ALL_COLUMNS, heading
from app.exporters.vocabulary import YES_NO
from app.exporters.xlsx_price import evaluated_total, priced_lines

YES_WORDS = {w[0].casefold() for w in YES_NO.values()}
NO_WORDS = {w[1].casefold() for w in YES_NO.values()}
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


@dataclass
class ParsedTender:
    supplier_name: str
    org_number: str
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> {answer, comment, ref}
    prices: dict[str, float] = field(default_factory=dict)  # price line code -> unit price
    price_total: float | None = None
    must_failures: list[str] = field(default_factory=list)


def check_xlsx_or_reject(data: bytes) -> None:
    try:
        check_xlsx_container(data)
    except UnsafeFile as exc:
        raise TenderRejected([Problem(exc.code, detail=exc.detail)]) from exc


def _open(data: bytes):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise TenderRejected([Problem("not_xlsx", detail=type(exc).__name__)]) from exc


def _meta(wb) -> tuple[int | None, str, list[tuple[str, Any]]]:
    if xlsx.META_SHEET not in wb.sheetnames:
        raise TenderRejected([Problem("not_our_matrix")])
    values = [tuple(row[:2]) for row in wb[xlsx.META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True)]
    if not values or values[0][0] != xlsx.META_FORMAT or len(values) < 3:
        raise TenderRejected([Problem("not_our_matrix")])
    project = values[1][1]
    return (project if isinstance(project, int) else None), str(values[2][1] or ""), values[3:]


def read_tender(data: bytes, doc: TenderDocument, *, project_id: int) -> ParsedTender:
    """The tender in `data`, which must answer `doc` (the frozen version of project `project_id`)."""
    check_xlsx_or_reject(data)
    wb = _open(data)
    try:
        project, label, requirement_versions = _meta(wb)
        if project != project_id:
            raise TenderRejected([Problem("wrong_project", detail=str(project))])
        if label != doc.version_label:
            raise TenderRejected([Problem("wrong_version", detail=label)])
        if [(str(k), v) for k, v in requirement_versions] != [(r.key, r.source_version) for r in doc.requirements]:
            raise TenderRejected([Problem("requirements_changed")])
        fields: dict[tuple[str, int, int], tuple[str, ...]] = {}
        expected = xlsx.build_workbook(doc, fields)
        problems: list[Problem] = []
        filled: dict[tuple[str, ...], Any] = {}
        for ws in expected.worksheets:
            if ws.title == xlsx.META_SHEET:
                continue
            if ws.title not in wb.sheetnames:
                problems.append(Problem("sheet_missing", sheet=ws.title))
                continue
            _compare_sheet(ws, wb[ws.title], fields, doc, problems, filled)
    finally:
        wb.close()
    if problems:
        raise TenderRejected(problems)
    return _interpret(doc, filled)


def _cells(ws) -> Iterator[tuple[int, int, Any, str]]:
    ws.reset_dimensions()  # never trust the file's own <dimension>
    for row in ws.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            if value is not None and value != "":
                yield cell.row, cell.column, value, getattr(cell, "data_type", "n")


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(actual, int | float) and not isinstance(actual, bool) and float(expected) == float(actual)
    if isinstance(expected, str) and expected.startswith("=") and isinstance(actual, str):
        return re.sub(r"\s|\$", "", expected).upper() == re.sub(r"\s|\$", "", actual).upper()
    return isinstance(actual, str) and expected.replace("\r\n", "\n") == actual.replace("\r\n", "\n")


def _where(title: str, row: int, column: int, doc: TenderDocument, row_keys: dict[tuple[str, int], str]
           ) -> tuple[str, str]:
    """(requirement key, column heading or cell address) of a cell, for messages."""
    key = row_keys.get((title, row), "")
    if key and column <= len(ALL_COLUMNS):
        return key, heading(doc.language, ALL_COLUMNS[column - 1])
    return key, f"{get_column_letter(column)}{row}"


def _compare_sheet(expected_ws, actual_ws, fields, doc: TenderDocument, problems: list[Problem],
                   filled: dict[tuple[str, ...], Any]) -> None:
    title = expected_ws.title
    row_keys = {(t, r): m[1] for (t, r, _c), m in fields.items() if m[0] == "matrix"}
    locked = {(c.row, c.column): c.value for c in expected_ws._cells.values()
              if c.value is not None and (expected_ws.title, c.row, c.column) not in fields}
    seen: set[tuple[int, int]] = set()
    for row, column, value, data_type in _cells(actual_ws):
        key, col_name = _where(title, row, column, doc, row_keys)
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            problems.append(Problem("cell_too_long", title, row, key, col_name))
            continue
        meaning = fields.get((title, row, column))
        if meaning is not None:
            if data_type == "f" or (isinstance(value, str) and value.startswith("=") and len(value) > 1
                                    and data_type != "s"):
                problems.append(Problem("formula", title, row, meaning[1], col_name))
            else:
                filled[meaning] = value
            continue
        seen.add((row, column))
        if (row, column) not in locked or not _same(locked[(row, column)], value):
            problems.append(Problem("buyer_cell_changed", title, row, key, col_name))
    for (row, column) in sorted(set(locked) - seen):
        key, col_name = _where(title, row, column, doc, row_keys)
        problems.append(Problem("buyer_cell_changed", title, row, key, col_name))


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    return float(text.replace(",", ".")) if _NUMBER.match(text) else None


def _answer(req: DocRequirement, value: Any, problems: list[Problem], row_key: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if req.answer_type == "yes_no":
        word = str(value).strip().casefold()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        problems.append(Problem("yes_no", key=row_key, detail=str(value)[:40]))
        return None
    if req.answer_type == "number":
        number = _number(value)
        if number is None:
            problems.append(Problem("not_a_number", key=row_key, detail=str(value)[:40]))
        return number
    return str(value).strip()


def _meets(req: DocRequirement, answer: Any) -> bool:
    """Whether a must-requirement's answer meets it (a missing answer never does)."""
    if answer is None:
        return False
    if req.answer_type == "yes_no":
        expected = req.answer_expected if isinstance(req.answer_expected, bool) else True
        return answer is expected
    if req.answer_type == "number":
        low, high = req.answer_min, req.answer_max
        return (low is None or answer >= low) and (high is None or answer <= high)
    return True


def _interpret(doc: TenderDocument, filled: dict[tuple[str, ...], Any]) -> ParsedTender:
    problems: list[Problem] = []
    tender = ParsedTender(supplier_name=str(filled.get(("supplier", "supplier"), "") or "").strip(),
                          org_number=str(filled.get(("supplier", "org_number"), "") or "").strip())
    for req in doc.requirements:
        answer = _answer(req, filled.get(("matrix", req.key, "answer")), problems, req.key)
        comment = str(filled.get(("matrix", req.key, "comment")) or "").strip()
        ref = str(filled.get(("matrix", req.key, "documentation_ref")) or "").strip()
        tender.answers[req.key] = {"answer": answer, "comment": comment, "ref": ref}
        if req.obligation == "must" and not _meets(req, answer):
            tender.must_failures.append(req.key)
    if doc.price_form is not None and doc.price_form.lines:
        for line in priced_lines(doc.price_form):
            value = filled.get(("price", line.code))
            number = None if value is None else _number(value)
            if number is None or number < 0:
                problems.append(Problem("price_missing" if value is None else "price_invalid", key=line.label))
            else:
                tender.prices[line.code] = number
        if not problems:
            tender.price_total = round(evaluated_total(doc.price_form, tender.prices), 2)
    if problems:
        raise TenderRejected(problems)
    return tender
