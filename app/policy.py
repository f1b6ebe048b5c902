"""Who may do what: the one answer to "may this user do this action on this project now?".

`may(user, action, project)` asks; `require(...)` raises `domain.Refused` with a message the user can
act on. The access decorators (app/web/access.py) ask for the role part before a view runs; the
services call `require` with the project before they change anything; templates only ask `may`.

The rules, per action (roles; project statuses in which the action is possible):

- view, export: every role; any status.
- create_project: buyer, admin.
- answer_needs, tailor: buyer, admin; every status except in_review. Changing an approved or
  published project starts a new draft (services/projects.py `begin_change`).
- delete_project: buyer, admin; draft (and, checked by the service, never sent for review).
- comment, reply: buyer, reviewer, admin; any status.
- resolve_comment (and reopening it): buyer, reviewer, admin; any status; and for the given comment
  thread: its author may always resolve it; a reviewer may resolve any thread; a buyer or an
  administrator may resolve a thread that a buyer or administrator started, but NOT one a reviewer
  started: they answer it with a reply and the reviewer decides whether it is settled. (Until this
  rule, any buyer could close a reviewer's remark.)
- submit: buyer, admin; draft or changes_requested.
- withdraw: buyer, admin; in_review.
- request_changes, approve: reviewer; in_review.
- publish: buyer, admin; approved.
- read_audit: reviewer, admin (the audit logs).
- administer: admin (users, templates, the organisation's own requirements); no project.
- evaluate_manage (upload tenders, decide on must-requirements, close the evaluation): buyer, admin;
  evaluate_score (score, declare impartiality): evaluator, reviewer; evaluate_view: buyer, reviewer,
  evaluator, admin. Every evaluation action needs a frozen approved version: approved or published.

A user never acts on another organisation's project (the web answers 404 before it gets here).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from . import domain
from .domain import ADMIN, BUYER, EVALUATOR, REVIEWER, Refused


class Action(StrEnum):
    VIEW = "view"
    EXPORT = "export"
    CREATE_PROJECT = "create_project"
    ANSWER_NEEDS = "answer_needs"
    TAILOR = "tailor"
    DELETE_PROJECT = "delete_project"
    COMMENT = "comment"
    REPLY = "reply"
    RESOLVE_COMMENT = "resolve_comment"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    PUBLISH = "publish"
    READ_AUDIT = "read_audit"
    ADMINISTER = "administer"
    EVALUATE_MANAGE = "evaluate_manage"
    EVALUATE_SCORE = "evaluate_score"
    EVALUATE_VIEW = "evaluate_view"


ALL = domain.ROLES
EDITORS = (BUYER, ADMIN)
ANY_STATUS = domain.STATUSES
EDITABLE = tuple(s for s in domain.STATUSES if s != domain.IN_REVIEW)


@dataclass(frozen=True)
class Rule:
    roles: tuple[str, ...]
    statuses: tuple[str, ...]
    role_refusal: str  # message ids (translated when shown)
    status_refusal: str = domain.N_("This cannot be done while the project is “%(status)s”.")


_ONLY_BUYERS = domain.N_("Only buyers can change the specification.")
RULES: dict[Action, Rule] = {
    Action.VIEW: Rule(ALL, ANY_STATUS, domain.N_("You do not have access to this project.")),
    Action.EXPORT: Rule(ALL, ANY_STATUS, domain.N_("You do not have access to this project.")),
    Action.CREATE_PROJECT: Rule(EDITORS, ANY_STATUS, domain.N_("Only buyers can create tender projects.")),
    Action.ANSWER_NEEDS: Rule(EDITORS, EDITABLE, _ONLY_BUYERS, domain.N_(
        "The project is being reviewed. Withdraw it from review before you make changes.")),
    Action.TAILOR: Rule(EDITORS, EDITABLE, _ONLY_BUYERS, domain.N_(
        "The project is being reviewed. Withdraw it from review before you make changes.")),
    Action.DELETE_PROJECT: Rule(EDITORS, (domain.DRAFT,), domain.N_(
        "Only drafts that were never sent for review can be deleted."), domain.N_(
        "Only drafts that were never sent for review can be deleted.")),
    Action.COMMENT: Rule((BUYER, REVIEWER, ADMIN), ANY_STATUS, domain.N_("Your role cannot comment.")),
    Action.REPLY: Rule((BUYER, REVIEWER, ADMIN), ANY_STATUS, domain.N_("Your role cannot comment.")),
    Action.RESOLVE_COMMENT: Rule((BUYER, REVIEWER, ADMIN), ANY_STATUS, domain.N_(
        "A comment from the legal reviewer is resolved by a reviewer. Reply to it instead.")),
    Action.SUBMIT: Rule(EDITORS, (domain.DRAFT, domain.CHANGES_REQUESTED),
                        domain.N_("Only buyers can send a draft for review.")),
    Action.WITHDRAW: Rule(EDITORS, (domain.IN_REVIEW,), domain.N_("Only buyers can withdraw a draft from review.")),
    Action.REQUEST_CHANGES: Rule((REVIEWER,), (domain.IN_REVIEW,),
                                 domain.N_("Only legal reviewers can request changes.")),
    Action.APPROVE: Rule((REVIEWER,), (domain.IN_REVIEW,), domain.N_("Only legal reviewers can approve.")),
    Action.PUBLISH: Rule(EDITORS, (domain.APPROVED,), domain.N_("Only buyers can publish.")),
    Action.READ_AUDIT: Rule((REVIEWER, ADMIN), ANY_STATUS, domain.N_("Your role does not allow this.")),
    Action.ADMINISTER: Rule((ADMIN,), ANY_STATUS, domain.N_("Only administrators can do this.")),
    Action.EVALUATE_MANAGE: Rule(EDITORS, domain.FROZEN_STATUSES, domain.N_(
        "Only buyers can manage the evaluation."), domain.N_(
        "Tenders are evaluated against an approved version. Approve the specification first.")),
    Action.EVALUATE_SCORE: Rule((EVALUATOR, REVIEWER), domain.FROZEN_STATUSES, domain.N_(
        "Only evaluators can score tenders."), domain.N_(
        "Tenders are evaluated against an approved version. Approve the specification first.")),
    Action.EVALUATE_VIEW: Rule(ALL, domain.FROZEN_STATUSES, domain.N_("You do not have access to this project."),
                               domain.N_("Tenders are evaluated against an approved version. "
                                         "Approve the specification first.")),
}


def roles_for(action: Action | str) -> tuple[str, ...]:
    """The roles that may take `action` in some status (what the access decorators declare)."""
    return RULES[Action(action)].roles


def _comment_ok(user: Any, comment: Any) -> bool:
    """The resolve rule for one thread (see the module docstring)."""
    author = getattr(comment, "author", None)
    if comment.author_id == user.id or user.role == REVIEWER:
        return True
    return author is not None and author.role != REVIEWER


def refusal(user: Any, action: Action | str, project: Any = None, *, comment: Any = None) -> str | None:
    """Why `user` may not take `action` (a message id and the status it concerns), or None if they may."""
    rule = RULES[Action(action)]
    if user is None or not getattr(user, "is_authenticated", False) or user.role not in rule.roles:
        return rule.role_refusal
    if project is not None and project.organisation_id != user.organisation_id:
        return RULES[Action.VIEW].role_refusal
    if project is not None and project.status not in rule.statuses:
        return rule.status_refusal
    if comment is not None and Action(action) == Action.RESOLVE_COMMENT and not _comment_ok(user, comment):
        return rule.role_refusal
    return None


def may(user: Any, action: Action | str, project: Any = None, *, comment: Any = None) -> bool:
    """Whether `user` may take `action` (on `project` in its current status, on `comment`'s thread).

    Without a project only the role is asked: "could this user ever do this".
    """
    return refusal(user, action, project, comment=comment) is None


def require(user: Any, action: Action | str, project: Any = None, *, comment: Any = None) -> None:
    """Raise `domain.Refused` (with a translated message) unless `user` may take `action`."""
    reason = refusal(user, action, project, comment=comment)
    if reason is None:
        return
    from flask_babel import lazy_gettext

    status = domain.STATUS_NAMES.get(project.status) if project is not None else None
    raise Refused(lazy_gettext(reason, status=lazy_gettext(status) if status else ""))
