"""The browser-facing web layer: blueprints, request hooks, error pages, locale."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ..extensions import db, login_manager
from ..library.model import pick
from ..models import User

LANGUAGES = ("nb", "nn", "sv", "en")
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
log = logging.getLogger(__name__)

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'")


def select_locale() -> str:
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES) or "nb"


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def _error_page(code: int, title, message):
    return render_template("errors/error.html", code=code, title=title, message=message), code


ERRORS = {
    400: (_l("The request could not be understood"), _l("Please go back and try again.")),
    403: (_l("You do not have access"), _l("Your role does not allow this. Ask an administrator in your organisation if you need access.")),
    404: (_l("Page not found"), _l("The page does not exist, or you do not have access to it. Check the address, or go to your projects.")),
    405: (_l("Not allowed"), _l("This address cannot be used like that.")),
    413: (_l("The file is too large"), _l("Choose a smaller file and try again.")),
    429: (_l("Too many attempts"), _l("Please wait a minute before you try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you saved before this has been lost. Please try again in a moment; if it happens again, contact your administrator.")),
}


def init_app(app: Flask) -> None:
    if app.config.get("TRUSTED_PROXIES"):
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    from . import (
        access,
        activity,
        admin,
        api,
        auth,
        curation,
        export,
        labels,
        library,
        projects,
        requirements,
        review,
        wizard,
    )
    labels.init_app(app)
    for module in (auth, projects, wizard, requirements, review, library, export, activity, admin, curation, api):
        app.register_blueprint(module.bp)
    access.check_every_route_is_classified(app)

    @app.after_request
    def _finish_transaction(response):
        """The request owns the transaction: commit once after a successful change, else roll back."""
        if request.method in MUTATING and response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return _error_page(400, _l("The form had expired"),
                           _l("For your security the form must be sent from this site within your session. "
                              "Go back, reload the page and send it again."))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        title, message = ERRORS.get(error.code or 500, (error.name, error.description))
        return _error_page(error.code or 500, title, message)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        title, message = ERRORS[500]
        return _error_page(500, title, message)

    @app.context_processor
    def _globals():
        return {"t": lambda texts: pick(texts, str(get_locale())), "LANGUAGES": LANGUAGES,
                "locale": str(get_locale())}
