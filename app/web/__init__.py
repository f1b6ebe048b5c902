"""The browser-facing web layer: blueprints, request hooks, error pages, locale."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from ..domain import UI_LANGUAGES
from ..extensions import login_manager
from ..library.model import pick

LANGUAGES = UI_LANGUAGES

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'")


def select_locale() -> str:
    if not has_request_context():  # command line (flask seed-demo) and the job worker: the default
        return "nb"
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES) or "nb"


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
        award,
        errors,
        evaluation,
        export,
        labels,
        library,
        org_requirements,
        pdf,
        projects,
        requirements,
        review,
        sessions,
        sso,
        text_input,
        transactions,
        wizard,
    )
    labels.init_app(app)
    sessions.init_app(app)
    text_input.init_app(app)
    for module in (auth, sso, projects, wizard, requirements, review, library, export, pdf, activity, admin,
                   org_requirements, api, award, evaluation):
        app.register_blueprint(module.bp)
    access.check_every_route_is_classified(app)
    transactions.init_app(app)

    errors.init_app(app)

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if current_app.config.get("KRAVBYGGER_HTTPS"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def _globals():
        return {"t": lambda texts: pick(texts, str(get_locale())), "LANGUAGES": LANGUAGES,
                "locale": str(get_locale())}
