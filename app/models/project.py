"""Tender projects and the requirements selected and tailored for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain import LANGUAGES, OBLIGATIONS, STATUSES
from ..extensions import db
from ._types import JsonType, UTCDateTime, utcnow, values_check
from .organisation import Organisation, User


class TenderProject(db.Model):
    __tablename__ = "tender_project"
    __table_args__ = (
        CheckConstraint(values_check("status", STATUSES), name="status"),
        CheckConstraint(values_check("language", LANGUAGES), name="language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(60), default="")
    language: Mapped[str] = mapped_column(String(2), default="nb")
    country: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # Wizard answers, one key per question id; step progress per step id.
    answers: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    step_state: Mapped[dict[str, str]] = mapped_column(JsonType, default=dict)
    # The answers the current requirement selection was proposed from (None: not yet proposed).
    proposed_from: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User] = relationship()
    requirements: Mapped[list[ProjectRequirement]] = relationship(
        back_populates="project", order_by="(ProjectRequirement.category, ProjectRequirement.position)",
        cascade="all, delete-orphan",
    )


class ProjectRequirement(db.Model):
    """A requirement as it stands in one project: text copied from its source, then tailored."""

    __tablename__ = "project_requirement"
    __table_args__ = (
        UniqueConstraint("project_id", "key", name="uq_project_requirement_project_key"),
        CheckConstraint(values_check("obligation", OBLIGATIONS), name="obligation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(20))
    # Where it came from: a library key + version, an organisation requirement, or the buyer (both null).
    source_key: Mapped[str | None] = mapped_column(String(20))
    source_version: Mapped[int | None] = mapped_column(Integer)
    source_org_requirement_id: Mapped[int | None] = mapped_column(ForeignKey("org_requirement.id"))
    category: Mapped[str] = mapped_column(String(5))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), default="requirement")
    obligation: Mapped[str] = mapped_column(String(6))
    weight: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    need: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str] = mapped_column(Text, default="")  # as copied, to show the buyer's edits
    verification: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    verification_methods: Mapped[list[str]] = mapped_column(JsonType, default=list)
    answer: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    references: Mapped[list[str]] = mapped_column(JsonType, default=list)  # citation texts
    reasons: Mapped[list[str]] = mapped_column(JsonType, default=list)  # why the wizard proposed it
    # A newer library version the buyer chose not to take (so it is no longer offered).
    declined_version: Mapped[int | None] = mapped_column(Integer)
    # The award criterion (code) a should-requirement is evaluated under; None: the default one.
    award_criterion: Mapped[str | None] = mapped_column(String(20))
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    removed_reason: Mapped[str | None] = mapped_column(Text)  # None with removed_at: removed by the wizard
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    project: Mapped[TenderProject] = relationship(back_populates="requirements")

    @property
    def is_own(self) -> bool:
        return self.source_key is None and self.source_org_requirement_id is None

    @property
    def is_edited(self) -> bool:
        return bool(self.original_text) and self.text != self.original_text
