"""An organisation's own requirements, curated by its administrators beside the national library.

Rules (checked here, so the web form and the XLSX import say the same thing):
- Keys: generated as `<organisation key prefix>-NNN` (next free number in the organisation, e.g.
  LOK-001) unless given. A given key is 2-8 capital letters or digits (starting with a letter), a
  hyphen and 1-4 digits, at most 20 characters, and may not be a national library key (a project
  holds each key once). The key never changes after creation.
- Category: one of the national library's category codes. Kind: requirement, contract condition or
  qualification. Obligation: must | should; a should-requirement needs a weight 1-100; a
  must-requirement has no weight (one given is dropped). At least one verification method, from the
  national library's list (requirements.schema.json).
- Texts in nb, sv and en: title, need, requirement, verification, evidence, guidance. Title and
  requirement are required in the organisation's language (nb for a Norwegian, sv for a Swedish
  organisation); a language is optional otherwise, but a language with any text needs its title and
  requirement too, so every language the requirement has can be used in a tender. Titles at most 120
  characters (as in the national library), other texts at most 4000; at most 30 references of at
  most 300 characters each (free citation texts, e.g. "GDPR art. 28").
- Lint on save (`app.library.lint.lint_requirement`, only the languages present): errors block the
  save, warnings are returned with the saved requirement. Every problem names the form field it
  belongs to (`title_nb`, `requirement_sv`, `weight`, ...), so the web layer shows each message
  next to its field and the import maps it to a row and column.
- Every save (create, update, import) bumps `version` and stores a revision with the full data.
  Requirements are retired and restored, never deleted.

Functions take the acting user explicitly, write AuditEvents and only flush.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import policy
from ..extensions import db
from ..library.spreadsheet import TEXT_PARTS, ImportedRequirement, RowError
from ..models import (
    Organisation,
    OrgRequirement,
    OrgRequirementRevision,
    ProjectRequirement,
    TenderProject,
    User,
)
from ..models._types import utcnow
from ..policy import Action
from . import Conflict, NotAllowed, ServiceError, audit, catalog, flush_or_conflict
from .org_requirement_rules import (  # noqa: F401  (the names the web layer and forms use)
    COLUMN_ORDER,
    LANGUAGE_NAMES,
    LANGUAGES,
    ImportRejected,
    Invalid,
    Problem,
    RequirementData,
    _check,
    _clean,
    categories,
    organisation_language,
    validate,
    verification_methods,
)


@dataclass
class SaveResult:
    requirement: OrgRequirement
    warnings: list[Problem]
    changed: bool = True


@dataclass
class ImportResult:
    created: list[OrgRequirement]
    updated: list[OrgRequirement]
    unchanged: list[OrgRequirement]
    warnings: list[RowError]


# ----- finding --------------------------------------------------------------------------------------

def _ensure_admin(actor: User, organisation_id: int | None = None) -> None:
    if not policy.may(actor, Action.ADMINISTER):
        raise NotAllowed(_l("Only an administrator can curate the organisation's requirements."))
    if organisation_id is not None and actor.organisation_id != organisation_id:
        raise NotAllowed(_l("Only an administrator of the organisation can change its requirements."))


def list_for(actor: User, *, include_retired: bool = True) -> list[OrgRequirement]:
    """The actor's organisation's requirements (active first, then retired), by key."""
    query = select(OrgRequirement).where(OrgRequirement.organisation_id == actor.organisation_id)
    if not include_retired:
        query = query.where(OrgRequirement.retired_at.is_(None))
    rows = db.session.scalars(query).all()
    return sorted(rows, key=lambda r: (r.retired_at is not None, _key_sort(r.key)))


def _key_sort(key: str) -> tuple[str, int]:
    prefix, _, number = key.rpartition("-")
    return (prefix, int(number)) if number.isdigit() else (key, 0)


def get(actor: User, requirement_id: int) -> OrgRequirement | None:
    """The requirement if it belongs to the actor's organisation; None otherwise (the web answers 404)."""
    req = db.session.get(OrgRequirement, requirement_id)
    return req if req is not None and req.organisation_id == actor.organisation_id else None


def get_by_key(actor: User, key: str) -> OrgRequirement | None:
    return db.session.scalar(select(OrgRequirement).where(
        OrgRequirement.organisation_id == actor.organisation_id, OrgRequirement.key == key.upper()))


def next_key(organisation: Organisation, taken: Iterable[str] = ()) -> str:
    """`<prefix>-NNN`: one more than the highest number the organisation has used with its prefix."""
    prefix = (organisation.key_prefix or "LOK").upper()
    keys = set(db.session.scalars(select(OrgRequirement.key)
                                  .where(OrgRequirement.organisation_id == organisation.id)).all())
    keys.update(taken)
    numbers = [int(k.rsplit("-", 1)[1]) for k in keys
               if k.startswith(prefix + "-") and k.rsplit("-", 1)[1].isdigit()]
    n = max(numbers, default=0) + 1
    national = catalog.library().requirements
    while f"{prefix}-{n:03d}" in keys or f"{prefix}-{n:03d}" in national:
        n += 1
    return f"{prefix}-{n:03d}"


# ----- saving ---------------------------------------------------------------------------------------

def snapshot(req: OrgRequirement) -> dict[str, Any]:
    """The full data of one version, as stored in its revision."""
    return {"key": req.key, "version": req.version, "category": req.category, "kind": req.kind,
            "obligation": req.obligation, "weight": req.weight,
            "verification_methods": list(req.verification_methods or ()), "answer": dict(req.answer or {}),
            "texts": {lang: dict(t) for lang, t in (req.texts or {}).items()},
            "references": list(req.references or ()),
            "retired": req.retired_at is not None}


def _apply(req: OrgRequirement, data: RequirementData) -> None:
    req.category, req.kind, req.obligation, req.weight = data.category, data.kind, data.obligation, data.weight
    req.verification_methods = list(data.verification_methods)
    req.answer = dict(data.answer)
    req.texts = {lang: dict(parts) for lang, parts in data.texts.items()}
    req.references = list(data.references)


def _revise(actor: User | None, req: OrgRequirement) -> None:
    db.session.add(OrgRequirementRevision(org_requirement_id=req.id, version=req.version, data=snapshot(req),
                                          created_by_id=getattr(actor, "id", None)))


def _content(data: RequirementData) -> dict[str, Any]:
    return {"category": data.category, "kind": data.kind, "obligation": data.obligation, "weight": data.weight,
            "verification_methods": list(data.verification_methods), "answer": dict(data.answer),
            "texts": {lang: dict(t) for lang, t in data.texts.items()}, "references": list(data.references)}


def create(actor: User, data: RequirementData, *, key: str | None = None) -> SaveResult:
    _ensure_admin(actor)
    org = actor.organisation
    key = (key or "").strip().upper() or None
    errors, warnings = validate(actor, data, key=key)
    if errors:
        raise Invalid(errors, warnings)
    data = _clean(data)
    req = OrgRequirement(organisation_id=org.id, key=key or next_key(org), version=1)
    _apply(req, data)
    db.session.add(req)
    db.session.flush()
    _revise(actor, req)
    audit.record(actor, "org_requirement.created", req, key=req.key, version=1)
    db.session.flush()
    return SaveResult(req, warnings)


def update(actor: User, req: OrgRequirement, data: RequirementData, *, seen_version: int | None = None) -> SaveResult:
    """Save a new version. `seen_version` is the version the user edited; an older one is a Conflict."""
    _ensure_admin(actor, req.organisation_id)
    if seen_version is not None and seen_version != req.version:
        raise Conflict(_l("Someone else saved %(key)s (version %(v)d) after you opened it.", key=req.key,
                          v=req.version), current=req)
    errors, warnings = validate(actor, data, existing=req)
    if errors:
        raise Invalid(errors, warnings)
    data = _clean(data)
    before = snapshot(req)
    if _content(data) == _content(RequirementData.of(req)):
        return SaveResult(req, warnings, changed=False)
    _apply(req, data)
    req.version = req.version + 1
    req.updated_at = utcnow()
    conflict = _l("Someone else saved %(key)s at the same time as you.", key=req.key)
    flush_or_conflict(req, conflict)  # UPDATE ... WHERE version = <read>: of two simultaneous saves one fails
    _revise(actor, req)
    changed = sorted(k for k, v in snapshot(req).items() if k != "version" and before.get(k) != v)
    audit.record(actor, "org_requirement.updated", req, key=req.key, version=req.version, changed=changed)
    flush_or_conflict(req, conflict)  # the revision number is unique per requirement
    return SaveResult(req, warnings)


def retire(actor: User, req: OrgRequirement) -> OrgRequirement:
    """Stop offering the requirement; projects that copied it keep their copy."""
    _ensure_admin(actor, req.organisation_id)
    if req.retired_at is None:
        req.retired_at = utcnow()
        audit.record(actor, "org_requirement.retired", req, key=req.key, version=req.version)
        db.session.flush()
    return req


def restore(actor: User, req: OrgRequirement) -> OrgRequirement:
    _ensure_admin(actor, req.organisation_id)
    if req.retired_at is not None:
        req.retired_at = None
        audit.record(actor, "org_requirement.restored", req, key=req.key, version=req.version)
        db.session.flush()
    return req


def history(req: OrgRequirement) -> list[tuple[OrgRequirementRevision, list[str]]]:
    """Revisions, newest first, each with the names of the fields that changed from the one before."""
    result = []
    previous: dict[str, Any] | None = None
    for rev in sorted(req.revisions, key=lambda r: r.version):
        data = rev.data or {}
        if previous is None:
            changed: list[str] = []
        else:
            changed = [k for k in ("category", "kind", "obligation", "weight", "verification_methods", "answer",
                                   "references") if data.get(k) != previous.get(k)]
            texts, old = data.get("texts") or {}, previous.get("texts") or {}
            changed += [f"{part}_{lang}" for lang in LANGUAGES for part in TEXT_PARTS
                        if (texts.get(lang) or {}).get(part, "") != (old.get(lang) or {}).get(part, "")]
        result.append((rev, changed))
        previous = data
    return list(reversed(result))


def lint_warnings(actor: User, req: OrgRequirement) -> list[Problem]:
    """Warnings (and any errors under newer rules) for the saved requirement, for the edit page."""
    errors, warnings = _check(_clean(RequirementData.of(req)), actor.organisation, req.key, actor.locale)
    return errors + warnings


# ----- XLSX -----------------------------------------------------------------------------------------

def export_rows(actor: User) -> list[dict[str, Any]]:
    """The organisation's active requirements as mappings for `library_to_xlsx`."""
    return [snapshot(r) for r in list_for(actor, include_retired=False)]


def _row_error(item: ImportedRequirement, problem: Problem) -> RowError:
    name, message = problem
    part, _, lang = name.rpartition("_")
    if part in TEXT_PARTS and lang in LANGUAGES:
        return RowError(item.row_for(lang), part, "invalid", message)
    column = {"answer_type": "kind", "": "language"}.get(name, name)
    return RowError(item.first_row, column, "invalid", message)


def import_requirements(actor: User, items: Sequence[ImportedRequirement],
                        errors: Sequence[RowError] = ()) -> ImportResult:
    """Create new requirements or new versions of existing local keys, all or nothing.

    `errors` are the problems the workbook reader found already. Every item without one of those is
    validated too (key, rules, lint) before anything is written, so one upload lists every problem;
    any error raises ImportRejected with all of them by row and column. Items identical to the saved
    version are left alone; retired requirements get the new version and stay retired."""
    _ensure_admin(actor)
    org = actor.organisation
    bad_rows = {e.row for e in errors}
    errors = list(errors)
    warnings: list[RowError] = []
    plan: list[tuple[ImportedRequirement, OrgRequirement | None, RequirementData]] = []
    for item in items:
        if bad_rows & set(item.rows.values()):
            continue  # already reported; its other checks would only repeat the reader's message
        existing = get_by_key(actor, item.key)
        data = RequirementData(category=item.category, obligation=item.obligation, weight=item.weight,
                               kind=item.kind, verification_methods=list(item.verification_methods),
                               texts={lang: dict(t) for lang, t in item.texts.items()},
                               references=list(item.references),
                               answer=dict(existing.answer) if existing and existing.answer else {"type": "yes_no"})
        problems, notes = validate(actor, data, key=item.key if existing is None else None, existing=existing)
        errors += [_row_error(item, p) for p in problems]
        warnings += [_row_error(item, p) for p in notes]
        plan.append((item, existing, data))
    if errors:
        errors.sort(key=lambda e: (e.row or 0, COLUMN_ORDER.get(e.column, 99)))
        raise ImportRejected(errors)
    result = ImportResult([], [], [], warnings)
    for item, existing, data in plan:
        if existing is None:
            data = _clean(data)
            req = OrgRequirement(organisation_id=org.id, key=item.key, version=1)
            _apply(req, data)
            db.session.add(req)
            db.session.flush()
            _revise(actor, req)
            result.created.append(req)
        else:
            saved = update(actor, existing, data)
            (result.updated if saved.changed else result.unchanged).append(existing)
    db.session.flush()
    audit.record(actor, "org_requirement.imported", None, organisation_id=org.id,
                 created=[r.key for r in result.created], updated=[r.key for r in result.updated])
    return result


# ----- projects -------------------------------------------------------------------------------------

def copy_to_project(project: TenderProject, org_requirement: OrgRequirement) -> ProjectRequirement:
    """Copy an organisation requirement into the project, in the project's language (else the first
    language the requirement has: organisation language, nb, sv, en). Like `tailoring.copy_from_library`,
    a key the project already holds is restored and returned instead of copied twice."""
    if org_requirement.organisation_id != project.organisation_id:
        raise NotAllowed(_l("The requirement belongs to another organisation."))
    if org_requirement.retired_at is not None:
        raise ServiceError(_l("The requirement %(key)s is retired.", key=org_requirement.key), field="keys")
    existing = next((r for r in project.requirements if r.key == org_requirement.key), None)
    if existing is not None:
        existing.removed_at = None
        existing.removed_reason = None
        return existing
    texts = org_requirement.texts or {}
    own = organisation_language(project.organisation) if project.organisation else "nb"
    lang = next((code for code in (project.language, own, *LANGUAGES) if texts.get(code)), None)
    text = (texts.get(lang) or {}) if lang else {}
    position = 1 + max((r.position for r in project.requirements if r.category == org_requirement.category),
                       default=0)
    row = ProjectRequirement(
        key=org_requirement.key, source_key=None, source_version=org_requirement.version,
        source_org_requirement_id=org_requirement.id, category=org_requirement.category, position=position,
        kind=org_requirement.kind, obligation=org_requirement.obligation, weight=org_requirement.weight,
        title=(text.get("title") or org_requirement.key)[:200], need=text.get("need", ""),
        text=text.get("requirement", ""), original_text=text.get("requirement", ""),
        verification=text.get("verification", ""), evidence=text.get("evidence", ""),
        verification_methods=list(org_requirement.verification_methods or ()),
        answer=dict(org_requirement.answer or {"type": "yes_no"}),
        references=list(org_requirement.references or ()), reasons=[],
    )
    project.requirements.append(row)
    return row
