"""Sign in, sign out, the language switch, and the user's own account (password)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..extensions import limiter
from ..forms.auth import LanguageForm, LoginForm, PasswordChangeForm
from ..forms.review import ActionForm
from ..services import ServiceError, accounts, sso
from . import sessions
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


def _failed(response) -> bool:
    return response.status_code != 302


def _account() -> str:
    return "login-account:" + accounts.normalise_email(request.form.get("email", ""))[:254]


def _account_and_address() -> str:
    return f"{_account()}|{get_remote_address()}"


# Failed sign-ins are throttled three ways (config.py): per account *and* address, with growing waits,
# so one office behind one address never locks out its colleagues; per account across all addresses,
# a ceiling against guessing from many machines; and per address across accounts, against spraying.
@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_ADDRESS_LIMIT"], key_func=_account_and_address,
               methods=["POST"], deduct_when=_failed)
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_LIMIT"], key_func=_account, methods=["POST"],
               deduct_when=_failed)
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], deduct_when=_failed)
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
            sessions.start(user)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("projects.index"))
        form.form_errors.append(_("The e-mail address or the password is wrong."))
    return render_template("auth/login.html", form=form, providers=sso.enabled_configs(),
                           next=_safe_next(request.args.get("next")))


@bp.route("/logout", methods=["POST"])
@signed_in()
def logout():
    from .sso import logout_redirect

    provider_logout = logout_redirect(session.get("oidc"))  # signed in through the organisation's provider
    accounts.end_sessions(current_user, everywhere=False)
    sessions.end()
    flash(_("You are signed out."), "info")
    return redirect(provider_logout or url_for("auth.login"))


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@signed_in()
def sign_out_everywhere():
    if not ActionForm().validate_on_submit():
        abort(400)
    accounts.end_sessions(current_user, everywhere=True)
    sessions.end()
    flash(_("You are signed out on every device and browser."), "info")
    return redirect(url_for("auth.login"))


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
            sessions.start(current_user._get_current_object())  # this browser stays signed in
            flash(_("Your password is changed. You are signed out everywhere else."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form), (422 if form.errors or form.form_errors else 200)


@bp.route("/accessibility")
@public
def accessibility():
    """The accessibility statement (public, as the Norwegian and Swedish rules expect)."""
    return render_template("auth/accessibility.html")
