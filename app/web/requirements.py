"""A project's requirements: pick from the library, write own ones, tailor, reorder, remove, update."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from .. import policy
from ..forms.project import (
    AddRequirementsForm,
    LibraryUpdateForm,
    MoveForm,
    OwnRequirementForm,
    RemoveRequirementForm,
    TailorForm,
)
from ..library.diff import word_diff
from ..library.model import pick
from ..policy import Action
from ..services import Conflict, ServiceError, catalog, tailoring
from .access import project_route
from .forms import attach_error, flash_error
from .labels import VERIFICATION

bp = Blueprint("requirements", __name__)


def _row(project, requirement_id: int):
    row = next((r for r in project.requirements if r.id == requirement_id), None)
    if row is None:
        abort(404)
    return row


@bp.route("/projects/<int:project_id>/requirements/<int:requirement_id>")
@project_route()
def show(project, requirement_id: int):
    """The requirement's own page: its full text, and (for editors) tailoring, removal and its place."""
    row = _row(project, requirement_id)
    return render_template("requirements/show.html", project=project, row=row,
                           **tailoring.details(project, row), editable=policy.may(current_user, Action.TAILOR, project))


@bp.route("/projects/<int:project_id>/requirements/add", methods=["GET", "POST"])
@project_route(Action.TAILOR)
def add(project):
    library = catalog.library()
    form = AddRequirementsForm()
    error = None
    if form.validate_on_submit():
        keys = request.form.getlist("keys")
        local_ids = [int(v) for v in request.form.getlist("local") if v.isdigit()]
        if not keys and not local_ids:
            error = _("Choose at least one requirement to add.")
        else:
            try:
                added = tailoring.add_from_library(current_user, project, keys)
                added += tailoring.add_local(current_user, project, local_ids)
            except ServiceError as exc:
                error = exc.message
            else:
                flash(ngettext("%(num)d requirement added.", "%(num)d requirements added.", len(added)), "success")
                return redirect(url_for("projects.show", project_id=project.id))
    present = {r.key for r in tailoring.active(project)}
    available = [r for r in library.active() if r.available_in(project.country)]
    return render_template("requirements/add.html", project=project, form=form, error=error,
                           groups=library.by_category(available), present=present,
                           local=tailoring.local_requirements(project), lang=project.language,
                           open_category=request.args.get("category", "")), (400 if error else 200)


@bp.route("/projects/<int:project_id>/requirements/<int:requirement_id>/remove", methods=["GET", "POST"])
@project_route(Action.TAILOR)
def remove(project, requirement_id: int):
    row = _row(project, requirement_id)
    form = RemoveRequirementForm()
    if form.validate_on_submit():
        try:
            tailoring.remove(current_user, project, row, form.reason.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("%(key)s is removed from the specification.", key=row.key), "success")
            return redirect(url_for("projects.show", project_id=project.id))
    return render_template("requirements/remove.html", project=project, row=row, form=form)


# ----- tailoring ---------------------------------------------------------------------------------
def _ui_lang() -> str:
    return str(get_locale())


@bp.route("/projects/<int:project_id>/requirements/<int:requirement_id>/edit", methods=["GET", "POST"])
@project_route(Action.TAILOR)
def edit(project, requirement_id: int):
    row = _row(project, requirement_id)
    form = TailorForm(obj=row)
    if not form.is_submitted():
        form.version_id.data = project.version_id
    findings = None
    if form.validate_on_submit():
        try:
            findings = tailoring.update(current_user, project, row, title=form.title.data, text=form.text.data,
                                        obligation=form.obligation.data, weight=form.weight.data,
                                        verification=form.verification.data or "", ui_lang=_ui_lang(),
                                        seen_version=_int(form.version_id.data))
        except Conflict:
            return render_template("requirements/conflict.html", project=project, row=row, form=form), 409
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            if not findings:
                flash(_("%(key)s is saved.", key=row.key), "success")
                return redirect(url_for("projects.show", project_id=project.id, _anchor=f"req-{row.id}"))
            flash(_("%(key)s is saved. Look at the remarks below before you send the draft for review.",
                    key=row.key), "warning")
            form.version_id.data = project.version_id
    if findings is None:
        findings = tailoring.lint(row, project.language, _ui_lang()) if (row.is_edited or row.is_own) else []
    library_text = row.original_text if row.original_text else None
    return render_template("requirements/edit.html", project=project, row=row, form=form, findings=findings,
                           diff=word_diff(library_text, form.text.data or "") if library_text else None,
                           update=tailoring.newer_version(row)), (422 if form.errors or form.form_errors else 200)


@bp.route("/projects/<int:project_id>/requirements/new", methods=["GET", "POST"])
@project_route(Action.TAILOR)
def new(project):
    library = catalog.library()
    form = OwnRequirementForm()
    form.category.choices = [("", _("Choose a category"))] + [(c.code, pick(c.name, _ui_lang())) for c in library.categories]
    form.verification_methods.choices = [(m, VERIFICATION[m]) for m in VERIFICATION]
    if request.method == "GET":
        form.category.data = request.args.get("category", "")
        form.obligation.data = "must"
    if form.validate_on_submit():
        try:
            row, findings = tailoring.add_own(
                current_user, project, category=form.category.data, title=form.title.data, need=form.need.data or "",
                text=form.text.data, obligation=form.obligation.data, weight=form.weight.data,
                verification_methods=form.verification_methods.data or [],
                verification=form.verification.data or "", ui_lang=_ui_lang())
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            if findings:
                flash(_("%(key)s is added. Look at the remarks before you send the draft for review.", key=row.key),
                      "warning")
                return redirect(url_for("requirements.edit", project_id=project.id, requirement_id=row.id))
            flash(_("%(key)s is added to the specification.", key=row.key), "success")
            return redirect(url_for("projects.show", project_id=project.id, _anchor=f"req-{row.id}"))
    return render_template("requirements/new.html", project=project, form=form), (422 if form.errors else 200)


@bp.route("/projects/<int:project_id>/requirements/<int:requirement_id>/move", methods=["POST"])
@project_route(Action.TAILOR)
def move(project, requirement_id: int):
    row = _row(project, requirement_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        tailoring.move(current_user, project, row, form.direction.data)
    except ServiceError as exc:
        flash_error(exc)
    return redirect(url_for("requirements.show", project_id=project.id, requirement_id=row.id))


@bp.route("/projects/<int:project_id>/requirements/<int:requirement_id>/library-update", methods=["GET", "POST"])
@project_route(Action.TAILOR)
def library_update(project, requirement_id: int):
    row = _row(project, requirement_id)
    req = tailoring.newer_version(row)
    if req is None:
        flash(_("The project already has the library's current text for %(key)s.", key=row.key), "info")
        return redirect(url_for("projects.show", project_id=project.id))
    form = LibraryUpdateForm()
    if form.validate_on_submit():
        try:
            if form.choice.data == "take":
                tailoring.take_update(current_user, project, row)
                flash(_("%(key)s now has the text of library version %(v)d.", key=row.key, v=req.version), "success")
            else:
                tailoring.keep_version(current_user, project, row)
                flash(_("%(key)s keeps its text.", key=row.key), "success")
        except ServiceError as exc:
            flash_error(exc)
        return redirect(url_for("projects.show", project_id=project.id, _anchor=f"req-{row.id}"))
    new_text = req.text(project.language).requirement
    return render_template("requirements/library_update.html", project=project, row=row, req=req, form=form,
                           library_diff=word_diff(row.original_text, new_text),
                           project_diff=word_diff(row.text, new_text), edited=row.is_edited)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
