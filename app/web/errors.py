"""Errors become responses here, in one place, and a refused request commits nothing.

- A domain error a view does not catch becomes its page: `Refused` 403, `NotFound` 404, `Conflict`
  409, `Invalid` (or any other domain error) 422, each with the service's message.
- A view that shows a refusal itself (next to a form field, or as a message on the next page) does so
  through `attach_error` or `flash_error`: both throw away the request's changes first.
- The transaction: a changing request (POST ...) is committed once, after the view, only if it ended
  below 400 and nothing was refused; everything else is rolled back.
"""

from __future__ import annotations

import logging

from flask import Flask, flash, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..domain import Conflict, DomainError, NotFound, Refused
from ..extensions import db

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
log = logging.getLogger(__name__)

ERRORS = {
    400: (_l("The request could not be understood"), _l("Please go back and try again.")),
    403: (_l("You do not have access"), _l("Your role does not allow this. Ask an administrator in your organisation if you need access.")),
    404: (_l("Page not found"), _l("The page does not exist, or you do not have access to it. Check the address, or go to your projects.")),
    405: (_l("Not allowed"), _l("This address cannot be used like that.")),
    409: (_l("Someone else saved first"), _l("Reload the page to see the latest version, then make your change again.")),
    413: (_l("The file is too large"), _l("Choose a smaller file and try again.")),
    422: (_l("The change was not saved"), _l("Please go back and try again.")),
    429: (_l("Too many attempts"), _l("Please wait a minute before you try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you saved before this has been lost. Please try again in a moment; if it happens again, contact your administrator.")),
}


def discard_changes() -> None:
    """Roll back what this request changed so far, and make sure nothing of it is committed later."""
    db.session.rollback()
    g.kb_refused = True


def attach_error(form: FlaskForm, error: DomainError) -> None:
    """Show a service's refusal next to its field (or in the error summary if it has none)."""
    discard_changes()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message] if isinstance(field.errors, list) else [error.message]
    else:
        form.form_errors.append(error.message)


def flash_error(error: DomainError) -> None:
    """Show a refusal as a message on the page the user is sent to next."""
    discard_changes()
    flash(str(error.message), "error")


def error_page(code: int, title=None, message=None):
    default_title, default_message = ERRORS.get(code, ERRORS[500])
    return render_template("errors/error.html", code=code, title=title or default_title,
                           message=message or default_message), code


def _status_of(error: DomainError) -> int:
    for kind, code in ((Refused, 403), (NotFound, 404), (Conflict, 409)):
        if isinstance(error, kind):
            return code
    return 422


def finish_transaction(response):
    """The request owns the transaction: commit once after a successful change, else roll back."""
    changing = request.method in MUTATING or g.get("commit_get")  # commit_get: a provider's GET callback
    if changing and response.status_code < 400 and not g.get("kb_refused"):
        db.session.commit()
    else:
        db.session.rollback()
    return response


def init_app(app: Flask) -> None:
    app.after_request(finish_transaction)

    @app.errorhandler(DomainError)
    def _domain(error: DomainError):
        discard_changes()
        code = _status_of(error)
        return error_page(code, message=error.message)

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return error_page(400, _l("The form had expired"),
                          _l("For your security the form must be sent from this site within your session. "
                             "Go back, reload the page and send it again."))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        title, message = ERRORS.get(error.code or 500, (error.name, error.description))
        return error_page(error.code or 500, title, message)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        return error_page(500)
