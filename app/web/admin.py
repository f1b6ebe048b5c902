"""Administration of the organisation: users and Word templates."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms.auth import TemplateUploadForm, UserForm, UserUpdateForm
from ..forms.review import ActionForm
from ..policy import Action
from ..services import ServiceError, accounts, exports
from .access import signed_in
from .forms import attach_error

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@signed_in(Action.ADMINISTER)
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
@signed_in(Action.ADMINISTER)
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


# ----- Word templates ----------------------------------------------------------------------------
def _template(template_id: int):
    template = next((t for t in exports.templates(current_user.organisation) if t.id == template_id), None)
    if template is None:
        abort(404)
    return template


@bp.route("/templates", methods=["GET", "POST"])
@signed_in(Action.ADMINISTER)
def templates():
    form = TemplateUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            template = exports.upload_template(current_user, name=form.name.data or "", filename=upload.filename or "",
                                               data=upload.read())
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("“%(name)s” is checked and saved. Activate it to use it for your Word files.", name=template.name),
                  "success")
            return redirect(url_for("admin.templates"))
    return render_template("admin/templates.html", form=form, items=exports.templates(current_user.organisation),
                           action_form=ActionForm()), (422 if form.errors or form.form_errors else 200)


@bp.route("/templates/<int:template_id>/<any(activate, deactivate):action>", methods=["POST"])
@signed_in(Action.ADMINISTER)
def template_state(template_id: int, action: str):
    template = _template(template_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    exports.set_active(current_user, template, action == "activate")
    flash(_("“%(name)s” is now used for Word files.", name=template.name) if action == "activate"
          else _("Word files use the built-in template again."), "success")
    return redirect(url_for("admin.templates"))


@bp.route("/templates/<int:template_id>/download")
@signed_in(Action.ADMINISTER)
def template_download(template_id: int):
    template = _template(template_id)
    return Response(template.data, mimetype=exports.docx.MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="template-{template.id}.docx"'})
