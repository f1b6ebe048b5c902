"""OCDS 1.1.5 release package (JSON) of the tender's requirements and award criteria.

One release with:
- `parties`: the buyer, identified in the national register (NO-BRC, Enhetsregisteret, for
  Norway; SE-BLV, Bolagsverket, for Sweden) by `doc.organisation_number` (spaces and hyphens
  removed), with roles buyer and procuringEntity;
- `tender.lots`: one lot for the whole contract, carrying the award criteria and their
  percentage weights (awardCriteria extension, which in this version patches Lot, not Tender);
- `tender.criteria` (requirements extension): one criterion per document section and kind of
  requirement (qualification requirements have `relatesToTenderer: true`), each with one
  requirement group - all its requirements apply together - whose requirements carry
  `dataType` and `expectedValue` / `minValue` / `maxValue`;
- must/should, weight, answer type and unit of each requirement in our own small extension,
  `exports/ocds_extension/` (OCDS has no field for them);
- `tender.documents`: the Word specification and the response matrix (XLSX and CSV) of the
  tender package, by file name.

Release tag and tender status follow the project status: draft, in review and changes requested
give tag "planning" / status "planning"; approved gives "planning" / "planned"; published gives
"tender" / "active". Dates come from `doc.generated_at`, so the same document gives the same
bytes (keys sorted, UTF-8, two-space indent).

`ocid` is f"{ocid_prefix}-{project_id}". The default prefix "ocds-kravbygger" is NOT registered
with the Open Contracting Partnership: it marks data as unpublished test output. A municipality
that publishes OCDS data must register its own prefix with OCP and pass it as `ocid_prefix`
(the app reads it from KRAVBYGGER_OCID_PREFIX).

Every extension the package uses is declared, pinned to one commit of its official repository
(the lots extension's schema refers to SubmissionTerms, so submissionTerms is declared with it);
`tests/unit/test_ocds_libcove.py` checks the package as the OCDS Data Review Tool does.

From the wizard: `procurementMethod` (OCDS codelist) from the procedure, `contractPeriod` from
contract start, base term and options, one item with the chosen CPV codes and the number of
users, and, when `documents_base_url` is given, a `url` on every document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from app.exporters import csv_export, filenames, parts, xlsx
from app.exporters.award_words import price_model_text
from app.exporters.award_words import words as award_words
from app.exporters.common import rfc3339, slug
from app.exporters.document import AwardCriterion, AwardModel, DocRequirement, DocSection, TenderDocument
from app.exporters.vocabulary import KIND, word

MEDIA_TYPE = "application/json"
OCDS_VERSION = "1.1"
DEFAULT_OCID_PREFIX = "ocds-kravbygger"  # unregistered: register your own with OCP before publishing

# The extensions, each pinned to the commit of its official repository that the tests check
# against (../shared/ocds/extensions/VERSIONS.txt). None of them has a release tag that matches:
# the registry lists only `master` for requirements, awardCriteria and submissionTerms, and the
# tagged lots v1.1.5 predates the lot fields used here.
EXTENSION_COMMITS = {
    "lots": "8d3b52eb26ce0f1a015c91b665c120b17ef619a0",
    "submissionTerms": "449ade63333a50f1e8cd2b0704c0a3c5e329a8a8",
    "requirements": "b4f5ba94b46bded427f5cd771b53397d020f7ec5",
    "awardCriteria": "9391240f353e8536992938fe9f7987cd89235331",
}
_EXT = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_{}_extension/{}/extension.json"
EXTENSIONS = tuple(_EXT.format(name, commit) for name, commit in EXTENSION_COMMITS.items())
# Where this deployment publishes exports/ocds_extension/extension.json. The default host is a
# reserved, never-resolving name (RFC 2606): set KRAVBYGGER_OCDS_EXTENSION_URL when publishing.
EXTENSION_URL = "https://kravbygger.invalid/ocds_extension/extension.json"

# Wizard procedure -> OCDS procurementMethod (closed codelist). Below the threshold the procedure
# is not one of these by itself, so the method is left out and only the details are given.
PROCUREMENT_METHOD = {"open": "open", "restricted": "selective", "competitive_negotiation": "selective",
                      "competitive_dialogue": "selective"}
_TIME_ZONE = {"NO": "Europe/Oslo", "SE": "Europe/Stockholm"}
_USERS = {"nb": "brukere", "nn": "brukarar", "sv": "användare", "en": "users"}

IDENTIFIER_SCHEME = {"NO": "NO-BRC", "SE": "SE-BLV"}
_COUNTRY_NAME = {
    "nb": {"NO": "Norge", "SE": "Sverige"},
    "nn": {"NO": "Noreg", "SE": "Sverige"},
    "sv": {"NO": "Norge", "SE": "Sverige"},
    "en": {"NO": "Norway", "SE": "Sweden"},
}
_DOC_TITLES = {
    "nb": {"spec": "Kravspesifikasjon", "qualification": "Kvalifikasjonskrav", "contract": "Kontraktsvilkår",
           "rfi": "Behovsbeskrivelse for markedsdialog", "xlsx": "Svarskjema (XLSX)", "csv": "Svarskjema (CSV)"},
    "nn": {"spec": "Kravspesifikasjon", "qualification": "Kvalifikasjonskrav", "contract": "Kontraktsvilkår",
           "rfi": "Behovsskildring for marknadsdialog", "xlsx": "Svarskjema (XLSX)", "csv": "Svarskjema (CSV)"},
    "sv": {"spec": "Kravspecifikation", "qualification": "Kvalificeringskrav", "contract": "Särskilda kontraktsvillkor",
           "rfi": "Behovsbeskrivning för marknadsdialog", "xlsx": "Svarsformulär (XLSX)",
           "csv": "Svarsformulär (CSV)"},
    "en": {"spec": "Requirement specification", "qualification": "Selection criteria",
           "contract": "Contract performance conditions", "rfi": "Needs description for market dialogue",
           "xlsx": "Response matrix (XLSX)", "csv": "Response matrix (CSV)"},
}

_DATA_TYPE = {"yes_no": "boolean", "number": "number", "text": "string", "attachment": "string"}
_ANSWER_TYPE = {"yes_no": "yesNo", "number": "number", "text": "text", "attachment": "attachment"}
_AWARD_TYPE = {"price": "price", "cost": "cost"}  # everything else (quality, climate, ...) is "quality"

_STATUS = {  # project status -> (release tag, tender status)
    "draft": ("planning", "planning"),
    "in_review": ("planning", "planning"),
    "changes_requested": ("planning", "planning"),
    "approved": ("planning", "planned"),
    "published": ("tender", "active"),
}
LOT_ID = "1"


def filename(doc: TenderDocument) -> str:
    return filenames.filename(doc, "ocds", "json")


def ocid(doc: TenderDocument, ocid_prefix: str = DEFAULT_OCID_PREFIX) -> str:
    local = str(doc.project_id) if doc.project_id is not None else slug(doc.reference)
    if not local:
        raise ValueError("an OCDS export needs doc.project_id or doc.reference for the ocid")
    return f"{ocid_prefix}-{local}"


def _compact(value: Any) -> Any:
    """Drop None, empty strings and empty containers (OCDS forbids empty strings and lists)."""
    if isinstance(value, dict):
        items = ((k, _compact(v)) for k, v in value.items())
        return {k: v for k, v in items if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_compact(v) for v in value) if v not in (None, "", [], {})]
    return value


def _money(text: str) -> dict[str, Any] | None:
    """"NOK 4 000 000" or "4 000 000 SEK" -> {"amount": 4000000, "currency": ...}; else None."""
    text = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    match = (re.fullmatch(r"([A-Z]{3})\s*(\d{1,3}(?:[ .]?\d{3})*)(?:,-)?", text)
             or re.fullmatch(r"(\d{1,3}(?:[ .]?\d{3})*)(?:,-)?\s*([A-Z]{3})", text))
    if not match:
        return None
    currency, amount = match.groups() if text[:1].isalpha() else reversed(match.groups())
    return {"amount": int(re.sub(r"[ .]", "", amount)), "currency": currency}


def _party(doc: TenderDocument) -> dict[str, Any]:
    scheme = IDENTIFIER_SCHEME.get(doc.country)
    number = re.sub(r"[\s-]", "", doc.organisation_number)
    identifier = {"scheme": scheme, "id": number, "legalName": doc.organisation} if scheme and number else None
    return {
        "id": f"{scheme}-{number}" if identifier else f"buyer-{slug(doc.organisation) or '1'}",
        "name": doc.organisation,
        "identifier": identifier,
        "address": {"countryName": _COUNTRY_NAME.get(doc.language, _COUNTRY_NAME["en"]).get(doc.country)},
        "roles": ["buyer", "procuringEntity"],
    }


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _requirement(req: DocRequirement) -> dict[str, Any]:
    expected = req.answer_expected
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        expected = _number(expected)
    elif expected is not None and not isinstance(expected, bool):
        expected = str(expected)
    return {
        "id": req.key,
        "title": req.title,
        "description": req.text,
        "dataType": _DATA_TYPE.get(req.answer_type, "string"),
        "expectedValue": expected,
        "minValue": _number(req.answer_min),
        "maxValue": _number(req.answer_max),
        # our extension (exports/ocds_extension)
        "obligation": req.obligation if req.obligation in ("must", "should") else None,
        "weight": _number(req.weight),
        "answerType": _ANSWER_TYPE.get(req.answer_type),
        "unit": req.answer_unit,
    }


def _criteria(doc: TenderDocument) -> list[dict[str, Any]]:
    out = []
    for section in doc.sections:
        by_kind: dict[str, list[DocRequirement]] = {}
        for req in section.requirements:
            by_kind.setdefault(req.kind, []).append(req)
        for kind, reqs in by_kind.items():
            out.append(_criterion(doc, section, kind, reqs, single=len(by_kind) == 1))
    return out


def _criterion(doc: TenderDocument, section: DocSection, kind: str, reqs: list[DocRequirement], *,
               single: bool) -> dict[str, Any]:
    cid = section.code if single else f"{section.code}-{kind}"
    title = section.name if kind == "requirement" else f"{section.name}: {word(KIND, doc.language, kind)}"
    return {
        "id": cid,
        "title": title,
        "description": section.intro,
        "relatesToTenderer": kind == "qualification",
        "requirementGroups": [{"id": cid, "requirements": [_requirement(r) for r in reqs]}],
    }


def _award_criteria(doc: TenderDocument) -> dict[str, Any] | None:
    """The award model (issue 13): each criterion's weight in % of the total; its description says what
    the supplier documents, the point scale, the should-requirements under it with their weight in
    points inside it, and for price the price model with its formula."""
    if not doc.award_criteria:
        return None
    return {"criteria": [
        {"type": _AWARD_TYPE.get(c.code, "quality"), "name": c.name, "description": _award_description(doc, c),
         "numbers": [{"number": c.weight, "weight": "percentageExact"}]}
        for c in doc.award_criteria
    ]}


def _award_description(doc: TenderDocument, criterion: AwardCriterion) -> str | None:
    lang = doc.language
    w = award_words(lang)
    model = doc.award_model or AwardModel()
    lines = [f"{w['documentation']}: {criterion.documentation}"] if criterion.documentation else []
    if criterion.code == "price":
        name, text = price_model_text(lang, model.price_model, model.scale_max)
        lines.append(f"{w['price_model']}: {name}. {text}")
    else:
        lines.append(w["scale_text"].format(max=model.scale_max))
        reqs = [f"{r.key} ({r.weight})" for r in doc.requirements
                if r.obligation == "should" and r.criterion == criterion.code]
        if reqs:
            lines.append(f"{w['should_weights']}: {', '.join(reqs)}.")
    return "\n".join(lines) or None


def _award_criteria_code(doc: TenderDocument) -> str | None:
    codes = {_AWARD_TYPE.get(c.code, "quality") for c in doc.award_criteria if c.weight}
    if not codes:
        return None
    if len(codes) > 1:
        return "ratedCriteria"
    return {"price": "priceOnly", "cost": "costOnly", "quality": "qualityOnly"}[codes.pop()]


def document_files(doc: TenderDocument) -> list[tuple[str, str, str, str, str]]:
    """(id, OCDS documentType, title, file name, media type) of every file in the tender package."""
    titles = _DOC_TITLES.get(doc.language, _DOC_TITLES["en"])
    words = [(p.ocds_id, p.document_type, titles[p.name], parts.word_filename(doc, p), parts.DOCX_MEDIA_TYPE)
             for p in parts.word_parts(doc)]
    return [
        *words,
        ("response-matrix-xlsx", "biddingDocuments", titles["xlsx"], xlsx.filename(doc), xlsx.MEDIA_TYPE),
        ("response-matrix-csv", "biddingDocuments", titles["csv"], csv_export.filename(doc), "text/csv"),
    ]


def _documents(doc: TenderDocument, when: str, base_url: str) -> list[dict[str, Any]]:
    return [{"id": did, "documentType": dtype, "title": title, "description": name, "format": media,
             "language": doc.language, "dateModified": when,
             "url": f"{base_url.rstrip('/')}/{quote(name)}" if base_url else None}
            for did, dtype, title, name, media in document_files(doc)]


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _moment(doc: TenderDocument, day: dt.date, end: bool) -> str:
    clock = dt.time(23, 59, 59) if end else dt.time(0, 0, 0)
    zone = ZoneInfo(_TIME_ZONE.get(doc.country, "Europe/Oslo"))
    return dt.datetime.combine(day, clock, tzinfo=zone).isoformat()


def contract_period(doc: TenderDocument) -> dict[str, Any] | None:
    """Start, end of the base term, end with every option taken, and the base term in days."""
    start = _day(doc.contract_start)
    if start is None:
        return None
    period: dict[str, Any] = {"startDate": _moment(doc, start, end=False)}
    if doc.contract_years:
        last = _plus_years(start, doc.contract_years) - dt.timedelta(days=1)
        period["endDate"] = _moment(doc, last, end=True)
        period["durationInDays"] = (last - start).days + 1
        if doc.option_years:
            final = _plus_years(start, doc.contract_years + doc.option_years) - dt.timedelta(days=1)
            period["maxExtentDate"] = _moment(doc, final, end=True)
    return period


def _items(doc: TenderDocument) -> list[dict[str, Any]]:
    """One item: the service, classified by the chosen CPV codes (the first is the main one), with
    the number of users as its quantity."""
    if not doc.classifications and doc.user_count is None:
        return []
    codes = [{"scheme": c.scheme, "id": c.code.split("-")[0], "description": c.description}
             for c in doc.classifications]
    return [{
        "id": "1",
        "description": doc.title,
        "classification": codes[0] if codes else None,
        "additionalClassifications": codes[1:],
        "quantity": doc.user_count,
        "unit": {"name": _USERS.get(doc.language, _USERS["en"])} if doc.user_count is not None else None,
        "relatedLot": LOT_ID,
    }]


def build(doc: TenderDocument, *, ocid_prefix: str = DEFAULT_OCID_PREFIX, package_uri: str | None = None,
          extension_url: str = EXTENSION_URL, documents_base_url: str = "") -> dict[str, Any]:
    """The release package as a dict (see `render`)."""
    the_ocid = ocid(doc, ocid_prefix)
    when = rfc3339(doc)
    tag, tender_status = _STATUS.get(doc.status, ("planning", "planning"))
    buyer = _party(doc)
    buyer_ref = {"id": buyer["id"], "name": buyer["name"]}
    value = _money(doc.estimated_value) if doc.estimated_value else None
    award_text = ", ".join(f"{c.name} {c.weight} {award_words(doc.language)['pct_of_total']}"
                           for c in doc.award_criteria)
    release = {
        "ocid": the_ocid,
        "id": f"{the_ocid}-v{doc.version_label}-{when.replace('-', '').replace(':', '')}",
        "date": when,
        "tag": [tag],
        "initiationType": "tender",
        "language": doc.language,
        "parties": [buyer],
        "buyer": buyer_ref,
        "tender": {
            "id": doc.reference or the_ocid,
            "title": doc.title,
            "description": "\n".join(doc.needs_summary),
            "status": tender_status,
            "procuringEntity": buyer_ref,
            "value": value,
            "procurementMethod": PROCUREMENT_METHOD.get(doc.procedure_code),
            "procurementMethodDetails": doc.procedure,
            "mainProcurementCategory": "services",
            "awardCriteria": _award_criteria_code(doc),
            "awardCriteriaDetails": award_text,
            "items": _items(doc),
            "contractPeriod": contract_period(doc),
            "lots": [{"id": LOT_ID, "title": doc.title, "status": tender_status, "value": value,
                      "contractPeriod": contract_period(doc), "awardCriteria": _award_criteria(doc)}],
            "criteria": _criteria(doc),
            "documents": _documents(doc, when, documents_base_url),
        },
    }
    release_id = release["id"]
    if package_uri is None and documents_base_url:
        package_uri = f"{documents_base_url.rstrip('/')}/{quote(filename(doc))}"
    package = {
        "uri": package_uri or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'kravbygger:{release_id}')}",
        "version": OCDS_VERSION,
        "extensions": [*EXTENSIONS, extension_url],
        "publishedDate": when,
        "publisher": _compact({"name": doc.organisation, "scheme": buyer["identifier"]["scheme"],
                               "uid": buyer["identifier"]["id"]} if buyer["identifier"] else
                              {"name": doc.organisation}),
        "releases": [release],
    }
    return _compact(package)


def render(doc: TenderDocument, *, ocid_prefix: str = DEFAULT_OCID_PREFIX, package_uri: str | None = None,
           extension_url: str = EXTENSION_URL, documents_base_url: str = "") -> bytes:
    """The OCDS 1.1 release package as UTF-8 JSON bytes (sorted keys, deterministic).

    `extension_url` must point to the published exports/ocds_extension/extension.json.
    `documents_base_url` is the public folder where the package's files are served: every document
    gets its URL there, and the package its `uri` (unless `package_uri` is given). Without it,
    documents carry only their file names and the package a name-based urn:uuid.
    """
    data = build(doc, ocid_prefix=ocid_prefix, package_uri=package_uri, extension_url=extension_url,
                 documents_base_url=documents_base_url)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
