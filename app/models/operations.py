"""What running the service needs: background jobs, cached PDF renditions, and per-organisation
single sign-on (OpenID Connect) settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import JsonType, UTCDateTime, utcnow

JOB_STATUSES = ("queued", "running", "done", "failed")


class Job(db.Model):
    """One piece of slow or outside work. The row is the truth about its state (every app server and
    worker sees it); Redis/RQ only carries the job id to a worker."""

    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                        index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("tender_project.id", ondelete="SET NULL"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(60))
    args: Mapped[list[Any]] = mapped_column(JsonType, default=list)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    error: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    # A file the job made for someone to download (e.g. an organisation backup); PDFs go to Rendition.
    file_name: Mapped[str] = mapped_column(String(200), default="")
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Rendition(db.Model):
    """A file made from a Word document (the PDF for tender portals), cached by the SHA-256 of the Word
    file it was made from: the same frozen version with the same template is converted once."""

    __tablename__ = "rendition"
    __table_args__ = (UniqueConstraint("project_id", "source_sha256", "fmt", name="uq_rendition_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int | None] = mapped_column(Integer)  # None: made from the draft
    fmt: Mapped[str] = mapped_column(String(10), default="pdf")
    source_sha256: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SignInConfig(db.Model):
    """An organisation's OpenID Connect provider and how its claims become a Kravbygger user."""

    __tablename__ = "sign_in_config"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    issuer: Mapped[str] = mapped_column(String(500), default="")
    client_id: Mapped[str] = mapped_column(String(255), default="")
    # Encrypted with a key derived from SECRET_KEY; never shown back, never in a backup.
    client_secret_enc: Mapped[str] = mapped_column(Text, default="")
    scopes: Mapped[str] = mapped_column(String(200), default="openid email profile")
    email_claim: Mapped[str] = mapped_column(String(60), default="email")
    name_claim: Mapped[str] = mapped_column(String(60), default="name")
    groups_claim: Mapped[str] = mapped_column(String(60), default="groups")
    role_map: Mapped[list[list[str]]] = mapped_column(JsonType, default=list)  # [[group, role], ...] in order
    default_role: Mapped[str | None] = mapped_column(String(10))  # None: unknown users are refused
    email_domains: Mapped[list[str]] = mapped_column(JsonType, default=list)
    passwords_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
