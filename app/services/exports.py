"""Rendering a project's documents: the current draft or a frozen version, in any export format,
with the organisation's own Word template when it has an active one."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import policy
from ..exporters import EXPORTERS, csv_export, docx, package
from ..exporters.document import TenderDocument
from ..extensions import db
from ..models import Organisation, OrgTemplate, User
from ..policy import Action
from . import ServiceError, audit, bounded

FORMATS = ("docx", "xlsx", "csv", "ocds", "zip")
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


# Uploaded templates are checked and rendered in a child process with these limits (bounded.py).
TEMPLATE_MEMORY_MB = 512
TEMPLATE_CHECK_SECONDS = 20
TEMPLATE_RENDER_SECONDS = 40


@dataclass(frozen=True)
class Download:
    data: bytes
    media_type: str
    filename: str


def active_template(organisation: Organisation) -> OrgTemplate | None:
    return db.session.scalar(select(OrgTemplate).where(OrgTemplate.organisation_id == organisation.id,
                                                       OrgTemplate.active.is_(True)))


def render(doc: TenderDocument, fmt: str, organisation: Organisation, *, builtin: bool = False,
           semicolon: bool = False) -> Download:
    """The document in `fmt`. Raises docx.TemplateProblem if the organisation's template fails."""
    template = None if builtin else active_template(organisation)
    return render_with(doc, fmt, template.data if template else None, semicolon=semicolon)


def render_with(doc: TenderDocument, fmt: str, template: bytes | None, *, semicolon: bool = False) -> Download:
    """The document in `fmt`, with the Word template `template` (None: the built-in one)."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    if fmt == "docx":
        data = render_docx(doc, template) if template else docx.render(doc)
        return Download(data, docx.MEDIA_TYPE, docx.filename(doc))
    if fmt == "csv" and semicolon:
        return Download(csv_export.render(doc, delimiter=";"), csv_export.MEDIA_TYPE, csv_export.filename(doc))
    if fmt == "zip" and template is not None:
        files = {docx.filename(doc): render_docx(doc, template)}
        for other in ("xlsx", "csv", "ocds"):
            exporter = EXPORTERS[other]
            files[exporter.filename(doc)] = exporter.render(doc)
        return Download(package.render(doc, files), package.MEDIA_TYPE, package.filename(doc))
    exporter = EXPORTERS[fmt]
    return Download(exporter.render(doc), exporter.MEDIA_TYPE, exporter.filename(doc))


def render_docx(doc: TenderDocument, template: bytes) -> bytes:
    """`doc` through an uploaded Word template, in a bounded child process; raises docx.TemplateProblem."""
    try:
        return bounded.run(docx.render, doc, template, memory_mb=TEMPLATE_MEMORY_MB,
                           seconds=TEMPLATE_RENDER_SECONDS)
    except bounded.Exceeded as exc:
        raise docx.TemplateProblem(_exceeded(exc)) from None


def check_template(data: bytes) -> list[str]:
    """docx.check_template in a bounded child process: the problems found, or the limit it ran into."""
    try:
        return bounded.run(docx.check_template, data, memory_mb=TEMPLATE_MEMORY_MB, seconds=TEMPLATE_CHECK_SECONDS)
    except bounded.Exceeded as exc:
        return [_exceeded(exc)]
    except Exception as exc:  # e.g. broken XML in a header part, which python-docx reads before the check
        return [str(_l("The file is not a Word document that can be read: %(reason)s",
                       reason=(str(exc) or type(exc).__name__).splitlines()[0][:200]))]


def _exceeded(exc: bounded.Exceeded) -> str:
    if exc.kind == "time":
        return str(_l("The template needs more than %(n)d seconds to render; simplify its loops.", n=exc.limit))
    return str(_l("The template needs more than %(n)d MB of memory to render; simplify it.", n=exc.limit))


def review_copy(doc: TenderDocument) -> Download:
    return Download(docx.render_review_copy(doc), docx.MEDIA_TYPE, docx.filename(doc, review=True))


# ----- organisation templates --------------------------------------------------------------------
def templates(organisation: Organisation) -> list[OrgTemplate]:
    return list(db.session.scalars(select(OrgTemplate).where(OrgTemplate.organisation_id == organisation.id)
                                   .order_by(OrgTemplate.uploaded_at.desc(), OrgTemplate.id.desc())))


def upload_template(actor: User, *, name: str, filename: str, data: bytes) -> OrgTemplate:
    """Check and store a Word template. Problems are refused with a message naming tag and line."""
    if not policy.may(actor, Action.ADMINISTER):
        raise ServiceError(_l("Only administrators can upload templates."))
    name = (name or "").strip() or (filename or "").rsplit(".", 1)[0]
    if not name:
        raise ServiceError(_l("Give the template a name."), field="name")
    if len(name) > 120:
        raise ServiceError(_l("The name can be at most 120 characters."), field="name")
    if not (filename or "").lower().endswith(".docx"):
        raise ServiceError(_l("Choose a Word file (.docx)."), field="file")
    if not data:
        raise ServiceError(_l("The file is empty."), field="file")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ServiceError(_l("The file is too large: at most %(mb)d MB.", mb=MAX_TEMPLATE_BYTES // 1024 // 1024),
                           field="file")
    problems = check_template(data)
    if problems:
        raise ServiceError(problems[0], field="file")
    template = OrgTemplate(organisation_id=actor.organisation_id, name=name, filename=filename[-200:], data=data,
                           active=False, uploaded_by_id=actor.id)
    db.session.add(template)
    db.session.flush()
    audit.record(actor, "template.uploaded", template, name=name, size=len(data))
    return template


def set_active(actor: User, template: OrgTemplate, active: bool) -> None:
    if not policy.may(actor, Action.ADMINISTER) or template.organisation_id != actor.organisation_id:
        raise ServiceError(_l("Only administrators can change templates."))
    if active:
        for other in templates(actor.organisation):
            other.active = False
    template.active = active
    audit.record(actor, "template.activated" if active else "template.deactivated", template)
