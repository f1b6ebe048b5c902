"""Organisations, users, passwords and sign-in."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import policy
from ..extensions import db
from ..models import ROLES, Organisation, User
from ..models._types import utcnow
from ..policy import Action
from . import NotAllowed, ServiceError, audit, sso_settings

_hasher = PasswordHasher()
MIN_PASSWORD = 12


@cache
def _dummy_hash() -> str:
    """Verified for unknown e-mail addresses too, so response time does not reveal which accounts exist.
    Made on first use, not at import: argon2 is slow on purpose, and every CLI call and worker imports this."""
    return _hasher.hash("kravbygger-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (never says which part was wrong)."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active or not sso_settings.passwords_allowed(user):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    audit.record(user, "user.signed_in", user)
    return user


def create_organisation(name: str, country: str, org_number: str = "", key_prefix: str = "LOK") -> Organisation:
    org = Organisation(name=name, country=country, org_number=org_number, key_prefix=key_prefix)
    db.session.add(org)
    db.session.flush()
    return org


def create_user(actor: User | None, organisation: Organisation, *, email: str, name: str, password: str,
                role: str, locale: str = "nb") -> User:
    """Create a user. `actor` is an admin of the same organisation, or None for the command line."""
    if actor is not None and not (policy.may(actor, Action.ADMINISTER) and actor.organisation_id == organisation.id):
        raise NotAllowed(_l("Only an administrator of the organisation can add users."))
    if role not in ROLES:
        raise ServiceError(_l("Choose a role."), field="role")
    if len(password) < MIN_PASSWORD:
        raise ServiceError(_l("The password must be at least %(n)d characters.", n=MIN_PASSWORD), field="password")
    email = normalise_email(email)
    hashed = hash_password(password)  # before the lookup: a taken address answers as slowly as a free one
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)):
        # The same words and timing whether the address is in this organisation or another one.
        raise ServiceError(_l("This e-mail address cannot be used for a new account. If the person already has "
                              "an account, they sign in with it."), field="email")
    user = User(organisation=organisation, email=email, name=name.strip(), role=role, locale=locale,
                password_hash=hashed)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.created", user, organisation_id=organisation.id, email=email, role=role)
    return user


def update_user(actor: User, user: User, *, role: str, active: bool) -> User:
    if not (policy.may(actor, Action.ADMINISTER) and actor.organisation_id == user.organisation_id):
        raise NotAllowed(_l("Only an administrator of the organisation can change users."))
    if role not in ROLES:
        raise ServiceError(_l("Choose a role."), field="role")
    if user.id == actor.id and (role != "admin" or not active):
        raise ServiceError(_l("You cannot remove your own administrator access."), field="role")
    changes = {"role": [user.role, role], "active": [user.active, active]}
    if user.active and not active:
        _raise_generation(user)  # a deactivated user's sessions end at once
    user.role, user.active = role, active
    audit.record(actor, "user.updated", user, changes=changes)
    return user


def set_locale(user: User, locale: str) -> None:
    if locale in ("nb", "nn", "sv", "en") and user.locale != locale:
        user.locale = locale


def find_user(actor: User, user_id: int) -> User | None:
    """A user of the actor's own organisation, or None."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.organisation_id == actor.organisation_id else None


def change_password(user: User, *, current: str, new: str, repeat: str) -> None:
    """The user changes their own password; the current one must be right."""
    try:
        _hasher.verify(user.password_hash, current or "")
    except (VerificationError, InvalidHashError):
        raise ServiceError(_l("The current password is wrong."), field="current_password") from None
    if len(new or "") < MIN_PASSWORD:
        raise ServiceError(_l("The password must be at least %(n)d characters.", n=MIN_PASSWORD), field="new_password")
    if len(new) > 200:
        raise ServiceError(_l("The password can be at most 200 characters."), field="new_password")
    if new != repeat:
        raise ServiceError(_l("The two new passwords are not the same."), field="repeat_password")
    if new == current:
        raise ServiceError(_l("Choose a password you have not used here before."), field="new_password")
    user.password_hash = hash_password(new)
    _raise_generation(user)  # every other session ends; the web layer signs this one in again
    audit.record(user, "user.password_changed", user)


def _raise_generation(user: User) -> None:
    user.session_generation = (user.session_generation or 0) + 1


def end_sessions(user: User, *, everywhere: bool) -> None:
    """End all of the user's sessions (sign-out ends them all too: a copied cookie dies with it)."""
    _raise_generation(user)
    audit.record(user, "user.signed_out_everywhere" if everywhere else "user.signed_out", user)
