"""An organisation's own requirements and Word templates, beside the national library."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JsonType, UTCDateTime, utcnow


class OrgRequirement(db.Model):
    """A local requirement. Retired, never deleted; every saved version kept as a revision."""

    __tablename__ = "org_requirement"
    __table_args__ = (UniqueConstraint("organisation_id", "key", name="uq_org_requirement_org_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    key: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)
    category: Mapped[str] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(20), default="requirement")
    obligation: Mapped[str] = mapped_column(String(6))
    weight: Mapped[int | None] = mapped_column(Integer)
    verification_methods: Mapped[list[str]] = mapped_column(JsonType, default=list)
    answer: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    # {"nb": {"title":..., "need":..., "requirement":..., "verification":..., "evidence":..., "guidance":...}, ...}
    texts: Mapped[dict[str, dict[str, str]]] = mapped_column(JsonType, default=dict)
    references: Mapped[list[str]] = mapped_column(JsonType, default=list)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    revisions: Mapped[list[OrgRequirementRevision]] = relationship(
        order_by="OrgRequirementRevision.version", cascade="all, delete-orphan")

    # Optimistic locking: every UPDATE says "WHERE version = <the version read>", so of two
    # simultaneous saves one fails (StaleDataError -> the conflict page) instead of both winning.
    # The services set the new number themselves (it is the content version users see).
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class OrgRequirementRevision(db.Model):
    __tablename__ = "org_requirement_revision"
    __table_args__ = (UniqueConstraint("org_requirement_id", "version", name="uq_org_requirement_revision_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_requirement_id: Mapped[int] = mapped_column(ForeignKey("org_requirement.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JsonType)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class OrgTemplate(db.Model):
    """A municipality's own Word template (checked on upload, rendered sandboxed)."""

    __tablename__ = "org_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    filename: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
