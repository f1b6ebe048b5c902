"""Who did what to which object, and the notifications it caused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JsonType, UTCDateTime, utcnow
from .organisation import User


class AuditEvent(db.Model):
    """Append-only: services insert these; nothing updates or deletes them."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("tender_project.id", ondelete="SET NULL"), index=True)
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
