"""SQLAlchemy 2.0 typed models, one module per aggregate."""

from .audit import AuditEvent, Notification
from .library import OrgRequirement, OrgRequirementRevision, OrgTemplate
from .operations import Job, Rendition, SignInConfig
from .organisation import ROLES, Organisation, User
from .project import STATUSES, ProjectRequirement, TenderProject
from .review import Comment, ProjectVersion

__all__ = [
    "ROLES",
    "STATUSES",
    "AuditEvent",
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
    "TenderProject",
    "User",
]
