"""Evaluating tenders: the award model's settings, tenders and their upload history, impartiality
declarations, scores and the closing of the evaluation.

Tender and score content is confidential: it lives here and in the evaluation outputs, never in
audit events (which only say that something happened, to which tender, by whom).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import JsonType, UTCDateTime, utcnow
from .organisation import User

PRICE_MODELS = ("linear", "proportional")
DECISIONS = ("reject", "clarify", "accept")


class AwardSettings(db.Model):
    """The parts of a project's award model that are not wizard answers: point scale, level meanings,
    price model and the documentation asked for under each criterion. (Criterion weights are the
    wizard's `award_weights` answer; a requirement's criterion is on ProjectRequirement.)"""

    __tablename__ = "award_model"
    __table_args__ = (CheckConstraint("price_model IN ('linear', 'proportional')", name="price_model"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), unique=True)
    scale_max: Mapped[int] = mapped_column(Integer, default=10)
    levels: Mapped[list[dict[str, Any]]] = mapped_column(JsonType, default=list)  # [{points, meaning}]
    price_model: Mapped[str] = mapped_column(String(12), default="linear")
    price_note: Mapped[str] = mapped_column(Text, default="")
    documentation: Mapped[dict[str, str]] = mapped_column(JsonType, default=dict)  # criterion code -> text
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Tender(db.Model):
    """One supplier's tender, as read from its filled response matrix (the current upload)."""

    __tablename__ = "tender"
    __table_args__ = (
        UniqueConstraint("project_id", "supplier_key", name="uq_tender_project_supplier"),
        CheckConstraint("decision IS NULL OR decision IN ('reject', 'clarify', 'accept')", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("project_version.id"))
    supplier_name: Mapped[str] = mapped_column(String(200))
    supplier_key: Mapped[str] = mapped_column(String(200))  # casefolded name: one tender per supplier
    org_number: Mapped[str] = mapped_column(String(20), default="")
    answers: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)  # key -> {answer, comment, ref}
    prices: Mapped[dict[str, float]] = mapped_column(JsonType, default=dict)  # price line code -> unit price
    price_total: Mapped[float | None] = mapped_column(Float)
    must_failures: Mapped[list[str]] = mapped_column(JsonType, default=list)  # must-keys answered No or blank
    decision: Mapped[str | None] = mapped_column(String(10))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    uploads: Mapped[list[TenderUpload]] = relationship(order_by="TenderUpload.id", cascade="all, delete-orphan",
                                                       back_populates="tender")
    decided_by: Mapped[User | None] = relationship()

    @property
    def needs_decision(self) -> bool:
        return bool(self.must_failures) and self.decision in (None, "clarify")


class TenderUpload(db.Model):
    """Every file taken for a tender; a new upload replaces the answers and keeps the older files."""

    __tablename__ = "tender_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    tender: Mapped[Tender] = relationship(back_populates="uploads")
    uploaded_by: Mapped[User] = relationship()


class ImpartialityDeclaration(db.Model):
    __tablename__ = "impartiality_declaration"
    __table_args__ = (UniqueConstraint("project_id", "user_id", name="uq_impartiality_project_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    declared_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class Score(db.Model):
    """One evaluator's points for one should-requirement of one tender, with the justification."""

    __tablename__ = "tender_score"
    __table_args__ = (UniqueConstraint("tender_id", "requirement_key", "evaluator_id", name="uq_tender_score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    requirement_key: Mapped[str] = mapped_column(String(20))
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    points: Mapped[int] = mapped_column(Integer)
    justification: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    evaluator: Mapped[User] = relationship()


class EvaluationClosure(db.Model):
    """The evaluation closed: scores are locked and the report data is frozen (byte-stable outputs)."""

    __tablename__ = "evaluation_closure"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("tender_project.id", ondelete="CASCADE"), unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("project_version.id"))
    closed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    closed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    report: Mapped[dict[str, Any]] = mapped_column(JsonType)  # EvaluationReport.to_dict()

    closed_by: Mapped[User] = relationship()
