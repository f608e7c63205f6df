"""Erasing participants (DSGVO Art. 17) and the retention run that erases inactive ones.

Erasure deletes everything stored about the person: identity and contact,
profile, skills, languages, consents and introductions (their explanations and
notes describe the person). The anonymous events stay: they name the person
only by a random key, so monthly statistics already reported do not change.
An :class:`~models.Erasure` row keeps that key, so a restore from an older
backup erases the person again (webapp.backup).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models import ConsentRecord, Erasure, Introduction, Participant, utcnow

from .matching_index import next_seq


def erase_participant(session: Session, participant: Participant, reason: str) -> Erasure:
    """Delete ``participant`` and everything about them; return the register row.

    The caller audits (with the acting person) and commits.
    """
    record = Erasure(participant_id=participant.id, stats_key=participant.stats_key, centre_id=participant.centre_id, reason=reason, erased_at=utcnow())
    record.index_seq = next_seq(session)
    session.add(record)
    session.execute(delete(Introduction).where(Introduction.participant_id == participant.id))
    session.delete(participant)  # identity, skills, languages and consents go with it (cascade)
    session.flush()
    return record


def reapply_erasures(session: Session, register: list[dict]) -> int:
    """After a restore: bring back the register rows of ``register`` and erase those people again.

    ``register`` holds the rows of the database that was replaced (as dicts).
    Returns how many restored participants were erased again.
    """
    known = set(session.scalars(select(Erasure.stats_key)).all())
    for row in register:
        if row["stats_key"] not in known:
            session.add(Erasure(**{k: row[k] for k in ("participant_id", "stats_key", "centre_id", "reason", "erased_at")}))
    session.flush()
    keys = set(session.scalars(select(Erasure.stats_key)).all())
    count = 0
    for p in session.scalars(select(Participant).where(Participant.stats_key.in_(keys))).all() if keys else ():
        record = session.scalar(select(Erasure).where(Erasure.stats_key == p.stats_key))
        session.execute(delete(Introduction).where(Introduction.participant_id == p.id))
        session.delete(p)
        record.index_seq = next_seq(session)
        count += 1
    session.flush()
    return count


def last_activity(session: Session) -> dict[int, datetime]:
    """For every participant, the time of the last change to the profile, a consent or an introduction."""
    latest: dict[int, datetime] = {}
    sources = (
        select(Participant.id, Participant.updated_at),
        select(ConsentRecord.participant_id, func.max(ConsentRecord.given_at)).group_by(ConsentRecord.participant_id),
        select(ConsentRecord.participant_id, func.max(ConsentRecord.withdrawn_at)).where(ConsentRecord.withdrawn_at.is_not(None)).group_by(ConsentRecord.participant_id),
        select(Introduction.participant_id, func.max(Introduction.updated_at)).group_by(Introduction.participant_id),
    )
    for stmt in sources:
        for pid, at in session.execute(stmt):
            if at is not None and (pid not in latest or at > latest[pid]):
                latest[pid] = at
    return latest


@dataclass
class RetentionReport:
    cutoff: datetime
    erased: int = 0
    by_centre: dict[int, int] = field(default_factory=dict)
    erased_ids: list[int] = field(default_factory=list)
    due_within_30_days: int = 0


def run_retention(session: Session, months: int, *, dry_run: bool = False, now: datetime | None = None) -> RetentionReport:
    """Erase participants with no activity for ``months`` months (30-day months). Idempotent."""
    now = now or utcnow()
    cutoff = now - timedelta(days=30 * months)
    report = RetentionReport(cutoff=cutoff)
    activity = last_activity(session)
    due = [pid for pid, at in activity.items() if at < cutoff]
    report.due_within_30_days = sum(1 for at in activity.values() if cutoff <= at < cutoff + timedelta(days=30))
    for pid in due:
        p = session.get(Participant, pid)
        if p is None:
            continue
        report.erased += 1
        report.erased_ids.append(pid)
        report.by_centre[p.centre_id] = report.by_centre.get(p.centre_id, 0) + 1
        if not dry_run:
            erase_participant(session, p, "retention")
    return report
