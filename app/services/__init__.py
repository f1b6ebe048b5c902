"""All state changes. Services take the acting user explicitly, ask `app.policy` before they change
anything, raise domain errors (`app.domain`) to refuse, write AuditEvents and only flush: the web
layer commits once per successful request, and after-commit work (e-mail) waits for that commit."""

from ..domain import Conflict, DomainError, Invalid, NotFound, Refused

# The names the services used before app/domain.py: kept so code written against them still reads.
ServiceError = DomainError
NotAllowed = Refused

__all__ = ["Conflict", "DomainError", "Invalid", "NotAllowed", "NotFound", "Refused", "ServiceError"]
