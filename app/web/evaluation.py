"""Evaluation pages: overview (declaration, tenders in, results, closing), a tender with its
must-requirement decision, the scoring page, and the two outputs. Tenders and scores are confidential:
only the project's organisation reaches these routes (web/access.py), and evaluators see tenders only
after declaring impartiality."""

from __future__ import annotations

from babel.numbers import format_decimal
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from .. import policy
from ..evaluation.report import should_requirements
from ..evaluation.safety import MAX_UPLOAD_BYTES
from ..policy import Action
from ..services import NotAllowed, ServiceError, evaluation, evaluation_outputs, scores
from ..services import projects as project_service
from .access import project_route

bp = Blueprint("evaluation", __name__, url_prefix="/projects/<int:project_id>/evaluation")
_BABEL = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}


@bp.context_processor
def _numbers():
    locale = _BABEL.get(str(get_locale()), "en_GB")

    def points(value):
        return "–" if value is None else format_decimal(round(value, 2), "#,##0.00", locale=locale)

    def money(value, doc):
        currency = doc.price_form.currency if doc is not None and doc.price_form else ""
        return "–" if value is None else f"{currency} {format_decimal(value, '#,##0.00', locale=locale)}".strip()
    def answer_text(value):
        if value is None:
            return _("No answer")
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, int | float):
            return format_decimal(value, locale=locale)
        return value

    return {"points": points, "money": money, "answer_text": answer_text, "decision_label": DECISION_LABELS.get}
DECISION_LABELS = {"reject": _l("Reject the tender"), "clarify": _l("Ask the supplier for clarification"),
                   "accept": _l("Accept after clarification")}
MANAGE, SCORE, VIEW = Action.EVALUATE_MANAGE, Action.EVALUATE_SCORE, Action.EVALUATE_VIEW
_ACTIONS = {"evaluation.declare": SCORE, "evaluation.score": SCORE, "evaluation.upload": MANAGE,
            "evaluation.close": MANAGE}


def _overview(project, *, upload_errors: list[str] | None = None, supplier: str = "", status: int = 200):
    report = evaluation.report(project) if evaluation.may(current_user, "evaluate_view", project) else None
    declared = scores.has_declared(current_user, project)
    may_see = policy.may(current_user, MANAGE) or declared
    return render_template(
        "evaluation/overview.html", project=project, report=report, closure=evaluation.closure(project),
        tenders=evaluation.tenders(project) if may_see else [], may_see=may_see, declared=declared,
        manage=evaluation.may(current_user, "evaluate_manage", project),
        score=evaluation.may(current_user, "evaluate_score", project),
        progress=scores.progress(current_user, project) if declared else {},
        should_count=len(should_requirements(report.document)) if report else 0,
        ranked=sorted(report.suppliers, key=lambda s: (s.rank is None, s.rank or 0, s.supplier)) if report else [],
        upload_errors=upload_errors or [], supplier=supplier, max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
    ), status


@bp.route("")
@project_route(VIEW)
def overview(project):
    return _overview(project)


@bp.route("/declaration", methods=["POST"])
@project_route(SCORE)
def declare(project):
    try:
        scores.declare(current_user, project, confirmed=request.form.get("confirm") == "yes")
    except NotAllowed as refused:
        return _refused(project, refused)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("evaluation.overview", project_id=project.id, _anchor="declaration"))
    flash(_("Thank you. Your declaration of impartiality is recorded."), "success")
    return redirect(url_for("evaluation.overview", project_id=project.id))


@bp.route("/tenders", methods=["POST"])
@project_route(MANAGE)
def upload(project):
    supplier = request.form.get("supplier", "")
    file = request.files.get("file")
    if file is None or not file.filename:
        return _overview(project, upload_errors=[_("Choose the supplier's filled-in response matrix (.xlsx).")],
                         supplier=supplier, status=422)
    data = file.stream.read(MAX_UPLOAD_BYTES + 1)
    try:
        tender = evaluation.import_tender(current_user, project, supplier=supplier, filename=file.filename, data=data)
    except NotAllowed as refused:
        return _refused(project, refused)
    except evaluation.ImportRefused as refused:
        return _overview(project, upload_errors=refused.messages, supplier=supplier, status=422)
    except ServiceError as error:
        return _overview(project, upload_errors=[error.message], supplier=supplier, status=422)
    flash(_("The tender from %(name)s is read.", name=tender.supplier_name), "success")
    return redirect(url_for("evaluation.tender", project_id=project.id, tender_id=tender.id))


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """An upload over the request limit (checked before the view runs) gets its message by the field."""
    project_id = (request.view_args or {}).get("project_id")
    if request.endpoint != "evaluation.upload" or not current_user.is_authenticated or project_id is None:
        return error
    project = project_service.find(current_user, project_id)
    if project is None or not policy.may(current_user, MANAGE):
        abort(404 if project is None else 403)
    return _overview(project, upload_errors=[_("The file is larger than %(mb)d MB. Upload the response matrix "
                                               "itself, without attachments.", mb=MAX_UPLOAD_BYTES // 2**20)],
                     status=413)


def _refused(project, refused: NotAllowed):
    """A role that may never do this gets 403; a role that may, but not in the project's status (no
    approved version), is sent back to the overview with the reason."""
    action = MANAGE if request.endpoint == "evaluation.tender" and request.method == "POST" else \
        _ACTIONS.get(request.endpoint or "", VIEW)
    if policy.may(current_user, action):
        flash(refused.message, "error")
        return redirect(url_for("evaluation.overview", project_id=project.id))
    abort(403)


def _tender_or_404(project, tender_id: int):
    tender = evaluation.find_tender(project, tender_id)
    if tender is None:
        abort(404)
    return tender


def _must_see(project):
    """Evaluators see no tender before declaring impartiality: they are sent to the declaration."""
    if policy.may(current_user, SCORE) and not scores.has_declared(current_user, project):
        flash(_("Declare your impartiality before you see the tenders."), "info")
        return redirect(url_for("evaluation.overview", project_id=project.id, _anchor="declaration"))
    return None


@bp.route("/tenders/<int:tender_id>", methods=["GET", "POST"])
@project_route(VIEW)
def tender(project, tender_id: int):
    tender = _tender_or_404(project, tender_id)
    gate = _must_see(project)
    if gate is not None:
        return gate
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            evaluation.decide(current_user, project, tender, decision=request.form.get("decision", ""),
                              reason=request.form.get("reason", ""))
        except NotAllowed as refused:
            return _refused(project, refused)
        except ServiceError as error:
            errors[error.field or "decision"] = error.message
        else:
            flash(_("The decision is recorded."), "success")
            return redirect(url_for("evaluation.tender", project_id=project.id, tender_id=tender.id))
    version = evaluation.evaluated_version(project)
    doc = evaluation.document(version) if version else None
    return render_template("evaluation/tender.html", project=project, tender=tender, doc=doc, errors=errors,
                           form=request.form, uploads=evaluation.uploads(tender),
                           closed=evaluation.closure(project) is not None,
                           manage=evaluation.may(current_user, "evaluate_manage", project)), (422 if errors else 200)


@bp.route("/tenders/<int:tender_id>/score", methods=["GET", "POST"])
@project_route(SCORE)
def score(project, tender_id: int):
    tender = _tender_or_404(project, tender_id)
    gate = _must_see(project)
    if gate is not None:
        return gate
    version = evaluation.evaluated_version(project)
    if version is None:
        abort(404)
    doc = evaluation.document(version)
    errors: dict[str, str] = {}
    if request.method == "POST":
        entries = {r.key: scores.Entry(request.form.get(f"points-{r.key}", ""),
                                       request.form.get(f"justification-{r.key}", ""))
                   for r in should_requirements(doc)}
        try:
            saved = scores.save(current_user, project, tender, doc, entries)
        except NotAllowed as refused:
            return _refused(project, refused)
        except scores.ScoresInvalid as invalid:
            errors = invalid.errors
        except ServiceError as error:
            errors = {"": error.message}
        else:
            flash(_("%(n)d scores saved.", n=saved), "success")
            return redirect(url_for("evaluation.score", project_id=project.id, tender_id=tender.id))
    return render_template("evaluation/score.html", project=project, tender=tender, doc=doc,
                           requirements=should_requirements(doc), own=scores.own_scores(current_user, tender),
                           tenders=evaluation.tenders(project), progress=scores.progress(current_user, project),
                           closed=evaluation.closure(project) is not None, errors=errors,
                           form=request.form if errors else None), (422 if errors else 200)


@bp.route("/close", methods=["POST"])
@project_route(MANAGE)
def close(project):
    try:
        evaluation.close(current_user, project)
    except NotAllowed as refused:
        return _refused(project, refused)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("evaluation.overview", project_id=project.id, _anchor="close"))
    flash(_("The evaluation is closed. Scores are locked."), "success")
    return redirect(url_for("evaluation.overview", project_id=project.id))


def _download(project, fmt: str) -> Response:
    gate = _must_see(project)
    if gate is not None:
        return gate
    try:
        out = evaluation_outputs.render(current_user, project, fmt)
    except NotAllowed as refused:
        return _refused(project, refused)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("evaluation.overview", project_id=project.id))
    return Response(out.data, mimetype=out.media_type, headers={
        "Content-Disposition": f'attachment; filename="{out.filename}"', "Cache-Control": "no-store"})


@bp.route("/report.docx")
@project_route(VIEW)
def report(project):
    return _download(project, "docx")


@bp.route("/scores.xlsx")
@project_route(VIEW)
def score_sheet(project):
    return _download(project, "xlsx")
