"""An organisation's backup made in the job queue (a large export), for its administrators to download."""

from __future__ import annotations

import datetime as dt

from .. import jobs, policy
from ..models import Job, User
from ..policy import Action
from . import audit, backup


def request_backup(actor: User) -> Job:
    """Queue a backup of the actor's organisation (administrators only)."""
    policy.require(actor, Action.ADMINISTER)
    job = jobs.enqueue("organisation_backup", actor.organisation_id, organisation_id=actor.organisation_id,
                       requested_by_id=actor.id)
    audit.record(actor, "organisation.backup_requested", job, organisation_id=actor.organisation_id)
    return job


@jobs.handler("organisation_backup")
def make_backup(organisation_id: int) -> dict:
    """Job: the organisation's backup archive (see services/backup.py)."""
    data, summary = backup.backup(organisation_id)
    name = f"kravbygger-backup-{organisation_id}-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}.zip"
    return {"file": (name, data), "rows": sum(summary.rows.values()), "files": summary.files}


def downloaded(actor: User, job: Job) -> None:
    policy.require(actor, Action.ADMINISTER)
    audit.record(actor, "organisation.backup_downloaded", job, organisation_id=actor.organisation_id,
                 name=job.file_name)
