"""Reading a supplier's matrix: the price form sheet, the checks against the frozen version, unsafe files."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.evaluation import safety
from app.evaluation.reading import TenderRejected, read_tender
from app.exporters import xlsx
from app.exporters.xlsx_cells import SUPPLIER_FILL
from app.exporters.xlsx_price import FIRST_LINE_ROW, evaluated_total
from tests.evaluation_helpers import award_document, fill

NB = {"instructions": "Veiledning", "matrix": "Svarskjema", "price": "Prisskjema", "award": "Tildelingskriterier"}


@pytest.fixture(scope="module")
def doc():
    return award_document(12)


def _book(doc):
    return load_workbook(io.BytesIO(xlsx.render(doc)))


def test_first_sheet_has_yellow_unlocked_supplier_name_and_number(doc):
    fields: dict = {}
    xlsx.build_workbook(doc, fields)
    ws = _book(doc).worksheets[0]
    supplier_cells = [(r, c) for (sheet, r, c), meaning in fields.items() if meaning[0] == "supplier"]
    assert len(supplier_cells) == 2 and {s for (s, _r, _c) in fields if fields[(s, _r, _c)][0] == "supplier"} == {ws.title}
    for r, c in supplier_cells:
        cell = ws.cell(r, c)
        assert cell.protection.locked is False and cell.fill.fgColor.rgb.endswith(SUPPLIER_FILL.fgColor.rgb[-6:])
    assert [ws.cell(r, 1).value for r, _c in supplier_cells] == ["Leverandør (navn)", "Organisasjonsnummer"]


def test_price_form_has_volumes_locked_formulas_and_yellow_unit_prices(doc):
    ws = _book(doc)[NB["price"]]
    form = doc.price_form
    rows = list(range(FIRST_LINE_ROW, FIRST_LINE_ROW + len(form.lines)))
    assert [ws.cell(r, 1).value for r in rows] == [line.label for line in form.lines]
    assert ws.cell(rows[0], 3).value == 1200 and ws.cell(rows[0], 4).value == 4
    assert ws.cell(rows[0], 6).value == f"=C{rows[0]}*D{rows[0]}*E{rows[0]}"
    assert ws.cell(rows[2], 6).value == f"=C{rows[2]}*E{rows[2]}"
    assert ws.cell(rows[-1], 6).value == f"=SUMPRODUCT(C{rows[0]}:C{rows[1]},E{rows[0]}:E{rows[1]})*D{rows[-1]}"
    total_row = rows[-1] + 1
    assert ws.cell(total_row, 6).value == f"=SUM(F{rows[0]}:F{rows[-1]})"
    for r in rows:
        assert ws.cell(r, 6).protection.locked is True
        priced = form.lines[r - FIRST_LINE_ROW].kind != "option_years"
        assert ws.cell(r, 5).protection.locked is (not priced)
    assert ws.protection.sheet is True


def test_python_total_matches_the_formulas(doc):
    prices = {"licence:employees": 100, "licence:pupils": 10, "implementation": 5, "training": 7, "exit": 11}
    # licences 4 years + one-offs + licences again for 2 option years
    expected = (100 * 1200 + 10 * 3000) * 4 + 5 + 7 + 11 + (100 * 1200 + 10 * 3000) * 2
    assert evaluated_total(doc.price_form, prices) == expected


def test_libreoffice_computes_the_same_total(doc, tmp_path):
    import shutil
    import subprocess
    if not shutil.which("soffice") or not list(Path("/usr/lib/libreoffice/program").glob("libsclo.so")):
        pytest.skip("LibreOffice Calc not installed")
    src = tmp_path / "filled.xlsx"
    src.write_bytes(fill(doc))
    out = tmp_path / "out"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "xlsx", "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=120)
    ws = load_workbook(out / "filled.xlsx", data_only=True)[NB["price"]]
    total = ws.cell(FIRST_LINE_ROW + len(doc.price_form.lines), 6).value
    parsed = read_tender(fill(doc), doc, project_id=1)
    assert total == pytest.approx(parsed.price_total)
    # and the file LibreOffice saved is still accepted (formulas and locked cells as they were)
    assert read_tender((out / "filled.xlsx").read_bytes(), doc, project_id=1).price_total == parsed.price_total


def test_a_good_file_reads_answers_prices_and_must_failures(doc):
    must = next(r for r in doc.requirements if r.obligation == "must" and r.answer_type == "yes_no")
    tender = read_tender(fill(doc, answers={must.key: "Nei"}), doc, project_id=1)
    assert tender.supplier_name == "Leverandør AS" and tender.must_failures == [must.key]
    assert tender.answers[must.key]["answer"] is False
    assert tender.price_total == evaluated_total(doc.price_form, tender.prices)


def _problems(data, doc, **kwargs):
    with pytest.raises(TenderRejected) as info:
        read_tender(data, doc, project_id=kwargs.get("project_id", 1))
    return info.value.problems


def test_every_changed_buyer_cell_is_reported_with_its_row(doc):
    def edit(wb, names):
        ws = wb[names["matrix"]]
        ws.cell(2, 10).value = 99  # a weight
        ws.cell(4, 3).value = "Annen tekst"
        wb[names["award"]].cell(2, 2).value = 90
    problems = _problems(fill(doc, edit=edit), doc)
    assert {(p.code, p.sheet, p.row) for p in problems} == {
        ("buyer_cell_changed", NB["matrix"], 2), ("buyer_cell_changed", NB["matrix"], 4),
        ("buyer_cell_changed", NB["award"], 2)}
    assert all(p.key for p in problems if p.sheet == NB["matrix"])


def test_a_deleted_sheet_and_a_requirement_version_are_caught(doc):
    assert _problems(fill(doc, edit=lambda wb, n: wb.remove(wb[n["award"]])), doc)[0].code == "sheet_missing"
    changed = replace(doc, sections=(replace(doc.sections[0], requirements=(
        replace(doc.sections[0].requirements[0], source_version=9), *doc.sections[0].requirements[1:])),
        *doc.sections[1:]))
    assert _problems(fill(doc), changed)[0].code == "requirements_changed"


def test_wrong_project_and_not_our_file(doc):
    assert _problems(fill(doc), doc, project_id=2)[0].code == "wrong_project"

    def drop_meta(wb, names):
        wb.remove(wb[xlsx.META_SHEET])
    assert _problems(fill(doc, edit=drop_meta), doc)[0].code == "not_our_matrix"


def test_text_that_looks_like_a_formula_is_an_answer_not_a_formula(doc):
    text_req = next(r for r in doc.requirements if r.answer_type == "text")

    def edit(wb, names):
        ws = wb[names["matrix"]]
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == text_req.key)
        ws.cell(row, 12).value = "=SUM(A1)"
        ws.cell(row, 12).data_type = "s"
    tender = read_tender(fill(doc, edit=edit), doc, project_id=1)
    assert tender.answers[text_req.key]["answer"] == "=SUM(A1)"


def test_cells_longer_than_the_cap_are_refused(doc, monkeypatch):
    # openpyxl will not write a cell over Excel's 32 767 characters, so lower the cap to test it
    monkeypatch.setattr("app.evaluation.reading.MAX_CELL_CHARS", 500)

    def edit(wb, names):
        wb[names["matrix"]].cell(2, 13).value = "x" * 501
    problems = _problems(fill(doc, edit=edit), doc)
    assert [(p.code, p.row) for p in problems] == [("cell_too_long", 2)]


def _zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_container_checks_come_before_parsing():
    base = {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}
    with pytest.raises(safety.UnsafeFile, match="zip_bomb"):
        safety.check_xlsx_container(_zip({**base, "xl/big.xml": b"a" * (5 * 1024 * 1024)}))  # ratio > 100
    with pytest.raises(safety.UnsafeFile, match="zip_bomb"):
        safety.check_xlsx_container(_zip({**base, **{f"xl/m{i}.xml": b"" for i in range(600)}}))
    with pytest.raises(safety.UnsafeFile, match="not_xlsx"):
        safety.check_xlsx_container(_zip({"hello.txt": "hi"}))
    with pytest.raises(safety.UnsafeFile, match="not_xlsx"):
        safety.check_xlsx_container(b"PK\x03\x04 broken")
    with pytest.raises(safety.UnsafeFile, match="too_large"):
        safety.check_xlsx_container(b"PK\x03\x04" + b"0" * safety.MAX_UPLOAD_BYTES)
    safety.check_xlsx_container(xlsx.render(award_document(3)))  # a real matrix passes
