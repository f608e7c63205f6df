"""Mails go through the outbox: queued with their cause, readable by admins, delivered by send-mail."""

from __future__ import annotations

import socketserver
import threading

from sqlalchemy import select

from models import OutboxMail
from tests.helpers import csrf_token, login
from webapp.core.db import db


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 for smtplib to deliver a message (a real server on a real socket)."""

    def handle(self):
        self.wfile.write(b"220 test ESMTP\r\n")
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.wfile.write(b"250 test\r\n")
            elif command.startswith(("MAIL FROM", "RCPT TO")):
                self.server.envelope.append(line.decode().strip())
                self.wfile.write(b"250 ok\r\n")
            elif command == "DATA":
                self.wfile.write(b"354 go ahead\r\n")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk.decode())
                self.server.messages.append("".join(data))
                self.wfile.write(b"250 queued\r\n")
            elif command == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def test_an_approval_queues_a_mail_to_the_company_without_personal_data(app, client, world, login_as, add_participant, decide):
    pid = add_participant("AH-0020", ["Kasse"], first="Mihaela")
    login_as("counsellor_a")
    decide(world.opening_2, pid, "approve")
    with app.app_context():
        mail = db.session.scalar(select(OutboxMail).where(OutboxMail.subject.like("Neue Vorstellung für%")))
    assert mail.recipient == world.employer_user_2
    assert "Kioskaushilfe" in mail.subject and f"/betrieb/stellen/{world.opening_2}" in mail.body
    assert "Mihaela" not in mail.body and "AH-0020" not in mail.body and "Ionescu" not in mail.body
    admin = app.test_client()
    login(admin, world.admin)
    assert "Neue Vorstellung für" in admin.get("/admin/postausgang").get_data(as_text=True)
    assert "/betrieb/stellen/" in admin.get(f"/admin/postausgang/{mail.id}").get_data(as_text=True)


def test_a_rejection_sends_no_mail(app, client, world, login_as, add_participant, decide):
    pid = add_participant("AH-0021", ["Kasse"])
    login_as("counsellor_a")
    decide(world.opening_2, pid, "reject", reason="skills")
    with app.app_context():
        assert db.session.scalar(select(OutboxMail).where(OutboxMail.subject.like("Neue Vorstellung für%"))) is None


def test_send_mail_delivers_through_smtp_once(app_factory, world):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages, server.envelope = [], []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app = app_factory(SMTP_HOST="127.0.0.1", SMTP_PORT=server.server_address[1], SMTP_STARTTLS=False)
        runner = app.test_cli_runner()
        result = runner.invoke(args=["send-mail"])
        assert "1 verschickt, 0 fehlgeschlagen" in result.output
        assert len(server.messages) == 1 and "Bitte melden Sie sich an." in server.messages[0]
        assert any("e2@test.example" in line for line in server.envelope)
        assert "0 verschickt" in runner.invoke(args=["send-mail"]).output  # nothing twice
        with app.app_context():
            assert db.session.get(OutboxMail, world.mail_1).sent_at is not None
    finally:
        server.shutdown()
        server.server_close()


def test_without_smtp_the_mails_stay_in_the_outbox(runner, world):
    assert "bleiben im Postausgang" in runner.invoke(args=["send-mail"]).output


def test_a_mail_that_cannot_be_built_is_marked_failed_and_does_not_block_the_queue(app_factory, world):
    """A subject with CR/LF (from a title saved before line breaks were refused) stopped every later mail."""
    from webapp.core.mail import MAX_ATTEMPTS

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages, server.envelope = [], []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app = app_factory(SMTP_HOST="127.0.0.1", SMTP_PORT=server.server_address[1], SMTP_STARTTLS=False)
        with app.app_context():
            bad = OutboxMail(recipient="e1@test.example", subject="Neue Vorstellung für „Aushilfe\r\nBcc: alle@evil.example“", body="x")
            reset = OutboxMail(recipient="e1@test.example", subject="Ihr neues Passwort für KMU-Match", body="Link")
            db.session.add_all([bad, reset])
            db.session.commit()
            bad_id, reset_id = bad.id, reset.id
        runner = app.test_cli_runner()
        assert "2 verschickt, 1 fehlgeschlagen" in runner.invoke(args=["send-mail"]).output
        assert len(server.messages) == 2 and not any("evil.example" in m for m in server.messages)
        with app.app_context():
            failed, sent = db.session.get(OutboxMail, bad_id), db.session.get(OutboxMail, reset_id)
            assert failed.sent_at is None and failed.attempts == MAX_ATTEMPTS and failed.last_error == "not_buildable"
            assert sent.sent_at is not None
        assert "0 verschickt, 0 fehlgeschlagen" in runner.invoke(args=["send-mail"]).output  # not tried again
        admin = app.test_client()
        login(admin, world.admin)
        page = admin.get("/admin/postausgang").get_data(as_text=True)
        assert "1 E-Mail konnte nicht verschickt werden" in page
        failed_only = admin.get("/admin/postausgang?status=failed").get_data(as_text=True)
        assert "lässt sich nicht erstellen" in failed_only and "Ihr neues Passwort" not in failed_only
    finally:
        server.shutdown()
        server.server_close()


def test_queued_subjects_are_one_line(app):
    from webapp.core.mail import queue_mail

    with app.test_request_context():
        queue_mail("x@test.example", "Neue Vorstellung für „Aus\r\nhilfe“", "access_request", company="X")
        db.session.commit()
        assert db.session.scalar(select(OutboxMail.subject)) == "Neue Vorstellung für „Aus hilfe“"


def test_a_mail_is_german_even_when_the_counsellor_works_in_english(app, client, world, login_as, add_participant, decide):
    pid = add_participant("AH-0022", ["Kasse"])
    login_as("counsellor_a")
    client.post("/sprache", data={"lang": "en", "csrf_token": csrf_token(client, "/konto/passwort")})
    assert 'lang="en"' in client.get("/beratung/teilnehmende").get_data(as_text=True)
    decide(world.opening_2, pid, "approve")
    with app.app_context():
        mail = db.session.scalars(select(OutboxMail).where(OutboxMail.subject.contains("Kioskaushilfe"))).one()
    assert mail.subject == "Neue Vorstellung für „Kioskaushilfe“"
    assert mail.body.startswith("Guten Tag")


def test_a_mail_that_failed_waits_longer_before_each_new_try():
    """Issue 24.7: retries back off (1, 2, 4 … minutes after the first try), never every minute against a server that is down."""
    from datetime import UTC, datetime, timedelta

    from webapp.core.mail import due

    made = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    mail = OutboxMail(recipient="a@b.example", subject="s", body="b", created_at=made, attempts=0)
    assert due(mail, made)
    mail.attempts = 1
    assert not due(mail, made + timedelta(seconds=30)) and due(mail, made + timedelta(minutes=1))
    mail.attempts = 3
    assert not due(mail, made + timedelta(minutes=6)) and due(mail, made + timedelta(minutes=7))


def test_the_worker_sends_the_outbox_every_minute_through_smtp(app_factory, world):
    """The job 'send_mail' (webapp.core.jobs) does what 'flask send-mail' does; in the tests it runs at once."""
    from webapp.core import jobs

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages, server.envelope = [], []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app = app_factory(SMTP_HOST="127.0.0.1", SMTP_PORT=server.server_address[1], SMTP_STARTTLS=False)
        with app.app_context():
            jobs.send_mail()
            assert db.session.get(OutboxMail, world.mail_1).sent_at is not None
        assert len(server.messages) == 1
    finally:
        server.shutdown()
        server.server_close()
