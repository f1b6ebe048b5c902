"""The context a Word template sees: plain strings, numbers, booleans, lists and dicts built from
a TenderDocument (every variable is listed in exports/README.md). The same context serves every
document (specification, qualification requirements, contract conditions, RFI); each master uses
the parts it needs."""

from __future__ import annotations

import re
from typing import Any

from babel.numbers import format_decimal

from app.exporters import vocabulary as V
from app.exporters.award_context import award_context
from app.exporters.document import (
    AwardCriterion,
    DocReference,
    DocRequirement,
    DocScope,
    DocSection,
    TenderDocument,
)

_BABEL = {"nb": "nb_NO", "nn": "nn_NO", "sv": "sv_SE", "en": "en_GB"}
_GROUP_OF_KIND = {"law": "law", "regulation": "law", "case": "case", "standard": "standard", "guidance": "guidance"}


def language(doc: TenderDocument) -> str:
    return doc.language if doc.language in V.LANGUAGES else "en"


def build_context(doc: TenderDocument) -> dict[str, Any]:
    """Everything a template may use."""
    lang = language(doc)
    words = V.DOCUMENT[lang]
    sections = [_section_context(s, i, lang) for i, s in enumerate(doc.specification_sections, start=1)]
    return {
        **_cover(doc, lang),
        "document_type": words["document_type"],
        "needs": [_clean(n) for topic in doc.needs for n in topic.statements] or
                 [_clean(n) for n in doc.needs_summary],
        "need_topics": [{"topic": _clean(t.topic), "text": _clean(" ".join(t.statements))}
                        for t in doc.needs if t.statements],
        "scope": scope_context(doc.scope, lang),
        "sections": sections,
        "requirements": [r for s in sections for r in s["requirements"]],
        "requirement_count": sum(s["count"] for s in sections),
        "qualification_requirements": [requirement_context(r, lang) for r in doc.qualification_requirements],
        "contract_conditions": [requirement_context(r, lang) for r in doc.contract_conditions],
        "award_requirements": [requirement_context(r, lang) for r in doc.award_requirements],
        "award_criteria": [_award_context(a) for a in doc.award_criteria],
        "award_total": sum(a.weight for a in doc.award_criteria),
        **award_context(doc, lang),
        "rejection": V.rejection(lang),
        "scoring": V.scoring(lang),
        "references": [_reference_context(r, lang) for r in doc.references],
        "reference_groups": _reference_groups(doc.references, lang),
    }


def _cover(doc: TenderDocument, lang: str) -> dict[str, Any]:
    return {
        "language": lang,
        "language_tag": V.LANGUAGE_TAG[lang],
        "country": _clean(doc.country),
        "organisation": _clean(doc.organisation),
        "organisation_number": _clean(doc.organisation_number),
        "title": _clean(doc.title),
        "reference": _clean(doc.reference),
        "version": _clean(doc.version_label),
        "status": doc.status,
        "status_label": V.word(V.STATUS, lang, doc.status),
        "is_draft": doc.is_draft,
        "draft_marker": V.DRAFT[lang] if doc.is_draft else "",
        "date": _clean(doc.date),
        "generated_at": _clean(doc.generated_at),
        "library_version": _clean(doc.library_version),
        "procedure": _clean(doc.procedure),
        "estimated_value": _clean(doc.estimated_value),
        "contract_period": _clean(doc.contract_period),
    }


def number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=_BABEL.get(lang, "en_GB"))


def scope_context(scope: DocScope, lang: str) -> dict[str, Any]:
    """The scope chapter: facts as ready sentences and a users-by-group table."""
    words = V.DOCUMENT[lang]
    groups = [{"label": _clean(g.label), "count": number(g.count, lang)} for g in scope.users_by_group if g.count]
    total = scope.user_count or sum(g.count for g in scope.users_by_group) or None
    contract = []
    if scope.contract_start:
        contract.append(words["contract_start"].format(date=_clean(scope.contract_start)))
    if scope.contract_years:
        contract.append(words["contract_term"].format(years=scope.contract_years))
    if scope.option_years:
        contract.append(words["contract_options"].format(years=scope.option_years))
    return {
        "any": not scope.empty,
        "users_text": words["users_total"].format(count=number(total, lang)) if total else "",
        "user_groups": groups,
        "user_groups_total": number(sum(g.count for g in scope.users_by_group), lang) if groups else "",
        "locations": _clean(scope.locations),
        "current_situation": _clean(scope.current_situation),
        "goals": _clean(scope.goals),
        "contract_text": " ".join(contract),
        "data_volume_text": words["data_volume"].format(gb=number(scope.data_volume_gb, lang))
        if scope.data_volume_gb else "",
    }


def _section_context(section: DocSection, index: int, lang: str) -> dict[str, Any]:
    requirements = [requirement_context(r, lang) for r in section.requirements]
    return {"index": index, "code": _clean(section.code), "name": _clean(section.name),
            "intro": _clean(section.intro), "requirements": requirements, "count": len(requirements)}


def _citations(req: DocRequirement, lang: str) -> list[str]:
    """"Hjemmel: GDPR art. 28", "Standard: ISO/IEC 27001:2022": one line per kind of source."""
    kinds = req.reference_kinds if len(req.reference_kinds) == len(req.references) else ("",) * len(req.references)
    by_label: dict[str, list[str]] = {}
    for text, kind in zip(req.references, kinds, strict=True):
        by_label.setdefault(V.word(V.CITATION_LABEL, lang, kind), []).append(V.citation(_clean(text), lang))
    return [f"{label}: {'; '.join(items)}" for label, items in by_label.items()]


def requirement_context(req: DocRequirement, lang: str) -> dict[str, Any]:
    words = V.DOCUMENT[lang]
    methods = [V.word(V.VERIFICATION_METHOD, lang, m) for m in req.verification_methods]
    references = [V.citation(_clean(r), lang) for r in req.references]
    return {
        "key": _clean(req.key),
        "category": _clean(req.category),
        "title": _clean(req.title),
        "need": _clean(req.need),
        "text": _clean(req.text),
        "obligation": req.obligation,
        "obligation_word": V.word(V.OBLIGATION, lang, req.obligation),
        "obligation_name": V.word(V.OBLIGATION_NAME, lang, req.obligation),
        "obligation_note": f"{words['weight']} {req.weight}" if req.weight is not None else "",
        "kind": req.kind,
        "kind_label": V.word(V.KIND, lang, req.kind),
        "weight": req.weight,
        "verification": _clean(req.verification),
        "verification_methods": methods,
        "methods_text": ", ".join(m if i == 0 else m.lower() for i, m in enumerate(methods)),
        "evidence": _clean(req.evidence),
        "espd": words[V.espd_part(req.verification_methods)] if req.kind == "qualification" else "",
        "answer_type": req.answer_type,
        "answer_type_label": V.word(V.ANSWER_TYPE, lang, req.answer_type),
        "answer_expected": _format_value(req.answer_expected, lang),
        "answer_min": _format_value(req.answer_min, lang),
        "answer_max": _format_value(req.answer_max, lang),
        "answer_unit": _clean(V.unit(req.answer_unit, lang)),
        "references": references,
        "references_text": "; ".join(references),
        "citation_lines": _citations(req, lang),
        "source_key": _clean(req.source_key or ""),
        "source_version": req.source_version,
        "local": req.local,
    }


def _award_context(a: AwardCriterion) -> dict[str, Any]:
    return {"code": a.code, "name": _clean(a.name), "weight": a.weight, "documentation": _clean(a.documentation)}


def _reference_context(r: DocReference, lang: str) -> dict[str, Any]:
    return {"citation": V.citation(_clean(r.citation), lang), "title": _clean(r.title), "country": r.country,
            "country_label": V.word(V.JURISDICTION, lang, r.country), "kind": r.kind}


def _reference_groups(references: tuple[DocReference, ...], lang: str) -> list[dict[str, Any]]:
    """The reference annex in groups: laws and regulations, case law, standards, guidance."""
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in V.CITATION_GROUP[lang]}
    other: list[dict[str, Any]] = []
    for r in references:
        group = _GROUP_OF_KIND.get(r.kind)
        (groups[group] if group else other).append(_reference_context(r, lang))
    out = [{"name": V.CITATION_GROUP[lang][g], "references": refs} for g, refs in groups.items() if refs]
    if other:
        out.append({"name": V.DOCUMENT[lang]["references"], "references": other})
    return out


# XML 1.0 cannot carry most control characters; \a and \f would also become paragraph and page
# breaks in docxtpl. Tabs and newlines stay (docxtpl turns them into w:tab and w:br).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


clean = _clean


def _format_value(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return V.YES_NO[lang][0 if value else 1]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float) and lang != "en":
        return str(value).replace(".", ",")
    return _clean(value)
