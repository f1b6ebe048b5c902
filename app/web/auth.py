"""Sign in, sign out, the language switch, and the user's own account (password)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import limiter
from ..forms.auth import LanguageForm, LoginForm, PasswordChangeForm
from ..services import ServiceError, accounts, sso
from .access import public, signed_in
from .forms import attach_error

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str | None:
    """Only same-site relative paths: no open redirects."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("projects.index"))
    form = LoginForm()
    provider = sso.config_for_email(form.email.data or "") if form.is_submitted() else None
    if provider is not None and (not form.password.data or not provider.passwords_enabled):
        # home-realm discovery: an address of an organisation with single sign-on goes to its provider
        return redirect(url_for("sso.begin", organisation_id=provider.organisation_id,
                                next=_safe_next(request.args.get("next"))))
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            session.clear()
            login_user(user)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("projects.index"))
        form.form_errors.append(_("The e-mail address or the password is wrong."))
    return render_template("auth/login.html", form=form, providers=sso.enabled_configs(),
                           next=_safe_next(request.args.get("next")))


@bp.route("/logout", methods=["POST"])
@signed_in()
def logout():
    from .sso import logout_redirect

    provider_logout = logout_redirect(session.get("oidc"))
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(provider_logout or url_for("auth.login"))


@bp.route("/language", methods=["POST"])
@public
def language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            accounts.set_locale(current_user, form.lang.data)
    return redirect(_safe_next(request.form.get("next")) or url_for("projects.index"))


@bp.route("/account", methods=["GET", "POST"])
@signed_in()
def account():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, current=form.current_password.data, new=form.new_password.data,
                                     repeat=form.repeat_password.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("Your password is changed."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form), (422 if form.errors or form.form_errors else 200)


@bp.route("/accessibility")
@public
def accessibility():
    """The accessibility statement (public, as the Norwegian and Swedish rules expect)."""
    return render_template("auth/accessibility.html")
