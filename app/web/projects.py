"""Tender projects: list, create, overview, basic details."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms.project import DeleteProjectForm, ProjectForm
from ..policy import Action
from ..services import Conflict, NotAllowed, ServiceError, project_page
from ..services import projects as project_service
from .access import project_route, signed_in
from .forms import attach_error

bp = Blueprint("projects", __name__)


@bp.route("/")
@signed_in()
def index():
    return render_template("projects/index.html", rows=project_service.list_for(current_user))


@bp.route("/projects/new", methods=["GET", "POST"])
@signed_in(Action.CREATE_PROJECT)
def new():
    form = ProjectForm()
    if form.validate_on_submit():
        try:
            project = project_service.create(current_user, title=form.title.data,
                                              reference=form.reference.data or "", language=form.language.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("The project is created. Answer the questions about your needs to get proposed requirements."),
                  "success")
            return redirect(url_for("wizard.overview", project_id=project.id))
    return render_template("projects/new.html", form=form)


@bp.route("/projects/<int:project_id>")
@project_route()
def show(project):
    filters = project_page.Filters.of(request.args.get("category"), request.args.get("obligation"),
                                      request.args.get("comments") == "1")
    return render_template("projects/show.html", project=project, filters=filters,
                           listing=project_page.listing(project, filters))


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@project_route(Action.TAILOR)
def edit(project):
    form = ProjectForm(obj=project)
    if not form.is_submitted():
        form.version_id.data = project.version_id
    if form.validate_on_submit():
        try:
            project_service.update_basics(current_user, project, title=form.title.data,
                                          reference=form.reference.data or "", language=form.language.data,
                                          seen_version=int(form.version_id.data or 0) or None)
        except Conflict:
            return render_template("projects/conflict.html", project=project, form=form), 409
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("The project details are saved."), "success")
            return redirect(url_for("projects.show", project_id=project.id))
    return render_template("projects/edit.html", project=project, form=form), (422 if form.errors else 200)


@bp.route("/projects/<int:project_id>/delete", methods=["GET", "POST"])
@project_route(Action.DELETE_PROJECT)
def delete(project):
    if not project_service.can_delete(current_user, project):
        abort(403)
    form = DeleteProjectForm()
    if form.validate_on_submit():
        title = project.title
        try:
            project_service.delete(current_user, project, confirm_title=form.confirm_title.data)
        except NotAllowed:
            abort(403)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("“%(title)s” is deleted.", title=title), "success")
            return redirect(url_for("projects.index"))
    return render_template("projects/delete.html", project=project, form=form), (422 if form.errors else 200)
