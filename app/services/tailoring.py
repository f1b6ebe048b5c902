"""Selecting requirements for a project and tailoring them (obligation, weight, wording, order)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, select

from .. import domain
from ..domain import Invalid
from ..extensions import db
from ..library.lint import Finding, lint_requirement
from ..library.model import Library, Requirement
from ..models import OrgRequirement, ProjectRequirement, TenderProject, User
from ..models._types import utcnow
from . import audit, catalog
from .editing import begin_change, require_change


def active(project: TenderProject) -> list[ProjectRequirement]:
    return [r for r in project.requirements if r.removed_at is None]


def _next_position(project: TenderProject, category: str) -> int:
    return 1 + max((r.position for r in project.requirements if r.category == category), default=0)


def _library_fields(req: Requirement, project: TenderProject) -> dict:
    text = req.text(project.language)
    return {
        "title": text.title, "need": text.need, "text": text.requirement, "original_text": text.requirement,
        "verification": text.verification, "evidence": text.evidence,
        "references": [c.text for c in req.citations_for(project.country)],
    }


def copy_from_library(project: TenderProject, req: Requirement, reasons: Iterable[str] = ()) -> ProjectRequirement:
    """Copy a library requirement into the project (a tender never changes because the library did)."""
    existing = next((r for r in project.requirements if r.key == req.key), None)
    if existing is not None:  # re-adding a removed requirement restores it
        existing.removed_at = None
        existing.removed_reason = None
        existing.reasons = list(reasons)
        return existing
    row = ProjectRequirement(
        key=req.key, source_key=req.key, source_version=req.version, category=req.category,
        position=_next_position(project, req.category), kind=req.kind, obligation=req.obligation,
        weight=req.weight, verification_methods=list(req.verification_methods),
        answer={k: v for k, v in vars(req.answer).items() if v is not None},
        reasons=list(reasons), **_library_fields(req, project),
    )
    project.requirements.append(row)
    return row


def add_from_library(actor: User, project: TenderProject, keys: Iterable[str]) -> list[ProjectRequirement]:
    require_change(actor, project)
    library = catalog.library()
    wanted = []
    for key in keys:
        req = library.requirement(key)
        if req is None or req.retired:
            raise Invalid(_l("The requirement %(key)s is not in the library.", key=key), field="keys")
        if not req.available_in(project.country):
            raise Invalid(_l("The requirement %(key)s does not apply in this country.", key=key), field="keys")
        if not any(r.key == key and r.removed_at is None for r in project.requirements):
            wanted.append(req)
    if wanted:
        begin_change(actor, project)
    added = [copy_from_library(project, req) for req in wanted]
    db.session.flush()
    if added:
        audit.record(actor, "requirements.added", project, keys=[r.key for r in added])
    return added


def local_requirements(project: TenderProject) -> list[OrgRequirement]:
    """The organisation's active own requirements, for picking into the project."""
    return list(db.session.scalars(select(OrgRequirement).where(
        OrgRequirement.organisation_id == project.organisation_id, OrgRequirement.retired_at.is_(None))
        .order_by(OrgRequirement.category, OrgRequirement.key)))


def add_local(actor: User, project: TenderProject, ids: Iterable[int]) -> list[ProjectRequirement]:
    """Copy organisation requirements (by id) into the project."""
    from . import org_requirements  # the organisation's requirements build on tailoring, not the reverse

    require_change(actor, project)
    available = {r.id: r for r in local_requirements(project)}
    wanted = []
    for rid in ids:
        req = available.get(rid)
        if req is None:
            raise Invalid(_l("That organisation requirement is not available."), field="keys")
        if not any(r.key == req.key and r.removed_at is None for r in project.requirements):
            wanted.append(req)
    if wanted:
        begin_change(actor, project)
    added = [org_requirements.copy_to_project(project, req) for req in wanted]
    db.session.flush()
    if added:
        audit.record(actor, "requirements.added", project, keys=[r.key for r in added], local=True)
    return added


def remove(actor: User, project: TenderProject, requirement: ProjectRequirement, reason: str) -> None:
    require_change(actor, project)
    reason = reason.strip()
    if not reason:
        raise Invalid(_l("Say why the requirement is removed; the reason is kept in the history."), field="reason")
    if domain.REMOVAL_REASON.too_long(reason):
        raise Invalid(domain.REMOVAL_REASON.message(), field="reason")
    begin_change(actor, project)
    requirement.removed_at = utcnow()
    requirement.removed_reason = reason
    audit.record(actor, "requirement.removed", requirement, project_id=project.id, key=requirement.key, reason=reason)


def relanguage(project: TenderProject) -> None:
    """After the document language changes, re-copy library texts the buyer has not edited."""
    library = catalog.library()
    for row in project.requirements:
        req = library.requirement(row.source_key) if row.source_key else None
        if req is None or row.is_edited or req.version != row.source_version:
            continue
        for field, value in _library_fields(req, project).items():
            setattr(row, field, value)


# ----- tailoring one requirement -----------------------------------------------------------------
def lint(row: ProjectRequirement, lang: str, ui_lang: str) -> list[Finding]:
    """The linter's findings on a requirement the buyer wrote or edited (library text is linted in CI)."""
    return lint_requirement(key=row.key, obligation=row.obligation, weight=row.weight,
                            verification_methods=row.verification_methods, texts={lang: row.text},
                            titles={lang: row.title}, languages=(lang,), ui_lang=ui_lang,
                            require_all_languages=False)


def _check_fields(title: str, text: str, obligation: str, weight: int | None) -> None:
    if not title:
        raise Invalid(_l("Enter a short title."), field="title")
    if domain.REQUIREMENT_TITLE.too_long(title):
        raise Invalid(domain.REQUIREMENT_TITLE.message(), field="title")
    if not text:
        raise Invalid(_l("Enter the requirement text."), field="text")
    if domain.REQUIREMENT_TEXT.too_long(text):
        raise Invalid(domain.REQUIREMENT_TEXT.message(), field="text")
    if obligation not in domain.OBLIGATIONS:
        raise Invalid(_l("Choose must or should."), field="obligation")
    if obligation == domain.SHOULD and not weight:
        raise Invalid(_l("Give a should-requirement a weight from 1 to 100."), field="weight")
    if weight is not None and not domain.WEIGHT_MIN <= weight <= domain.WEIGHT_MAX:
        raise Invalid(_l(domain.WEIGHT_MESSAGE), field="weight")


def _refuse_lint_errors(row: ProjectRequirement, lang: str, ui_lang: str) -> list[Finding]:
    """Lint `row` (call it on an unsaved draft: a refusal must leave nothing changed)."""
    findings = lint(row, lang, ui_lang)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        field = {"requirement": "text", "title": "title"}.get(errors[0].field, errors[0].field)
        raise Invalid(errors[0].message, field=field)
    return findings


def update(actor: User, project: TenderProject, row: ProjectRequirement, *, title: str, text: str,
           obligation: str, weight: int | None, verification: str = "", ui_lang: str = "en",
           seen_version: int | None = None) -> list[Finding]:
    """Tailor one requirement. Lint errors refuse the save; warnings are returned for display."""
    require_change(actor, project, seen_version=seen_version)
    title, text, verification = title.strip(), text.strip(), verification.strip()
    weight = weight if obligation == domain.SHOULD else None
    _check_fields(title, text, obligation, weight)
    if domain.VERIFICATION_TEXT.too_long(verification):
        raise Invalid(domain.VERIFICATION_TEXT.message(), field="verification")
    draft = ProjectRequirement(key=row.key, title=title, text=text, obligation=obligation, weight=weight,
                               verification_methods=row.verification_methods)
    findings = _refuse_lint_errors(draft, project.language, ui_lang)
    begin_change(actor, project)
    before = {"title": row.title, "text": row.text, "obligation": row.obligation, "weight": row.weight,
              "verification": row.verification}
    row.title, row.text, row.obligation, row.weight = title, text, obligation, weight
    if verification:
        row.verification = verification
    after = {"title": title, "text": text, "obligation": obligation, "weight": weight,
             "verification": row.verification}
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        audit.record(actor, "requirement.tailored", row, project_id=project.id, key=row.key, changes=changes)
        project.updated_at = utcnow()  # bumps the project's version: tailoring is a change to the project
    db.session.flush()
    return findings


def add_own(actor: User, project: TenderProject, *, category: str, title: str, need: str, text: str,
            obligation: str, weight: int | None, verification_methods: list[str], verification: str,
            ui_lang: str = "en") -> tuple[ProjectRequirement, list[Finding]]:
    """A requirement the buyer writes for this project only."""
    require_change(actor, project)
    library = catalog.library()
    if library.category(category) is None:
        raise Invalid(_l("Choose a category."), field="category")
    title, need, text, verification = title.strip(), need.strip(), text.strip(), verification.strip()
    weight = weight if obligation == domain.SHOULD else None
    _check_fields(title, text, obligation, weight)
    if domain.REQUIREMENT_NEED.too_long(need):
        raise Invalid(domain.REQUIREMENT_NEED.message(), field="need")
    if obligation == domain.MUST and not verification_methods:
        raise Invalid(_l("Choose how a bid is verified."), field="verification_methods")
    prefix = (project.organisation.key_prefix or "EGEN").upper()
    taken = {r.key for r in project.requirements}
    number = 1 + sum(1 for k in taken if k.startswith(f"{prefix}-P"))
    while f"{prefix}-P{number:02d}" in taken:
        number += 1
    row = ProjectRequirement(
        key=f"{prefix}-P{number:02d}", category=category, position=_next_position(project, category),
        kind="requirement", obligation=obligation, weight=weight, title=title, need=need, text=text,
        original_text="", verification=verification, evidence="",
        verification_methods=list(verification_methods), answer={"type": "yes_no"}, references=[], reasons=[],
    )
    findings = _refuse_lint_errors(row, project.language, ui_lang)
    begin_change(actor, project)
    project.requirements.append(row)
    db.session.flush()
    audit.record(actor, "requirement.own_added", row, project_id=project.id, key=row.key)
    return row, findings


def move(actor: User, project: TenderProject, row: ProjectRequirement, direction: str) -> None:
    """Move a requirement one place up or down within its category."""
    require_change(actor, project)
    siblings = sorted((r for r in active(project) if r.category == row.category), key=lambda r: (r.position, r.id))
    i = siblings.index(row)
    j = i - 1 if direction == "up" else i + 1 if direction == "down" else None
    if j is None:
        raise Invalid(_l("Unknown direction."))
    if not 0 <= j < len(siblings):
        return
    begin_change(actor, project)
    siblings[i], siblings[j] = siblings[j], siblings[i]
    for position, r in enumerate(siblings, start=1):
        r.position = position
    project.updated_at = utcnow()
    audit.record(actor, "requirement.moved", row, project_id=project.id, key=row.key, direction=direction)


def details(project: TenderProject, row: ProjectRequirement) -> dict:
    """What the requirement's own page shows besides the row: category, place, comments, update."""
    from . import review  # the review builds on tailoring, not the reverse

    siblings = sorted((r for r in active(project) if r.category == row.category), key=lambda r: (r.position, r.id))
    place = next((i for i, r in enumerate(siblings, start=1) if r.id == row.id), 0)
    return {"category": catalog.library().category(row.category), "place": place, "siblings": len(siblings),
            "comments": review.open_counts(project)[row.id], "update": newer_version(row)}


# ----- library updates ---------------------------------------------------------------------------
def newer_version(row: ProjectRequirement | Row, library: Library | None = None) -> Requirement | None:
    """The library requirement if it is newer than the row's copy and the buyer has not declined it. `row`
    may be a plain row with the columns source_key, source_version and declined_version (the project page);
    a caller looping over many rows passes the library once."""
    if not row.source_key:
        return None
    req = (library or catalog.library()).requirement(row.source_key)
    if req is None or row.source_version is None or req.version <= row.source_version:
        return None
    if row.declined_version is not None and row.declined_version >= req.version:
        return None
    return req


def take_update(actor: User, project: TenderProject, row: ProjectRequirement) -> None:
    """Replace the row's text with the newer library version (the buyer's edits are replaced)."""
    require_change(actor, project)
    req = newer_version(row)
    if req is None:
        raise Invalid(_l("There is no newer version of this requirement."))
    begin_change(actor, project)
    old = row.source_version
    for field, value in _library_fields(req, project).items():
        setattr(row, field, value)
    row.source_version = req.version
    row.declined_version = None
    project.updated_at = utcnow()
    audit.record(actor, "requirement.updated_from_library", row, project_id=project.id, key=row.key,
                 from_version=old, to_version=req.version)


def keep_version(actor: User, project: TenderProject, row: ProjectRequirement) -> None:
    """Keep the project's text; stop offering this library version."""
    require_change(actor, project)
    req = newer_version(row)
    if req is None:
        raise Invalid(_l("There is no newer version of this requirement."))
    begin_change(actor, project)
    row.declined_version = req.version
    project.updated_at = utcnow()
    audit.record(actor, "requirement.update_declined", row, project_id=project.id, key=row.key,
                 version=req.version)
