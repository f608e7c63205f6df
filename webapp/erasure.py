"""Erasing participants (DSGVO Art. 17) and the retention run that erases inactive ones.

Erasure deletes everything stored about the person: identity and contact,
profile, skills, languages, consents and introductions (their explanations and
notes describe the person). The anonymous events stay: they name the person
only by a random key, so monthly statistics already reported do not change.
An :class:`~models.Erasure` row keeps that key, so a restore from an older
backup erases the person again (webapp.backup).
"""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import Erasure, Introduction, Participant, utcnow

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
