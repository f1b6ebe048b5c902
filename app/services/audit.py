"""Append-only audit trail. Every service that changes state calls `record`."""

from __future__ import annotations

from typing import Any

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
