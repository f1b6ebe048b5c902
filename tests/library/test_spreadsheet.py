"""The library as XLSX for curators, and organisation requirements read back (app/library/spreadsheet.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.library import load_library
from app.library.spreadsheet import (
    CODES_SHEET,
    COLUMNS,
    SHEET,
    condition_text,
    library_to_xlsx,
    read_org_requirements,
)
from tests.factories import make_workbook

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("nb", "nn", "sv", "en")
METHODS = ("documentation", "demonstration", "test", "reference_customer", "certificate", "contract_clause")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "requirement_library")


@pytest.fixture(scope="module")
def categories(library):
    return [c.code for c in library.categories]


def local(key="LOK-001", **overrides):
    data = {
        "key": key, "version": 2, "category": "SEC", "kind": "requirement", "obligation": "should", "weight": 20,
        "verification_methods": ["documentation", "test"], "references": ["GDPR art. 32", "ISO/IEC 27001:2022"],
        "texts": {
            "nb": {"title": "Logging", "need": "Kommunen må kunne spore innlogginger.",
                   "requirement": "Løsningen skal logge alle innlogginger i minst 12 måneder.",
                   "verification": "Leverandøren demonstrerer loggen.", "evidence": "Skjermbilder.",
                   "guidance": "Vurder lengre lagringstid for sensitive data."},
            "en": {"title": "Logging", "need": "", "requirement": "The service must log every sign-in for 12 months.",
                   "verification": "", "evidence": "", "guidance": ""},
        },
    }
    data.update(overrides)
    return data


def sheet_rows(data: bytes, sheet: str = SHEET) -> list[tuple]:
    wb = load_workbook(io.BytesIO(data))
    return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]


def workbook(rows: list[list], header=COLUMNS) -> bytes:
    return make_workbook(rows, header, SHEET)


def row(**values) -> list:
    base = {"key": "LOK-001", "category": "SEC", "language": "nb", "obligation": "must", "kind": "requirement",
            "verification_methods": "documentation", "title": "Tittel",
            "requirement": "Løsningen skal logge alle innlogginger i minst 12 måneder."}
    base.update(values)
    return [base.get(c) for c in COLUMNS]


def read(data: bytes, categories):
    return read_org_requirements(data, categories, METHODS, LANGS)


def where(errors):
    return [(e.row, e.column) for e in errors]


# ----- export ---------------------------------------------------------------------------------------

def test_export_has_one_row_per_requirement_and_language(library):
    data = library_to_xlsx(library)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert len(rows) - 1 == sum(len(r.texts) for r in library.active())
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold and ws["Q1"].font.bold
    assert ws.auto_filter.ref == f"A1:Q{len(rows)}"
    assert ws.column_dimensions["K"].width > ws.column_dimensions["B"].width
    assert CODES_SHEET in wb.sheetnames


def test_export_cells_hold_the_library_values(library):
    rows = sheet_rows(library_to_xlsx(library))
    col = {c: i for i, c in enumerate(COLUMNS)}
    req = next(r for r in library.active() if r.applies_when and r.citations)
    mine = [r for r in rows[1:] if r[col["key"]] == req.key]
    assert [r[col["language"]] for r in mine] == [lang for lang in library.languages if lang in req.texts]
    en = next(r for r in mine if r[col["language"]] == "en")
    assert en[col["title"]] == req.texts["en"].title
    assert en[col["requirement"]] == req.texts["en"].requirement
    assert en[col["version"]] == req.version
    assert en[col["verification_methods"]] == ", ".join(req.verification_methods)
    assert en[col["references"]].split("\n") == [c.text for c in req.citations]
    assert en[col["applies_when"]] == condition_text(req.applies_when)


def test_condition_text_is_compact():
    cond = {"all": [{"equals": {"question": "personal_data", "value": True}},
                    {"any": [{"includes": {"question": "functions", "value": "chat"}},
                             {"not": {"answered": "value"}}]}]}
    assert condition_text(cond) == "personal_data = true AND (functions includes chat OR NOT answered(value))"
    assert condition_text(None) == ""


def test_org_requirements_follow_the_national_ones_or_stand_alone(library):
    rows = sheet_rows(library_to_xlsx(library, [local()]))
    assert len(rows) - 1 == sum(len(r.texts) for r in library.active()) + 2
    assert [r[0] for r in rows[-2:]] == ["LOK-001", "LOK-001"]
    only = sheet_rows(library_to_xlsx(library, [local()], national=False))
    assert [(r[0], r[3]) for r in only[1:]] == [("LOK-001", "nb"), ("LOK-001", "en")]


def test_text_that_looks_like_a_formula_stays_text(library):
    evil = local(texts={"nb": {"title": "=HYPERLINK(\"http://x\")", "requirement": "+1 skal\x07 virke"}})
    wb = load_workbook(io.BytesIO(library_to_xlsx(library, [evil], national=False)))
    cell = wb[SHEET]["I2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"
    assert cell.quotePrefix
    assert wb[SHEET]["K2"].value == "+1 skal virke"


# ----- import ---------------------------------------------------------------------------------------

def test_round_trip_gives_the_same_requirements(library, categories):
    data = library_to_xlsx(library, [local(), local("LOK-002", obligation="must", weight=None, kind="qualification")],
                           national=False)
    items, errors = read(data, categories)
    assert errors == []
    assert [i.key for i in items] == ["LOK-001", "LOK-002"]
    first = items[0]
    assert (first.category, first.obligation, first.weight, first.kind) == ("SEC", "should", 20, "requirement")
    assert first.verification_methods == ["documentation", "test"]
    assert first.references == ["GDPR art. 32", "ISO/IEC 27001:2022"]
    assert first.texts["nb"] == local()["texts"]["nb"]
    assert first.texts["en"]["requirement"] == "The service must log every sign-in for 12 months."
    assert first.rows == {"nb": 2, "en": 3}
    assert items[1].kind == "qualification" and items[1].weight is None


def test_the_national_export_reads_back_without_row_errors(library, categories):
    items, errors = read(library_to_xlsx(library), categories)
    # national rows carry conditions and countries, which organisation requirements cannot have
    assert {e.column for e in errors} <= {"applies_when", "countries"}
    assert len(items) == len(library.active())


@pytest.mark.parametrize("data", [b"", b"not a spreadsheet", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_xlsx_is_one_error(data, categories):
    items, errors = read(data, categories)
    assert items == []
    assert [(e.row, e.code) for e in errors] == [(None, "not_xlsx")]
    assert errors[0].message == "The file is not an Excel workbook (.xlsx)."


def test_a_wrong_header_names_the_column(categories):
    header = list(COLUMNS)
    header[4] = "must/should"
    items, errors = read(workbook([row()], header=header), categories)
    assert items == []
    assert where(errors) == [(1, "E")]
    assert errors[0].message == "The header must be 'obligation' here, not 'must/should'."


@pytest.mark.parametrize(("values", "column", "message"), [
    ({"category": "XYZ"}, "category", "Unknown category 'XYZ'; use one of "),
    ({"obligation": "may"}, "obligation", "The obligation must be 'must' or 'should', not 'may'."),
    ({"obligation": "should"}, "weight", "A should-requirement needs a weight from 1 to 100."),
    ({"obligation": "should", "weight": 101}, "weight", "The weight must be a whole number from 1 to 100, not '101'."),
    ({"obligation": "should", "weight": 0}, "weight", "The weight must be a whole number from 1 to 100, not '0'."),
    ({"obligation": "should", "weight": "ten"}, "weight", "The weight must be a whole number from 1 to 100, not 'ten'."),
    ({"obligation": "should", "weight": 2.5}, "weight", "The weight must be a whole number from 1 to 100, not '2.5'."),
    ({"verification_methods": "documentation, telepathy"}, "verification_methods",
     "Unknown verification method 'telepathy'; use one of "),
    ({"verification_methods": ""}, "verification_methods", "Enter at least one verification method."),
    ({"title": ""}, "title", "Enter the title in this language."),
    ({"requirement": "  "}, "requirement", "Enter the requirement in this language."),
    ({"kind": "wish"}, "kind", "Unknown kind 'wish'; use one of "),
    ({"language": "de"}, "language", "Unknown language 'de'; use one of nb, nn, sv, en."),
    ({"key": ""}, "key", "Enter the requirement's key."),
    ({"applies_when": "country = NO"}, "applies_when",
     "Organisation requirements have no applies_when; leave the column empty."),
])
def test_each_row_problem_names_row_and_column(values, column, message, categories):
    good = row(key="LOK-009", language="en", requirement="The service must log sign-ins.")
    items, errors = read(workbook([good, row(**values)]), categories)
    assert where(errors) == [(3, column)]
    assert errors[0].message.startswith(message)


def test_a_duplicated_key_and_language_points_to_the_first_row(categories):
    items, errors = read(workbook([row(), row(language="en"), row(title="Annen")]), categories)
    assert where(errors) == [(4, "language")]
    assert errors[0].message == "Key LOK-001 in language nb is already on row 2."


def test_rows_of_one_key_must_agree_on_requirement_columns(categories):
    items, errors = read(workbook([row(), row(language="en", category="API")]), categories)
    assert where(errors) == [(3, "category")]
    assert "row 2" in errors[0].message


def test_every_bad_row_is_reported_not_only_the_first(categories):
    rows = [row(), row(key="LOK-002", category="NOPE"), [None] * len(COLUMNS),
            row(key="LOK-003", obligation="should", weight=500)]
    items, errors = read(workbook(rows), categories)
    assert where(errors) == [(3, "category"), (5, "weight")]


def test_blank_rows_and_weights_as_text_are_accepted(categories):
    rows = [row(obligation="should", weight="15"), [None] * len(COLUMNS), row(key="lok-002", weight=None)]
    items, errors = read(workbook(rows), categories)
    assert errors == []
    assert [(i.key, i.weight) for i in items] == [("LOK-001", 15), ("LOK-002", None)]


def test_an_empty_workbook_says_so(categories):
    items, errors = read(workbook([]), categories)
    assert [e.code for e in errors] == ["empty"]
