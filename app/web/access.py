"""The one access check. Every route is declared public, signed-in (with roles) or a project route.

Project routes fetch the project by id and answer 404 for another organisation's project (so ids
don't leak) and 403 for a role that may not use the route. `check_every_route_is_classified`
refuses to start an app with a route that has not been declared, and tests walk `app.url_map`
against the same declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Flask, abort
from flask_login import current_user, login_required

from ..services import projects as project_service

ALL_ROLES = ("buyer", "reviewer", "evaluator", "admin")


@dataclass(frozen=True)
class Access:
    kind: str  # public | signed_in | project
    roles: tuple[str, ...] = ALL_ROLES


def _mark(view: Callable, access: Access) -> Callable:
    view.access = access  # type: ignore[attr-defined]
    return view


def public(view: Callable) -> Callable:
    return _mark(view, Access("public", ()))


def signed_in(*roles: str) -> Callable[[Callable], Callable]:
    allowed = roles or ALL_ROLES

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*allowed):
                abort(403)
            return view(*args, **kwargs)
        return _mark(wrapped, Access("signed_in", allowed))
    return decorator


def project_route(*roles: str) -> Callable[[Callable], Callable]:
    """Route taking `project_id`: the view receives the TenderProject instead."""
    allowed = roles or ALL_ROLES

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(project_id: int, *args, **kwargs):
            project = project_service.find(current_user, project_id)
            if project is None:
                abort(404)
            if not current_user.has_role(*allowed):
                abort(403)
            return view(project, *args, **kwargs)
        return _mark(wrapped, Access("project", allowed))
    return decorator


def access_of(app: Flask, endpoint: str) -> Access | None:
    return getattr(app.view_functions.get(endpoint), "access", None)


def check_every_route_is_classified(app: Flask) -> None:
    missing = [e for e in app.view_functions if e != "static" and access_of(app, e) is None]
    if missing:
        raise RuntimeError(f"routes without an access declaration (web/access.py): {sorted(missing)}")
