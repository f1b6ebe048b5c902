"""A project's requirements: pick from the library, tailor, remove."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms.project import AddRequirementsForm, RemoveRequirementForm
from ..services import ServiceError, catalog, tailoring
from .access import project_route

bp = Blueprint("requirements", __name__)


def _row(project, requirement_id: int):
    row = next((r for r in project.requirements if r.id == requirement_id), None)
    if row is None:
        abort(404)
    return row


@bp.route("/projects/<int:project_id>/requirements/add", methods=["GET", "POST"])
@project_route("buyer", "admin")
def add(project):
    library = catalog.library()
    form = AddRequirementsForm()
    error = None
    if form.validate_on_submit():
        keys = request.form.getlist("keys")
        if not keys:
            error = _("Choose at least one requirement to add.")
        else:
            try:
                added = tailoring.add_from_library(current_user, project, keys)
            except ServiceError as exc:
                error = exc.message
            else:
                flash(_("%(n)d requirement(s) added.", n=len(added)), "success")
                return redirect(url_for("projects.show", project_id=project.id))
    present = {r.key for r in tailoring.active(project)}
    available = [r for r in library.active() if r.available_in(project.country)]
    return render_template("requirements/add.html", project=project, form=form, error=error,
                           groups=library.by_category(available), present=present,
                           lang=project.language), (400 if error else 200)


@bp.route("/projects/<int:project_id>/requirements/<int:requirement_id>/remove", methods=["GET", "POST"])
@project_route("buyer", "admin")
def remove(project, requirement_id: int):
    row = _row(project, requirement_id)
    form = RemoveRequirementForm()
    if form.validate_on_submit():
        try:
            tailoring.remove(current_user, project, row, form.reason.data)
        except ServiceError as exc:
            form.reason.errors = [exc.message]
        else:
            flash(_("%(key)s is removed from the specification.", key=row.key), "success")
            return redirect(url_for("projects.show", project_id=project.id))
    return render_template("requirements/remove.html", project=project, row=row, form=form)
