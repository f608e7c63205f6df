"""The daily run (cron or a systemd timer): expire old openings and send the reminders."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from huey import crontab
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from models import LOCAL_TIMEZONE, Introduction, Opening, Participant, User, utcnow
from webapp.businesses.operations import step_digests
from webapp.core import jobs
from webapp.core.db import changed, db
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.i18n import lazy_ngettext as _ln
from webapp.core.mail import queue_mail
from webapp.employers.operations import expire
from webapp.introductions.operations import OUTCOMES, counsellor_of

REMIND_BEFORE_EXPIRY = timedelta(days=7)
OUTCOME_AFTER = timedelta(days=14)


def _company_emails(employer_id: int) -> list[str]:
    return list(db.session.scalars(select(User.email).where(User.employer_id == employer_id, User.active.is_(True))))


def run_daily() -> dict[str, int]:
    """Expire openings past their date, remind a week before, ask for outcomes after 14 days. Idempotent."""
    now = utcnow()
    done = {"expired": 0, "expiry_reminders": 0, "outcome_reminders": 0, "outcome_digests": 0, "business_step_digests": 0}

    for opening in db.session.scalars(select(Opening).where(Opening.status == "open", Opening.expires_at <= now)):
        done["expired"] += expire(opening, now)

    soon = db.session.scalars(
        select(Opening).where(Opening.status == "open", Opening.expires_at <= now + REMIND_BEFORE_EXPIRY, Opening.expiry_reminder_at.is_(None))
    ).all()
    for opening in soon:
        for email in _company_emails(opening.employer_id):
            queue_mail(email, _l("Ihre Stelle „%(title)s“ läuft bald ab", title=opening.title), "opening_expires", opening=opening)
        opening.expiry_reminder_at = now
        done["expiry_reminders"] += 1

    waiting = db.session.scalars(
        select(Introduction)
        .where(Introduction.status == "approved", Introduction.decided_at <= now - OUTCOME_AFTER, Introduction.outcome_reminder_at.is_(None))
        .options(selectinload(Introduction.opening))
    ).all()
    for intro in waiting:
        for email in _company_emails(intro.opening.employer_id):
            queue_mail(
                email,
                _l("Wie ist es mit der Vorstellung für „%(title)s“ weitergegangen?", title=intro.opening.title),
                "outcome_reminder",
                opening=intro.opening,
            )
        intro.outcome_reminder_at = now
        done["outcome_reminders"] += 1
    done["outcome_digests"] = _outcome_digests(now)
    done["business_step_digests"] = step_digests(db.session, now.astimezone(ZoneInfo(LOCAL_TIMEZONE)).date())
    db.session.commit()
    return done


def _outcome_digests(now) -> int:
    """One mail per counsellor with every outcome companies reported since the last digest (not one per report).

    The mail names people only by their code; the counsellor reads the rest after logging in.
    """
    reported = db.session.scalars(
        select(Introduction)
        .where(Introduction.status.in_(OUTCOMES), Introduction.outcome_at.is_not(None), Introduction.outcome_notified_at.is_(None))
        .options(
            selectinload(Introduction.participant).selectinload(Participant.counsellor),
            selectinload(Introduction.decided_by),
            selectinload(Introduction.opening),
        )
        .order_by(Introduction.outcome_at, Introduction.id)
    ).all()
    by_counsellor: dict[int, tuple[User, list[Introduction]]] = {}
    house: dict[int, list[User]] = {}
    for intro in reported:
        # Marked first, exactly once: a second run at the same time finds nothing left to send.
        claimed = changed(
            db.session,
            update(Introduction)
            .where(Introduction.id == intro.id, Introduction.outcome_notified_at.is_(None))
            .values(outcome_notified_at=now)
            .execution_options(synchronize_session=False),
        )
        if claimed != 1:
            continue
        counsellor = counsellor_of(intro)
        # Nobody responsible who may see the person (moved to the other house, locked): the whole house hears of it.
        centre_id = intro.participant.centre_id
        if counsellor is None and centre_id not in house:
            house[centre_id] = list(db.session.scalars(select(User).where(User.role == "counsellor", User.centre_id == centre_id, User.active.is_(True))))
        for who in [counsellor] if counsellor is not None else house[centre_id]:
            by_counsellor.setdefault(who.id, (who, []))[1].append(intro)
    for counsellor, intros in by_counsellor.values():
        queue_mail(
            counsellor.email,
            _ln("Rückmeldung eines Betriebs zu %(num)d Vorstellung", "Rückmeldungen von Betrieben zu %(num)d Vorstellungen", len(intros)),
            "outcome_digest",
            intros=intros,
        )
    return len(by_counsellor)


def report_findings(findings) -> None:
    """Mail every active admin what the invariants found (rules and row codes only, never anybody's data)."""
    admins = db.session.scalars(select(User.email).where(User.role == "admin", User.active.is_(True))).all()
    for email in admins:
        queue_mail(email, _l("KMU-Match: Die tägliche Prüfung hat Widersprüche gefunden"), "check_findings", findings=findings)


def run_daily_with_checks() -> tuple[dict[str, int], list]:
    """The daily run, then the invariants (webapp.checks); findings are mailed to the admins."""
    from webapp.checks import check
    from webapp.suggestions.index import matching_index

    done = run_daily()
    findings = check(db.session, matching_index().current(db.session))
    db.session.rollback()  # the checks only read
    if findings:
        report_findings(findings)
        db.session.commit()
    return done, findings


@jobs.huey.periodic_task(crontab(hour="1", minute="15"), retries=2, retry_delay=300, name="daily")
def daily_job() -> None:
    """The daily run (expiry, reminders, digests, the checks) – once a day, whichever worker gets it first."""
    with jobs.once(f"daily:{date.today().isoformat()}") as claimed:
        if not claimed:
            return
        with jobs.app_context():
            run_daily_with_checks()
