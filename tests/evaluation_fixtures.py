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


def scoring_project(users, n_should: int, n_tenders: int, *, title: str = "Poeng"):
    """An approved project with `n_should` should-requirements, `n_tenders` tenders read in, and the
    evaluator's impartiality declared: what the scoring page shows."""
    from app.services import catalog, scores, tailoring

    keys = [r.key for r in catalog.library().active() if r.available_in("NO")]
    project = make_project(users["buyer"], title=title, answers=dict(ANSWERS))
    library = catalog.library()
    for i in range(n_should):
        row = tailoring.copy_from_library(project, library.requirement(keys[i % len(keys)]))
        if i >= len(keys):
            row.key = f"{row.key[:12]}-{i}"
        row.obligation, row.weight = "should", 10
    review.submit(users["buyer"], project)
    review.approve(users["reviewer"], project)
    doc = document(project)
    for t in range(n_tenders):
        name = f"Leverandør {t + 1}"
        evaluation.import_tender(users["buyer"], project, supplier=name, filename="t.xlsx",
                                 data=fill(doc, supplier=name))
    scores.declare(users["evaluator"], project, confirmed=True)
    save()
    return project
