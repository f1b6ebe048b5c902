"""Selecting requirements for a project and tailoring them (obligation, weight, wording, order)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..library.model import Requirement
from ..models import ProjectRequirement, TenderProject, User
from ..models._types import utcnow
from . import ServiceError, audit, catalog
from .projects import ensure_editable


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
    ensure_editable(actor, project)
    library = catalog.library()
    added = []
    for key in keys:
        req = library.requirement(key)
        if req is None or req.retired:
            raise ServiceError(_l("The requirement %(key)s is not in the library.", key=key), field="keys")
        if not req.available_in(project.country):
            raise ServiceError(_l("The requirement %(key)s does not apply in this country.", key=key), field="keys")
        current = next((r for r in project.requirements if r.key == key and r.removed_at is None), None)
        if current is None:
            added.append(copy_from_library(project, req))
    db.session.flush()
    if added:
        audit.record(actor, "requirements.added", project, keys=[r.key for r in added])
    return added


def remove(actor: User, project: TenderProject, requirement: ProjectRequirement, reason: str) -> None:
    ensure_editable(actor, project)
    reason = reason.strip()
    if not reason:
        raise ServiceError(_l("Say why the requirement is removed; the reason is kept in the history."), field="reason")
    if len(reason) > 1000:
        raise ServiceError(_l("The reason can be at most 1000 characters."), field="reason")
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
