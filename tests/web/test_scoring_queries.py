"""The scoring page runs the same number of SQL queries whatever the number of suppliers and
should-requirements (timings are in `make bench`, never asserted here)."""

from __future__ import annotations

from sqlalchemy import event

from app.extensions import db
from app.models import Tender
from tests.conftest import login
from tests.evaluation_fixtures import scoring_project


def _count(client, url: str) -> int:
    hits = []

    def hit(*args, **kwargs):
        hits.append(1)
    engine = db.engines[None] if hasattr(db, "engines") else db.engine
    event.listen(engine, "before_cursor_execute", hit)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", hit)
    assert response.status_code == 200
    return len(hits)


def test_scoring_page_queries_do_not_grow(client, users):
    small = scoring_project(users, 3, 2, title="Liten")
    large = scoring_project(users, 12, 5, title="Stor")
    login(client, users["evaluator"])
    counts = []
    for project in (small, large):
        tender = db.session.query(Tender).filter_by(project_id=project.id).first()
        url = f"/projects/{project.id}/evaluation/tenders/{tender.id}/score"
        client.get(url)  # warm caches (library, templates)
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 16, counts
