"""Organisations (municipalities) and their users."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain import ROLES
from ..extensions import db
from ._types import UTCDateTime, utcnow, values_check

COUNTRIES = ("NO", "SE")


class Organisation(db.Model):
    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint("country IN ('NO', 'SE')", name="country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2))
    # Prefix of the organisation's own requirement keys, e.g. "LOK" -> LOK-001.
    key_prefix: Mapped[str] = mapped_column(String(5), default="LOK")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation", order_by="User.name")


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint(values_check("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10))
    locale: Mapped[str] = mapped_column(String(2), default="nb")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # "<issuer>#<sub>" once the user has signed in through the organisation's identity provider.
    external_id: Mapped[str | None] = mapped_column(String(600), unique=True)
    # Part of every session's user id: raising it ends all of the user's sessions (sign-out,
    # "sign out everywhere", password change, deactivation).
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    def get_id(self) -> str:
        """The session's user id: `<id>.<generation>`, so an older generation's cookie no longer loads."""
        return f"{self.id}.{self.session_generation or 0}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:3]).upper() or self.email[0].upper()

    def has_role(self, *roles: str) -> bool:
        return self.role in roles
