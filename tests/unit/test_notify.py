"""Notification e-mail, sent by the job queue after the commit: logged when no SMTP server is
configured, sent when one is, and a failing server never fails the request (the in-app notification
stays; the e-mail job is retried, then shown as failed)."""

from __future__ import annotations

import logging
import smtplib

from app.extensions import db
from app.models import Job, Notification
from app.services import after_commit, notify
from tests.conftest import make_project, save


def _project(users):
    project = make_project(users["buyer"], title="Varsler", language="nb")
    save()
    return project


class FakeSMTP:
    sent: list = []
    fail = False

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port

    def __enter__(self):
        if FakeSMTP.fail:
            raise OSError("connection refused")
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        FakeSMTP.sent.append(message)


def test_without_smtp_the_mail_is_logged(app, users, caplog):
    project = _project(users)
    with caplog.at_level(logging.INFO, logger="app.services.notify"), app.test_request_context():
        notify.send([users["reviewer"]], "review_requested", project, users["buyer"])
        assert "not sent" not in caplog.text  # nothing goes out before the change is committed
        save()
    assert "not sent" in caplog.text and users["reviewer"].email in caplog.text
    assert db.session.query(Notification).filter_by(user_id=users["reviewer"].id).count() == 1


def test_with_smtp_the_mail_is_sent_in_the_recipients_language(app, users, monkeypatch):
    project = _project(users)
    users["reviewer"].locale = "en"
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.no")
    FakeSMTP.sent, FakeSMTP.fail = [], False
    with app.test_request_context():
        notify.send([users["reviewer"]], "approved", project, users["buyer"])
        assert FakeSMTP.sent == []
        save()
    assert len(FakeSMTP.sent) == 1
    mail = FakeSMTP.sent[0]
    assert mail["To"] == users["reviewer"].email
    assert mail["Subject"] == f"{users['buyer'].name} approved “Varsler”."
    assert f"/projects/{project.id}/review" in mail.get_content()


def test_a_failing_smtp_server_keeps_the_notification(app, users, monkeypatch, caplog):
    project = _project(users)
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.no")
    FakeSMTP.fail = True
    try:
        with caplog.at_level(logging.ERROR, logger="app.services.notify"), app.test_request_context():
            created = notify.send([users["reviewer"]], "comment", project, users["buyer"])
            save()
    finally:
        FakeSMTP.fail = False
    assert len(created) == 1 and "Could not send" in caplog.text
    # the e-mail job was tried JOB_ATTEMPTS times and is now shown to the admins as failed
    job = db.session.query(Job).filter_by(name="email", project_id=project.id).one()
    assert job.status == "failed" and job.attempts == job.max_attempts and "connection refused" in job.error


def test_a_rolled_back_change_sends_no_mail(app, users, monkeypatch):
    project = _project(users)
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.no")
    FakeSMTP.sent, FakeSMTP.fail = [], False
    with app.test_request_context():
        notify.send([users["reviewer"]], "approved", project, users["buyer"])
        assert after_commit.pending() == 1
        db.session.rollback()
        assert after_commit.pending() == 0
        save()
    assert FakeSMTP.sent == []


def test_a_request_refused_after_the_notification_sends_no_mail(app, client, users, monkeypatch):
    """A service that has queued its e-mail and is then refused: nothing is committed, nobody is told."""
    from app.domain import Invalid
    from app.models import Comment
    from app.services import review
    from tests.conftest import login, post_form

    project = _project(users)
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.no")
    FakeSMTP.sent, FakeSMTP.fail = [], False
    original = notify.send

    def send_then_refuse(*args, **kwargs):
        original(*args, **kwargs)
        raise Invalid("refused after the notification", field="body")

    monkeypatch.setattr(review.notify, "send", send_then_refuse)
    login(client, users["buyer"])
    url = f"/projects/{project.id}/comments/new"
    response = post_form(client, url, {"anchor": "document", "body": "Hei"})
    assert response.status_code == 422
    assert FakeSMTP.sent == []
    assert db.session.query(Comment).count() == 0 and db.session.query(Notification).count() == 0
