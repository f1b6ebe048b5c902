"""PDF renditions of a project's Word specification, made in the job queue and cached in the database.

The cache key is the SHA-256 of the Word file the PDF is made from: a frozen version rendered with the
same template gives the same Word bytes, so it is converted once, whichever app server or worker asks.
The cache lives in PostgreSQL (table `rendition`), never on a local disk, so every server sees it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import jobs, policy
from ..exporters import pdf
from ..extensions import db
from ..models import Job, Rendition, TenderProject, User
from ..policy import Action
from . import ServiceError, assembly, audit, exports, review


@dataclass(frozen=True)
class Source:
    docx: bytes
    filename: str
    sha256: str


def source(project: TenderProject, version_number: int | None) -> Source:
    """The Word file the PDF is made from: the draft, or a frozen version, with the organisation's template."""
    if version_number is None:
        doc = assembly.assemble(project)
    else:
        version = review.version(project, version_number)
        if version is None:
            raise ServiceError(_l("This version does not exist."))
        doc = review.document_of(version)
    download = exports.render(doc, "docx", project.organisation)
    return Source(download.data, pdf.filename(download.filename), hashlib.sha256(download.data).hexdigest())


def cached(project: TenderProject, src: Source) -> Rendition | None:
    return db.session.scalar(select(Rendition).where(Rendition.project_id == project.id, Rendition.fmt == "pdf",
                                                     Rendition.source_sha256 == src.sha256))


def convert(docx: bytes) -> bytes:
    config = current_app.config
    return pdf.convert(docx, soffice=config.get("SOFFICE", "soffice"), timeout=config.get("PDF_TIMEOUT", 120))


def request_pdf(actor: User, project: TenderProject, version_number: int | None) -> Rendition | Job:
    """The cached PDF if there is one; else the job making it (an existing one, or a new one)."""
    policy.require(actor, Action.EXPORT, project)
    src = source(project, version_number)
    done = cached(project, src)
    if done is not None:
        return done
    running = db.session.scalar(select(Job).where(
        Job.project_id == project.id, Job.name == "pdf", Job.status.in_(("queued", "running"))
    ).order_by(Job.id.desc()))
    if running is not None and running.args[1:] == [version_number, src.sha256]:
        return running
    job = jobs.enqueue("pdf", project.id, version_number, src.sha256, organisation_id=project.organisation_id,
                       project_id=project.id, requested_by_id=actor.id)
    audit.record(actor, "export.pdf_requested", project, version=version_number, job=job.id)
    return job


@jobs.handler("pdf")
def make_pdf(project_id: int, version_number: int | None, _sha256: str = "") -> dict:
    """Job: convert the project's Word file to PDF and cache it (once per Word file)."""
    project = db.session.get(TenderProject, project_id)
    if project is None:
        raise ServiceError("The project no longer exists.")
    src = source(project, version_number)
    rendition = cached(project, src)
    if rendition is None:
        data = convert(src.docx)
        rendition = Rendition(organisation_id=project.organisation_id, project_id=project.id,
                              version_number=version_number, fmt="pdf", source_sha256=src.sha256,
                              sha256=hashlib.sha256(data).hexdigest(), filename=src.filename, data=data)
        db.session.add(rendition)
        db.session.flush()
    return {"rendition_id": rendition.id, "size": len(rendition.data)}


def find(project: TenderProject, rendition_id: int) -> Rendition | None:
    rendition = db.session.get(Rendition, rendition_id)
    return rendition if rendition is not None and rendition.project_id == project.id else None


def pdf_bytes(project: TenderProject, version_number: int | None = None) -> tuple[bytes, str]:
    """For `flask export --format pdf`: the same Word file and conversion as the queue's, cached too."""
    src = source(project, version_number)
    rendition = cached(project, src)
    if rendition is not None:
        return rendition.data, src.filename
    return convert(src.docx), src.filename


def job_of(project: TenderProject, job_id: int) -> Job | None:
    job = db.session.get(Job, job_id)
    return job if job is not None and job.project_id == project.id else None
