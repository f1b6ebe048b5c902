"""Who did what to which object, and the notifications it caused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..extensions import db
from ._types import JsonType, UTCDateTime, utcnow
from .organisation import User


class AuditEvent(db.Model):
    """Append-only: services insert these; nothing updates or deletes them (a trigger refuses it on
    PostgreSQL, the session guard in services/audit.py everywhere)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    # No foreign key: a deleted project's trail stays as it was written (nothing rewrites audit rows).
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(60))  # e.g. "project.created", "review.approved"
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()


class Notification(db.Model):
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))  # comment | review_requested | approved | changes_requested
    actor_name: Mapped[str] = mapped_column(String(120), default="")
    project_title: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditRewriteRefused(RuntimeError):
    """Something tried to change or delete an audit row."""


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, flush_context: Any, instances: Any) -> None:
    """The ORM guard (all databases; PostgreSQL also has a trigger): audit rows are only ever inserted."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditRewriteRefused(f"audit_event {obj.id} is append-only")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_audit_changes(state: Any) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and \
            state.bind_mapper.class_ is AuditEvent:
        raise AuditRewriteRefused("audit_event is append-only")
