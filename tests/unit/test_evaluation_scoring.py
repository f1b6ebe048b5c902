"""Price points (DFØ's linear and proportional models), weighted totals, ranking, the report data."""

from __future__ import annotations

import json

import pytest

from app.evaluation import scoring
from app.evaluation.report import EvaluationReport, ScoreInput, TenderInput, compute, should_requirements
from tests.evaluation_helpers import award_document


@pytest.mark.parametrize("price, expected", [(100, 10.0), (120, 8.0), (150, 5.0), (200, 0.0), (250, -5.0)])
def test_linear_model_mirrors_the_percentage_difference(price, expected):
    # DFØ: points = 10 - 10 x (Pe - Pb) / Pb; negative beyond twice the lowest price
    assert scoring.price_points("linear", price, 100, 10) == pytest.approx(expected)


@pytest.mark.parametrize("price, expected", [(100, 10.0), (125, 8.0), (200, 5.0), (400, 2.5)])
def test_proportional_model_divides_the_lowest_price(price, expected):
    # DFØ: points = 10 x Pb / Pe
    assert scoring.price_points("proportional", price, 100, 10) == pytest.approx(expected)


def test_the_scale_top_replaces_ten_and_bad_input_is_refused():
    assert scoring.price_points("linear", 150, 100, 100) == pytest.approx(50.0)
    assert scoring.price_points("proportional", 0, 0, 10) == 10.0
    assert scoring.price_points("proportional", 5, 0, 10) == 0.0
    with pytest.raises(ValueError):
        scoring.price_points("hybrid", 1, 1, 10)
    with pytest.raises(ValueError):
        scoring.price_points("linear", 90, 100, 10)


def test_weighted_mean_total_and_ranks():
    assert scoring.weighted_mean([(10, 8), (30, 4)]) == pytest.approx(5.0)
    assert scoring.weighted_mean([(10, None), (10, 10)]) == pytest.approx(5.0)  # unscored counts as 0
    assert scoring.weighted_total({"price": 40, "quality": 60}, {"price": 10, "quality": 5}, 10) == pytest.approx(70)
    assert scoring.ranks([70.0, None, 80.0, 70.0]) == [2, None, 1, 2]


def _scores(doc, suppliers, points):
    return [ScoreInput(s, r.key, "Eva", points[s], f"Grunn {r.key}") for s in suppliers
            for r in should_requirements(doc)]


def test_compute_ranks_rejects_and_keeps_price_points_to_those_in_the_race():
    doc = award_document(12)
    tenders = [TenderInput("A", "1", 1_000_000.0), TenderInput("B", "2", 500_000.0, ("API-001",), "reject", "Nei"),
               TenderInput("C", "3", 1_250_000.0)]
    report = compute(doc, tenders, _scores(doc, ("A", "B", "C"), {"A": 5, "B": 10, "C": 10}))
    rows = {r["supplier"]: r for r in report.as_rows()}
    assert rows["B"]["rank"] is None and rows["B"]["price_points"] is None  # rejected: out of the race
    assert rows["A"]["price_points"] == 10.0  # lowest among the tenders not rejected
    assert rows["C"]["price_points"] == 7.5  # 25 % dearer: 10 - 10 x 0.25
    # A: 40 x 10/10 + 30 x 5/10 + 30 x 5/10 = 70; C: 40 x 0.75 + 30 + 30 = 90
    assert rows["A"]["weighted_total"] == 70.0 and rows["C"]["weighted_total"] == 90.0
    assert (rows["C"]["rank"], rows["A"]["rank"]) == (1, 2)
    assert all(r["complete"] for r in rows.values())


def test_multiple_evaluators_are_averaged_and_missing_scores_are_flagged():
    doc = award_document(12)
    keys = [r.key for r in should_requirements(doc)]
    scores = [ScoreInput("A", k, "Eva", 6, "x") for k in keys] + [ScoreInput("A", k, "Per", 8, "y") for k in keys]
    report = compute(doc, [TenderInput("A", "", 100.0), TenderInput("B", "", 100.0)], scores)
    assert report.requirements[0].points == (7.0, None)
    assert [j.evaluator for j in report.requirements[0].justifications[0]] == ["Eva", "Per"]
    a, b = report.suppliers
    assert a.complete and not b.complete
    assert report.evaluators == ("Eva", "Per")


def test_report_survives_json_round_trip():
    doc = award_document(12)
    report = compute(doc, [TenderInput("A", "1", 100.0)], _scores(doc, ("A",), {"A": 7}),
                     closed_at="2026-12-01T20:00:00+00:00")
    again = EvaluationReport.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report
