"""Scoring tenders: the impartiality declaration every evaluator makes before seeing any tender,
and the points with a written justification per should-requirement and tender. Points and
justifications never go into the audit trail; it records that an evaluator scored a tender."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import policy
from ..evaluation.report import should_requirements
from ..exporters.document import TenderDocument
from ..extensions import db
from ..models import ImpartialityDeclaration, Score, Tender, TenderProject, User
from ..policy import Action
from . import ServiceError, audit
from .evaluation import _ensure_open, require

MAX_JUSTIFICATION = 4000


class ScoresInvalid(ServiceError):
    """Nothing was saved; `errors` maps form field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(next(iter(errors.values())))
        self.errors = errors


@dataclass(frozen=True)
class Entry:
    points: str  # as typed
    justification: str


def has_declared(user: User, project: TenderProject) -> bool:
    return db.session.scalar(select(ImpartialityDeclaration.id).where(
        ImpartialityDeclaration.project_id == project.id, ImpartialityDeclaration.user_id == user.id)) is not None


def declare(actor: User, project: TenderProject, *, confirmed: bool) -> None:
    require(actor, "evaluate_score", project)
    if not confirmed:
        raise ServiceError(_l("Confirm the declaration to continue."), field="confirm")
    if has_declared(actor, project):
        return
    declaration = ImpartialityDeclaration(project_id=project.id, user_id=actor.id)
    db.session.add(declaration)
    db.session.flush()
    audit.record(actor, "evaluation.impartiality_declared", declaration, project_id=project.id)


def require_declared(actor: User, project: TenderProject) -> None:
    """Evaluators see tenders only after declaring impartiality."""
    if policy.may(actor, Action.EVALUATE_SCORE) and not has_declared(actor, project):
        raise ServiceError(_l("Declare your impartiality before you see the tenders."))


def own_scores(actor: User, tender: Tender) -> dict[str, Score]:
    return {s.requirement_key: s for s in db.session.scalars(
        select(Score).where(Score.tender_id == tender.id, Score.evaluator_id == actor.id))}


def progress(actor: User, project: TenderProject) -> dict[int, int]:
    """Tender id -> how many requirements `actor` has scored (one query, whatever the size)."""
    rows = db.session.execute(select(Score.tender_id, func.count(Score.id))
                              .join(Tender, Tender.id == Score.tender_id)
                              .where(Tender.project_id == project.id, Score.evaluator_id == actor.id)
                              .group_by(Score.tender_id)).all()
    return dict(rows)


def _parse(points: str, scale_max: int) -> int | None:
    text = (points or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= scale_max:
        raise ValueError
    return int(text)


def _check(key: str, entry: Entry, scale_max: int, errors: dict[str, str]) -> tuple[int, str] | None:
    """(points, justification) of one entry, or None if it is empty or wrong (then `errors` says why)."""
    try:
        points = _parse(entry.points, scale_max)
    except ValueError:
        errors[f"points-{key}"] = str(_l("Enter whole points from 0 to %(max)d.", max=scale_max))
        return None
    text = (entry.justification or "").strip()
    if points is None and not text:
        return None
    if points is None:
        errors[f"points-{key}"] = str(_l("Enter the points this justification gives."))
    elif not text:
        errors[f"justification-{key}"] = str(_l("Justify the points in writing."))
    elif len(text) > MAX_JUSTIFICATION:
        errors[f"justification-{key}"] = str(_l("This can be at most %(max)d characters; it has %(n)d.",
                                                max=MAX_JUSTIFICATION, n=len(text)))
    else:
        return points, text
    return None


def save(actor: User, project: TenderProject, tender: Tender, doc: TenderDocument,
         entries: dict[str, Entry]) -> int:
    """Save `actor`'s scores for `tender`; all or nothing. Returns how many were saved."""
    require(actor, "evaluate_score", project)
    require_declared(actor, project)
    _ensure_open(project)
    if tender.decision == "reject":
        raise ServiceError(_l("This tender is rejected; it is not scored."))
    scale_max = (doc.award_model.scale_max if doc.award_model else 10)
    errors: dict[str, str] = {}
    values = {}
    for req in should_requirements(doc):
        if req.key in entries:
            checked = _check(req.key, entries[req.key], scale_max, errors)
            if checked is not None:
                values[req.key] = checked
    if errors:
        raise ScoresInvalid(errors)
    existing = own_scores(actor, tender)
    changed = 0
    for key, (points, text) in values.items():
        score = existing.get(key)
        if score is None:
            db.session.add(Score(tender_id=tender.id, requirement_key=key, evaluator_id=actor.id, points=points,
                                 justification=text))
            changed += 1
        elif (score.points, score.justification) != (points, text):
            score.points, score.justification = points, text
            changed += 1
    if changed:
        db.session.flush()
        audit.record(actor, "tender.scored", tender, project_id=project.id, scores_changed=changed)
    return changed
