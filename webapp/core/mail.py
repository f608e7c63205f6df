"""Mail through an outbox: queued in the request's transaction, delivered by ``flask --app wsgi send-mail``.

Queuing in the database means a mail goes out only if what caused it was
saved, and a slow or absent SMTP server never slows a page down. Without
SMTP_HOST (development) the mails stay in the outbox, where admins read them.
"""

from __future__ import annotations

import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import LazyString, force_locale
from sqlalchemy import select

from models import OutboxMail, utcnow
from webapp.core.db import db

MAX_ATTEMPTS = 5


def one_line(text: str, limit: int = 200) -> str:
    """``text`` as a single header line (line breaks and runs of blanks become one space)."""
    return " ".join(text.split())[:limit]


MAIL_LOCALE = "de"  # accounts keep no language; the people written to are Hagen's businesses and staff


def queue_mail(recipient: str, subject: str | LazyString, template: str, **context) -> None:
    """Add a mail from ``templates/mail/<template>.txt`` to the outbox, in German whatever the page's language.

    ``subject`` is a ``lazy_gettext`` text from the catalogue, made German here.
    """
    with force_locale(MAIL_LOCALE):
        body = render_template(f"mail/{template}.txt", base_url=current_app.config["BASE_URL"].rstrip("/"), **context)
        text = str(subject)
    db.session.add(OutboxMail(recipient=recipient, subject=one_line(text), body=body))


class MailNotBuilt(ValueError):
    """The outbox row cannot become a mail (its reason goes to ``last_error``)."""


def build(mail: OutboxMail, sender: str) -> EmailMessage:
    """The message for an outbox row; :class:`MailNotBuilt` when a header would be broken."""
    message = EmailMessage()
    try:
        message["From"] = sender
        message["To"] = mail.recipient
        message["Subject"] = mail.subject
        message.set_content(mail.body)
        message.as_bytes()  # headers are checked when the message is written
    except (ValueError, TypeError, LookupError):
        raise MailNotBuilt("not_buildable") from None
    return message


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Deliver pending mails; returns (sent, failed). Each mail is committed on its own."""
    cfg = current_app.config
    if not cfg["SMTP_HOST"]:
        return 0, 0
    now = utcnow()
    waiting = db.session.scalars(
        select(OutboxMail).where(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS).order_by(OutboxMail.id).limit(limit * 4)
    ).all()
    pending = [mail for mail in waiting if due(mail, now)][:limit]
    sent = failed = 0
    if not pending:
        return 0, 0
    try:
        smtp = smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=30)
    except OSError as exc:
        current_app.logger.warning("SMTP server not reachable: %s", type(exc).__name__)
        return 0, len(pending)
    with smtp:
        try:
            if cfg["SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if cfg["SMTP_USER"]:
                smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"])
        except (smtplib.SMTPException, OSError) as exc:
            current_app.logger.warning("SMTP server refused the session: %s", type(exc).__name__)
            return 0, len(pending)
        for mail in pending:
            mail.attempts += 1
            try:
                smtp.send_message(build(mail, cfg["MAIL_FROM"]))
                mail.sent_at = utcnow()
                mail.last_error = None
                sent += 1
            except MailNotBuilt as exc:
                mail.attempts = MAX_ATTEMPTS  # it will never build: not tried again, shown as failed
                mail.last_error = str(exc)
                failed += 1
            except smtplib.SMTPRecipientsRefused:
                mail.last_error = "recipient_refused"
                failed += 1
            except (smtplib.SMTPException, OSError):
                mail.last_error = "server_error"  # never the address or content
                failed += 1
            db.session.commit()
    return sent, failed


def due(mail: OutboxMail, now) -> bool:
    """Whether a waiting mail is tried now: at once the first time, then after 1, 2, 4, 8 … minutes
    (counted from its creation: after n failed tries, 2**n - 1 minutes), so a server that is down is not
    hammered every minute and a passing fault still gets the mail out soon."""
    return mail.created_at + timedelta(minutes=2**mail.attempts - 1) <= now


def state(mail: OutboxMail) -> str:
    """``sent``, ``failed`` (given up after MAX_ATTEMPTS, or not buildable) or ``waiting``."""
    if mail.sent_at is not None:
        return "sent"
    return "failed" if mail.attempts >= MAX_ATTEMPTS else "waiting"


STATE_WHERE = {
    "sent": OutboxMail.sent_at.is_not(None),
    "failed": OutboxMail.sent_at.is_(None) & (OutboxMail.attempts >= MAX_ATTEMPTS),
    "waiting": OutboxMail.sent_at.is_(None) & (OutboxMail.attempts < MAX_ATTEMPTS),
}
