"""All state changes. Services take the acting user explicitly, write AuditEvents and only flush:
the web layer commits once per successful request."""


class ServiceError(Exception):
    """A refusal the user can act on. `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(ServiceError):
    """The acting user may not do this (the web layer answers 403)."""


class Conflict(ServiceError):
    """Someone else saved the same object since this user loaded it."""

    def __init__(self, message: str, current=None):
        super().__init__(message)
        self.current = current


def flush_or_conflict(current=None, message=None) -> None:
    """Flush, turning a lost race into a Conflict: the optimistic-lock UPDATE found the row changed
    (StaleDataError), or a simultaneous save took the same unique number (IntegrityError). The
    transaction is rolled back, so `current` shows what the other save stored."""
    from flask_babel import lazy_gettext as _l
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    from ..extensions import db

    try:
        db.session.flush()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        raise Conflict(message or _l("Someone else saved this at the same time as you."), current=current) from None
