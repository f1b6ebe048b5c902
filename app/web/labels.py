"""Translated names of the app's fixed values, for templates."""

from __future__ import annotations

import re

from flask import Flask
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from ..services import catalog, notify, projects
from ..services import wizard as wizard_service

STATUS = {
    "draft": _l("Draft"), "in_review": _l("In review"), "changes_requested": _l("Changes requested"),
    "approved": _l("Approved"), "published": _l("Published"),
}
OBLIGATION = {"must": _l("Must (mandatory requirement)"), "should": _l("Should (award criterion)")}
OBLIGATION_SHORT = {"must": _l("Must"), "should": _l("Should")}
KIND = {"requirement": _l("Requirement"), "contract_condition": _l("Contract condition"),
        "qualification": _l("Qualification requirement")}
ROLE = {"buyer": _l("Buyer"), "reviewer": _l("Legal reviewer"), "admin": _l("Administrator")}
LANGUAGE = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "sv": "Svenska", "en": "English"}
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
            "can_edit": lambda project: projects.can_edit(current_user, project),
            "can_create": lambda: projects.can_create(current_user),
            "can_delete": lambda project: projects.can_delete(current_user, project),
            "timeline_label": lambda action: TIMELINE.get(action, action),
            "notification_text": lambda n: notify.message(n.kind, n.actor_name, n.project_title),
            "unread_notifications": lambda: notify.unread_count(current_user) if current_user.is_authenticated else 0,
            "wizard_changed": wizard_service.answers_changed_since_proposal,
        }

    app.add_template_filter(lambda m: VERIFICATION.get(m, m), "verification_label")
    app.add_template_filter(comment_text, "comment_text")
    app.add_template_filter(lambda d: format_datetime(d, "short") if d else "", "format_datetime_short")
