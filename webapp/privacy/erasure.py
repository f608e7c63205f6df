"""Erasing participants (DSGVO Art. 17), on request or by the retention run (webapp.privacy.retention).

Erasure deletes the participant's row, and with it (ON DELETE CASCADE) every row of every
table that belongs to them – identity and contact, profile, skills, languages, consents,
introductions with their notes, CV entries and photo, readings chosen, the participation and
ESF Plus record (webapp.privacy.personal_data finds those tables in the schema; a test keeps it so).
The anonymous events stay: they name the person only by a random key, so monthly statistics
already reported do not change. An :class:`~models.Erasure` row keeps another random key of the
person (``erasure_key``, never in an event), so a restore from an older backup erases the
person again (webapp.backup) without the register tying any statistics to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import Erasure, Introduction, Participant, utcnow
from webapp.suggestions.index import next_seq

# What a restore carries over from the register of the database it replaces.
REGISTER_FIELDS = ("participant_id", "register_key", "centre_id", "reason", "erased_at")


def _remove(session: Session, participants: Sequence[Participant], records: Sequence[Erasure]) -> None:
    if not participants:
        return
    session.execute(delete(Introduction).where(Introduction.participant_id.in_([p.id for p in participants])))
    for p in participants:
        session.delete(p)  # every table that belongs to the person goes with it (ON DELETE CASCADE)
    seq = next_seq(session)  # every worker's matching index drops these people
    for record in records:
        record.index_seq = seq


def erase_participants(session: Session, participants: Sequence[Participant], reason: str) -> list[Erasure]:
    """Delete ``participants`` and everything about them; return their register rows.

    The caller audits (with the acting person) and commits.
    """
    records = [Erasure(participant_id=p.id, register_key=p.erasure_key, centre_id=p.centre_id, reason=reason, erased_at=utcnow()) for p in participants]
    session.add_all(records)
    _remove(session, participants, records)
    session.flush()
    return records


def erase_participant(session: Session, participant: Participant, reason: str) -> Erasure:
    return erase_participants(session, [participant], reason)[0]


def reapply_erasures(session: Session, register: list[dict]) -> int:
    """After a restore: bring back the register rows of ``register`` and erase those people again.

    ``register`` holds the rows (``REGISTER_FIELDS``) of the database that was replaced.
    Returns how many restored participants were erased again.
    """
    records = {e.register_key: e for e in session.scalars(select(Erasure))}
    for row in register:
        if row["register_key"] not in records:
            records[row["register_key"]] = Erasure(**{name: row[name] for name in REGISTER_FIELDS})
            session.add(records[row["register_key"]])
    back = session.scalars(select(Participant).where(Participant.erasure_key.in_(list(records)))).all() if records else []
    _remove(session, back, [records[p.erasure_key] for p in back])
    session.flush()
    return len(back)
