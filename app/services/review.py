"""Legal review: comments on drafts, the review flow and its timeline, frozen versions, notifications.

The flow: a buyer submits a draft (draft or changes_requested -> in_review); a reviewer requests
changes (-> changes_requested) or approves (-> approved); the buyer publishes an approved project
(-> published) or withdraws one from review (-> draft). Submitting, approving and publishing each
freeze the assembled document as a ProjectVersion. Editing an approved project starts a new draft
(services.projects.ensure_editable).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import domain, policy
from ..domain import Invalid, Refused
from ..exporters.document import TenderDocument
from ..extensions import db
from ..library.text import clean_value
from ..models import AuditEvent, Comment, ProjectVersion, TenderProject, User
from ..models._types import utcnow
from ..policy import Action
from . import assembly, audit, frozen, notify, readiness, versions

MAX_COMMENT = domain.COMMENT.max


# ----- comments ----------------------------------------------------------------------------------
def comments(project: TenderProject) -> list[Comment]:
    """Top-level comments (threads) of the project, oldest first; replies hang off `replies`."""
    return list(db.session.scalars(
        select(Comment).where(Comment.project_id == project.id, Comment.parent_id.is_(None))
        .order_by(Comment.created_at, Comment.id)
        .options(selectinload(Comment.author), selectinload(Comment.resolved_by),
                 selectinload(Comment.replies).selectinload(Comment.author))))


def find_comment(project: TenderProject, comment_id: int) -> Comment | None:
    """A comment of this project (None for another project's, so ids don't leak)."""
    comment = db.session.get(Comment, comment_id)
    return comment if comment is not None and comment.project_id == project.id else None


def open_comments(project: TenderProject, threads: list[Comment] | None = None) -> list[Comment]:
    """The open threads (of `threads` if the caller has loaded them already)."""
    return [c for c in (comments(project) if threads is None else threads) if c.is_open]


def open_counts(project: TenderProject, threads: list[Comment] | None = None) -> Counter:
    """Open threads per anchor: requirement id, "section:<code>", or "document"; and "total"."""
    counts: Counter = Counter()
    for c in open_comments(project, threads):
        counts[anchor_of(c)] += 1
        counts["total"] += 1
    return counts


def anchor_of(comment: Comment) -> int | str:
    if comment.requirement_id:
        return comment.requirement_id
    if comment.section:
        return f"section:{comment.section}"
    return "document"


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise Invalid(_l("Write a comment."), field="body")
    if domain.COMMENT.too_long(body):
        raise Invalid(domain.COMMENT.message(), field="body")
    return body


def add_comment(actor: User, project: TenderProject, body: str, *, requirement_id: int | None = None,
                section: str | None = None, parent: Comment | None = None) -> Comment:
    policy.require(actor, Action.REPLY if parent is not None else Action.COMMENT, project)
    body = _check_body(body)
    if parent is not None:
        if parent.project_id != project.id or parent.parent_id is not None:
            raise Invalid(_l("You can only reply to a comment in this project."))
        if parent.deleted_at is not None:
            raise Invalid(_l("The comment was deleted; start a new one instead."))
        requirement_id, section = parent.requirement_id, parent.section
    elif requirement_id is not None:
        if not any(r.id == requirement_id for r in project.requirements):
            raise Invalid(_l("Choose a requirement in this project."), field="anchor")
        section = None
    elif section is not None:
        from . import catalog
        if catalog.library().category(section) is None:
            raise Invalid(_l("Choose a section of the document."), field="anchor")
    comment = Comment(project_id=project.id, requirement_id=requirement_id, section=section,
                      parent_id=parent.id if parent else None, author_id=actor.id, body=body)
    db.session.add(comment)
    if parent is not None and parent.resolved_at is not None:
        parent.resolved_at = None  # a reply reopens the thread
        parent.resolved_by_id = None
    db.session.flush()
    audit.record(actor, "comment.added", comment, project_id=project.id,
                 reply_to=parent.id if parent else None, requirement_id=requirement_id, section=section)
    recipients = _others(project, actor, roles=policy.roles_for(Action.COMMENT), involved_only=True)
    notify.send(recipients, "comment", project, actor)
    return comment


def _own(actor: User, comment: Comment) -> None:
    if comment.author_id != actor.id:
        raise Refused(_l("You can only change your own comments."))
    if comment.deleted_at is not None:
        raise Invalid(_l("The comment was deleted."))


def edit_comment(actor: User, comment: Comment, body: str) -> None:
    _own(actor, comment)
    body = _check_body(body)
    if body != comment.body:
        comment.body = body
        comment.edited_at = utcnow()
        audit.record(actor, "comment.edited", comment, project_id=comment.project_id)


def delete_comment(actor: User, comment: Comment) -> None:
    """Soft delete: the thread keeps a "comment deleted" trace; the text is removed."""
    _own(actor, comment)
    comment.deleted_at = utcnow()
    comment.body = ""
    audit.record(actor, "comment.deleted", comment, project_id=comment.project_id)


def _project_of(comment: Comment) -> TenderProject:
    return db.session.get(TenderProject, comment.project_id)


def resolve(actor: User, comment: Comment) -> None:
    """Mark a thread resolved. Who may: see app/policy.py (a reviewer's thread is a reviewer's to close)."""
    policy.require(actor, Action.RESOLVE_COMMENT, _project_of(comment), comment=comment)
    if comment.parent_id is not None or comment.deleted_at is not None:
        raise Invalid(_l("Only an open thread can be resolved."))
    if comment.resolved_at is None:
        comment.resolved_at = utcnow()
        comment.resolved_by_id = actor.id
        audit.record(actor, "comment.resolved", comment, project_id=comment.project_id)


def reopen(actor: User, comment: Comment) -> None:
    policy.require(actor, Action.RESOLVE_COMMENT, _project_of(comment), comment=comment)
    if comment.resolved_at is not None:
        comment.resolved_at = None
        comment.resolved_by_id = None
        audit.record(actor, "comment.reopened", comment, project_id=comment.project_id)


# ----- the flow ----------------------------------------------------------------------------------
def _others(project: TenderProject, actor: User, roles: tuple[str, ...], involved_only: bool = False) -> list[User]:
    users = [u for u in project.organisation.users if u.active and u.role in roles and u.id != actor.id]
    if involved_only:  # comment notifications go to people who took part: creator, commenters, reviewers
        involved = {project.created_by_id}
        involved |= {c.author_id for c in db.session.scalars(select(Comment).where(Comment.project_id == project.id))}
        users = [u for u in users if u.id in involved or u.role == "reviewer"]
    return users


def _freeze(actor: User, project: TenderProject, event: str, summary: str) -> ProjectVersion:
    label = versions.next_label(project, event)
    number = 1 + (db.session.scalar(select(db.func.max(ProjectVersion.number))
                                    .where(ProjectVersion.project_id == project.id)) or 0)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    doc = assembly.assemble(project, status=project.status, version_label=label, generated_at=now)
    version = ProjectVersion(project_id=project.id, number=number, label=label, status=project.status,
                             event=event, summary=summary, document=doc.to_dict(), created_by_id=actor.id,
                             created_at=now)
    db.session.add(version)
    db.session.flush()
    frozen.freeze_files(version, doc, project.organisation)
    return version


def _transition(project: TenderProject, to: str, *, stage: str | None = None) -> str:
    """Move the project to status `to` (the caller has asked the policy); the previous status.
    With a readiness `stage` (submit, approve, publish), refused (readiness.NotReady) while the
    readiness check has a blocker for it."""
    if stage:
        readiness.require_ready(project, stage)
    previous = project.status
    project.status = to
    return previous


def submit(actor: User, project: TenderProject, summary: str = "") -> ProjectVersion:
    policy.require(actor, Action.SUBMIT, project)
    summary = _summary(summary, required=False)
    if not any(r.removed_at is None for r in project.requirements):
        raise Invalid(_l("Add requirements before you send the draft for review."))
    previous = _transition(project, domain.IN_REVIEW, stage=readiness.SUBMIT)
    version = _freeze(actor, project, "submitted", summary)
    audit.record(actor, "review.submitted", project, previous_status=previous, version=version.label,
                 summary=summary or None)
    notify.send(_others(project, actor, policy.roles_for(Action.APPROVE)), "review_requested", project, actor)
    return version


def withdraw(actor: User, project: TenderProject) -> None:
    policy.require(actor, Action.WITHDRAW, project)
    _transition(project, domain.DRAFT)
    audit.record(actor, "review.withdrawn", project)


def request_changes(actor: User, project: TenderProject, summary: str) -> None:
    policy.require(actor, Action.REQUEST_CHANGES, project)
    summary = _summary(summary, required=True)
    _transition(project, domain.CHANGES_REQUESTED)
    audit.record(actor, "review.changes_requested", project, summary=summary)
    notify.send(_others(project, actor, policy.roles_for(Action.SUBMIT)), "changes_requested", project, actor)


def approve(actor: User, project: TenderProject, *, summary: str = "") -> ProjectVersion:
    """Approve the version under review; refused while the readiness check has a blocker (open
    comments are one)."""
    policy.require(actor, Action.APPROVE, project)
    summary = _summary(summary, required=False)
    _transition(project, domain.APPROVED, stage=readiness.APPROVE)
    version = _freeze(actor, project, "approved", summary)
    audit.record(actor, "review.approved", project, version=version.label, summary=summary or None)
    notify.send(_others(project, actor, policy.roles_for(Action.SUBMIT)), "approved", project, actor)
    return version


def publish(actor: User, project: TenderProject) -> ProjectVersion:
    policy.require(actor, Action.PUBLISH, project)
    _transition(project, domain.PUBLISHED, stage=readiness.PUBLISH)
    version = _freeze(actor, project, "published", "")
    audit.record(actor, "review.published", project, version=version.label)
    return version


def _summary(summary: str, *, required: bool) -> str:
    summary = (summary or "").strip()
    if required and not summary:
        raise Invalid(_l("Summarise what must change, so the buyer knows where to start."), field="summary")
    if domain.REVIEW_SUMMARY.too_long(summary):
        raise Invalid(domain.REVIEW_SUMMARY.message(), field="summary")
    return summary


def allowed_actions(user: User, project: TenderProject) -> set[str]:
    """The transitions `user` may take now, for showing buttons (the services still decide)."""
    flow = (Action.SUBMIT, Action.WITHDRAW, Action.PUBLISH, Action.APPROVE, Action.REQUEST_CHANGES)
    return {str(a) for a in flow if policy.may(user, a, project)}


# ----- timeline and versions ---------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    action: str
    actor: str
    details: dict


def timeline(project: TenderProject) -> list[TimelineEntry]:
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.project_id == project.id,
                                                         AuditEvent.action.in_(TIMELINE_ACTIONS))
                               .order_by(AuditEvent.created_at, AuditEvent.id))
    return [TimelineEntry(e.created_at, e.action, e.actor.name if e.actor else "", e.details or {}) for e in events]


TIMELINE_ACTIONS = ("project.created", "review.submitted", "review.withdrawn", "review.changes_requested",
                    "review.approved", "review.published", "project.new_draft")


def project_versions(project: TenderProject) -> list[ProjectVersion]:
    return list(db.session.scalars(select(ProjectVersion).where(ProjectVersion.project_id == project.id)
                                   .order_by(ProjectVersion.number)))


def version(project: TenderProject, number: int) -> ProjectVersion | None:
    return db.session.scalar(select(ProjectVersion).where(ProjectVersion.project_id == project.id,
                                                          ProjectVersion.number == number))


def document_of(v: ProjectVersion) -> TenderDocument:
    """The frozen document (cleaned of control characters frozen before they were refused at input)."""
    return clean_value(TenderDocument.from_dict(v.document))
