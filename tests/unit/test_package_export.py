"""Tender package ZIP: contents, manifest hashes, byte-identical renders; the exporter registry."""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from dataclasses import replace

import pytest

from app.exporters import EXPORTERS, csv_export, ocds, package, parts, xlsx
from tests.factories import make_document, make_portal_document

FILES = {"b.txt": b"second", "a.json": b'{"a": 1}', "c.xlsx": b"PK-not-really"}


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _check_manifest(archive: zipfile.ZipFile, doc) -> dict:
    manifest = json.loads(archive.read("manifest.json"))
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == set(archive.namelist()) - {"manifest.json"}
    for name, entry in listed.items():
        data = archive.read(name)
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert {k: manifest[k] for k in ("project_id", "title", "version_label", "status", "language",
                                     "library_version", "generated_at")} == {
        "project_id": doc.project_id, "title": doc.title, "version_label": doc.version_label,
        "status": doc.status, "language": doc.language, "library_version": doc.library_version,
        "generated_at": doc.generated_at}
    return manifest


def test_given_files_are_packaged_with_a_manifest():
    doc = make_portal_document("nb", status="approved")
    archive = _zip(package.render(doc, FILES))
    assert archive.namelist() == ["a.json", "b.txt", "c.xlsx", "manifest.json"]
    for name, data in FILES.items():
        assert archive.read(name) == data
    manifest = _check_manifest(archive, doc)
    assert [f["name"] for f in manifest["files"]] == ["a.json", "b.txt", "c.xlsx"]
    infos = {i.filename: i for i in archive.infolist()}
    assert infos["c.xlsx"].compress_type == zipfile.ZIP_STORED
    assert infos["b.txt"].compress_type == zipfile.ZIP_DEFLATED
    for info in archive.infolist():
        assert info.date_time == (2026, 11, 23, 12, 0, 0)
        assert info.external_attr == 0o100644 << 16
        assert info.create_system == 3


def test_given_files_render_byte_identical_and_order_independent():
    doc = make_portal_document("nb", status="approved")
    first = package.render(doc, FILES)
    assert first == package.render(doc, dict(reversed(list(FILES.items()))))
    assert first != package.render(replace(doc, generated_at="2026-11-24T12:00:00+00:00"), FILES)


@pytest.mark.parametrize("name", ["../evil.txt", "/abs.txt", "a/../../b", "manifest.json", "", "dir\\x.txt"])
def test_unsafe_names_are_refused(name):
    with pytest.raises(ValueError, match="safe file name"):
        package.render(make_document(1), {name: b"x"})


def test_default_package_contains_every_export(monkeypatch):
    docx = pytest.importorskip("app.exporters.docx", reason="the Word exporter is not written yet")
    doc = make_portal_document("nb", status="approved")
    first = package.render(doc)
    archive = _zip(first)
    word_files = [parts.word_filename(doc, p) for p in parts.word_parts(doc)]
    assert docx.filename(doc) in word_files and len(word_files) >= 2  # the specification and the RFI at least
    assert archive.namelist() == sorted([*word_files, xlsx.filename(doc), csv_export.filename(doc),
                                         ocds.filename(doc)]) + ["manifest.json"]
    _check_manifest(archive, doc)
    assert archive.read(xlsx.filename(doc)) == xlsx.render(doc)
    assert archive.read(csv_export.filename(doc)) == csv_export.render(doc)
    assert archive.read(ocds.filename(doc)) == ocds.render(doc)
    word = _zip(archive.read(docx.filename(doc)))
    assert "word/document.xml" in word.namelist()
    assert {i.date_time for i in word.infolist()} == {(2026, 11, 23, 12, 0, 0)}

    # An hour later, the same approved document gives the same bytes.
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 3600)
    assert package.render(doc) == first


def test_default_package_ocds_validates():
    pytest.importorskip("app.exporters.docx", reason="the Word exporter is not written yet")
    from tests.unit.ocds_schema import errors, validators

    doc = make_portal_document("sv", status="published")
    archive = _zip(package.render(doc))
    data = json.loads(archive.read(ocds.filename(doc)))
    standard, strict = validators()
    assert errors(standard, data) == [] and errors(strict, data) == []
    described = {d["description"] for d in data["releases"][0]["tender"]["documents"]}
    assert described <= set(archive.namelist())


@pytest.mark.parametrize(("lang", "name"), [("nb", "2026-1234_Konkurransegrunnlag_v1.0.zip"),
                                            ("sv", "2026-1234_Upphandlingsdokument_v1.0.zip"),
                                            ("en", "2026-1234_Tender_documents_v1.0.zip")])
def test_filename(lang, name):
    assert package.filename(make_document(1, lang, status="approved")) == name
    assert package.MEDIA_TYPE == "application/zip"


def test_filenames_are_ascii_safe():
    doc = replace(make_document(1, "nb"), reference="Ørsta/ÆØÅ 2026:7", version_label="0.3 (utkast)")
    for module in (xlsx, csv_export, ocds, package):
        name = module.filename(doc)
        assert name.isascii() and "/" not in name and " " not in name and ":" not in name
    assert xlsx.filename(doc) == "orsta-aeoa-2026-7_Svarskjema_v0.3-utkast.xlsx"


def test_registry_maps_formats_to_modules():
    assert list(EXPORTERS) == ["docx", "rfi", "qualification", "contract", "xlsx", "csv", "ocds", "zip"]
    assert EXPORTERS["xlsx"] is xlsx and EXPORTERS["csv"] is csv_export
    assert EXPORTERS["ocds"] is ocds and EXPORTERS["zip"] is package
    for fmt in ("xlsx", "csv", "ocds", "zip"):
        module = EXPORTERS[fmt]
        assert callable(module.render) and callable(module.filename) and module.MEDIA_TYPE


def test_text_too_long_for_excel_stops_the_default_package_with_a_clear_error():
    pytest.importorskip("app.exporters.docx", reason="the Word exporter is not written yet")
    with pytest.raises(xlsx.CellTooLongError, match="BAD-001"):
        package.render(make_portal_document("nb", texts=("x" * 40_000,)))


def test_the_package_holds_every_document_with_content_and_ocds_names_each():
    """Qualification requirements and contract conditions get their own Word documents; the needs
    description for market dialogue is always there; OCDS lists every file by its name."""



    doc = make_portal_document("nb", status="approved")  # has a qualification requirement and a contract condition
    data = package.render(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        ocds_data = json.loads(archive.read(ocds.filename(doc)))
        for entry in manifest["files"]:
            assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
    assert {"2026-1234_Bilag1_Kravspesifikasjon_v1.0.docx", "2026-1234_Kvalifikasjonskrav_v1.0.docx",
            "2026-1234_Kontraktsvilkar_v1.0.docx", "2026-1234_Behovsbeskrivelse_markedsdialog_v1.0.docx",
            "2026-1234_Svarskjema_v1.0.xlsx", "2026-1234_Svarskjema_v1.0.csv", "2026-1234_OCDS_v1.0.json",
            "manifest.json"} == names
    documents = ocds_data["releases"][0]["tender"]["documents"]
    assert {d["description"] for d in documents} == names - {"manifest.json", ocds.filename(doc)}
    assert {d["documentType"] for d in documents} >= {"technicalSpecifications", "eligibilityCriteria",
                                                      "contractDraft", "needsAssessment", "biddingDocuments"}
    only_requirements = replace(doc, sections=tuple(
        replace(s, requirements=tuple(replace(r, kind="requirement") for r in s.requirements)) for s in doc.sections))
    assert [p.fmt for p in parts.word_parts(only_requirements)] == ["docx", "rfi"]
    assert package.render(doc) == data  # byte-identical for the same frozen document
