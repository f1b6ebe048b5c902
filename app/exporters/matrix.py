"""The response matrix: one row per requirement, shared by the XLSX and CSV exporters.

Tender portals publish no import format, but all take a matrix whose rows map to question types
(yes/no, number with min/max, text, file), a mandatory flag and a weight. The columns below are
that matrix: buyer columns first (filled in, locked in the XLSX), then the supplier's columns
(empty, open for the answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.exporters.document import DocRequirement, DocSection, TenderDocument
from app.exporters.vocabulary import ANSWER_TYPE, COLUMNS, OBLIGATION, YES_NO, unit, word

# Column keys in order. Headings come from vocabulary.COLUMNS, except "unit" (below).
BUYER_COLUMNS = ("id", "category", "requirement", "obligation", "answer_type", "expected", "min", "max",
                 "unit", "weight", "evidence")
SUPPLIER_COLUMNS = ("answer", "comment", "documentation_ref")
ALL_COLUMNS = BUYER_COLUMNS + SUPPLIER_COLUMNS
NUMERIC_COLUMNS = frozenset({"min", "max", "weight"})

_UNIT = {"nb": "Enhet", "sv": "Enhet", "en": "Unit"}

Value = str | int | float | None


def heading(lang: str, column: str) -> str:
    """The heading of `column` in the document's language."""
    if column == "unit":
        return _UNIT.get(lang, _UNIT["en"])
    return word(COLUMNS, lang, column)


def headings(lang: str) -> list[str]:
    return [heading(lang, c) for c in ALL_COLUMNS]


@dataclass(frozen=True)
class MatrixRow:
    requirement: DocRequirement
    section: DocSection
    values: dict[str, Value]  # column key -> cell value (None: empty)


def yes_no(lang: str) -> tuple[str, str]:
    return YES_NO.get(lang, YES_NO["en"])


def expected_value(lang: str, value: Any) -> Value:
    """The expected answer as a cell value: booleans become the language's yes/no words."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        yes, no = yes_no(lang)
        return yes if value else no
    if isinstance(value, int | float):
        return value
    return str(value)


def _number(value: Any) -> int | float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def rows(doc: TenderDocument) -> list[MatrixRow]:
    """The matrix rows of `doc`, in document order."""
    lang = doc.language
    out: list[MatrixRow] = []
    for section in doc.sections:
        for req in section.requirements:
            values: dict[str, Value] = {
                "id": req.key,
                "category": section.name or req.category,
                "requirement": req.text,
                "obligation": word(OBLIGATION, lang, req.obligation),
                "answer_type": word(ANSWER_TYPE, lang, req.answer_type),
                "expected": expected_value(lang, req.answer_expected),
                "min": _number(req.answer_min),
                "max": _number(req.answer_max),
                "unit": unit(req.answer_unit, lang) or None,
                "weight": _number(req.weight),
                "evidence": req.evidence or None,
                "answer": None,
                "comment": None,
                "documentation_ref": None,
            }
            out.append(MatrixRow(req, section, values))
    return out


def format_number(value: int | float, *, decimal_comma: bool = False) -> str:
    """A number as text without float noise: 10 -> "10", 99.5 -> "99.5" (or "99,5")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.replace(".", ",") if decimal_comma else text
