"""Assemble a project into the one plain TenderDocument that every exporter renders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from ..exporters.document import (
    AwardCriterion,
    DocClassification,
    DocComment,
    DocNeed,
    DocQuantity,
    DocReference,
    DocRequirement,
    DocScope,
    DocSection,
    TenderDocument,
)
from ..forms import question_types
from ..library.model import pick
from ..library.text import clean_value
from ..models import Comment, TenderProject
from . import award, catalog
from . import wizard as wizard_service

CURRENCY = {"NO": "NOK", "SE": "SEK"}
YEARS = {"nb": ("år", "år"), "sv": ("år", "år"), "en": ("year", "years")}
BABEL_LOCALE = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}


def answer_text(question, value: Any, lang: str) -> str:
    """An answer as text in `lang`, for documents and the wizard's review page."""
    return question_types.of(question).text(question, value, lang)


NOT_NEEDS = ("procurement", "scope", "evaluation")  # on the cover, in the scope chapter, in the award criteria


def needs(project: TenderProject, lang: str) -> tuple[DocNeed, ...]:
    """The needs chapter: the need statement of every chosen answer, grouped by wizard step (topic).
    Written about the municipality in the third person, never question text."""
    answers = wizard_service.effective_answers(project)
    topics = []
    for step in catalog.library().wizard.visible_steps(answers):
        if step.id in NOT_NEEDS:
            continue
        statements = [pick(o.need, lang) for q in step.visible_questions(answers)
                      for o in _chosen(q, answers.get(q.id)) if o.need]
        if statements:
            topics.append(DocNeed(pick(step.topic or step.title, lang), tuple(statements)))
    return tuple(topics)


def _chosen(question, value: Any) -> list:
    if question.type in ("single", "yes_no"):
        option = question.option(value)
        return [option] if option else []
    if question.type == "multi":
        return [o for o in question.options if o.value in (value or [])]
    return []


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def scope(project: TenderProject, lang: str) -> DocScope:
    """Facts about the municipality and the contract for the scope chapter, from the wizard answers."""
    answers = project.answers or {}
    question = catalog.library().wizard.questions.get("users_by_group")
    groups = answers.get("users_by_group") if isinstance(answers.get("users_by_group"), dict) else {}
    start = answers.get("contract_start")
    start_text = ""
    if start:
        try:
            start_text = format_date(dt.date.fromisoformat(start), "long", locale=BABEL_LOCALE[lang])
        except ValueError:
            start_text = ""
    return DocScope(
        user_count=_int(answers.get("user_count")),
        users_by_group=tuple(DocQuantity(o.value, pick(o.label, lang), int(groups.get(o.value) or 0))
                             for o in (question.options if question else ()) if groups.get(o.value)),
        locations=str(answers.get("locations") or "").strip(),
        current_situation=str(answers.get("current_situation") or "").strip(),
        goals=str(answers.get("goals") or "").strip(),
        contract_start=start_text,
        contract_years=_int(answers.get("contract_years")),
        option_years=_int(answers.get("option_years")),
        data_volume_gb=_int(answers.get("data_volume_gb")),
    )


def _reference_kinds(texts: list[str] | tuple[str, ...], lib_req, library) -> tuple[str, ...]:
    """The kind of source (law, regulation, standard, guidance, case) behind each citation text."""
    exact = {c.text: c.reference.kind for c in (lib_req.citations if lib_req else ())}
    kinds = []
    for text in texts:
        kind = exact.get(text)
        if kind is None:
            kind = next((ref.kind for ref in library.references.values() if text.startswith(ref.citation)), "")
        kinds.append(kind)
    return tuple(kinds)


def climate_justification(project) -> str:
    """The buyer's FOA § 7-9 justification, when climate is handled by requirements or exempt (Norway)."""
    answers = project.answers or {}
    if project.country != "NO" or answers.get("climate_approach") not in ("requirements", "negligible_footprint"):
        return ""
    return str(answers.get("climate_justification") or "").strip()


def award_criteria(project: TenderProject, lang: str) -> tuple[AwardCriterion, ...]:
    return award.criteria(project, lang, award.settings_of(project))


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def ocds_facts(project: TenderProject, lang: str) -> dict[str, Any]:
    """The wizard facts OCDS needs in machine form: procedure code, dates, terms, users, CPV codes."""
    answers = wizard_service.effective_answers(project)
    cpv_q = catalog.library().wizard.questions.get("cpv_codes")
    chosen = answers.get("cpv_codes") or []
    cpv = tuple(DocClassification("CPV", o.value, pick(o.label, lang).removeprefix(o.value).strip())
                for o in (cpv_q.options if cpv_q else ()) if o.value in chosen)
    return {
        "procedure_code": answers.get("procedure") or "",
        "contract_start": answers.get("contract_start") or "",
        "contract_years": _int_or_none(answers.get("contract_years")),
        "option_years": _int_or_none(answers.get("option_years")),
        "user_count": _int_or_none(answers.get("user_count")),
        "classifications": cpv,
    }


def _comment(c: Comment) -> DocComment:
    return DocComment(author=c.author.name, initials=c.author.initials, body=c.body,
                      created_at=c.created_at.isoformat(),
                      replies=tuple(_comment(r) for r in c.replies if r.deleted_at is None))


def assemble(project: TenderProject, *, status: str | None = None, version_label: str | None = None,
             generated_at: dt.datetime | None = None, comments: list[Comment] | None = None) -> TenderDocument:
    """The project as a TenderDocument. Pass `comments` (open, top-level) for a review copy."""
    from . import versions

    library = catalog.library()
    lang = project.language
    generated_at = generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    by_requirement: dict[int, list[DocComment]] = {}
    by_section: dict[str, list[DocComment]] = {}
    on_document: list[DocComment] = []
    for c in comments or ():
        if c.requirement_id:
            by_requirement.setdefault(c.requirement_id, []).append(_comment(c))
        elif c.section:
            by_section.setdefault(c.section, []).append(_comment(c))
        else:
            on_document.append(_comment(c))

    settings = award.settings_of(project)
    criteria = award.criteria(project, lang, settings)
    rows = [r for r in project.requirements if r.removed_at is None]
    sections = []
    cited: dict[str, DocReference] = {}
    for category in library.categories:
        in_cat = sorted((r for r in rows if r.category == category.code), key=lambda r: (r.position, r.key))
        if not in_cat:
            continue
        reqs = []
        for r in in_cat:
            answer = r.answer or {}
            lib_req = library.requirement(r.source_key) if r.source_key else None
            reqs.append(DocRequirement(
                key=r.key, category=r.category, title=r.title, need=r.need, text=r.text,
                obligation=r.obligation, verification=r.verification, evidence=r.evidence, kind=r.kind,
                weight=r.weight if r.obligation == "should" else None,
                verification_methods=tuple(r.verification_methods or ()),
                answer_type=answer.get("type", "yes_no"), answer_min=answer.get("min"),
                answer_max=answer.get("max"), answer_expected=answer.get("expected"),
                answer_unit=answer.get("unit"), references=tuple(r.references or ()),
                reference_kinds=_reference_kinds(r.references or (), lib_req, library),
                source_key=r.source_key, source_version=r.source_version, local=r.source_key is None,
                comments=tuple(by_requirement.get(r.id, ())), criterion=award.criterion_of(r, criteria),
            ))
            for citation in lib_req.citations_for(project.country) if lib_req else ():
                ref = citation.reference
                cited.setdefault(ref.id, DocReference(ref.citation, pick(ref.title, lang), ref.country, ref.kind))
        sections.append(DocSection(category.code, pick(category.name, lang), pick(category.intro, lang),
                                   tuple(reqs), tuple(by_section.get(category.code, ()))))

    answers = project.answers or {}
    questions = library.wizard.questions
    procedure_q = questions.get("procedure")
    procedure = answer_text(procedure_q, answers.get("procedure"), lang) if procedure_q else ""
    value = answers.get("estimated_value")
    estimated = (f"{CURRENCY[project.country]} {format_decimal(value, locale=BABEL_LOCALE[lang])}"
                 if value not in (None, "") else "")
    years = answers.get("contract_years")
    period = f"{years} {YEARS[lang][0 if years == 1 else 1]}" if years else ""
    order = {"EU": 0, "NO": 1, "SE": 1, "INT": 2}
    need_topics = needs(project, lang)
    # Every export renders this document: control characters are removed here, once, the same way as
    # at input (library/text.py), so no header, sheet name, property or file name can carry them.
    return clean_value(TenderDocument(
        language=lang, country=project.country, organisation=project.organisation.name,
        organisation_number=project.organisation.org_number or "",
        title=project.title, reference=project.reference or "",
        version_label=version_label or versions.draft_label(project),
        status=status or project.status, date=generated_at.date().isoformat(),
        generated_at=generated_at.isoformat(), library_version=library.version,
        procedure=procedure, estimated_value=estimated, contract_period=period,
        needs_summary=tuple(n for topic in need_topics for n in topic.statements), needs=need_topics,
        scope=scope(project, lang), sections=tuple(sections),
        award_criteria=criteria, award_model=award.model(project, lang, settings),
        price_form=award.price_form(project, lang), climate_justification=climate_justification(project),
        references=tuple(sorted(cited.values(), key=lambda r: (order.get(r.country, 3), r.citation))),
        comments=tuple(on_document), project_id=project.id, **ocds_facts(project, lang),
    ))
