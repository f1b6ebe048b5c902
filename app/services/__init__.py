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
