"""The job queue on the real Redis (TEST_REDIS_URL, default db 6 on 127.0.0.1): jobs reach Redis only
after the request commits, a worker runs them, failures are retried and then shown to admins."""

from __future__ import annotations

import os
import uuid

import pytest
from redis import Redis
from rq import Queue
from rq.registry import FailedJobRegistry

from app import jobs
from app.extensions import db
from app.models import Job
from app.services import notify
from tests.conftest import dom, login, make_project, post_form, save, text_of

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


@pytest.fixture
def queue(app, monkeypatch):
    """A queue of this test's own on the real Redis, emptied afterwards."""
    name = f"kravbygger-test-{uuid.uuid4().hex[:10]}"
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "JOB_QUEUE", name)
    monkeypatch.setitem(app.config, "JOB_RETRY_DELAYS", [0])
    connection = Redis.from_url(REDIS_URL)
    connection.ping()  # the real Redis must be there: CI has one
    q = Queue(name, connection=connection)
    yield q
    for key in connection.scan_iter(f"*{name}*"):
        connection.delete(key)
    q.delete(delete_jobs=True)


@pytest.fixture
def flaky(monkeypatch):
    """A job that fails the first `fails` times it runs."""
    calls = []

    def run(fails: int) -> dict:
        calls.append(fails)
        if len(calls) <= fails:
            raise RuntimeError(f"attempt {len(calls)} fails")
        return {"ran": len(calls)}
    monkeypatch.setitem(jobs.HANDLERS, "flaky", run)
    return calls


def test_a_job_reaches_redis_only_after_commit_and_the_worker_runs_it(app, users, queue, caplog):
    project = make_project(users["buyer"], title="Kø")
    save()
    with app.test_request_context():
        notify.send([users["reviewer"]], "review_requested", project, users["buyer"])
        db.session.flush()
        assert queue.count == 0  # not before the commit
        save()
    assert queue.count == 1
    job = db.session.query(Job).filter_by(name="email", project_id=project.id).one()
    assert job.status == "queued"
    jobs.run_worker(burst=True)
    db.session.refresh(job)
    assert (job.status, job.attempts, job.result) == ("done", 1, {"sent": False})
    assert queue.count == 0


def test_a_rolled_back_request_puts_nothing_in_redis(app, users, queue, flaky):
    with app.test_request_context():
        jobs.enqueue("flaky", 0, organisation_id=users["admin"].organisation_id)
        db.session.rollback()
    assert queue.count == 0


def test_a_failing_job_is_retried_by_the_worker(app, users, queue, flaky):
    with app.test_request_context():
        job = jobs.enqueue("flaky", 2, organisation_id=users["admin"].organisation_id)
        save()
    jobs.run_worker(burst=True)
    db.session.refresh(job)
    assert (job.status, job.attempts, job.result) == ("done", 3, {"ran": 3})


def test_a_job_that_keeps_failing_is_shown_to_admins_who_can_retry_it(app, client, users, queue, flaky):
    with app.test_request_context():
        job = jobs.enqueue("flaky", 99, organisation_id=users["admin"].organisation_id)
        save()
    jobs.run_worker(burst=True)
    db.session.refresh(job)
    assert (job.status, job.attempts) == ("failed", 3) and "attempt 3 fails" in job.error
    assert len(FailedJobRegistry(queue=queue)) == 1
    login(client, users["admin"])
    page = dom(client.get("/admin/jobs"))
    rows = text_of(page, "#failed-jobs tbody tr")
    assert len(rows) == 1 and "flaky" in rows[0] and "attempt 3 fails" in rows[0]
    assert "Workers running" in " ".join(text_of(page, "#queue-state"))
    response = post_form(client, f"/admin/jobs/{job.id}/retry", {}, form_url="/admin/jobs")
    assert response.status_code == 302
    db.session.refresh(job)
    assert job.status == "queued" and queue.count == 1
    # another organisation's admin neither sees nor retries it
    other = users["outsider"]
    other.role = "admin"
    save()
    post_form(client, "/logout", {}, form_url="/account")
    login(client, other)
    assert text_of(dom(client.get("/admin/jobs")), "#failed-jobs tbody tr") == []


def test_readiness_checks_redis_when_it_is_configured(app, client, queue, monkeypatch):
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"]["redis"] == "ok"
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    down = client.get("/readyz")
    assert down.status_code == 503 and down.json["checks"]["redis"] == "unavailable"


def test_jobs_left_waiting_while_redis_was_down_are_handed_over_again(app, users, queue, flaky):
    import datetime as dt

    job = Job(name="flaky", args=[0], organisation_id=users["admin"].organisation_id, status="queued",
              created_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))
    db.session.add(job)
    db.session.commit()  # as if its request committed while Redis did not answer: nothing in the queue
    assert queue.count == 0
    assert jobs.requeue_stale() == 1 and queue.count == 1
    jobs.perform(job.id)  # a worker handed it twice (or two workers) runs it once
    jobs.run_worker(burst=True)
    db.session.refresh(job)
    assert (job.status, job.attempts) == ("done", 1) and flaky == [0]


def _abandoned(users, *, attempts: int, minutes_ago: float) -> Job:
    """A row a dead worker left "running" (its RQ job is gone with the worker)."""
    import datetime as dt

    started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    job = Job(name="flaky", args=[0], organisation_id=users["admin"].organisation_id, status="running",
              attempts=attempts, max_attempts=3, created_at=started, started_at=started)
    db.session.add(job)
    db.session.commit()
    return job


def test_a_job_a_dead_worker_left_running_is_run_again_by_the_next_worker(app, users, queue, flaky):
    limit_minutes = jobs.time_limit() / 60
    abandoned = _abandoned(users, attempts=1, minutes_ago=limit_minutes + 5)
    recent = _abandoned(users, attempts=1, minutes_ago=limit_minutes / 2)  # may still be running somewhere
    jobs.run_worker(burst=True)  # the worker's first maintenance settles, then it works the queue
    db.session.refresh(abandoned)
    db.session.refresh(recent)
    assert (abandoned.status, abandoned.attempts) == ("done", 2) and flaky == [0]
    assert (recent.status, recent.attempts) == ("running", 1)


def test_a_job_with_no_attempts_left_is_failed_with_the_reason(app, users, queue, flaky):
    job = _abandoned(users, attempts=3, minutes_ago=jobs.time_limit() / 60 + 5)
    assert jobs.settle_abandoned() == 1
    db.session.refresh(job)
    assert job.status == "failed" and queue.count == 0 and flaky == []
    assert job.error == "The worker stopped while running this job (attempt 3 of 3)."
    assert job in jobs.failed(job.organisation_id)  # the admins' jobs page lists it, with a retry button
