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
from .operations import Job, Rendition, SignInConfig
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
    "Job",
    "Notification",
    "OrgRequirement",
    "OrgRequirementRevision",
    "OrgTemplate",
    "Organisation",
    "ProjectRequirement",
    "ProjectVersion",
    "Rendition",
    "SignInConfig",
    "StoredFile",
    "TenderProject",
    "User",
    "VersionFile",
]
