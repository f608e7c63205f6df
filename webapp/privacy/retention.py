"""The retention run (``flask --app wsgi retention``, daily by cron or a systemd timer).

Participants with no activity for ``RETENTION_MONTHS`` are erased exactly as
on request (webapp.privacy.erasure), with reason "retention". Records that only
served the running of accounts are removed once they are of no more use:
sent mails after 90 days, ended login sessions after 90 days, used or expired
links after 30 days, decided access requests after 180 days, businesses that never cooperated with their
contact persons and contacts after the period the project lead sets (default 24 months after the last contact), uploaded lists
that were never imported after a day (they hold names; the import itself
deletes them after one hour of use). The periods and
their legal basis are in the README ("Datenschutz und Sicherheit").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from huey import crontab
from sqlalchemy import Select, delete, func, or_, select, union_all
from sqlalchemy.orm import Session, selectinload

from models import AccessRequest, AccountToken, LoginSession, OutboxMail, Participant, utcnow
from webapp.businesses.operations import erase_stale_prospects
from webapp.core import jobs
from webapp.core.audit import audit
from webapp.core.db import changed
from webapp.privacy.erasure import erase_participants

KEEP_SENT_MAIL = timedelta(days=90)
KEEP_ENDED_SESSIONS = timedelta(days=90)
KEEP_USED_LINKS = timedelta(days=30)
KEEP_DECIDED_REQUESTS = timedelta(days=180)
KEEP_UPLOADS = timedelta(days=1)
WARN_BEFORE = timedelta(days=30)  # counsellors see a warning this long before a profile is anonymised
ERASE_BATCH = 500


@lru_cache(maxsize=1)
def activity_sources() -> tuple[tuple[Any, Any, Any], ...]:
    """Where a participant's activity shows: every time stamp of the participant's row and of every table that
    belongs to them (webapp.privacy.personal_data finds them in the schema), as (table, owner column, time column)."""
    from models import Base
    from models.base import UTCDateTime
    from webapp.privacy.personal_data import owned_tables

    root = Base.metadata.tables["participant"]
    sources = [(root, root.c.id, column) for column in root.columns if isinstance(column.type, UTCDateTime)]
    for table, owner in owned_tables("participant"):
        sources += [(table, table.c[owner], column) for column in table.columns if isinstance(column.type, UTCDateTime)]
    return tuple(sources)  # the schema does not change while the process runs


def last_activity(session: Session, ids: Collection[int] | None = None) -> dict[int, datetime]:
    """For every participant (or those of ``ids``), the last time anything about them changed, in any table (one statement)."""
    parts: list[Select] = []
    for _table, owner, column in activity_sources():
        stmt = select(owner.label("pid"), column.label("at")).where(column.is_not(None))
        parts.append(stmt.where(owner.in_(list(ids))) if ids is not None else stmt)
    every = union_all(*parts).subquery()
    latest = select(every.c.pid, func.max(every.c.at)).group_by(every.c.pid)
    return {pid: _aware(at) for pid, at in session.execute(latest) if at is not None}


def _aware(moment) -> datetime:
    """A time from the union (SQLite hands back text or naive values there) as an aware UTC datetime."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def retention_period(months: int) -> timedelta:
    """The period of ``KMU_RETENTION_MONTHS``, counted in 30-day months."""
    return timedelta(days=30 * months)


def anonymised_on(session: Session, ids: Collection[int], months: int, now: datetime | None = None) -> dict[int, datetime]:
    """When the retention run will anonymise those of ``ids`` whose turn comes within ``WARN_BEFORE``."""
    now = now or utcnow()
    # The last activity is at least the participant row's own: whoever was created or changed since this
    # threshold is not due, and needs no look at every other table (a profile page is shown often).
    threshold = now + WARN_BEFORE - retention_period(months)
    old = list(
        session.scalars(
            select(Participant.id).where(
                Participant.id.in_(list(ids)), Participant.created_at <= threshold, or_(Participant.updated_at.is_(None), Participant.updated_at <= threshold)
            )
        )
    )
    if not old:
        return {}
    due = {pid: at + retention_period(months) for pid, at in last_activity(session, old).items()}
    return {pid: when for pid, when in due.items() if when <= now + WARN_BEFORE}


@dataclass
class RetentionReport:
    cutoff: datetime
    erased: int = 0
    by_centre: dict[int, int] = field(default_factory=dict)
    due_soon: int = 0  # within WARN_BEFORE
    removed: dict[str, int] = field(default_factory=dict)


def run_retention(session: Session, months: int, *, dry_run: bool = False, now: datetime | None = None, upload_folder: Path | None = None) -> RetentionReport:
    """Erase participants with no activity for ``months`` months, audited with no acting person. Idempotent."""
    now = now or utcnow()
    cutoff = now - retention_period(months)
    report = RetentionReport(cutoff=cutoff)
    activity = last_activity(session)
    due = [pid for pid, at in activity.items() if at < cutoff]
    report.due_soon = sum(1 for at in activity.values() if cutoff <= at < cutoff + WARN_BEFORE)
    for start in range(0, len(due), ERASE_BATCH):
        # Loaded with everything the cascade deletes, so each erasure needs no further reads.
        batch = session.scalars(
            select(Participant)
            .where(Participant.id.in_(due[start : start + ERASE_BATCH]))
            .options(
                selectinload(Participant.identity), selectinload(Participant.skills), selectinload(Participant.languages), selectinload(Participant.consents)
            )
        ).all()
        for p in batch:
            report.erased += 1
            report.by_centre[p.centre_id] = report.by_centre.get(p.centre_id, 0) + 1
            if not dry_run:
                audit("participant.erase_retention", "participant", p.id)
        if not dry_run:
            erase_participants(session, batch, "retention")
    report.removed = _housekeeping(session, now, dry_run)
    report.removed["uploads"] = _old_uploads(upload_folder, now, dry_run) if upload_folder else 0
    report.removed["prospects"] = erase_stale_prospects(session, now, dry_run)
    return report


def _old_uploads(folder: Path, now: datetime, dry_run: bool) -> int:
    if not folder.is_dir():
        return 0
    cutoff = (now - KEEP_UPLOADS).timestamp()
    old = [path for path in folder.glob("*.json") if path.stat().st_mtime < cutoff]
    if not dry_run:
        for path in old:
            path.unlink(missing_ok=True)
    return len(old)


def _housekeeping(session: Session, now: datetime, dry_run: bool) -> dict[str, int]:
    rules = {
        "sent_mails": (OutboxMail, OutboxMail.sent_at < now - KEEP_SENT_MAIL),
        "ended_sessions": (LoginSession, LoginSession.ended_at < now - KEEP_ENDED_SESSIONS),
        "used_links": (AccountToken, or_(AccountToken.used_at < now - KEEP_USED_LINKS, AccountToken.expires_at < now - KEEP_USED_LINKS)),
        "decided_requests": (AccessRequest, (AccessRequest.status != "pending") & (AccessRequest.decided_at < now - KEEP_DECIDED_REQUESTS)),
    }
    removed: dict[str, int] = {}
    for name, (model, condition) in rules.items():
        if dry_run:
            removed[name] = session.scalar(select(func.count()).select_from(model).where(condition)) or 0
        else:
            removed[name] = changed(session, delete(model).where(condition).execution_options(synchronize_session=False))
    return removed


@jobs.huey.periodic_task(crontab(hour="1", minute="45"), retries=2, retry_delay=300, name="retention")
def retention_job() -> None:
    """The retention run – once a day."""
    with jobs.once(f"retention:{date.today().isoformat()}") as claimed:
        if not claimed:
            return
        with jobs.app_context():
            from pathlib import Path

            from flask import current_app

            from webapp.core.db import db

            run_retention(db.session, current_app.config["RETENTION_MONTHS"], upload_folder=Path(current_app.instance_path) / "imports")
            db.session.commit()
