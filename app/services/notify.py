"""Notifications: a row in the app for each recipient, and an e-mail when SMTP is configured.

The e-mail is written in the recipient's language during the request and sent by the job queue
(app/jobs.py), which dispatches only after the change it announces is committed
(services/after_commit.py): a rolled-back change announces nothing. Without MAIL_SERVER the e-mail is
written to the log instead, so nothing is lost in development. A failing mail server never fails the
request: the in-app notification is what counts, and the e-mail job is retried and then shown to the
organisation's admins.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from email.message import EmailMessage

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from .. import jobs
from ..domain import DEFAULT_LANGUAGE
from ..extensions import db
from ..models import Notification, TenderProject, User
from ..models._types import utcnow

log = logging.getLogger(__name__)
KINDS = ("comment", "review_requested", "approved", "changes_requested")


def message(kind: str, actor_name: str, project_title: str) -> str:
    """The notification text in the current locale."""
    texts = {
        "comment": _("%(who)s commented on “%(project)s”.", who=actor_name, project=project_title),
        "review_requested": _("%(who)s sent “%(project)s” for legal review.", who=actor_name, project=project_title),
        "approved": _("%(who)s approved “%(project)s”.", who=actor_name, project=project_title),
        "changes_requested": _("%(who)s asked for changes to “%(project)s”.", who=actor_name, project=project_title),
    }
    return texts[kind]


def send(recipients: Iterable[User], kind: str, project: TenderProject, actor: User) -> list[Notification]:
    if kind not in KINDS:
        raise ValueError(kind)
    created = []
    for user in recipients:
        note = Notification(user_id=user.id, project_id=project.id, kind=kind, actor_name=actor.name,
                            project_title=project.title)
        db.session.add(note)
        created.append(note)
        _email(user, kind, project, actor)
    return created


def _email(user: User, kind: str, project: TenderProject, actor: User) -> None:
    """Write the e-mail now (in the recipient's language), send it after the commit."""
    with force_locale(user.locale or DEFAULT_LANGUAGE):
        subject = message(kind, actor.name, project.title)
        try:
            link = url_for("review.overview", project_id=project.id, _external=True)
        except RuntimeError:  # outside a request (command line): no link
            link = ""
        body = f"{subject}\n\n{link}\n\n{_('You get this e-mail because you work on the project in Kravbygger.')}\n"
    jobs.enqueue("email", user.email, subject, body, organisation_id=project.organisation_id,
                 project_id=project.id, requested_by_id=actor.id)


@jobs.handler("email")
def send_email(to: str, subject: str, body: str) -> dict:
    """Job: send one e-mail. Raises when the mail server fails, so the job is retried."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        log.info("E-mail (MAIL_SERVER not set, not sent) to %s: %s", to, subject)
        return {"sent": False}
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = config["MAIL_FROM"], to, subject
    mail.set_content(body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException):
        log.exception("Could not send e-mail to %s; the notification is kept in the app", to)
        raise
    return {"sent": True}


def for_user(user: User, limit: int = 50) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))


def unread_count(user: User) -> int:
    return db.session.scalar(select(db.func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_all_read(user: User) -> None:
    db.session.execute(update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
                       .values(read_at=utcnow()))
