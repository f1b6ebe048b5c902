"""Tender projects: finding them within the user's organisation, creating and editing them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import domain, policy
from ..domain import Invalid, Refused
from ..extensions import db
from ..models import Comment, ProjectRequirement, ProjectVersion, TenderProject, User
from ..policy import Action
from . import audit, flush_or_conflict, tailoring
from .editing import begin_change, check_version, ensure_editable, require_change

__all__ = ["begin_change", "can_delete", "check_version", "create", "delete", "ensure_editable", "find", "list_for",
           "require_change", "update_basics"]


def find(user: User, project_id: int) -> TenderProject | None:
    """The project if it belongs to the user's organisation; None otherwise (the web answers 404)."""
    project = db.session.get(TenderProject, project_id)
    if project is None or project.organisation_id != user.organisation_id:
        return None
    return project


def list_for(user: User) -> list[tuple[TenderProject, int, int]]:
    """(project, active requirement count, open comment count) for the user's organisation."""
    req_count = (select(func.count(ProjectRequirement.id))
                 .where(ProjectRequirement.project_id == TenderProject.id, ProjectRequirement.removed_at.is_(None))
                 .scalar_subquery())
    open_comments = (select(func.count(Comment.id))
                     .where(Comment.project_id == TenderProject.id, Comment.parent_id.is_(None),
                            Comment.resolved_at.is_(None), Comment.deleted_at.is_(None))
                     .scalar_subquery())
    rows = db.session.execute(
        select(TenderProject, req_count, open_comments)
        .where(TenderProject.organisation_id == user.organisation_id)
        .order_by(TenderProject.updated_at.desc())
    ).all()
    return [(p, n, c) for p, n, c in rows]


def _validate(title: str, reference: str, language: str) -> tuple[str, str]:
    title, reference = title.strip(), reference.strip()
    if not title:
        raise Invalid(_l("Enter a title for the procurement."), field="title")
    if domain.PROJECT_TITLE.too_long(title):
        raise Invalid(domain.PROJECT_TITLE.message(), field="title")
    if domain.PROJECT_REFERENCE.too_long(reference):
        raise Invalid(domain.PROJECT_REFERENCE.message(), field="reference")
    if language not in domain.LANGUAGES:
        raise Invalid(_l("Choose the language of the tender documents."), field="language")
    return title, reference


def create(actor: User, *, title: str, reference: str = "", language: str = "nb") -> TenderProject:
    policy.require(actor, Action.CREATE_PROJECT)
    title, reference = _validate(title, reference, language)
    project = TenderProject(
        organisation_id=actor.organisation_id, title=title, reference=reference, language=language,
        country=actor.organisation.country, status=domain.DRAFT, created_by=actor,
        answers={"title": title, "reference": reference, "document_language": language},
        step_state={},
    )
    db.session.add(project)
    db.session.flush()
    audit.record(actor, "project.created", project, title=title)
    return project


def update_basics(actor: User, project: TenderProject, *, title: str, reference: str, language: str,
                  seen_version: int | None = None) -> TenderProject:
    require_change(actor, project, seen_version=seen_version)
    title, reference = _validate(title, reference, language)
    begin_change(actor, project)
    changes = {k: [getattr(project, k), v] for k, v in
               (("title", title), ("reference", reference), ("language", language)) if getattr(project, k) != v}
    project.title, project.reference = title, reference
    answers = dict(project.answers)
    answers.update({"title": title, "reference": reference, "document_language": language})
    project.answers = answers
    if language != project.language:
        project.language = language
        tailoring.relanguage(project)
    if changes:
        audit.record(actor, "project.updated", project, changes=changes)
    flush_or_conflict(project, _l("Someone else saved this project after you opened it."))
    return project


def can_delete(user: User, project: TenderProject) -> bool:
    """Drafts that were never sent for review can be deleted; anything with a frozen version is a record."""
    if not policy.may(user, Action.DELETE_PROJECT, project):
        return False
    return db.session.scalar(select(func.count(ProjectVersion.id)).where(ProjectVersion.project_id == project.id)) == 0


def delete(actor: User, project: TenderProject, *, confirm_title: str) -> None:
    """Delete a draft that was never submitted. The audit trail keeps that it existed and who deleted it."""
    if not can_delete(actor, project):
        raise Refused(_l("Only drafts that were never sent for review can be deleted."))
    if confirm_title.strip() != project.title:
        raise Invalid(_l("Type the project's title exactly as it is shown, to confirm."), field="confirm_title")
    audit.record(actor, "project.deleted", project, title=project.title, reference=project.reference or None)
    db.session.delete(project)
    db.session.flush()
