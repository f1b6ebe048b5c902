"""The evaluation as plain data: what the scoring page, the CLI, the Word report and the score
sheet all show. `compute` builds it from the frozen document, the tenders and the scores; a closed
evaluation stores `to_dict()` so its outputs never change afterwards."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from app.evaluation import scoring
from app.exporters.document import AwardModel, TenderDocument


@dataclass(frozen=True)
class TenderInput:
    supplier: str
    org_number: str
    price_total: float | None
    must_failures: tuple[str, ...] = ()
    decision: str | None = None  # reject | clarify | accept | None (no decision needed or not yet made)
    decision_reason: str = ""


@dataclass(frozen=True)
class ScoreInput:
    supplier: str
    key: str
    evaluator: str
    points: int
    justification: str


@dataclass(frozen=True)
class Justification:
    evaluator: str
    points: int
    text: str


@dataclass(frozen=True)
class RequirementResult:
    key: str
    title: str
    criterion: str
    weight: int  # points inside the criterion
    points: tuple[float | None, ...]  # per supplier (report order): mean of the evaluators' points
    justifications: tuple[tuple[Justification, ...], ...]  # per supplier


@dataclass(frozen=True)
class SupplierResult:
    supplier: str
    org_number: str
    price_total: float | None
    price_points: float | None
    criterion_points: dict[str, float]  # criterion code -> points on the scale
    weighted_total: float | None  # 0..100; None when rejected
    rank: int | None
    must_failures: tuple[str, ...]
    decision: str | None
    decision_reason: str
    complete: bool  # every should-requirement has at least one score

    @property
    def rejected(self) -> bool:
        return self.decision == "reject"


@dataclass(frozen=True)
class EvaluationReport:
    document: TenderDocument
    suppliers: tuple[SupplierResult, ...]
    requirements: tuple[RequirementResult, ...]
    evaluators: tuple[str, ...] = ()
    closed_at: str | None = None  # ISO 8601; set when the evaluation is closed

    @property
    def model(self) -> AwardModel:
        return self.document.award_model or AwardModel()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["document"] = self.document.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvaluationReport:
        suppliers = tuple(SupplierResult(**{**s, "must_failures": tuple(s["must_failures"])})
                          for s in data["suppliers"])
        requirements = tuple(RequirementResult(
            **{**r, "points": tuple(r["points"]),
               "justifications": tuple(tuple(Justification(**j) for j in per) for per in r["justifications"])})
            for r in data["requirements"])
        return cls(TenderDocument.from_dict(data["document"]), suppliers, requirements,
                   tuple(data.get("evaluators") or ()), data.get("closed_at"))

    def as_rows(self) -> list[dict[str, Any]]:
        """Per supplier, for `flask evaluation scores --format json`."""
        return [{"supplier": s.supplier, "org_number": s.org_number, "must_not_met": list(s.must_failures),
                 "decision": s.decision, "price": s.price_total,
                 "price_points": _round(s.price_points),
                 "points_per_criterion": {k: _round(v) for k, v in s.criterion_points.items()},
                 "weighted_total": _round(s.weighted_total), "rank": s.rank, "complete": s.complete}
                for s in self.suppliers]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def should_requirements(doc: TenderDocument):
    """The scored requirements: should-requirements under a criterion that is not price."""
    return [r for r in doc.requirements
            if r.obligation == "should" and r.criterion and r.criterion != scoring.PRICE]


def compute(doc: TenderDocument, tenders: list[TenderInput], scores: list[ScoreInput], *,
            closed_at: str | None = None) -> EvaluationReport:
    model = doc.award_model or AwardModel()
    names = [t.supplier for t in tenders]
    by_cell: dict[tuple[str, str], list[ScoreInput]] = {}
    for s in sorted(scores, key=lambda s: (s.evaluator, s.supplier, s.key)):
        by_cell.setdefault((s.supplier, s.key), []).append(s)
    requirements = []
    for req in should_requirements(doc):
        cells = [by_cell.get((name, req.key), []) for name in names]
        requirements.append(RequirementResult(
            key=req.key, title=req.title, criterion=req.criterion, weight=req.weight or 0,
            points=tuple(scoring.mean([s.points for s in cell]) for cell in cells),
            justifications=tuple(tuple(Justification(s.evaluator, s.points, s.justification) for s in cell)
                                 for cell in cells)))
    suppliers = _suppliers(doc, model, tenders, requirements)
    evaluators = tuple(sorted({s.evaluator for s in scores}))
    return EvaluationReport(doc, tuple(suppliers), tuple(requirements), evaluators, closed_at)


def _suppliers(doc: TenderDocument, model: AwardModel, tenders: list[TenderInput],
               requirements: list[RequirementResult]) -> list[SupplierResult]:
    weights = {c.code: c.weight for c in doc.award_criteria}
    in_race = [t for t in tenders if t.decision != "reject"]
    prices = [t.price_total for t in in_race if t.price_total is not None]
    lowest = min(prices) if prices else None
    partial = []
    for index, tender in enumerate(tenders):
        rejected = tender.decision == "reject"
        points: dict[str, float] = {}
        for code in weights:
            if code == scoring.PRICE:
                continue
            points[code] = scoring.weighted_mean((r.weight, r.points[index]) for r in requirements
                                                 if r.criterion == code)
        price_points = None
        if not rejected and tender.price_total is not None and lowest is not None and scoring.PRICE in weights:
            price_points = scoring.price_points(model.price_model, tender.price_total, lowest, model.scale_max)
            points[scoring.PRICE] = price_points
        total = None if rejected else scoring.weighted_total(weights, points, model.scale_max)
        complete = all(r.points[index] is not None for r in requirements)
        partial.append((tender, price_points, points, total, complete))
    rank_of = scoring.ranks([p[3] for p in partial])
    return [SupplierResult(t.supplier, t.org_number, t.price_total, pp, pts, total, rank, tuple(t.must_failures),
                           t.decision, t.decision_reason, complete)
            for (t, pp, pts, total, complete), rank in zip(partial, rank_of, strict=True)]
