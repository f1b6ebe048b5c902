"""Review comments and frozen versions of a project."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JsonType, UTCDateTime, utcnow
from .organisation import User


class Comment(db.Model):
    """A comment on a requirement, a category section or the whole document; replies via parent."""

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), index=True)
    requirement_id: Mapped[int | None] = mapped_column(ForeignKey("project_requirement.id", ondelete="SET NULL"))
    section: Mapped[str | None] = mapped_column(String(5))  # category code for a section comment
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
    replies: Mapped[list[Comment]] = relationship(order_by="Comment.created_at")

    @property
    def is_open(self) -> bool:
        return self.parent_id is None and self.resolved_at is None and self.deleted_at is None


class ProjectVersion(db.Model):
    """The assembled document frozen at a review transition. Never updated after insert."""

    __tablename__ = "project_version"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_project_version_project_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3 ... per project
    label: Mapped[str] = mapped_column(String(10))  # "0.1" submitted drafts, "1.0" approvals
    status: Mapped[str] = mapped_column(String(20))  # status the document had when frozen
    event: Mapped[str] = mapped_column(String(20))  # submitted | approved | published
    summary: Mapped[str] = mapped_column(Text, default="")
    document: Mapped[dict[str, Any]] = mapped_column(JsonType)  # TenderDocument.to_dict()
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The organisation's Word template in force when frozen (None: the built-in one), kept for good.
    template_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))

    created_by: Mapped[User] = relationship()
    files: Mapped[list[VersionFile]] = relationship(cascade="all, delete-orphan", order_by="VersionFile.fmt")


class StoredFile(db.Model):
    """Immutable bytes addressed by their SHA-256: frozen versions' templates and exported files."""

    __tablename__ = "stored_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class VersionFile(db.Model):
    """One export of a frozen version, rendered when it was frozen, served byte for byte ever after."""

    __tablename__ = "version_file"
    __table_args__ = (UniqueConstraint("version_id", "fmt", name="uq_version_file_version_fmt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("project_version.id", ondelete="CASCADE"), index=True)
    fmt: Mapped[str] = mapped_column(String(20))  # docx | xlsx | csv | csv-semicolon | ocds | zip
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(120))
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))

    file: Mapped[StoredFile] = relationship()
