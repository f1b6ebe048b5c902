"""File names say what each file is, per language and country, ASCII-safe and stable."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.exporters import filenames
from app.exporters import vocabulary as V
from tests.factories import make_document


@pytest.mark.parametrize(("lang", "country", "part", "ext", "name"), [
    ("nb", "NO", "spec", "docx", "2026-1234_Bilag1_Kravspesifikasjon_v1.0.docx"),
    ("sv", "SE", "spec", "docx", "2026-1234_Kravspecifikation_v1.0.docx"),
    ("en", "NO", "spec", "docx", "2026-1234_Annex1_Requirement_specification_v1.0.docx"),
    ("en", "SE", "spec", "docx", "2026-1234_Requirement_specification_v1.0.docx"),
    ("nb", "NO", "qualification", "docx", "2026-1234_Kvalifikasjonskrav_v1.0.docx"),
    ("sv", "SE", "qualification", "docx", "2026-1234_Kvalificeringskrav_v1.0.docx"),
    ("nb", "NO", "contract", "docx", "2026-1234_Kontraktsvilkar_v1.0.docx"),
    ("sv", "SE", "contract", "docx", "2026-1234_Sarskilda_kontraktsvillkor_v1.0.docx"),
    ("en", "NO", "contract", "docx", "2026-1234_Contract_conditions_v1.0.docx"),
    ("nb", "NO", "rfi", "docx", "2026-1234_Behovsbeskrivelse_markedsdialog_v1.0.docx"),
    ("sv", "SE", "rfi", "docx", "2026-1234_Behovsbeskrivning_marknadsdialog_v1.0.docx"),
    ("nb", "NO", "matrix", "xlsx", "2026-1234_Svarskjema_v1.0.xlsx"),
    ("nb", "NO", "ocds", "json", "2026-1234_OCDS_v1.0.json"),
    ("sv", "SE", "package", "zip", "2026-1234_Upphandlingsdokument_v1.0.zip"),
])
def test_names_per_language_and_country(lang, country, part, ext, name):
    doc = replace(make_document(1, lang, status="approved"), country=country)
    assert filenames.filename(doc, part, ext) == name


def test_every_part_is_named_in_every_language_in_ascii():
    doc = make_document(1, "nb", status="approved")
    for part, names in filenames.PARTS.items():
        assert set(names) == set(V.LANGUAGES), part
    for lang in V.LANGUAGES:
        for part in ("spec", "qualification", "contract", "rfi", "matrix", "ocds", "package", "review", "compare"):
            name = filenames.filename(replace(doc, language=lang), part, "docx")
            assert name.isascii() and " " not in name and "/" not in name


def test_reference_and_version_are_made_safe():
    doc = replace(make_document(1, "nb"), reference="Ørsta/ÆØÅ 2026:7", version_label="0.3 (utkast)")
    assert filenames.filename(doc, "spec", "docx") == "orsta-aeoa-2026-7_Bilag1_Kravspesifikasjon_v0.3-utkast.docx"
    no_reference = replace(doc, reference="", project_id=42)
    assert filenames.filename(no_reference, "ocds", "json") == "42_OCDS_v0.3-utkast.json"
