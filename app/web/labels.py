"""Translated names of the app's fixed values, for templates."""

from __future__ import annotations

import re

from flask import Flask
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from .. import domain, policy
from ..forms import question_types
from ..policy import Action
from ..services import catalog, notify, projects, proposal
from ..services import wizard as wizard_service

STATUS = domain.translated(domain.STATUS_NAMES)
OBLIGATION = domain.translated(domain.OBLIGATION_NAMES)
OBLIGATION_SHORT = domain.translated(domain.OBLIGATION_SHORT_NAMES)
KIND = {"requirement": _l("Requirement"), "contract_condition": _l("Contract condition"),
        "qualification": _l("Qualification requirement"), "award_criterion": _l("Award criterion")}
# Why a version was frozen (ProjectVersion.event).
VERSION_EVENT = {"submitted": _l("submitted"), "approved": _l("approved"), "published": _l("published")}
ROLE = domain.translated(domain.ROLE_NAMES)
LANGUAGE = domain.LANGUAGE_NAMES
VERIFICATION = {
    "documentation": _l("Documentation"), "demonstration": _l("Demonstration"), "test": _l("Test"),
    "reference_customer": _l("Reference customer"), "certificate": _l("Certificate"),
    "contract_clause": _l("Contract clause"),
}


TIMELINE = {
    "project.created": _l("Project created"), "review.submitted": _l("Sent for legal review"),
    "review.withdrawn": _l("Withdrawn from review"), "review.changes_requested": _l("Changes requested"),
    "review.approved": _l("Approved"), "review.published": _l("Published"),
    "project.new_draft": _l("New draft started after approval"),
}
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def comment_text(text: str) -> Markup:
    """Plain text made safe: everything escaped, line breaks kept, http(s) addresses made links."""
    out, last = [], 0
    for match in _URL.finditer(text or ""):
        out.append(escape(text[last:match.start()]))
        url = escape(match.group(0))
        out.append(Markup(f'<a class="ds-link" href="{url}" rel="nofollow noopener noreferrer">{url}</a>'))
        last = match.end()
    out.append(escape((text or "")[last:]))
    return Markup("").join(out).replace("\n", Markup("<br>\n"))


def init_app(app: Flask) -> None:
    @app.context_processor
    def _labels():
        return {
            "status_label": lambda s: STATUS.get(s, s),
            "obligation_label": lambda o: OBLIGATION.get(o, o),
            "obligation_short": lambda o: OBLIGATION_SHORT.get(o, o),
            "kind_label": lambda k: KIND.get(k, k),
            "role_label": lambda r: ROLE.get(r, r),
            "language_name": lambda code: LANGUAGE.get(code, code),
            "library_version": lambda: catalog.library().version,
            "wizard_tasks": wizard_service.task_list,
            # Templates only ask the policy: may("tailor", project), may("submit", project), ...
            "may": lambda action, project=None, **subject: policy.may(current_user, action, project, **subject),
            "can_edit": lambda project: policy.may(current_user, Action.TAILOR, project),
            "can_create": lambda: policy.may(current_user, Action.CREATE_PROJECT),
            "can_delete": lambda project: projects.can_delete(current_user, project),
            "timeline_label": lambda action: TIMELINE.get(action, action),
            "notification_text": lambda n: notify.message(n.kind, n.actor_name, n.project_title),
            "unread_notifications": lambda: notify.unread_count(current_user) if current_user.is_authenticated else 0,
            "wizard_changed": proposal.answers_changed_since_proposal,
        }

    app.add_template_global(question_types.of, "question_type")
    app.add_template_filter(lambda m: VERIFICATION.get(m, m), "verification_label")
    app.add_template_filter(comment_text, "comment_text")
    app.add_template_filter(lambda d: format_datetime(d, "short") if d else "", "format_datetime_short")
