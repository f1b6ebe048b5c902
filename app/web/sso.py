"""Single sign-on through the organisation's identity provider (OpenID Connect), and its settings page."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..forms.sso import SignInForm
from ..policy import Action
from ..services import ServiceError, sso, sso_settings
from . import sessions
from .access import public, signed_in
from .auth import _safe_next
from .forms import attach_error

bp = Blueprint("sso", __name__)
log = logging.getLogger(__name__)
STATE_KEY = "oidc_states"
MAX_PENDING = 3  # sign-ins started in other tabs that may still come back


def _refused(message, code: int = 403):
    return render_template("errors/error.html", code=code, title=_l("You are not signed in"), message=message,
                           retry=url_for("auth.login")), code


@bp.route("/login/sso/<int:organisation_id>")
@public
def begin(organisation_id: int):
    config = sso.enabled_config(organisation_id)
    if config is None:
        return _refused(_l("This organisation does not sign in through an identity provider."), 404)
    try:
        begun = sso.begin(config, url_for("sso.callback", _external=True), _safe_next(request.args.get("next")))
    except sso.SignInRefused as exc:
        log.warning("Single sign-on for organisation %s could not start: %s", organisation_id, exc.reason)
        return _refused(exc.message, 503)
    pending = dict(list(session.get(STATE_KEY, {}).items())[-(MAX_PENDING - 1):])
    pending[begun.state] = begun.data
    session[STATE_KEY] = pending
    return redirect(begun.url)


@bp.route("/login/sso/callback")
@public
def callback():
    if not request.args:  # opened by hand, not by a provider: nothing to finish
        return render_template("auth/sso_idle.html")
    g.commit_get = True  # the provider calls back with GET; a sign-in changes the user (and may create one)
    pending = session.get(STATE_KEY, {})
    data = pending.pop(request.args.get("state", ""), None)
    session[STATE_KEY] = pending  # each state is used once
    if data is None:
        log.warning("Single sign-on callback with an unknown state")
        return _refused(_l("The sign-in could not be matched with one started in this browser, or it was already "
                           "used. Start again from the sign-in page."), 400)
    config = sso.enabled_config(data["org"])
    if config is None:
        return _refused(_l("This organisation does not sign in through an identity provider."), 404)
    try:
        user, id_token = sso.complete(config, data, request.args.to_dict(), url_for("sso.callback", _external=True))
    except sso.SignInRefused as exc:
        log.warning("Single sign-on refused for organisation %s: %s", config.organisation_id, exc.reason)
        return _refused(exc.message)
    sessions.start(user)
    session["oidc"] = {"org": config.organisation_id, "id_token": id_token}
    flash(_("Welcome, %(name)s.", name=user.name), "success")
    return redirect(data.get("next") or url_for("projects.index"))


def logout_redirect(info: dict | None) -> str | None:
    """Where to send a user signed in through single sign-on after signing out: the provider's logout."""
    config = sso.enabled_config(info["org"]) if info else None
    if config is None:
        return None
    return sso.logout_url(config, info.get("id_token"), url_for("auth.login", _external=True))


@bp.route("/admin/sign-in", methods=["GET", "POST"])
@signed_in(Action.ADMINISTER)
def settings():
    config = sso_settings.settings_of(current_user.organisation_id)
    form = SignInForm(obj=None, data=_form_data(config))
    if form.validate_on_submit():
        try:
            sso_settings.save(current_user, _settings(form))
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("The sign-in settings are saved."), "success")
            return redirect(url_for("sso.settings"))
    return render_template("admin/sign_in.html", form=form, config=config,
                           callback=url_for("sso.callback", _external=True)), \
        (422 if form.errors or form.form_errors else 200)


def _form_data(config) -> dict:
    return {"enabled": "yes" if config.enabled else "no", "display_name": config.display_name,
            "issuer": config.issuer, "client_id": config.client_id, "scopes": config.scopes,
            "email_claim": config.email_claim, "name_claim": config.name_claim, "groups_claim": config.groups_claim,
            "role_map": "\n".join(f"{g} = {r}" for g, r in config.role_map or []),
            "default_role": config.default_role or "refuse", "email_domains": ", ".join(config.email_domains or []),
            "passwords_enabled": "yes" if config.passwords_enabled else "no"}


def _settings(form: SignInForm) -> sso_settings.Settings:
    return sso_settings.Settings(
        enabled=form.enabled.data == "yes", display_name=form.display_name.data or "", issuer=form.issuer.data or "",
        client_id=form.client_id.data or "", client_secret=form.client_secret.data or "", scopes=form.scopes.data,
        email_claim=form.email_claim.data.strip(), name_claim=form.name_claim.data.strip(),
        groups_claim=form.groups_claim.data.strip(), role_map=form.role_map.data or "",
        default_role=None if form.default_role.data == "refuse" else form.default_role.data,
        email_domains=form.email_domains.data or "", passwords_enabled=form.passwords_enabled.data == "yes")
