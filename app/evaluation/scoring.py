"""Price points, points per criterion, weighted totals and ranking.

Price to points, after DFØ's guide to evaluating tenders ("Veileder i evaluering av tilbud",
anskaffelser.no, chapter "Regne om pris til poeng"), with the guide's 10 replaced by the top of the
project's point scale (M), Pe the evaluated price and Pb the best (lowest) price:

- linear ("lineær modell"): points = M - M x (Pe - Pb) / Pb. The difference in points mirrors the
  difference in per cent from the lowest price; a price more than twice the lowest gets negative
  points, which the guide says is not in itself against the rules.
- proportional ("forholdsmessig modell"): points = M x Pb / Pe. The difference in points shrinks
  as prices move away from the lowest.

Quality-type criteria: each should-requirement is scored on the scale 0..M; a criterion's points
are the mean of its requirements' points weighted by their relative weights (points inside the
criterion); with several evaluators a requirement's points are the mean of theirs. The weighted
total is the sum over criteria of weight % x points / M, so it runs from 0 to 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

PRICE = "price"
PRICE_MODELS = ("linear", "proportional")


def price_points(model: str, price: float, lowest: float, scale_max: int) -> float:
    """Points for `price` when `lowest` is the best price among the tenders evaluated."""
    if model not in PRICE_MODELS:
        raise ValueError(f"unknown price model {model!r}")
    if price < lowest:
        raise ValueError("the lowest price is higher than a price evaluated")
    if lowest <= 0:  # a free tender: it alone gets full points
        return float(scale_max) if price <= 0 else 0.0
    if model == "linear":
        return scale_max - scale_max * (price - lowest) / lowest
    return scale_max * lowest / price


def weighted_mean(pairs: Iterable[tuple[int, float | None]]) -> float:
    """Mean of points weighted by relative weights; a missing score counts as 0 points."""
    total_weight = 0
    total = 0.0
    for weight, points in pairs:
        total_weight += weight
        total += weight * (points or 0.0)
    return total / total_weight if total_weight else 0.0


def mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def weighted_total(weights: dict[str, int], points: dict[str, float], scale_max: int) -> float:
    """Sum over criteria of weight (per cent of the total) x points / top of the scale: 0..100."""
    return sum(weight * points.get(code, 0.0) / scale_max for code, weight in weights.items())


def ranks(totals: Sequence[float | None]) -> list[int | None]:
    """Competition ranking (1, 1, 3) of the totals, highest first; None stays unranked."""
    ranked = sorted((round(t, 9) for t in totals if t is not None), reverse=True)
    return [None if t is None else ranked.index(round(t, 9)) + 1 for t in totals]
