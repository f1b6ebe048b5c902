"""Administrators curate the organisation's own requirements beside the national library.

Download: "the library" is the national library's active requirements followed by the organisation's
active requirements (one sheet, same layout); "your organisation's requirements" is only the
organisation's, which is the file to edit and import again.
"""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..forms.org_requirements import LANGUAGES, ConfirmForm, ImportForm, OrgRequirementForm, field_label
from ..library.model import pick
from ..library.spreadsheet import MEDIA_TYPE, RowError, library_to_xlsx, read_org_requirements
from ..policy import Action
from ..services import Conflict, ServiceError, catalog, org_requirements
from .access import signed_in
from .forms import attach_error
from .labels import VERIFICATION

bp = Blueprint("org_requirements", __name__, url_prefix="/admin/library")

# The import's messages, translated; `spreadsheet.py` is pure Python and gives codes and values.
IMPORT_MESSAGES = {
    "not_xlsx": _l("The file is not an Excel workbook (.xlsx)."),
    "no_sheet": _l("The workbook has no sheet named '%(sheet)s'."),
    "header": _l("The header must be '%(expected)s' here, not '%(found)s'."),
    "empty": _l("The workbook has no requirement rows."),
    "too_large_file": _l("The workbook unpacks to too much data to be read safely; split it into smaller files."),
    "cell_too_long": _l("A cell holds more than %(max)d characters; shorten it."),
    "too_many_rows": _l("The workbook has more than %(max)d rows; split it into several files."),
    "missing_key": _l("Enter the requirement's key."),
    "bad_language": _l("Unknown language '%(value)s'; use one of %(allowed)s."),
    "duplicate": _l("Key %(key)s in language %(language)s is already on row %(other)d."),
    "bad_category": _l("Unknown category '%(value)s'; use one of %(allowed)s."),
    "bad_obligation": _l("The obligation must be 'must' or 'should', not '%(value)s'."),
    "should_without_weight": _l("A should-requirement needs a weight from 1 to 100."),
    "bad_weight": _l("The weight must be a whole number from 1 to 100, not '%(value)s'."),
    "bad_kind": _l("Unknown kind '%(value)s'; use one of %(allowed)s."),
    "bad_method": _l("Unknown verification method '%(value)s'; use one of %(allowed)s."),
    "no_method": _l("Enter at least one verification method."),
    "missing_text": _l("Enter the %(part)s in this language."),
    "not_importable": _l("Organisation requirements have no %(name)s; leave the column empty."),
    "inconsistent": _l("Differs from row %(other)d for the same key; %(name)s must be the same on every row of a key."),
}


def _message(error: RowError) -> str:
    template = IMPORT_MESSAGES.get(error.code)
    if template is None:
        return error.message
    return str(template) % dict(error.params) if error.params else str(template)


def _form(obj_data: dict | None = None) -> OrgRequirementForm:
    library = catalog.library()
    locale = str(get_locale())
    categories = [(c.code, f"{c.code} – {pick(c.name, locale)}") for c in library.categories]
    methods = [(m, str(VERIFICATION.get(m, m))) for m in org_requirements.verification_methods()]
    form = OrgRequirementForm(categories=categories, methods=methods, **(obj_data or {}))
    own = org_requirements.organisation_language(current_user.organisation)
    for part in ("title", "requirement"):  # required in the organisation's language (the service checks)
        getattr(form, f"{part}_{own}").flags.required = True
    return form


def _data(form: OrgRequirementForm) -> org_requirements.RequirementData:
    references = [line for line in (form.references.data or "").splitlines() if line.strip()]
    return org_requirements.RequirementData(
        category=form.category.data or "", obligation=form.obligation.data or "", weight=form.weight.data,
        kind=form.kind.data or "requirement", verification_methods=list(form.verification_methods.data or ()),
        texts=form.texts(), references=references, answer={"type": form.answer_type.data or "yes_no"})


def _attach(form: OrgRequirementForm, error: ServiceError) -> None:
    if isinstance(error, org_requirements.Invalid):
        for name, message in error.errors:
            attach_error(form, ServiceError(message, field=name or None))
    else:
        attach_error(form, error)


def _check_all(form: OrgRequirementForm, existing=None) -> list:
    """The form found problems: add the service's (rules and lint) for the other fields, so the user
    sees everything at once. Returns the lint warnings."""
    errors, warnings = org_requirements.validate(current_user, _data(form), key=None if existing else form.key.data,
                                            existing=existing)
    for name, message in errors:
        field = getattr(form, name, None) if name else None
        if field is None or not field.errors:
            attach_error(form, ServiceError(message, field=name or None))
    return warnings


def _flash_warnings(warnings) -> None:
    for _name, message in warnings:
        flash(_("Check this: %(message)s", message=message), "warning")


def _get_or_404(requirement_id: int):
    req = org_requirements.get(current_user, requirement_id)
    if req is None:
        abort(404)
    return req


@bp.route("")
@signed_in(Action.ADMINISTER)
def index():
    rows = org_requirements.list_for(current_user)
    return render_template("org_requirements/index.html", active=[r for r in rows if r.retired_at is None],
                           retired=[r for r in rows if r.retired_at is not None], import_form=ImportForm(),
                           confirm=ConfirmForm(), library=catalog.library())


@bp.route("/new", methods=["GET", "POST"])
@signed_in(Action.ADMINISTER)
def new():
    form = _form()
    warnings = []
    if form.validate_on_submit():
        try:
            result = org_requirements.create(current_user, _data(form), key=form.key.data)
        except ServiceError as exc:
            _attach(form, exc)
            warnings = getattr(exc, "warnings", [])
        else:
            flash(_("%(key)s is saved as version %(v)d.", key=result.requirement.key, v=result.requirement.version),
                  "success")
            _flash_warnings(result.warnings)
            return redirect(url_for("org_requirements.edit", requirement_id=result.requirement.id))
    elif form.is_submitted():
        warnings = _check_all(form)
    return render_template("org_requirements/edit.html", form=form, req=None, warnings=warnings, languages=LANGUAGES)


@bp.route("/<int:requirement_id>", methods=["GET", "POST"])
@signed_in(Action.ADMINISTER)
def edit(requirement_id: int):
    req = _get_or_404(requirement_id)
    if request.method == "POST":
        form = _form()
    else:
        form = _form({"category": req.category, "kind": req.kind, "obligation": req.obligation,
                      "weight": req.weight, "verification_methods": list(req.verification_methods or ()),
                      "answer_type": (req.answer or {}).get("type", "yes_no"),
                      "references": "\n".join(req.references or ()), "version": str(req.version)})
        form.fill_texts(req.texts or {})
    warnings = []
    if form.validate_on_submit():
        seen = form.version.data or ""
        try:
            result = org_requirements.update(current_user, req, _data(form),
                                        seen_version=int(seen) if seen.isdigit() else None)
        except Conflict:
            return render_template("org_requirements/conflict.html", form=form, req=req,
                                   saved=org_requirements.RequirementData.of(req), languages=LANGUAGES), 409
        except ServiceError as exc:
            _attach(form, exc)
            warnings = getattr(exc, "warnings", [])
        else:
            if result.changed:
                flash(_("%(key)s is saved as version %(v)d.", key=req.key, v=req.version), "success")
            else:
                flash(_("Nothing was changed, so %(key)s stays at version %(v)d.", key=req.key, v=req.version),
                      "info")
            _flash_warnings(result.warnings)
            return redirect(url_for("org_requirements.edit", requirement_id=req.id))
    elif form.is_submitted():
        warnings = _check_all(form, req)
    else:
        warnings = org_requirements.lint_warnings(current_user, req)
    return render_template("org_requirements/edit.html", form=form, req=req, warnings=warnings, languages=LANGUAGES,
                           confirm=ConfirmForm())


@bp.route("/<int:requirement_id>/retire", methods=["POST"])
@signed_in(Action.ADMINISTER)
def retire(requirement_id: int):
    req = _get_or_404(requirement_id)
    if ConfirmForm().validate_on_submit():
        org_requirements.retire(current_user, req)
        flash(_("%(key)s is retired: it is no longer offered to buyers. Projects that use it keep their copy.",
                key=req.key), "success")
    return redirect(url_for("org_requirements.index"))


@bp.route("/<int:requirement_id>/restore", methods=["POST"])
@signed_in(Action.ADMINISTER)
def restore(requirement_id: int):
    req = _get_or_404(requirement_id)
    if ConfirmForm().validate_on_submit():
        org_requirements.restore(current_user, req)
        flash(_("%(key)s is restored and offered to buyers again.", key=req.key), "success")
    return redirect(url_for("org_requirements.index"))


@bp.route("/<int:requirement_id>/history")
@signed_in(Action.ADMINISTER)
def history(requirement_id: int):
    req = _get_or_404(requirement_id)
    authors = {u.id: u.name for u in current_user.organisation.users}
    revisions = [(rev, [field_label(name) for name in changed]) for rev, changed in org_requirements.history(req)]
    return render_template("org_requirements/history.html", req=req, revisions=revisions, languages=LANGUAGES,
                           authors=authors)


@bp.route("/export.xlsx")
@signed_in(Action.ADMINISTER)
def export():
    library = catalog.library()
    own_only = request.args.get("scope") == "organisation"
    rows = org_requirements.export_rows(current_user)
    data = library_to_xlsx(library, rows, national=not own_only)
    if own_only:
        name = f"{(current_user.organisation.key_prefix or 'lok').lower()}-requirements.xlsx"
    else:
        name = f"kravbygger-library-{library.version}.xlsx"
    return send_file(BytesIO(data), mimetype=MEDIA_TYPE, as_attachment=True, download_name=name)


@bp.route("/import", methods=["POST"])
@signed_in(Action.ADMINISTER)
def import_xlsx():
    form = ImportForm()
    errors: list[tuple[int | None, str, str]] = []
    if form.validate_on_submit():
        library = catalog.library()
        items, row_errors = read_org_requirements(form.file.data.read(), [c.code for c in library.categories],
                                                  org_requirements.verification_methods(), library.languages)
        if items or not row_errors:
            try:
                result = org_requirements.import_requirements(current_user, items, row_errors)
            except org_requirements.ImportRejected as exc:
                row_errors = exc.errors
            else:
                flash(_("Imported: %(created)d new, %(updated)d new versions, %(unchanged)d unchanged.",
                        created=len(result.created), updated=len(result.updated),
                        unchanged=len(result.unchanged)), "success")
                for w in result.warnings:
                    flash(_("Row %(row)s, %(column)s: %(message)s", row=w.row, column=w.column, message=w.message),
                          "warning")
                return redirect(url_for("org_requirements.index"))
        errors = [(e.row, e.column, _message(e)) for e in row_errors]
    rows = org_requirements.list_for(current_user)
    return render_template("org_requirements/index.html", active=[r for r in rows if r.retired_at is None],
                           retired=[r for r in rows if r.retired_at is not None], import_form=form,
                           confirm=ConfirmForm(), library=catalog.library(), import_errors=errors), 422
