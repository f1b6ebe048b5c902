"""XLSX response matrix: columns, rows, words, protection, validation, injection, bad input."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from app.exporters import xlsx
from app.exporters.matrix import ALL_COLUMNS, SUPPLIER_COLUMNS, headings
from tests.factories import make_document, make_portal_document

OBLIGATIONS = {"nb": ("SKAL", "BØR"), "nn": ("SKAL", "BØR"), "sv": ("SKA", "BÖR"), "en": ("MUST", "SHOULD")}
YES_NO = {"nb": ("Ja", "Nei"), "nn": ("Ja", "Nei"), "sv": ("Ja", "Nej"), "en": ("Yes", "No")}
SHEETS = {"nb": ["Veiledning", "Svarskjema", "Prisskjema", "Tildelingskriterier"],
          "nn": ["Rettleiing", "Svarskjema", "Prisskjema", "Tildelingskriterium"],
          "sv": ["Instruktioner", "Svarsformulär", "Prisformulär", "Tilldelningskriterier"],
          "en": ["Instructions", "Response matrix", "Price form", "Award criteria"]}
INSTRUCTIONS, MATRIX, PRICE, AWARD = range(4)
INJECTIONS = ("=cmd|' /C calc'!A0", "=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1", "#N/A",
              "=HYPERLINK(\"http://evil\",\"x\")")
BAD_TEXTS = ('Sitat "slik" og \'slik\'', "a;b,c;;", "linje 1\nlinje 2\r\nlinje 3\rslutt", "Emoji 😀👍🏽 ✅",
             "نص من اليمين إلى اليسار", "עברית\u200f mixed", "\u202eomvendt", "  mellomrom  ",
             "<tag>&amp;</tag>", "y" * xlsx.MAX_CELL_CHARS)


def _book(doc):
    return load_workbook(io.BytesIO(xlsx.render(doc)))


def _col(key):
    return ALL_COLUMNS.index(key) + 1


def _rows_by_id(ws):
    return {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}


@pytest.mark.parametrize("lang", ["nb", "nn", "sv", "en"])
def test_columns_rows_and_words(lang):
    doc = make_portal_document(lang)
    wb = _book(doc)
    assert wb.sheetnames == [*SHEETS[lang], xlsx.META_SHEET]
    assert wb[xlsx.META_SHEET].sheet_state == "veryHidden"
    ws = wb.worksheets[MATRIX]
    assert [c.value for c in ws[1]] == headings(lang)
    assert ws.max_row == len(doc.requirements) + 1 and ws.max_column == len(ALL_COLUMNS)
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == [r.key for r in doc.requirements]
    must, should = OBLIGATIONS[lang]
    obligations = [ws.cell(r, _col("obligation")).value for r in range(2, ws.max_row + 1)]
    assert obligations == [must if r.obligation == "must" else should for r in doc.requirements]
    texts = [ws.cell(r, _col("requirement")).value for r in range(2, ws.max_row + 1)]
    assert texts == [r.text for r in doc.requirements]


def test_values_of_one_row():
    ws = _book(make_portal_document("nb")).worksheets[MATRIX]
    rows = _rows_by_id(ws)
    row = {key: ws.cell(rows["NUM-001"], _col(key)).value for key in ALL_COLUMNS}
    assert row == {"id": "NUM-001", "category": "Tall og vedlegg",
                   "requirement": "Tjenesten skal ha en oppetid på minst 99,5 prosent per måned.",
                   "obligation": "SKAL", "answer_type": "Tall", "expected": None, "min": 99.5, "max": 100,
                   "unit": "%", "weight": None, "evidence": "SLA-dokument.", "answer": None, "comment": None,
                   "documentation_ref": None}
    assert ws.cell(rows["API-001"], _col("expected")).value == "Ja"
    assert ws.cell(rows["KONT-001"], _col("expected")).value == "Nei"
    assert ws.cell(rows["TXT-001"], _col("weight")).value == 15
    assert ws.cell(rows["TXT-001"], _col("answer_type")).value == "Tekst"
    assert ws.cell(rows["DOC-001"], _col("answer_type")).value == "Vedlegg"


def test_protection_locks_buyer_columns_and_opens_supplier_columns():
    wb = _book(make_portal_document("nb"))
    for ws in wb.worksheets:
        assert ws.protection.sheet is True
    ws = wb.worksheets[MATRIX]
    assert ws.protection.autoFilter is False  # filtering stays allowed on the protected sheet
    for r in range(2, ws.max_row + 1):
        for key in ALL_COLUMNS:
            assert ws.cell(r, _col(key)).protection.locked is (key not in SUPPLIER_COLUMNS), (r, key)
    assert all(c.protection.locked for c in ws[1])


def test_freeze_panes_and_filter():
    doc = make_portal_document("nb")
    ws = _book(doc).worksheets[MATRIX]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:N{len(doc.requirements) + 1}"
    assert ws.print_title_rows == "$1:$1"


@pytest.mark.parametrize("lang", ["nb", "nn", "sv", "en"])
def test_yes_no_drop_down(lang):
    doc = make_portal_document(lang)
    ws = _book(doc).worksheets[MATRIX]
    rows = _rows_by_id(ws)
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    yes, no = YES_NO[lang]
    assert lists[0].formula1 == f'"{yes},{no}"'
    assert lists[0].showErrorMessage and lists[0].allowBlank
    covered = {str(c) for c in lists[0].sqref.ranges}
    answer = _col("answer")
    expected = {ws.cell(rows[r.key], answer).coordinate for r in doc.requirements if r.answer_type == "yes_no"}
    assert covered == expected


def test_number_validation_uses_min_and_max():
    doc = make_portal_document("nb")
    ws = _book(doc).worksheets[MATRIX]
    rows = _rows_by_id(ws)
    answer = _col("answer")
    rules = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type == "decimal":
            for cell in dv.sqref.ranges:
                rules[str(cell)] = (dv.operator, dv.formula1, dv.formula2)
    at = {key: ws.cell(rows[key], answer).coordinate for key in ("NUM-001", "NUM-002", "NUM-003", "NUM-004",
                                                                "NUM-005")}
    assert rules[at["NUM-001"]] == ("between", "99.5", "100")
    assert rules[at["NUM-002"]] == ("greaterThanOrEqual", "50", None)
    assert rules[at["NUM-003"]] == ("lessThanOrEqual", "4", None)
    assert rules[at["NUM-004"]] == ("between", "-40.5", "-0.25")
    assert rules[at["NUM-005"]][0] == "between"  # any number
    assert set(rules) == set(at.values())
    messages = {dv.error for dv in ws.data_validations.dataValidation if dv.type == "decimal"}
    assert "Svaret må være et tall mellom 99,5 og 100." in messages


@pytest.mark.parametrize("lang", ["nb", "nn", "sv", "en"])
def test_instructions_and_award_sheets(lang):
    doc = make_portal_document(lang, status="draft")
    wb = _book(doc)
    instructions = "\n".join(str(v) for row in wb.worksheets[INSTRUCTIONS].iter_rows(values_only=True) for v in row if v)
    yes, no = YES_NO[lang]
    must, should = OBLIGATIONS[lang]
    for needle in (yes, no, must, should, doc.title, doc.reference, SHEETS[lang][MATRIX], SHEETS[lang][AWARD], SHEETS[lang][PRICE]):
        assert needle in instructions
    assert instructions.startswith({"nb": "UTKAST", "nn": "UTKAST", "sv": "UTKAST", "en": "DRAFT"}[lang])
    award = list(wb.worksheets[AWARD].iter_rows(values_only=True))
    assert [(r[0], r[1]) for r in award[1:4]] == [(c.name, c.weight) for c in doc.award_criteria]
    assert award[4][1] == 100
    weighted = {r[0]: r[2] for r in award[6:] if r[0] and isinstance(r[2], int)}
    assert weighted == {r.key: r.weight for r in doc.requirements if r.obligation == "should"}


def test_approved_document_has_no_draft_marker():
    wb = _book(make_portal_document("nb", status="approved"))
    assert wb.worksheets[INSTRUCTIONS].cell(1, 1).value != "UTKAST"
    raw = zipfile.ZipFile(io.BytesIO(xlsx.render(make_portal_document("nb", status="draft"))))
    assert b"UTKAST" in raw.read("xl/worksheets/sheet1.xml")  # page header of the draft


def test_injection_strings_are_stored_as_text():
    doc = make_portal_document("nb", texts=INJECTIONS)
    data = xlsx.render(doc)
    ws = load_workbook(io.BytesIO(data)).worksheets[MATRIX]
    rows = _rows_by_id(ws)
    for i, text in enumerate(INJECTIONS, start=1):
        cell = ws.cell(rows[f"BAD-{i:03d}"], _col("requirement"))
        assert cell.data_type == "s" and cell.value == text
        assert cell.quotePrefix is (text[0] in "=+-@\t\r")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formulas anywhere


def test_bad_input_round_trips():
    doc = make_portal_document("sv", texts=BAD_TEXTS)
    ws = _book(doc).worksheets[MATRIX]
    rows = _rows_by_id(ws)
    for i, text in enumerate(BAD_TEXTS, start=1):
        cell = ws.cell(rows[f"BAD-{i:03d}"], _col("requirement"))
        assert cell.data_type == "s"
        assert cell.value == text, i


def test_text_longer_than_excel_allows_raises_a_clear_error():
    doc = make_portal_document("nb", texts=("ok", "z" * 40_000))
    with pytest.raises(xlsx.CellTooLongError) as info:
        xlsx.render(doc)
    assert isinstance(info.value, ValueError)
    assert info.value.problems == [("BAD-002", "requirement", 40_000)]
    assert "BAD-002" in str(info.value) and "32767" in str(info.value)
    assert xlsx.too_long_cells(doc) == [("BAD-002", "requirement", 40_000)]


def test_excel_limit_counts_utf16_units():
    emoji = "😀" * (xlsx.MAX_CELL_CHARS // 2 + 1)  # fewer code points than the limit, more UTF-16 units
    assert len(emoji) < xlsx.MAX_CELL_CHARS
    with pytest.raises(xlsx.CellTooLongError):
        xlsx.render(make_portal_document("nb", texts=(emoji,)))


def test_control_characters_excel_cannot_hold():
    doc = make_portal_document("nb", texts=("linje\x0bny linje\x0cside\x00\x07slutt",))
    ws = _book(doc).worksheets[MATRIX]
    assert ws.cell(_rows_by_id(ws)["BAD-001"], _col("requirement")).value == "linje\nny linje\nsideslutt"


def test_deterministic_bytes_and_timestamps():
    doc = make_portal_document("nb", status="approved")
    first = xlsx.render(doc)
    assert first == xlsx.render(make_portal_document("nb", status="approved"))
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {(2026, 11, 23, 12, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert re.search(r"<dcterms:created[^>]*>2026-11-23T12:00:00Z<", core)
    assert re.search(r"<dcterms:modified[^>]*>2026-11-23T12:00:00Z<", core)
    other = xlsx.render(replace(doc, generated_at="2027-01-02T03:04:06+00:00"))
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(other)).infolist()} == {(2027, 1, 2, 3, 4, 6)}


@pytest.mark.parametrize(("lang", "name"), [("nb", "2026-1234_Svarskjema_v0.1.xlsx"),
                                            ("sv", "2026-1234_Svarsformular_v0.1.xlsx"),
                                            ("en", "2026-1234_Response_matrix_v0.1.xlsx")])
def test_filename(lang, name):
    assert xlsx.filename(make_document(1, lang)) == name
    assert xlsx.MEDIA_TYPE == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_empty_document():
    doc = replace(make_document(0), award_criteria=())
    ws = _book(doc).worksheets[MATRIX]
    assert ws.max_row == 1 and ws.auto_filter.ref == "A1:N1"
