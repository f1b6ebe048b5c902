"""Evaluating tenders: access, the evaluated version, tenders in, decisions on must-requirements,
results, and closing the evaluation.

Access is `policy.require(user, action, project)` with the evaluation actions (evaluate_manage,
evaluate_score, evaluate_view); they need a frozen approved or published version, and tenders are
checked against the latest such version.

Confidential: tenders and scores belong to the project's organisation, and their content (answers,
prices, points, justifications, reasons, supplier names) never goes into audit events; the audit
trail says who did what to which tender, when.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import domain, policy
from ..evaluation.problems import TenderRejected
from ..evaluation.report import EvaluationReport, ScoreInput, TenderInput, compute
from ..exporters.document import TenderDocument
from ..extensions import db
from ..models import EvaluationClosure, ProjectVersion, Score, Tender, TenderProject, TenderUpload, User
from ..models.evaluation import DECISIONS
from ..policy import Action
from . import ServiceError, audit
from .tender_messages import problem_messages

FROZEN = domain.FROZEN_STATUSES
MAX_REASON = 2000
MAX_NAME = 200


class ImportRefused(ServiceError):
    """The file was not taken; `messages` lists every problem (per row where there is one)."""

    def __init__(self, messages: list[str]):
        super().__init__(messages[0] if messages else "", field="file")
        self.messages = messages


# ----- access ------------------------------------------------------------------------------------
def may(user: User, action: str, project: TenderProject) -> bool:
    return policy.may(user, Action(action), project)


def require(user: User, action: str, project: TenderProject) -> None:
    """Raise domain.Refused unless `user` may do `action` on `project` now."""
    policy.require(user, Action(action), project)


# ----- reading -----------------------------------------------------------------------------------
def evaluated_version(project: TenderProject) -> ProjectVersion | None:
    """The latest approved or published frozen version: the one tenders answer."""
    return db.session.scalar(select(ProjectVersion)
                             .where(ProjectVersion.project_id == project.id, ProjectVersion.event.in_(FROZEN))
                             .order_by(ProjectVersion.number.desc()).limit(1))


def document(version: ProjectVersion) -> TenderDocument:
    return TenderDocument.from_dict(version.document)


def closure(project: TenderProject) -> EvaluationClosure | None:
    return db.session.scalar(select(EvaluationClosure).where(EvaluationClosure.project_id == project.id))


def tenders(project: TenderProject) -> list[Tender]:
    return list(db.session.scalars(select(Tender).where(Tender.project_id == project.id)
                                   .order_by(Tender.supplier_key)))


def find_tender(project: TenderProject, tender_id: int) -> Tender | None:
    tender = db.session.get(Tender, tender_id)
    return tender if tender is not None and tender.project_id == project.id else None


def uploads(tender: Tender) -> list[TenderUpload]:
    return list(db.session.scalars(select(TenderUpload).where(TenderUpload.tender_id == tender.id)
                                   .options(selectinload(TenderUpload.uploaded_by))
                                   .order_by(TenderUpload.id.desc())))


def _ensure_open(project: TenderProject) -> None:
    if closure(project) is not None:
        raise ServiceError(_l("The evaluation is closed: tenders, decisions and scores are locked."))


# ----- tenders in --------------------------------------------------------------------------------
def _supplier_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_l("Enter the supplier's name."), field="supplier")
    if len(name) > MAX_NAME:
        raise ServiceError(_l("The name can be at most %(max)d characters.", max=MAX_NAME), field="supplier")
    return name


def import_tender(actor: User, project: TenderProject, *, supplier: str, filename: str, data: bytes) -> Tender:
    """Take a supplier's filled matrix whole, or refuse it with every problem and store nothing.
    A new file for the same supplier replaces the answers; earlier files stay in the history."""
    require(actor, "evaluate_manage", project)
    _ensure_open(project)
    name = _supplier_name(supplier)
    version = evaluated_version(project)
    if version is None:
        raise ServiceError(_l("There is no approved version for tenders to answer."))
    doc = document(version)
    from ..evaluation.reading import read_tender  # openpyxl: imported on the first upload, not at start-up

    try:
        parsed = read_tender(data, doc, project_id=project.id)
    except TenderRejected as rejected:
        raise ImportRefused(problem_messages(rejected.problems, doc)) from rejected
    if parsed.supplier_name and parsed.supplier_name.casefold() != name.casefold():
        raise ImportRefused([str(_l("The file is filled in for “%(file)s”, not for “%(name)s”. Check that you "
                                    "chose the right file.", file=parsed.supplier_name[:MAX_NAME], name=name))])
    key = name.casefold()
    tender = db.session.scalar(select(Tender).where(Tender.project_id == project.id, Tender.supplier_key == key))
    replaced = tender is not None
    if tender is None:
        tender = Tender(project_id=project.id, supplier_key=key)
        db.session.add(tender)
    tender.supplier_name, tender.version_id = name, version.id
    tender.org_number = parsed.org_number[:20]
    tender.answers, tender.prices, tender.price_total = parsed.answers, parsed.prices, parsed.price_total
    tender.must_failures = parsed.must_failures
    tender.decision, tender.decision_reason, tender.decided_by_id, tender.decided_at = None, "", None, None
    digest = hashlib.sha256(data).hexdigest()
    upload = TenderUpload(filename=(filename or "tender.xlsx")[-255:], sha256=digest, size=len(data), content=data,
                          uploaded_by_id=actor.id)
    tender.uploads.append(upload)
    db.session.flush()
    audit.record(actor, "tender.replaced" if replaced else "tender.imported", tender, project_id=project.id,
                 sha256=digest, size=len(data), must_failures=len(parsed.must_failures))
    return tender


# ----- must-requirements -------------------------------------------------------------------------
def decide(actor: User, project: TenderProject, tender: Tender, *, decision: str, reason: str) -> None:
    """The buyer's decision on a tender that does not meet a must-requirement, with the reason."""
    require(actor, "evaluate_manage", project)
    _ensure_open(project)
    if not tender.must_failures:
        raise ServiceError(_l("This tender meets every must-requirement; there is nothing to decide."))
    if decision not in DECISIONS:
        raise ServiceError(_l("Choose a decision."), field="decision")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_l("Give the reason for the decision."), field="reason")
    if len(reason) > MAX_REASON:
        raise ServiceError(_l("This can be at most %(max)d characters; it has %(n)d.", max=MAX_REASON, n=len(reason)),
                           field="reason")
    tender.decision, tender.decision_reason = decision, reason
    tender.decided_by_id, tender.decided_at = actor.id, dt.datetime.now(dt.UTC)
    audit.record(actor, "tender.decided", tender, project_id=project.id, decision=decision)


# ----- results -----------------------------------------------------------------------------------
def _inputs(project: TenderProject) -> tuple[list[TenderInput], list[ScoreInput]]:
    rows = tenders(project)
    names = {t.id: t.supplier_name for t in rows}
    scores = db.session.execute(
        select(Score.tender_id, Score.requirement_key, User.name, Score.points, Score.justification)
        .join(User, User.id == Score.evaluator_id).join(Tender, Tender.id == Score.tender_id)
        .where(Tender.project_id == project.id)).all()
    return ([TenderInput(t.supplier_name, t.org_number, t.price_total, tuple(t.must_failures), t.decision,
                         t.decision_reason) for t in rows],
            [ScoreInput(names[tid], key, who, points, text) for tid, key, who, points, text in scores])


def report(project: TenderProject) -> EvaluationReport | None:
    """The evaluation now (or as closed). None before there is an approved version."""
    closed = closure(project)
    if closed is not None:
        return EvaluationReport.from_dict(closed.report)
    version = evaluated_version(project)
    if version is None:
        return None
    tender_inputs, score_inputs = _inputs(project)
    return compute(document(version), tender_inputs, score_inputs)


def close(actor: User, project: TenderProject) -> EvaluationClosure:
    """Lock the scores and freeze the report data: the report and score sheet never change again."""
    require(actor, "evaluate_manage", project)
    _ensure_open(project)
    current = report(project)
    if current is None or not current.suppliers:
        raise ServiceError(_l("There are no tenders to evaluate yet."))
    undecided = [s.supplier for s in current.suppliers if s.must_failures and s.decision not in ("reject", "accept")]
    if undecided:
        raise ServiceError(_l("Decide on every tender that does not meet a must-requirement (reject or accept "
                              "after clarification) before you close: %(names)s.", names=", ".join(undecided)))
    incomplete = [s.supplier for s in current.suppliers if not s.rejected and not s.complete]
    if incomplete:
        raise ServiceError(_l("Every should-requirement needs a score for every tender before you close. Not yet "
                              "scored in full: %(names)s.", names=", ".join(incomplete)))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    frozen = EvaluationReport(current.document, current.suppliers, current.requirements, current.evaluators,
                              now.isoformat())
    version = evaluated_version(project)
    closed = EvaluationClosure(project_id=project.id, version_id=version.id, closed_by_id=actor.id, closed_at=now,
                               report=frozen.to_dict())
    db.session.add(closed)
    db.session.flush()
    audit.record(actor, "evaluation.closed", closed, project_id=project.id, tenders=len(current.suppliers))
    return closed
