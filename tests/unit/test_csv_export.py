"""CSV response matrix: BOM, delimiter, rows and words, OWASP formula neutralising, round-trip."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from app.exporters import csv_export
from app.exporters.matrix import ALL_COLUMNS, headings
from tests.factories import make_document, make_portal_document

OBLIGATIONS = {"nb": ("SKAL", "BØR"), "nn": ("SKAL", "BØR"), "sv": ("SKA", "BÖR"), "en": ("MUST", "SHOULD")}
INJECTIONS = ("=cmd|' /C calc'!A0", "=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1")
BAD_TEXTS = ('Sitat "slik" og \'slik\'', "a;b,c;;", "linje 1\nlinje 2\r\nlinje 3\rslutt", "Emoji 😀👍🏽 ✅",
             "نص من اليمين إلى اليسار", "עברית\u200f mixed", "\u202eomvendt", "  mellomrom  ", "'sitert'",
             "x" * 40_000, "Tekst med = og - inni", "#N/A")


def _read(data: bytes, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8)
    text = data[len(codecs.BOM_UTF8):].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _by_id(rows):
    return {r[0]: dict(zip(ALL_COLUMNS, r, strict=True)) for r in rows[1:]}


@pytest.mark.parametrize("lang", ["nb", "nn", "sv", "en"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_bom_delimiter_header_and_rows(lang, delimiter):
    doc = make_portal_document(lang)
    data = csv_export.render(doc, delimiter=delimiter)
    assert data.startswith(b"\xef\xbb\xbf")
    first_line = data[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert first_line == delimiter.join(headings(lang))
    rows = _read(data, delimiter)
    assert rows[0] == headings(lang)
    assert len(rows) == len(doc.requirements) + 1
    assert all(len(r) == len(ALL_COLUMNS) for r in rows)
    assert [r[0] for r in rows[1:]] == [r.key for r in doc.requirements]
    must, should = OBLIGATIONS[lang]
    assert [r[ALL_COLUMNS.index("obligation")] for r in rows[1:]] == [
        must if r.obligation == "must" else should for r in doc.requirements]
    assert [r[ALL_COLUMNS.index("requirement")] for r in rows[1:]] == [r.text for r in doc.requirements]


def test_default_delimiter_is_comma_and_others_are_refused():
    doc = make_document(2)
    assert csv_export.render(doc) == csv_export.render(doc, delimiter=",")
    with pytest.raises(ValueError, match="delimiter"):
        csv_export.render(doc, delimiter="\t")


def test_numbers_decimal_point_or_comma():
    doc = make_portal_document("nb")
    comma = _by_id(_read(csv_export.render(doc, delimiter=",")))
    semicolon = _by_id(_read(csv_export.render(doc, delimiter=";"), ";"))
    assert (comma["NUM-001"]["min"], comma["NUM-001"]["max"]) == ("99.5", "100")
    assert (semicolon["NUM-001"]["min"], semicolon["NUM-001"]["max"]) == ("99,5", "100")
    # numbers are not text: a negative bound is not prefixed with a quote
    assert (comma["NUM-004"]["min"], comma["NUM-004"]["max"], comma["NUM-004"]["expected"]) == ("-40.5", "-0.25", "-10")
    assert semicolon["NUM-004"]["min"] == "-40,5"
    assert comma["TXT-001"]["weight"] == "15" and comma["TXT-001"]["expected"] == "ODF"
    assert comma["API-001"]["expected"] == "Ja" and comma["KONT-001"]["expected"] == "Nei"
    assert comma["NUM-001"]["unit"] == "%"
    assert comma["NUM-001"]["answer"] == comma["NUM-001"]["comment"] == comma["NUM-001"]["documentation_ref"] == ""


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_formula_leading_cells_get_a_single_quote(delimiter):
    doc = make_portal_document("nb", texts=INJECTIONS)
    rows = _by_id(_read(csv_export.render(doc, delimiter=delimiter), delimiter))
    for i, text in enumerate(INJECTIONS, start=1):
        cell = rows[f"BAD-{i:03d}"]["requirement"]
        assert cell == "'" + text
        assert csv_export.unescape_cell(cell) == text


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_bad_input_round_trips_unchanged(delimiter):
    doc = make_portal_document("sv", texts=BAD_TEXTS)
    rows = _by_id(_read(csv_export.render(doc, delimiter=delimiter), delimiter))
    for i, text in enumerate(BAD_TEXTS, start=1):
        assert rows[f"BAD-{i:03d}"]["requirement"] == text, i
    assert csv_export.unescape_cell("'sitert'") == "'sitert'"


def test_escape_cell():
    assert csv_export.escape_cell("=A1") == "'=A1"
    assert csv_export.escape_cell("A1=") == "A1="
    assert csv_export.escape_cell("") == ""


@pytest.mark.parametrize(("lang", "name"), [("nb", "2026-1234_Svarskjema_v0.1.csv"),
                                            ("sv", "2026-1234_Svarsformular_v0.1.csv"),
                                            ("en", "2026-1234_Response_matrix_v0.1.csv")])
def test_filename_and_media_type(lang, name):
    assert csv_export.filename(make_document(1, lang)) == name
    assert csv_export.MEDIA_TYPE.startswith("text/csv")


def test_deterministic():
    assert csv_export.render(make_portal_document()) == csv_export.render(make_portal_document())
