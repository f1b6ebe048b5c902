"""Administration of the organisation: users."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms.auth import UserForm, UserUpdateForm
from ..services import ServiceError, accounts
from .access import signed_in
from .forms import attach_error

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@signed_in("admin")
def users():
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(current_user, current_user.organisation, email=form.email.data,
                                        name=form.name.data, password=form.password.data, role=form.role.data,
                                        locale=form.locale.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("%(name)s can now sign in with the e-mail address %(email)s.", name=user.name, email=user.email),
                  "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/users.html", form=form, users=current_user.organisation.users)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@signed_in("admin")
def user(user_id: int):
    target = accounts.find_user(current_user, user_id)
    if target is None:
        abort(404)
    form = UserUpdateForm(role=target.role, active="yes" if target.active else "no")
    if form.validate_on_submit():
        try:
            accounts.update_user(current_user, target, role=form.role.data, active=form.active.data == "yes")
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("The changes to %(name)s are saved.", name=target.name), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user.html", form=form, target=target)
