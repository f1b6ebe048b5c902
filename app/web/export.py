"""Downloads: the export page, the current draft and every frozen version in each format, review copies."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..exporters.word.problem import TemplateProblem
from ..policy import Action
from ..services import assembly, exports, frozen, review, versions
from .access import project_route

bp = Blueprint("export", __name__, url_prefix="/projects/<int:project_id>")


def send(download: exports.Download) -> Response:
    return Response(download.data, mimetype=download.media_type, headers={
        "Content-Disposition": f'attachment; filename="{download.filename}"',
        "Cache-Control": "no-store",
    })


def _render(project, doc, fmt: str, version=None):
    if fmt not in exports.FORMATS:
        abort(404)
    options = {"builtin": request.args.get("template") == "builtin", "semicolon": request.args.get("sep") == "semicolon"}
    try:
        if version is not None:  # frozen: the files made when it was frozen, or its own inputs
            return send(frozen.download(version, doc, fmt, **options))
        return send(exports.render(doc, fmt, project.organisation, **options))
    except TemplateProblem as problem:
        return render_template("export/template_problem.html", project=project, problem=problem, fmt=fmt,
                               version=version), 422


@bp.route("/export")
@project_route(Action.EXPORT)
def index(project):
    label = versions.draft_label(project)
    return render_template("export/index.html", project=project, versions=review.project_versions(project),
                           label=label, offers=exports.offers(exports.naming_document(project, label)),
                           template=exports.active_template(project.organisation))


@bp.route("/export/<fmt>")
@project_route(Action.EXPORT)
def draft(project, fmt: str):
    return _render(project, assembly.assemble(project), fmt)


@bp.route("/export/review-copy")
@project_route(Action.EXPORT)
def review_copy(project):
    """The draft with every open review comment as a Word comment on its requirement."""
    doc = assembly.assemble(project, comments=review.open_comments(project))
    return send(exports.review_copy(doc))


@bp.route("/versions/<int:number>/export/<fmt>")
@project_route(Action.EXPORT)
def version(project, number: int, fmt: str):
    v = review.version(project, number)
    if v is None:
        abort(404)
    return _render(project, review.document_of(v), fmt, version=v)


@bp.route("/versions/compare/review-copy")
@project_route(Action.EXPORT)
def comparison_copy(project):
    """The newer version's specification as Word, with every change since the older as a tracked change."""
    all_versions = review.project_versions(project)
    if len(all_versions) < 2:
        flash(_("There is only one frozen version so far; there is nothing to compare it with."), "info")
        return redirect(url_for("review.overview", project_id=project.id))
    old = review.version(project, request.args.get("a", type=int) or all_versions[-2].number)
    new = review.version(project, request.args.get("b", type=int) or all_versions[-1].number)
    if old is None or new is None:
        abort(404)
    return send(exports.comparison(review.document_of(old), review.document_of(new)))
