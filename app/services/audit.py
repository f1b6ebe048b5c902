"""Append-only audit trail. Every service that changes state calls `record`."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import AuditEvent, User


def record(actor: User | None, action: str, obj: Any = None, *, organisation_id: int | None = None,
           project_id: int | None = None, **details: Any) -> AuditEvent:
    """Add an AuditEvent for `actor` doing `action` to `obj` (flushed with the request's transaction)."""
    org = organisation_id or getattr(actor, "organisation_id", None) or getattr(obj, "organisation_id", None)
    if project_id is None:
        project_id = getattr(obj, "project_id", None)
        if project_id is None and type(obj).__name__ == "TenderProject":
            project_id = obj.id
    event = AuditEvent(
        organisation_id=org,
        project_id=project_id,
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=getattr(obj, "id", None),
        details={k: v for k, v in details.items() if v is not None},
    )
    db.session.add(event)
    return event


def events(organisation_id: int, project_id: int | None = None, limit: int | None = None) -> list[AuditEvent]:
    """The organisation's audit trail (or one project's), newest first."""
    query = (select(AuditEvent).where(AuditEvent.organisation_id == organisation_id)
             .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
             .options(selectinload(AuditEvent.actor)))
    if project_id is not None:
        query = query.where(AuditEvent.project_id == project_id)
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


CSV_COLUMNS = ("time_utc", "actor", "actor_email", "action", "object_type", "object_id", "project_id", "details")


def to_csv(items: list[AuditEvent]) -> bytes:
    """UTF-8 CSV with BOM (opens correctly in Nordic Excel); details as JSON. Cells that a spreadsheet
    would run as formulas are prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in items:
        row = [e.created_at.isoformat(), e.actor.name if e.actor else "", e.actor.email if e.actor else "",
               e.action, e.object_type, e.object_id or "", e.project_id or "",
               json.dumps(e.details or {}, ensure_ascii=False, sort_keys=True, default=str)]
        writer.writerow([_safe(str(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
