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
from . import ServiceError, audit

FORMATS = ("docx", "xlsx", "csv", "ocds", "zip")
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


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
    if fmt not in FORMATS:
        raise KeyError(fmt)
    template = None if builtin else active_template(organisation)
    if fmt == "docx":
        return Download(docx.render(doc, template.data if template else None), docx.MEDIA_TYPE, docx.filename(doc))
    if fmt == "csv" and semicolon:
        return Download(csv_export.render(doc, delimiter=";"), csv_export.MEDIA_TYPE, csv_export.filename(doc))
    if fmt == "zip" and template is not None:
        files = {docx.filename(doc): docx.render(doc, template.data)}
        for other in ("xlsx", "csv", "ocds"):
            exporter = EXPORTERS[other]
            files[exporter.filename(doc)] = exporter.render(doc)
        return Download(package.render(doc, files), package.MEDIA_TYPE, package.filename(doc))
    exporter = EXPORTERS[fmt]
    return Download(exporter.render(doc), exporter.MEDIA_TYPE, exporter.filename(doc))


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
    problems = docx.check_template(data)
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
