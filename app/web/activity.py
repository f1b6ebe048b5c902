"""What happened: audit logs (project and organisation, with CSV) and the user's notifications."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_login import current_user

from ..forms.review import ActionForm
from ..policy import Action
from ..services import audit, notify
from .access import project_route, signed_in

bp = Blueprint("activity", __name__)


def _csv(data: bytes, name: str) -> Response:
    return Response(data, mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@bp.route("/projects/<int:project_id>/audit")
@project_route(Action.READ_AUDIT)
def project_audit(project):
    return render_template("activity/audit.html", project=project,
                           events=audit.events(project.organisation_id, project.id))


@bp.route("/projects/<int:project_id>/audit.csv")
@project_route(Action.READ_AUDIT)
def project_audit_csv(project):
    return _csv(audit.to_csv(audit.events(project.organisation_id, project.id)), f"audit-project-{project.id}.csv")


@bp.route("/audit")
@signed_in(Action.READ_AUDIT)
def organisation_audit():
    return render_template("activity/audit.html", project=None,
                           events=audit.events(current_user.organisation_id, limit=500))


@bp.route("/audit.csv")
@signed_in(Action.READ_AUDIT)
def organisation_audit_csv():
    return _csv(audit.to_csv(audit.events(current_user.organisation_id)), "audit.csv")


@bp.route("/notifications", methods=["GET", "POST"])
@signed_in()
def notifications():
    form = ActionForm()
    if form.validate_on_submit():
        notify.mark_all_read(current_user)
        return redirect(url_for("activity.notifications"))
    return render_template("activity/notifications.html", items=notify.for_user(current_user), form=form)
