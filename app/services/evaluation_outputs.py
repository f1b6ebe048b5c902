"""The evaluation's outputs for download and for the CLI: the Word report and the score sheet.
Once the evaluation is closed they render from the frozen report, so they are byte-stable."""

from __future__ import annotations

from importlib import import_module

from flask_babel import lazy_gettext as _l

from ..evaluation.report import EvaluationReport
from ..models import TenderProject, User
from . import ServiceError, evaluation
from .exports import Download

# The report's exporters, imported on the first download (docxtpl, openpyxl), not at start-up.
_EXPORTERS = {"docx": "app.exporters.evaluation_docx", "xlsx": "app.exporters.evaluation_xlsx"}


def render_report(report: EvaluationReport, fmt: str) -> Download:
    exporter = import_module(_EXPORTERS["docx" if fmt == "docx" else "xlsx"])
    return Download(exporter.render(report), exporter.MEDIA_TYPE, exporter.filename(report))


def render(actor: User, project: TenderProject, fmt: str) -> Download:
    evaluation.require(actor, "evaluate_view", project)
    report = evaluation.report(project)
    if report is None:
        raise ServiceError(_l("There is no approved version for tenders to answer."))
    return render_report(report, fmt)
