"""SQL queries per page stay the same whatever the number of requirements (and comment threads):
the project page, the review page and a wizard step. The benchmark reports the same counts."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.extensions import db
from app.models import Comment
from app.services import catalog
from tests.conftest import login, make_project, save


@contextmanager
def counted():
    statements: list[str] = []

    def hit(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", hit)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", hit)


def queries(client, url: str) -> int:
    client.get(url)  # warm-up: per-process caches
    db.session.expire_all()
    with counted() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def project_with(users, n: int, *, threads: bool = False):
    keys = [r.key for r in catalog.library().active() if r.available_in("NO")][:n]
    project = make_project(users["buyer"], title=f"Spørringer {n}", keys=tuple(keys))
    if threads:
        for row in project.requirements:
            parent = Comment(project_id=project.id, requirement_id=row.id, author_id=users["reviewer"].id, body="Hvorfor?")
            db.session.add(parent)
            db.session.flush()
            db.session.add(Comment(project_id=project.id, requirement_id=row.id, parent_id=parent.id,
                                   author_id=users["buyer"].id, body="Fordi."))
    save()
    assert len(project.requirements) == n
    return project


# Today's counts, savepoints of the test transaction included: a new query per page shows up here.
CEILING = {"": 12, "/review": 17, "/wizard/procurement": 6}


@pytest.mark.parametrize(("page", "threads"), [("", True), ("/review", True), ("/wizard/procurement", False)])
def test_queries_do_not_grow_with_the_requirements(client, users, page, threads):
    small, large = project_with(users, 3, threads=threads), project_with(users, 40, threads=threads)
    login(client, users["buyer"])
    counts = [queries(client, f"/projects/{p.id}{page}") for p in (small, large)]
    assert counts[0] == counts[1], f"{page or 'project page'}: {counts[0]} queries for 3, {counts[1]} for 40"
    assert counts[0] <= CEILING[page], counts
