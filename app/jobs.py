"""The job queue: slow or outside work (e-mail, PDF through LibreOffice, large imports and exports).

    jobs.enqueue("pdf", project_id, version_number, organisation_id=..., project_id=...)

adds a `Job` row in the request's transaction and dispatches it only after that transaction commits
(a rolled-back request starts nothing). With REDIS_URL set the job id goes to RQ and a
`flask --app app worker` process runs it; without it the job runs in this process right after the
commit, so `make run` needs nothing more. The row is the truth about a job's state for every app
server; a failed job is retried (JOB_ATTEMPTS in all) and then shown to the organisation's admins.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import traceback
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select, update

from . import logs
from .extensions import db
from .models import Job
from .models._types import utcnow
from .services.after_commit import on_commit

log = logging.getLogger(__name__)
HANDLERS: dict[str, Callable[..., dict | None]] = {}
_READY = "kravbygger.jobs_ready"


def handler(name: str) -> Callable[[Callable[..., dict | None]], Callable[..., dict | None]]:
    """Register the function that runs jobs called `name`. It returns a small JSON-able result, which may
    carry one file to download as `"file": (name, bytes)`."""
    def register(fn: Callable[..., dict | None]) -> Callable[..., dict | None]:
        HANDLERS[name] = fn
        return fn
    return register


def enqueue(name: str, *args: Any, organisation_id: int | None = None, project_id: int | None = None,
            requested_by_id: int | None = None) -> Job:
    """Add a job; it is dispatched once the current transaction commits."""
    if name not in HANDLERS:
        raise KeyError(f"no job handler called {name!r}")
    job = Job(name=name, args=list(args), organisation_id=organisation_id, project_id=project_id,
              requested_by_id=requested_by_id, status="queued",
              max_attempts=max(1, current_app.config.get("JOB_ATTEMPTS", 3)))
    db.session.add(job)
    db.session.flush()
    _dispatch_after_commit(job)
    return job


# ----- after commit ----------------------------------------------------------------------------------
def _committed(job_id: int, attempts: int) -> None:
    """Runs inside the commit (services/after_commit.py), where the session may not emit SQL: hand the
    job to Redis now, or keep its id to run in this process once the request is finished."""
    if current_app.config.get("REDIS_URL"):
        _to_redis(job_id, attempts)
    else:
        db.session().info.setdefault(_READY, []).append(job_id)


def _dispatch_after_commit(job: Job) -> None:
    on_commit(lambda job_id=job.id, attempts=job.max_attempts: _committed(job_id, attempts))


def run_ready() -> None:
    """Run the in-process jobs whose transaction has committed (outside it, so they may use the session)."""
    while db.session().info.get(_READY):
        _run_here(db.session().info[_READY].pop(0))


# ----- dispatch and run ------------------------------------------------------------------------------
def redis_connection():
    from redis import Redis
    return Redis.from_url(current_app.config["REDIS_URL"])


def queue():
    from rq import Queue
    return Queue(current_app.config["JOB_QUEUE"], connection=redis_connection())


def time_limit() -> int:
    """Seconds an attempt may run in the worker before RQ stops it (the PDF conversion's limit + a minute)."""
    return current_app.config.get("PDF_TIMEOUT", 120) + 60


def _to_redis(job_id: int, attempts: int) -> None:
    from rq import Retry
    delays = current_app.config.get("JOB_RETRY_DELAYS") or [0]
    queue().enqueue("app.jobs.perform", job_id, job_id=f"kravbygger-{job_id}-{utcnow().timestamp():.0f}",
                    retry=Retry(max=attempts - 1, interval=delays) if attempts > 1 else None,
                    job_timeout=time_limit(), failure_ttl=7 * 24 * 3600)


def _run_here(job_id: int) -> None:
    """No Redis: run the job in this process now, each attempt straight after the one that failed."""
    job = db.session.get(Job, job_id)
    while job is not None and job.status == "queued":
        with contextlib.suppress(Exception):  # recorded on the job row; the request that caused it goes on
            perform(job_id)
        job = db.session.get(Job, job_id)


def perform(job_id: int) -> None:
    """Run one attempt of a job (the worker's entry point). Raises when the attempt fails, so RQ retries."""
    # Claim it in one statement: of two workers handed the same job (a re-dispatch), one runs it.
    claimed = db.session.execute(update(Job).where(Job.id == job_id, Job.status == "queued").values(
        status="running", started_at=utcnow(), attempts=Job.attempts + 1)).rowcount
    db.session.commit()
    job = db.session.get(Job, job_id)
    if not claimed or job is None:
        return
    token = logs.context.set({**logs.context.get(), "job_id": job.id, "job": job.name, "attempt": job.attempts})
    try:
        result = dict(HANDLERS[job.name](*job.args) or {})
        job = db.session.get(Job, job_id)
        if "file" in result:  # (name, bytes): kept on the job row for its download link
            job.file_name, job.file_data = result.pop("file")
            result["size"] = len(job.file_data)
        job.status, job.result, job.error, job.finished_at = "done", result, "", utcnow()
        db.session.commit()
    except Exception as exc:
        db.session.rollback()
        job = db.session.get(Job, job_id)
        job.error = "".join(traceback.format_exception_only(exc)).strip()[-2000:]
        job.status = "failed" if job.attempts >= job.max_attempts else "queued"
        job.finished_at = utcnow()
        db.session.commit()
        log.warning("Job %s (%s) attempt %d of %d failed: %s", job.id, job.name, job.attempts,
                    job.max_attempts, job.error)
        raise
    finally:
        logs.context.reset(token)
        run_ready()


def retry(job: Job) -> None:
    """An admin asks for a failed job to run again (after this request commits)."""
    job.status, job.attempts, job.error, job.finished_at = "queued", 0, "", None
    _dispatch_after_commit(job)


def failed(organisation_id: int, limit: int = 100) -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.organisation_id == organisation_id, Job.status == "failed")
                                   .order_by(Job.finished_at.desc(), Job.id.desc()).limit(limit)))


def recent(organisation_id: int, limit: int = 50) -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.organisation_id == organisation_id)
                                   .order_by(Job.id.desc()).limit(limit)))


def find(organisation_id: int, job_id: int) -> Job | None:
    job = db.session.get(Job, job_id)
    return job if job is not None and job.organisation_id == organisation_id else None


def run_worker(burst: bool = False) -> None:
    """`flask worker`: process jobs from Redis one at a time in this process (SimpleWorker: no fork, so
    the database pool and the LibreOffice profile are this process's own). RQ's periodic maintenance
    (at start, then every ten minutes) also settles the jobs a dead worker left running."""
    from rq import SimpleWorker

    class Worker(SimpleWorker):
        def run_maintenance_tasks(self) -> None:
            super().run_maintenance_tasks()
            _settle_in_maintenance()

    requeue_stale()
    worker = Worker([queue()], connection=redis_connection())
    worker.work(burst=burst, with_scheduler=True, logging_level=current_app.config.get("LOG_LEVEL", "INFO"))


def _settle_in_maintenance() -> None:
    try:
        settle_abandoned()
    except Exception:  # noqa: BLE001 - e.g. the database restarting; the worker goes on with its jobs
        db.session.rollback()
        log.exception("Settling abandoned jobs failed; it is tried again at the next maintenance")


def settle_abandoned() -> int:
    """Jobs a worker left "running" when it died (killed, out of memory, machine restarted). RQ stops
    every attempt at `time_limit()`, recording the failure on the row, so a row still running a minute
    past that has no worker: it is queued again if it has attempts left, otherwise failed with a reason
    the admins' jobs page shows."""
    cutoff = utcnow() - dt.timedelta(seconds=time_limit() + 60)
    abandoned = list(db.session.scalars(select(Job).where(Job.status == "running", Job.started_at < cutoff)))
    for job in abandoned:
        job.error = f"The worker stopped while running this job (attempt {job.attempts} of {job.max_attempts})."
        job.finished_at = utcnow()
        job.status = "failed" if job.attempts >= job.max_attempts else "queued"
        log.warning("Job %s (%s): %s Now %s.", job.id, job.name, job.error, job.status)
    db.session.commit()
    for job in abandoned:
        if job.status == "queued":
            _to_redis(job.id, job.max_attempts - job.attempts)
    return len(abandoned)


def requeue_stale(older_than_s: int = 60) -> int:
    """Hand Redis again the jobs still queued in the database (e.g. Redis was down when their request
    committed). A job that is in Redis twice runs once: `perform` claims it atomically."""
    cutoff = utcnow() - dt.timedelta(seconds=older_than_s)
    stale = list(db.session.scalars(select(Job).where(Job.status == "queued", Job.created_at < cutoff)))
    for job in stale:
        _to_redis(job.id, job.max_attempts - job.attempts)
    if stale:
        log.info("Handed %d waiting job(s) to Redis again", len(stale))
    db.session.rollback()
    return len(stale)


def init_app(app: Flask) -> None:
    """Run the callbacks of a committed request after it, and load the job handlers."""
    from .services import job_handlers  # noqa: F401  (registers the handlers)

    @app.teardown_request
    def _after_request(error):
        if error is None:
            try:
                run_ready()
            except Exception:  # noqa: BLE001
                log.exception("A job could not be dispatched after the request")
        else:
            db.session().info.pop(_READY, None)


def queue_state() -> dict | None:
    """For the admin page: jobs waiting in Redis and workers alive (None without Redis, or if it is down)."""
    if not current_app.config.get("REDIS_URL"):
        return None
    try:
        from rq import Worker
        q = queue()
        return {"waiting": q.count, "workers": len(Worker.all(connection=q.connection))}
    except Exception:  # noqa: BLE001 - the page still shows the jobs from the database
        log.warning("Redis did not answer for the admin jobs page", exc_info=True)
        return {"waiting": None, "workers": None}
