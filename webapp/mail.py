"""Mail through an outbox: queued in the request's transaction, delivered by ``flask --app wsgi send-mail``.

Queuing in the database means a mail goes out only if what caused it was
saved, and a slow or absent SMTP server never slows a page down. Without
SMTP_HOST (development) the mails stay in the outbox, where admins read them.
"""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app, render_template
from sqlalchemy import select

from models import OutboxMail, utcnow

from .db import db

MAX_ATTEMPTS = 5


def queue_mail(recipient: str, subject: str, template: str, **context) -> None:
    """Add a German mail from ``templates/mail/<template>.txt`` to the outbox."""
    body = render_template(f"mail/{template}.txt", base_url=current_app.config["BASE_URL"].rstrip("/"), **context)
    db.session.add(OutboxMail(recipient=recipient, subject=subject, body=body))


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Deliver pending mails; returns (sent, failed). Each mail is committed on its own."""
    cfg = current_app.config
    if not cfg["SMTP_HOST"]:
        return 0, 0
    pending = db.session.scalars(
        select(OutboxMail).where(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS).order_by(OutboxMail.id).limit(limit)
    ).all()
    sent = failed = 0
    if not pending:
        return 0, 0
    try:
        smtp = smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=30)
    except OSError as exc:
        current_app.logger.warning("SMTP server not reachable: %s", type(exc).__name__)
        return 0, len(pending)
    with smtp:
        if cfg["SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if cfg["SMTP_USER"]:
            smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"])
        for mail in pending:
            message = EmailMessage()
            message["From"] = cfg["MAIL_FROM"]
            message["To"] = mail.recipient
            message["Subject"] = mail.subject
            message.set_content(mail.body)
            mail.attempts += 1
            try:
                smtp.send_message(message)
                mail.sent_at = utcnow()
                mail.last_error = None
                sent += 1
            except smtplib.SMTPException as exc:
                mail.last_error = type(exc).__name__  # never the address or content
                failed += 1
            db.session.commit()
    return sent, failed
