"""Guards every change to a project's content goes through: who may change it, and which version.

A change is checked first and made after: `require_change` only asks (it raises and changes nothing);
`begin_change` is called once every check has passed, right before the first change, and starts a
new draft when the project was approved or published. So a refused request leaves the project as it
was, even before the web layer rolls back.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import domain, policy
from ..domain import Conflict
from ..models import TenderProject, User
from ..policy import Action
from . import audit


def check_version(project: TenderProject, seen_version: int | None) -> None:
    """Optimistic locking: refuse a save based on an older version of the project."""
    if seen_version is not None and seen_version != project.version_id:
        raise Conflict(_l("Someone else saved this project after you opened it."), current=project)


def require_change(actor: User, project: TenderProject, action: Action = Action.TAILOR,
                   seen_version: int | None = None) -> None:
    """Refuse (without changing anything) unless `actor` may change the project now."""
    check_version(project, seen_version)
    policy.require(actor, action, project)


def begin_change(actor: User, project: TenderProject) -> None:
    """The first change to an approved or published project starts a new draft (recorded)."""
    if project.status in domain.FROZEN_STATUSES:
        previous = project.status
        project.status = domain.DRAFT
        audit.record(actor, "project.new_draft", project, previous_status=previous)


def ensure_editable(actor: User, project: TenderProject, action: Action = Action.TAILOR) -> None:
    """`require_change` and `begin_change` in one: call it only after every other check has passed."""
    require_change(actor, project, action)
    begin_change(actor, project)
