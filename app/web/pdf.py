"""PDF for the tender portals: ask for it, follow its job, download it. Works without JavaScript (the job
page is a status page you reload); app.js reloads it by itself."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ..forms.review import ActionForm
from ..models import Rendition
from ..policy import Action
from ..services import renditions, review
from .access import project_route

bp = Blueprint("pdf", __name__, url_prefix="/projects/<int:project_id>")


def _answer(project, outcome):
    if isinstance(outcome, Rendition):
        return redirect(url_for("pdf.download", project_id=project.id, rendition_id=outcome.id))
    return redirect(url_for("pdf.job", project_id=project.id, job_id=outcome.id))


@bp.route("/export/pdf", methods=["POST"])
@project_route(Action.EXPORT)
def draft(project):
    if not ActionForm().validate_on_submit():
        abort(400)
    return _answer(project, renditions.request_pdf(current_user, project, None))


@bp.route("/versions/<int:number>/pdf", methods=["POST"])
@project_route(Action.EXPORT)
def version(project, number: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    return _answer(project, renditions.request_pdf(current_user, project, number))


@bp.route("/jobs/<int:job_id>")
@project_route(Action.EXPORT)
def job(project, job_id: int):
    job = renditions.job_of(project, job_id)
    if job is None:
        abort(404)
    link = (url_for("pdf.download", project_id=project.id, rendition_id=job.result["rendition_id"])
            if job.status == "done" and job.result.get("rendition_id") else None)
    if request.args.get("format") == "json":
        return jsonify(status=job.status, attempts=job.attempts, download=link)
    version = review.version(project, job.args[1]) if job.args[1] else None
    return render_template("export/job.html", project=project, job=job, link=link, version=version)


@bp.route("/files/<int:rendition_id>")
@project_route(Action.EXPORT)
def download(project, rendition_id: int):
    rendition = renditions.find(project, rendition_id)
    if rendition is None:
        abort(404)
    return Response(rendition.data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{rendition.filename}"',
        "Cache-Control": "private, max-age=3600",
        "ETag": rendition.sha256,
    })
