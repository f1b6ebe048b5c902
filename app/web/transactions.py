"""The request owns the transaction: one commit per successful change, retried when SQLite is busy,
and a lost race ends on a conflict page, never a 500.

Every view runs inside `_transactional`: for a request that may write, the view's response is
committed there; SQLite's "database is locked" (a writer that waited out the busy timeout) rolls
back and runs the view again, up to `RETRIES` times with growing pauses. A race that only the
database sees at commit (an optimistic-lock UPDATE that found the row changed, or a unique number
taken by a simultaneous save) is answered with 409 and a page that says so.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, g, make_response, request, session
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import MUTATING, db
from .errors import error_page

RETRIES = 4
log = logging.getLogger(__name__)


def _locked(exc: OperationalError) -> bool:
    return "database is locked" in str(exc) or "database table is locked" in str(exc)


def conflict_page():
    return error_page(409, _l("Someone else saved at the same time"),
                      _l("Your change was not saved, because someone else changed the same thing at the same "
                         "moment. Go back, reload the page to see their change, and make yours again."))


def _rewind_request(flashes: Any) -> None:
    """Undo what a failed attempt left behind, so the retry sees the request as it came."""
    db.session.rollback()
    g.pop("kb_refused", None)
    if flashes is None:
        session.pop("_flashes", None)
    else:
        session["_flashes"] = list(flashes)
    for upload in request.files.values():
        upload.stream.seek(0)


def _attempt(view: Callable[..., Any], kwargs: dict[str, Any]):
    response = make_response(view(**kwargs))
    if response.status_code < 400 and not g.get("kb_refused"):  # errors.finish_transaction's rule
        db.session.commit()
    return response


def _transactional(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def run(**kwargs: Any):
        if request.method not in MUTATING:
            return view(**kwargs)
        flashes = list(session.get("_flashes", [])) or None
        for attempt in range(RETRIES + 1):
            try:
                return _attempt(view, kwargs)
            except (StaleDataError, IntegrityError) as exc:
                log.info("Conflict at commit on %s %s: %s", request.method, request.path, type(exc).__name__)
                db.session.rollback()
                return conflict_page()
            except OperationalError as exc:
                if not _locked(exc) or attempt == RETRIES:
                    raise
                log.warning("SQLite busy on %s %s, attempt %d", request.method, request.path, attempt + 1)
                _rewind_request(flashes)
                time.sleep(0.05 * 2 ** attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    return run


def init_app(app: Flask) -> None:
    """Wrap every view registered so far (call after the blueprints)."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static":
            app.view_functions[endpoint] = _transactional(view)
