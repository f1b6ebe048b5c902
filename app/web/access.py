"""The one access check. Every route is declared public, signed-in or a project route, with the
policy action it serves (app/policy.py decides which roles may take it).

Project routes fetch the project by id and answer 404 for another organisation's project (so ids
don't leak) and 403 for a role that may not take the route's action. Whether the action is possible
in the project's current status is the service's question (`policy.require` with the project), so a
page can still explain why a button is missing. `check_every_route_is_classified` refuses to start
an app with a route that has not been declared, and tests walk `app.url_map` against the same
declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Flask, abort
from flask_login import current_user, login_required

from .. import policy
from ..domain import ROLES
from ..policy import Action
from ..services import projects as project_service

ALL_ROLES = ROLES


@dataclass(frozen=True)
class Access:
    kind: str  # public | signed_in | project
    roles: tuple[str, ...] = ALL_ROLES
    action: Action | None = None  # None: public, or a route still declared by roles


def _mark(view: Callable, access: Access) -> Callable:
    view.access = access  # type: ignore[attr-defined]
    return view


def _declare(kind: str, args: tuple) -> Access:
    """`(Action,)` (the policy decides the roles), nothing (any signed-in user: Action.VIEW), or a
    legacy list of role names (tests flag those routes: declare an action instead)."""
    if not args:
        return Access(kind, policy.roles_for(Action.VIEW), Action.VIEW)
    if len(args) == 1 and args[0] in set(Action):
        action = Action(args[0])
        return Access(kind, policy.roles_for(action), action)
    unknown = set(args) - set(ALL_ROLES)
    if unknown:
        raise ValueError(f"neither a policy action nor roles: {sorted(unknown)}")
    return Access(kind, tuple(args), None)


def _allowed(access: Access) -> bool:
    if access.action is not None:
        return policy.may(current_user, access.action)
    return current_user.has_role(*access.roles)


def public(view: Callable) -> Callable:
    return _mark(view, Access("public", ()))


def signed_in(*action: Action | str) -> Callable[[Callable], Callable]:
    """A signed-in route whose user may take `action` (default: any signed-in user)."""
    access = _declare("signed_in", action)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not _allowed(access):
                abort(403)
            return view(*args, **kwargs)
        return _mark(wrapped, access)
    return decorator


def project_route(*action: Action | str) -> Callable[[Callable], Callable]:
    """Route taking `project_id`: the view receives the TenderProject instead."""
    access = _declare("project", action)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(project_id: int, *args, **kwargs):
            project = project_service.find(current_user, project_id)
            if project is None:
                abort(404)
            if not _allowed(access):
                abort(403)
            return view(project, *args, **kwargs)
        return _mark(wrapped, access)
    return decorator


def access_of(app: Flask, endpoint: str) -> Access | None:
    return getattr(app.view_functions.get(endpoint), "access", None)


def check_every_route_is_classified(app: Flask) -> None:
    missing = [e for e in app.view_functions if e != "static" and access_of(app, e) is None]
    if missing:
        raise RuntimeError(f"routes without an access declaration (web/access.py): {sorted(missing)}")
