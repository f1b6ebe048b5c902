"""An approved project ready for tenders, shared by the evaluation web tests, the access matrix
and the benchmarks."""

from __future__ import annotations

from app.services import evaluation, review
from tests.conftest import make_project, save
from tests.evaluation_helpers import fill

KEYS = ("UU-001", "UU-011", "API-002", "API-006", "ARK-013", "ARK-014")
ANSWERS = {"climate_approach": "award_criterion", "award_weights": {"price": 40, "quality": 30, "climate": 30},
           "contract_years": 4, "option_years": 2, "user_count": 900,
           "users_by_group": {"employees": 700, "pupils": 0, "politicians": 50, "external": 0}}


def approved_project(users, keys=KEYS, answers=None):
    project = make_project(users["buyer"], title="Kontorstøtte 2027", keys=keys, answers=dict(answers or ANSWERS))
    review.submit(users["buyer"], project)
    review.approve(users["reviewer"], project)
    save()
    return project


def document(project):
    return evaluation.document(evaluation.evaluated_version(project))


def tender_file(project, supplier: str = "Alfa AS", **kwargs) -> bytes:
    return fill(document(project), supplier=supplier, **kwargs)
