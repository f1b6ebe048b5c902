"""Frozen versions of a project: labels, freezing, and comparing two versions."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import ProjectVersion, TenderProject


def _versions(project: TenderProject) -> list[ProjectVersion]:
    return list(db.session.scalars(select(ProjectVersion).where(ProjectVersion.project_id == project.id)
                                   .order_by(ProjectVersion.number)))


def next_label(project: TenderProject, event: str) -> str:
    """Submissions count 0.1, 0.2 ...; an approval makes the next whole number (1.0); after it 1.1 ..."""
    major, minor = 0, 0
    for v in _versions(project):
        a, b = (int(x) for x in v.label.split("."))
        major, minor = a, b
    if event == "approved":
        return f"{major + 1}.0"
    if event == "published":
        return f"{major}.{minor}"
    return f"{major}.{minor + 1}"


def draft_label(project: TenderProject) -> str:
    """The label a document gets if exported now: the number its next submission will have."""
    if project.status in ("approved", "published"):
        return next_label(project, "published")
    return next_label(project, "submitted")
