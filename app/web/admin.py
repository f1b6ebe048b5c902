"""Administration of the organisation: users and Word templates."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import jobs
from ..forms.auth import TemplateUploadForm, UserForm, UserUpdateForm
from ..forms.review import ActionForm
from ..policy import Action
from ..services import ServiceError, accounts, backup_jobs, exports
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


# ----- background jobs ---------------------------------------------------------------------------
@bp.route("/jobs")
@signed_in(Action.ADMINISTER)
def jobs_page():
    return render_template("admin/jobs.html", failed=jobs.failed(current_user.organisation_id),
                           recent=jobs.recent(current_user.organisation_id), queue=jobs.queue_state(),
                           action_form=ActionForm())


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
@signed_in(Action.ADMINISTER)
def job_retry(job_id: int):
    job = jobs.find(current_user.organisation_id, job_id)
    if job is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    if job.status == "failed":
        jobs.retry(job)
        flash(_("Job %(id)d is queued again.", id=job.id), "success")
    return redirect(url_for("admin.jobs_page"))


@bp.route("/backup", methods=["POST"])
@signed_in(Action.ADMINISTER)
def backup_request():
    if not ActionForm().validate_on_submit():
        abort(400)
    job = backup_jobs.request_backup(current_user)
    return redirect(url_for("admin.job_page", job_id=job.id))


@bp.route("/jobs/<int:job_id>")
@signed_in(Action.ADMINISTER)
def job_page(job_id: int):
    job = jobs.find(current_user.organisation_id, job_id)
    if job is None:
        abort(404)
    if request.args.get("format") == "json":
        return jsonify(status=job.status, attempts=job.attempts)
    return render_template("admin/job.html", job=job)


@bp.route("/jobs/<int:job_id>/file")
@signed_in(Action.ADMINISTER)
def job_file(job_id: int):
    job = jobs.find(current_user.organisation_id, job_id)
    if job is None or job.file_data is None:
        abort(404)
    g.commit_get = True  # the download is audited
    backup_jobs.downloaded(current_user, job)
    return Response(job.file_data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{job.file_name}"', "Cache-Control": "no-store"})
