"""The OCDS export checked as a real consumer checks it: libcoveocds (the library of the OCDS Data
Review Tool), offline, as ../shared/ocds/README.md describes.

libcoveocds builds its schema from the standard and from every URL in the package's `extensions`.
Here the standard comes from a ZIP of ../shared/ocds/standard-1.1.5/ and every extension URL (with
the GitHub archive ZIP that ocdsextensionregistry downloads for it) is served by requests-mock
from ../shared/ocds/extensions/ and from our own exports/ocds_extension/. Any other request fails.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from app.exporters import ocds
from app.exporters.document import DocClassification
from tests.factories import make_document, make_portal_document
from tests.unit.ocds_schema import OCDS_DIR, OWN_EXTENSION, require_shared

requests_mock = pytest.importorskip("requests_mock", reason="requests-mock is a dev dependency")
libcove_api = pytest.importorskip("libcoveocds.api", reason="libcoveocds is a dev dependency")
libcove_config = pytest.importorskip("libcoveocds.config", reason="libcoveocds is a dev dependency")

STANDARD = OCDS_DIR / "standard-1.1.5"
EXTENSIONS = OCDS_DIR / "extensions"
_RAW = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_{name}_extension/{commit}/"
_ARCHIVE = "https://github.com/open-contracting-extensions/ocds_{name}_extension/archive/{commit}.zip"


def _zip(folder: Path, top: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(top, b"")  # the first entry is the top folder, as in GitHub's archives
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, top + path.relative_to(folder).as_posix())
    return out.getvalue()


def _serve_folder(mocker, folder: Path, base: str) -> None:
    for path in (p for p in folder.rglob("*") if p.is_file()):
        mocker.get(base + path.relative_to(folder).as_posix(), content=path.read_bytes())


def review(package: dict, tmp_path: Path, *, extension_url: str = ocds.EXTENSION_URL) -> dict:
    """libcoveocds' report on `package` (API context), with everything served offline."""
    require_shared(STANDARD / "schema" / "release-schema.json")
    require_shared(EXTENSIONS / "VERSIONS.txt")
    config = libcove_config.LibCoveOCDSConfig()
    config.config["context"] = "api"
    config.config["standard_zip"] = _zip(STANDARD, "standard-1.1.5/")
    with requests_mock.Mocker() as mocker:
        for name, commit in ocds.EXTENSION_COMMITS.items():
            folder = EXTENSIONS / f"ocds_{name}_extension"
            _serve_folder(mocker, folder, _RAW.format(name=name, commit=commit))
            mocker.get(_ARCHIVE.format(name=name, commit=commit),
                       content=_zip(folder, f"ocds_{name}_extension-{commit}/"))
        _serve_folder(mocker, OWN_EXTENSION, extension_url.rsplit("/", 1)[0] + "/")
        return libcove_api.ocds_json_output(str(tmp_path), json_data=package, lib_cove_ocds_config=config)


def _full_document(lang: str = "nb", **changes):
    cpv = (DocClassification("CPV", "48000000-8", "Software package and information systems"),
           DocClassification("CPV", "72268000-1", "Software supply services"))
    doc = replace(make_portal_document(lang), procedure_code="open", contract_start="2027-09-01",
                  contract_years=4, option_years=2, user_count=2300, classifications=cpv)
    return replace(doc, **changes)


def _assert_clean(report: dict, package: dict) -> None:
    assert report["validation_errors"] == []
    assert report.get("json_deref_error") is None
    extensions = report["extensions"]
    assert extensions["invalid_extension"] == {} and extensions["invalid_extensions"] == []
    assert [e["url"] for e in extensions["extensions"]] == package["extensions"]
    assert all(e["failed_codelists"] == {} for e in extensions["extensions"])
    assert extensions["is_extended_schema"] is True
    assert report["additional_fields"] == []  # every field we send is known to the extended schema
    assert report["additional_closed_codelist_values"] == {}


@pytest.mark.parametrize("lang", ["nb", "sv", "en"])
def test_libcoveocds_finds_no_error_and_resolves_every_extension(lang, tmp_path):
    package = json.loads(ocds.render(_full_document(lang), documents_base_url="https://innkjop.example.no/2026-77/"))
    _assert_clean(review(package, tmp_path), package)


@pytest.mark.parametrize("status", ["draft", "approved", "published"])
def test_libcoveocds_on_a_plain_document(status, tmp_path):
    package = json.loads(ocds.render(make_document(30, "nb", status=status)))
    _assert_clean(review(package, tmp_path), package)


def test_lots_without_submission_terms_cannot_be_checked(tmp_path):
    """Why submissionTerms is declared: without it the lots schema has a dangling reference."""
    package = json.loads(ocds.render(_full_document()))
    package["extensions"] = [u for u in package["extensions"] if "submissionTerms" not in u]
    report = review(package, tmp_path)
    assert report.get("json_deref_error") or report["validation_errors"]


def test_an_own_extension_url_from_the_settings_is_resolved(tmp_path):
    url = "https://data.example.kommune.no/ocds/kravbygger/extension.json"
    package = json.loads(ocds.render(_full_document(), extension_url=url, ocid_prefix="ocds-abc123"))
    report = review(package, tmp_path, extension_url=url)
    _assert_clean(report, package)
    assert package["releases"][0]["ocid"] == "ocds-abc123-1"


def test_a_wrong_code_and_a_wrong_type_are_reported(tmp_path):
    """The check can fail: a code outside a closed codelist, and a quantity that is not a number."""
    package = json.loads(ocds.render(_full_document()))
    tender = package["releases"][0]["tender"]
    tender["procurementMethod"] = "negotiated"
    tender["items"][0]["quantity"] = "2300 users"
    report = review(package, tmp_path)
    assert report["additional_closed_codelist_values"]["releases/tender/procurementMethod"]["values"] == ["negotiated"]
    assert "quantity" in json.dumps(report["validation_errors"])

