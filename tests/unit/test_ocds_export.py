"""OCDS release package: official schema + extensions, a strict copy, and the mapping itself."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.exporters import csv_export, ocds, parts, xlsx
from tests.factories import make_document, make_portal_document
from tests.unit.ocds_schema import OWN_EXTENSION, errors, validators

BAD_TEXTS = ('Sitat "slik" og \'slik\'', "a;b,c", "linje 1\nlinje 2\r\nlinje 3", "=cmd|' /C calc'!A0",
             "Emoji 😀👍🏽", "نص من اليمين إلى اليسار", "\u202eomvendt", "x" * 40_000)


def _package(doc, **kwargs):
    return json.loads(ocds.render(doc, **kwargs))


def _requirements(package):
    return {r["id"]: r for c in package["releases"][0]["tender"]["criteria"]
            for g in c["requirementGroups"] for r in g["requirements"]}


def _assert_valid(package):
    standard, strict = validators()
    assert errors(standard, package) == []
    assert errors(strict, package) == []


@pytest.mark.parametrize("lang", ["nb", "nn", "sv", "en"])
@pytest.mark.parametrize("status", ["draft", "in_review", "approved", "published"])
def test_every_export_validates_against_schema_and_strict_copy(lang, status):
    _assert_valid(_package(make_portal_document(lang, status=status)))
    _assert_valid(_package(make_document(12, lang, status=status)))


def test_swedish_buyer_and_bad_texts_validate():
    doc = make_portal_document("sv", country="SE", organisation_number="212000-0142", texts=BAD_TEXTS)
    package = _package(doc)
    _assert_valid(package)
    release = package["releases"][0]
    assert release["parties"][0]["identifier"] == {"scheme": "SE-BLV", "id": "2120000142",
                                                   "legalName": doc.organisation}
    reqs = _requirements(package)
    for i, text in enumerate(BAD_TEXTS, start=1):
        assert reqs[f"BAD-{i:03d}"]["description"] == text


def test_strict_copy_catches_a_misspelt_field():
    standard, strict = validators()
    package = _package(make_portal_document())
    package["releases"][0]["tender"]["criteria"][0]["requirementGroups"][0]["requirements"][0]["obligaton"] = "must"
    assert errors(standard, package) == []  # OCDS itself allows unknown fields
    assert any("obligaton" in e for e in errors(strict, package))


def test_format_checker_checks_dates():
    standard, _ = validators()
    package = _package(make_portal_document())
    package["releases"][0]["date"] = "23.11.2026"
    assert any("date-time" in e for e in errors(standard, package))


def test_wrong_obligation_code_fails_our_extension():
    standard, _ = validators()
    package = _package(make_portal_document())
    package["releases"][0]["tender"]["criteria"][0]["requirementGroups"][0]["requirements"][0]["obligation"] = "may"
    assert errors(standard, package)


def test_ocid_prefix_ids_and_dates():
    doc = make_portal_document(status="published")
    package = _package(doc)
    release = package["releases"][0]
    assert release["ocid"] == "ocds-kravbygger-1"
    assert release["id"].startswith("ocds-kravbygger-1-v1.0-")
    assert release["date"] == package["publishedDate"] == "2026-11-23T12:00:00Z"
    assert release["tag"] == ["tender"] and release["tender"]["status"] == "active"
    assert package["version"] == "1.1"
    assert package["uri"].startswith("urn:uuid:")
    assert package["extensions"][-1] == ocds.EXTENSION_URL
    own = _package(doc, ocid_prefix="ocds-abc123", package_uri="https://example.org/p.json",
                   extension_url="https://example.org/ext/extension.json")
    assert own["releases"][0]["ocid"] == "ocds-abc123-1"
    assert own["uri"] == "https://example.org/p.json"
    assert own["extensions"][-1] == "https://example.org/ext/extension.json"
    draft = _package(make_portal_document(status="draft"))["releases"][0]
    assert draft["tag"] == ["planning"] and draft["tender"]["status"] == "planning"


def test_buyer_party_norway():
    doc = make_portal_document("nb")
    release = _package(doc)["releases"][0]
    party = release["parties"][0]
    assert party["identifier"] == {"scheme": "NO-BRC", "id": "964338531", "legalName": doc.organisation}
    assert party["id"] == "NO-BRC-964338531"
    assert party["roles"] == ["buyer", "procuringEntity"]
    assert release["buyer"] == {"id": party["id"], "name": doc.organisation}
    assert release["tender"]["procuringEntity"] == release["buyer"]


def test_requirements_carry_type_bounds_obligation_and_weight():
    doc = make_portal_document("nb")
    reqs = _requirements(_package(doc))
    assert set(reqs) == {r.key for r in doc.requirements}
    uptime = next(r for r in doc.requirements if r.key == "NUM-001")
    assert reqs["NUM-001"] == {
        "id": "NUM-001", "title": "Oppetid", "description": uptime.text, "dataType": "number",
        "minValue": 99.5, "maxValue": 100, "obligation": "must", "answerType": "number", "unit": "%"}
    assert reqs["NUM-002"]["obligation"] == "should" and reqs["NUM-002"]["weight"] == 20
    assert "maxValue" not in reqs["NUM-002"]
    assert reqs["NUM-004"]["minValue"] == -40.5 and reqs["NUM-004"]["expectedValue"] == -10
    assert reqs["DOC-001"]["dataType"] == "string" and reqs["DOC-001"]["answerType"] == "attachment"
    assert reqs["TXT-001"]["expectedValue"] == "ODF"
    assert reqs["API-001"]["dataType"] == "boolean" and reqs["API-001"]["expectedValue"] is True
    assert reqs["KONT-001"]["expectedValue"] is False
    assert all(r["obligation"] in ("must", "should") for r in reqs.values())


def test_criteria_per_section_and_kind():
    criteria = {c["id"]: c for c in _package(make_portal_document("en"))["releases"][0]["tender"]["criteria"]}
    assert {"API", "ARK", "EXIT", "UU", "RES", "SEC"} <= set(criteria)
    assert criteria["NUM-qualification"]["relatesToTenderer"] is True
    assert criteria["NUM-requirement"]["relatesToTenderer"] is False
    assert criteria["NUM-contract_condition"]["title"].endswith("Contract performance condition")
    for criterion in criteria.values():
        assert len(criterion["requirementGroups"]) == 1  # all requirements apply together


def test_award_criteria_on_the_lot():
    doc = make_portal_document("nb")
    tender = _package(doc)["releases"][0]["tender"]
    assert len(tender["lots"]) == 1
    criteria = tender["lots"][0]["awardCriteria"]["criteria"]
    assert [(c["type"], c["name"], c["numbers"]) for c in criteria] == [
        ("price", "Pris", [{"number": 40, "weight": "percentageExact"}]),
        ("quality", "Kvalitet", [{"number": 30, "weight": "percentageExact"}]),
        ("quality", "Klima og miljø", [{"number": 30, "weight": "percentageExact"}]),
    ]
    assert tender["awardCriteria"] == "ratedCriteria"
    assert tender["value"] == {"amount": 4_000_000, "currency": "NOK"}


def test_documents_list_word_and_matrix():
    doc = make_portal_document("sv")
    documents = _package(doc)["releases"][0]["tender"]["documents"]
    names = [d["description"] for d in documents]
    words = parts.word_parts(doc)  # the specification and the RFI always; the others when they have items
    assert names == [parts.word_filename(doc, p) for p in words] + [xlsx.filename(doc), csv_export.filename(doc)]
    assert words[0].name == "spec" and "rfi" in {p.name for p in words}
    assert {d["documentType"] for d in documents} == {p.document_type for p in words} | {"biddingDocuments"}
    assert all(d["language"] == "sv" for d in documents)


def test_deterministic_bytes_and_filename():
    doc = make_portal_document("nb")
    assert ocds.render(doc) == ocds.render(make_portal_document("nb"))
    assert ocds.filename(doc) == "2026-1234_OCDS_v1.0.json"
    assert ocds.MEDIA_TYPE == "application/json"
    later = replace(doc, generated_at="2026-12-01T08:30:00+01:00")
    assert _package(later)["publishedDate"] == "2026-12-01T07:30:00Z"


def test_without_project_id_the_reference_makes_the_ocid():
    doc = replace(make_document(3), project_id=None)
    assert _package(doc)["releases"][0]["ocid"] == "ocds-kravbygger-2026-1234"


def test_own_extension_files():
    meta = json.loads((OWN_EXTENSION / "extension.json").read_text(encoding="utf-8"))
    assert meta["compatibility"] == ["1.1"]
    assert meta["schemas"] == ["release-schema.json"]
    assert meta["name"]["en"] and meta["description"]["en"]
    patch = json.loads((OWN_EXTENSION / "release-schema.json").read_text(encoding="utf-8"))
    fields = patch["definitions"]["Requirement"]["properties"]
    assert set(fields) == {"obligation", "weight", "answerType", "unit"}
    assert all(f["title"] and f["description"] for f in fields.values())
    readme = (OWN_EXTENSION / "README.md").read_text(encoding="utf-8")
    assert "ocds-kravbygger" in readme and "register" in readme.lower()


# ----- from the wizard: procedure, contract period, items with CPV codes, document URLs ------------
def _facts(doc=None, **changes):
    from app.exporters.document import DocClassification
    cpv = (DocClassification("CPV", "48000000-8", "Software package and information systems"),
           DocClassification("CPV", "48510000-6", "Communication software package"))
    base = replace(doc or make_portal_document("nb"), procedure_code="open", contract_start="2027-09-01",
                   contract_years=4, option_years=2, user_count=2300, classifications=cpv)
    return replace(base, **changes)


def test_every_extension_is_declared_and_pinned():
    package = _package(_facts())
    names = [url.split("/")[4] for url in package["extensions"][:-1]]
    assert names == ["ocds_lots_extension", "ocds_submissionTerms_extension", "ocds_requirements_extension",
                     "ocds_awardCriteria_extension"]
    for url in package["extensions"][:-1]:
        ref = url.split("/")[5]
        assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), url  # a commit, never master
    own = json.loads((OWN_EXTENSION / "extension.json").read_text(encoding="utf-8"))
    assert own["dependencies"] == [u for u in package["extensions"] if "requirements" in u]


@pytest.mark.parametrize(("code", "method"), [("open", "open"), ("restricted", "selective"),
                                              ("competitive_negotiation", "selective"),
                                              ("competitive_dialogue", "selective"), ("below_threshold", None),
                                              ("", None)])
def test_procurement_method_from_the_procedure(code, method):
    tender = _package(_facts(procedure_code=code))["releases"][0]["tender"]
    assert tender.get("procurementMethod") == method
    assert tender["procurementMethodDetails"]


def test_contract_period_base_term_and_options():
    tender = _package(_facts())["releases"][0]["tender"]
    assert tender["contractPeriod"] == {
        "startDate": "2027-09-01T00:00:00+02:00", "endDate": "2031-08-31T23:59:59+02:00",
        "maxExtentDate": "2033-08-31T23:59:59+02:00", "durationInDays": 1461}
    assert tender["lots"][0]["contractPeriod"] == tender["contractPeriod"]
    winter = _package(_facts(contract_start="2028-02-29", contract_years=1, option_years=None))
    assert winter["releases"][0]["tender"]["contractPeriod"] == {
        "startDate": "2028-02-29T00:00:00+01:00", "endDate": "2029-02-27T23:59:59+01:00", "durationInDays": 365}
    swedish = _package(_facts(country="SE", contract_start="2027-01-04"))["releases"][0]["tender"]
    assert swedish["contractPeriod"]["startDate"] == "2027-01-04T00:00:00+01:00"
    for missing in ("", "not a date"):
        assert "contractPeriod" not in _package(_facts(contract_start=missing))["releases"][0]["tender"]


def test_one_item_with_cpv_codes_and_users():
    items = _package(_facts())["releases"][0]["tender"]["items"]
    assert items == [{
        "id": "1", "description": "Nettbasert kontorstøtte", "relatedLot": "1",
        "classification": {"scheme": "CPV", "id": "48000000", "description": "Software package and information systems"},
        "additionalClassifications": [{"scheme": "CPV", "id": "48510000", "description": "Communication software package"}],
        "quantity": 2300, "unit": {"name": "brukere"}}]
    assert _package(_facts(language="sv"))["releases"][0]["tender"]["items"][0]["unit"] == {"name": "användare"}
    only_users = _package(_facts(classifications=()))["releases"][0]["tender"]["items"][0]
    assert "classification" not in only_users and only_users["quantity"] == 2300
    assert "items" not in _package(_facts(classifications=(), user_count=None))["releases"][0]["tender"]


def test_document_urls_only_with_a_public_base_url():
    doc = _facts()
    plain = _package(doc)
    assert all("url" not in d for d in plain["releases"][0]["tender"]["documents"])
    assert plain["uri"].startswith("urn:uuid:")
    published = _package(doc, documents_base_url="https://innkjop.example.no/anbud/2026-77/")
    documents = published["releases"][0]["tender"]["documents"]
    assert [d["url"] for d in documents] == [
        f"https://innkjop.example.no/anbud/2026-77/{d['description']}" for d in documents]
    assert published["uri"] == f"https://innkjop.example.no/anbud/2026-77/{ocds.filename(doc)}"
    _assert_valid(published)


@pytest.mark.parametrize("lang", ["nb", "nn", "sv", "en"])
def test_wizard_facts_validate_against_schema_and_strict_copy(lang):
    _assert_valid(_package(_facts(make_portal_document(lang)), documents_base_url="https://x.example/"))
