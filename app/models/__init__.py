"""SQLAlchemy 2.0 typed models, one module per aggregate."""

from .audit import AuditEvent, Notification
from .evaluation import (
    AwardSettings,
    EvaluationClosure,
    ImpartialityDeclaration,
    Score,
    Tender,
    TenderUpload,
)
from .library import OrgRequirement, OrgRequirementRevision, OrgTemplate
from .organisation import ROLES, Organisation, User
from .project import STATUSES, ProjectRequirement, TenderProject
from .review import Comment, ProjectVersion, StoredFile, VersionFile

__all__ = [
    "ROLES",
    "STATUSES",
    "AuditEvent",
    "AwardSettings",
    "EvaluationClosure",
    "ImpartialityDeclaration",
    "Score",
    "Tender",
    "TenderUpload",
    "Comment",
    "Notification",
    "OrgRequirement",
    "OrgRequirementRevision",
    "OrgTemplate",
    "Organisation",
    "ProjectRequirement",
    "ProjectVersion",
    "StoredFile",
    "TenderProject",
    "User",
    "VersionFile",
]
