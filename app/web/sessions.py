"""Revocable sessions with a lifetime: who is signed in, for how long, and ending every session.

The signed session cookie carries `<user id>.<session generation>`; a user's generation is raised
by sign-out, "sign out everywhere", a password change and deactivation, so every copy of an older
cookie stops working at once. On top, a session ends `SESSION_ABSOLUTE_HOURS` after sign-in and
after `SESSION_IDLE_MINUTES` without a request. The cookie is rewritten at most once a minute for
the idle clock, not on every request.
"""

from __future__ import annotations

import time

from flask import Flask, current_app, flash, session
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import db, login_manager
from ..models import User

_TOUCH_EVERY = 60  # seconds between rewrites of the idle clock


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _sep, generation = session_id.partition(".")
    if not user_id.isdigit() or not generation.isdigit():
        return None  # a cookie from before revocable sessions: sign in again
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or (user.session_generation or 0) != int(generation):
        return None
    return user


def start(user: User) -> None:
    """Sign `user` in on this browser, with fresh lifetime clocks."""
    session.clear()
    login_user(user)
    now = int(time.time())
    session["signed_in_at"] = now
    session["seen_at"] = now


def end() -> None:
    logout_user()
    session.clear()


def _expired(now: int) -> bool:
    config = current_app.config
    signed_in = session.get("signed_in_at")
    seen = session.get("seen_at")
    if not isinstance(signed_in, int) or not isinstance(seen, int):
        return True
    return (now - signed_in > config["SESSION_ABSOLUTE_HOURS"] * 3600
            or now - seen > config["SESSION_IDLE_MINUTES"] * 60)


def _check_lifetime() -> None:
    if not current_user.is_authenticated:
        return
    now = int(time.time())
    if _expired(now):
        end()
        flash(_("Your session has ended. Please sign in again."), "info")
        return
    if now - session["seen_at"] >= _TOUCH_EVERY:
        session["seen_at"] = now


def init_app(app: Flask) -> None:
    app.before_request(_check_lifetime)
