"""Work that must happen only once a change is saved: e-mail, queued jobs.

`on_commit(callback)` keeps the callback with the current database session; it runs after that
session's transaction commits and is dropped if the transaction rolls back. So a refused or failed
request never announces a change it did not make.

Callbacks run after the commit, when the session may not emit SQL: give them plain values (e-mail
addresses, texts), never ORM objects to read from. A failing callback is logged and does not fail
the request (the change is saved already) or the other callbacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db

log = logging.getLogger(__name__)
_KEY = "kravbygger.after_commit"


def on_commit(callback: Callable[[], object]) -> None:
    """Run `callback()` after the current transaction commits; forget it if it rolls back."""
    db.session().info.setdefault(_KEY, []).append(callback)


def pending() -> int:
    """How many callbacks wait for the commit (for tests)."""
    return len(db.session().info.get(_KEY, ()))


@event.listens_for(Session, "after_commit")
def _run(session: Session) -> None:
    callbacks = session.info.pop(_KEY, [])
    for callback in callbacks:
        try:
            callback()
        except Exception:  # the change is saved; one failing announcement must not hide the others
            log.exception("After-commit task %r failed", callback)


@event.listens_for(Session, "after_soft_rollback")
def _drop(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint inside it
        session.info.pop(_KEY, None)
