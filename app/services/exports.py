"""Rendering a project's documents: the current draft or a frozen version, in any export format,
with the organisation's own Word template when it has an active one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import policy
from ..exporters import EXPORTERS
from ..exporters.document import TenderDocument
from ..exporters.word.problem import TemplateProblem
from ..extensions import db
from ..models import Organisation, OrgTemplate, TenderProject, User
from ..policy import Action
from . import ServiceError, audit, bounded

FORMATS = tuple(EXPORTERS)
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


# Uploaded templates are checked and rendered in a child process with these limits (bounded.py).
TEMPLATE_MEMORY_MB = 512
TEMPLATE_CHECK_SECONDS = 20
TEMPLATE_RENDER_SECONDS = 40


@dataclass(frozen=True)
class Offer:
    """One file on the export page: its format, name in the UI, what it is for and its file name."""
    fmt: str
    label: Any
    purpose: Any
    filename: str


# Every document a buyer can download, in the order of the export page. Formats whose exporter
# is not registered are left out.
_OFFERS = (
    ("docx", _l("Requirement specification (Word)"),
     _l("The document you publish as part of the tender documents. Every tender portal (Mercell, TendSign, "
        "e-Avrop, Kommers) takes it as an attachment.")),
    ("qualification", _l("Qualification requirements (Word)"),
     _l("For the tender documents: what a supplier must meet to take part, with the matching part of the "
        "ESPD.")),
    ("contract", _l("Contract conditions (Word)"),
     _l("The annex to the contract: what the supplier must do while the contract runs.")),
    ("rfi", _l("Needs description for market dialogue (Word)"),
     _l("Before the tender: the needs and the scope, with open questions to suppliers and no requirements.")),
    ("xlsx", _l("Response matrix (Excel)"),
     _l("One row per requirement for the suppliers' answers: yes/no, number, text or attachment, mandatory "
        "flag and weight. Upload it as the requirement list, or attach it where the portal has no "
        "requirement import.")),
    ("csv", _l("Response matrix (CSV, comma)"),
     _l("The same rows as plain text, for portals and systems that import requirement lists from CSV.")),
    ("ocds", _l("Open data (OCDS JSON)"),
     _l("The tender, its requirements and award criteria in the Open Contracting Data Standard 1.1.5, for "
        "open-data publication.")),
    ("zip", _l("Tender package (ZIP)"),
     _l("All of the above with a manifest of SHA-256 checksums, so anyone can check the files are the ones "
        "approved.")),
)


def offers(doc: TenderDocument) -> list[Offer]:
    """What the export page offers for `doc`, with each file's name."""
    return [Offer(fmt, label, purpose, EXPORTERS[fmt].filename(doc)) for fmt, label, purpose in _OFFERS
            if fmt in EXPORTERS]


def naming_document(project: TenderProject, version_label: str) -> TenderDocument:
    """Just enough of the project's document to name its files (the names depend on reference,
    version, language and country), without assembling the requirements."""
    return TenderDocument(language=project.language, country=project.country, organisation="", title=project.title,
                          reference=project.reference or "", version_label=version_label, status=project.status,
                          date="", generated_at="", library_version="", project_id=project.id)


@dataclass(frozen=True)
class Download:
    data: bytes
    media_type: str
    filename: str


def active_template(organisation: Organisation) -> OrgTemplate | None:
    return db.session.scalar(select(OrgTemplate).where(OrgTemplate.organisation_id == organisation.id,
                                                       OrgTemplate.active.is_(True)))


def ocds_options() -> dict[str, str]:
    """The deployment's OCDS settings (app config, from KRAVBYGGER_* environment variables)."""
    config, ocds = current_app.config, EXPORTERS["ocds"]
    return {"ocid_prefix": config.get("OCDS_OCID_PREFIX") or ocds.DEFAULT_OCID_PREFIX,
            "extension_url": config.get("OCDS_EXTENSION_URL") or ocds.EXTENSION_URL,
            "documents_base_url": config.get("DOCUMENTS_BASE_URL") or ""}


def render(doc: TenderDocument, fmt: str, organisation: Organisation, *, builtin: bool = False,
           semicolon: bool = False) -> Download:
    """The document in `fmt`. Raises TemplateProblem if the organisation's template fails."""
    template = None if builtin else active_template(organisation)
    return render_with(doc, fmt, template.data if template else None, semicolon=semicolon)


def render_with(doc: TenderDocument, fmt: str, template: bytes | None, *, semicolon: bool = False) -> Download:
    """The document in `fmt`, with the Word template `template` (None: the built-in one)."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    exporter = EXPORTERS[fmt]  # imported on first use: start-up does not load docxtpl and openpyxl
    if fmt == "ocds":
        return Download(exporter.render(doc, **ocds_options()), exporter.MEDIA_TYPE, exporter.filename(doc))
    if fmt == "docx":
        data = render_docx(doc, template) if template else exporter.render(doc)
        return Download(data, exporter.MEDIA_TYPE, exporter.filename(doc))
    if fmt == "csv" and semicolon:
        return Download(exporter.render(doc, delimiter=";"), exporter.MEDIA_TYPE, exporter.filename(doc))
    if fmt == "zip" and template is not None:
        files = exporter.default_files(doc, ocds_options(), word=render_docx(doc, template))
        return Download(exporter.render(doc, files), exporter.MEDIA_TYPE, exporter.filename(doc))
    if fmt == "zip":
        return Download(exporter.render(doc, ocds_options=ocds_options()), exporter.MEDIA_TYPE,
                        exporter.filename(doc))
    return Download(exporter.render(doc), exporter.MEDIA_TYPE, exporter.filename(doc))


def render_docx(doc: TenderDocument, template: bytes) -> bytes:
    """`doc` through an uploaded Word template, in a bounded child process; raises TemplateProblem."""
    try:
        return bounded.run(EXPORTERS["docx"].render, doc, template, memory_mb=TEMPLATE_MEMORY_MB,
                           seconds=TEMPLATE_RENDER_SECONDS)
    except bounded.Exceeded as exc:
        raise TemplateProblem(_exceeded(exc)) from None


def check_template(data: bytes) -> list[str]:
    """docx.check_template in a bounded child process: the problems found, or the limit it ran into."""
    try:
        return bounded.run(EXPORTERS["docx"].check_template, data, memory_mb=TEMPLATE_MEMORY_MB, seconds=TEMPLATE_CHECK_SECONDS)
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
    docx = EXPORTERS["docx"]
    return Download(docx.render_review_copy(doc), docx.MEDIA_TYPE, docx.filename(doc, review=True))


def comparison(old: TenderDocument, new: TenderDocument) -> Download:
    """The newer specification with the changes since `old` as tracked changes."""
    docx = EXPORTERS["docx"]
    return Download(docx.render_comparison(old, new), docx.MEDIA_TYPE, docx.filename(new, compare=True))


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
