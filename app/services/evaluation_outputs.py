"""The evaluation's outputs for download and for the CLI: the Word report and the score sheet.
Once the evaluation is closed they render from the frozen report, so they are byte-stable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..evaluation.report import EvaluationReport
from ..exporters import evaluation_docx, evaluation_xlsx
from ..models import TenderProject, User
from . import ServiceError, evaluation
from .exports import Download


def render_report(report: EvaluationReport, fmt: str) -> Download:
    if fmt == "docx":
        return Download(evaluation_docx.render(report), evaluation_docx.MEDIA_TYPE, evaluation_docx.filename(report))
    return Download(evaluation_xlsx.render(report), evaluation_xlsx.MEDIA_TYPE, evaluation_xlsx.filename(report))


def render(actor: User, project: TenderProject, fmt: str) -> Download:
    evaluation.require(actor, "evaluate_view", project)
    report = evaluation.report(project)
    if report is None:
        raise ServiceError(_l("There is no approved version for tenders to answer."))
    return render_report(report, fmt)
