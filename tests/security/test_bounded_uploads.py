"""Bounded work for every upload and render: zip bombs, false ZIP headers, template bombs (huge strings,
nested loops), broken XML, and huge cells in an imported workbook are all refused with a message next
to the file field, never a 500 and never gigabytes of memory. (The live-server test with memory and
/healthz figures is test_live_attacks.py.)"""

from __future__ import annotations

import io
import time

import pytest

from app.exporters import docx as docx_exporter
from app.exporters.word.templates import _sample_document
from app.extensions import db
from app.library import upload_guard
from app.library.spreadsheet import COLUMNS, SHEET
from app.models import OrgRequirement, OrgTemplate
from app.services import bounded, exports
from tests.conftest import dom, error_summary, field_errors, login, make_project, post_form, save, text_of
from tests.factories import make_docx
from tests.security import bombs

TEMPLATE_BOMBS = {
    "center": "{{ title.center(500000000) }}",
    "center_filter": "{{ title|center(500000000) }}",
    "repeat": "{{ title * 500000000 }}",
    "format_width": "{{ '{:>900000000}'.format(title) }}",
    "percent_width": "{{ '%900000000s' % title }}",
    "doubling": "{% set s = title * 1000 %}{{ s.replace('t', s).replace('t', s) }}",
    "nested_loops": "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
}


def upload_template(client, data: bytes):
    return post_form(client, "/admin/templates", {"name": "Mal", "file": (io.BytesIO(data), "mal.docx")},
                     content_type="multipart/form-data")


def upload_workbook(client, data: bytes):
    return post_form(client, "/admin/library/import", {"file": (io.BytesIO(data), "krav.xlsx")},
                     form_url="/admin/library", content_type="multipart/form-data")


@pytest.fixture
def admin(client, users):
    login(client, users["admin"])
    return users["admin"]


# ----- the guard itself -----------------------------------------------------------------------------

def test_guard_refuses_a_zip_bomb_before_inflating_it():
    bomb = bombs.docx_bomb(55 * bombs.MB)
    assert len(bomb) < 200 * 1024
    with pytest.raises(upload_guard.ZipRefused) as refused:
        upload_guard.check_zip(bomb, upload_guard.DOCX_LIMITS)
    assert refused.value.code in ("entry_size", "ratio", "unpacked_size")  # refused on the claims


def test_guard_refuses_a_compression_ratio_bomb_under_the_size_limits():
    limits = upload_guard.ZipLimits(max_entry=50 * bombs.MB, max_unpacked=50 * bombs.MB)
    with pytest.raises(upload_guard.ZipRefused) as refused:
        upload_guard.check_zip(bombs.docx_bomb(20 * bombs.MB), limits)
    assert refused.value.code == "ratio"
    assert refused.value.params["ratio"] > 100


def test_guard_refuses_a_zip_whose_headers_give_false_sizes():
    honest = make_docx("Tittel")
    assert upload_guard.check_zip(honest, upload_guard.DOCX_LIMITS)
    with pytest.raises(upload_guard.ZipRefused) as refused:
        upload_guard.check_zip(bombs.false_size_zip(honest), upload_guard.DOCX_LIMITS)
    assert refused.value.code == "false_size"


# ----- Word templates --------------------------------------------------------------------------------

def test_template_zip_bomb_upload_is_refused_with_a_message(client, admin):
    response = upload_template(client, bombs.docx_bomb())
    assert response.status_code == 422
    assert "MB" in field_errors(response, "file")[0]
    assert db.session.query(OrgTemplate).count() == 0


def test_template_with_false_zip_sizes_is_refused_and_not_stored(client, admin):
    response = upload_template(client, bombs.false_size_zip(make_docx("Tittel {{ title }}")))
    assert response.status_code == 422
    assert "false sizes" in field_errors(response, "file")[0]
    assert db.session.query(OrgTemplate).count() == 0


@pytest.mark.parametrize("name", sorted(TEMPLATE_BOMBS))
def test_template_bombs_are_refused_at_upload(client, admin, name):
    response = upload_template(client, make_docx("Tittel", TEMPLATE_BOMBS[name]))
    assert response.status_code == 422
    message = field_errors(response, "file")[0]
    assert "Not allowed" in message and "limit" in message
    assert error_summary(response)


def test_bad_xml_in_a_template_header_is_a_clear_message(client, admin):
    response = upload_template(client, bombs.broken_header_template())
    assert response.status_code == 422
    assert "not a Word document that can be read" in field_errors(response, "file")[0]


def test_a_template_that_passes_the_check_but_explodes_on_real_data_gives_the_problem_page(client, users):
    # The check renders a sample document with two requirements; a real project has more.
    bomb = make_docx("{{ title }}", "{% if requirement_count > 2 %}{{ title.center(900000000) }}{% endif %}")
    assert exports.check_template(bomb) == []
    template = OrgTemplate(organisation_id=users["admin"].organisation_id, name="Mal", filename="mal.docx",
                           data=bomb, active=True, uploaded_by_id=users["admin"].id)
    db.session.add(template)
    project = make_project(users["buyer"], keys=("ARK-002", "ARK-003", "ARK-004", "FUN-001"))  # specification requirements
    save()
    login(client, users["buyer"])
    response = client.get(f"/projects/{project.id}/export/docx")
    assert response.status_code == 422
    assert any("limit" in t for t in text_of(dom(response), ".ds-alert"))
    assert client.get(f"/projects/{project.id}/export/docx?template=builtin").status_code == 200


def test_child_process_memory_limit_stops_what_the_sandbox_cannot_count():
    with pytest.raises(bounded.Exceeded) as exceeded:
        bounded.run(bytearray, 2 * 1024 * 1024 * 1024, memory_mb=200, seconds=20)
    assert exceeded.value.kind == "memory"


def test_child_process_time_limit():
    started = time.perf_counter()
    with pytest.raises(bounded.Exceeded) as exceeded:
        bounded.run(time.sleep, 30, memory_mb=100, seconds=1)
    assert exceeded.value.kind == "time"
    assert time.perf_counter() - started < 25  # killed at its limit, not after the 30 s it asked for


def test_child_process_passes_results_and_template_problems_back():
    assert bounded.run(sum, [1, 2, 3]) == 6
    with pytest.raises(docx_exporter.TemplateProblem):
        bounded.run(docx_exporter.render, _sample_document(), b"not a zip")


# ----- organisation requirement workbooks -------------------------------------------------------------

def test_workbook_with_a_huge_compressed_string_is_refused_before_parsing(client, admin):
    response = upload_workbook(client, bombs.workbook_with_huge_string(COLUMNS, SHEET, 50 * bombs.MB))
    assert response.status_code == 422
    messages = " ".join(text_of(dom(response), "#import-errors li, .ds-error-summary li, table td"))
    assert "too much data" in messages
    assert OrgRequirement.query.count() == 0


def test_workbook_cell_longer_than_the_cap_is_refused_with_row_and_column(client, admin):
    response = upload_workbook(client, bombs.workbook_with_long_cell(COLUMNS, SHEET, 25_000))
    assert response.status_code == 422
    assert "more than 20000 characters" in response.get_data(as_text=True)
    assert OrgRequirement.query.count() == 0


def test_the_supplier_matrix_check_also_refuses_false_zip_sizes():
    from app.evaluation import safety
    from tests.factories import make_workbook

    honest = make_workbook([["x"]], ("a",), "Sheet")
    safety.check_xlsx_container(honest)
    with pytest.raises(safety.UnsafeFile):
        safety.check_xlsx_container(bombs.false_size_zip(honest, "xl/worksheets/sheet1.xml"))
