"""All state changes. Services take the acting user explicitly, ask `app.policy` before they change
anything, raise domain errors (`app.domain`) to refuse, write AuditEvents and only flush: the web
layer commits once per successful request, and after-commit work (e-mail) waits for that commit."""

from ..domain import Conflict, DomainError, Invalid, NotFound, Refused

# The names the services used before app/domain.py: kept so code written against them still reads.
ServiceError = DomainError
NotAllowed = Refused

__all__ = ["Conflict", "DomainError", "Invalid", "NotAllowed", "NotFound", "Refused", "ServiceError",
           "flush_or_conflict"]


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
