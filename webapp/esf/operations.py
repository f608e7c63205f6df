"""Participation: entry, exit and the six-month follow-up, with the ESF Plus entry data.

The participation record (``models.EsfRecord``) is the one owner of two facts (README,
"Was gezählt wird"):

* **Eintritt** – the day the person starts taking part (ESF Plus Annex I: the start of the
  operation). Recorded when the profile is made (form or import), with the event
  ``participant.entered``; the ESF form may correct the day.
* **Austritt** – the day the person leaves, for whatever reason, and their situation then.
  Recorded once by :func:`record_exit` – from "Austritt bestätigen" after a hire or from the
  ESF form – with the event ``participant.left`` (the situation in ``reason``); the profile's
  status becomes "left". A later change is a correction (``participant.exit_corrected``).

Everything else reads these: the profile and the start page, the ESF page, the statistics and
the ESF indicators (from the events), the Art. 15 answer. The ESF Plus entry data (gender, year
of birth, labour status, education) may follow later; its event carries only those categories.
The voluntary special-category answers never enter the event log: the indicators count them
from the records at report time, so a withdrawal or an erasure removes them for good.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, exists, func, select, update

from models import EsfRecord, Participant, transitions, utcnow
from models.enums import EXIT_SITUATIONS, VOLUNTARY_ESF_FIELDS
from webapp.core.audit import audit
from webapp.core.db import changed, db
from webapp.core.events import record_event
from webapp.core.i18n import lazy_gettext as _l
from webapp.suggestions.index import touch


class ParticipationRefused(Exception):
    """The step cannot be taken; the message says why (for the user)."""


@dataclass
class EntryValues:
    entered_on: date
    gender: str
    birth_year: int
    labour_status: str
    education: str
    voluntary_consent: bool = False
    voluntary: dict[str, bool | None] = field(default_factory=dict)


def categories(record: EsfRecord) -> dict:
    """What the event of the entry data carries: the Annex I categories and nothing more
    (no year of birth, no dates, never a special-category answer)."""
    return {"gender": record.gender, "age_group": record.age_group(), "labour_status": record.labour_status, "education": record.education}


def open_participation(p: Participant, on: date) -> EsfRecord:
    """The entry: the participation record of a new profile (flushed by the caller's transaction) and its event."""
    record = EsfRecord(participant_id=p.id, entered_on=on)
    db.session.add(record)
    p.esf = record
    record_event("participant.entered", participant_key=p.stats_key, centre_id=p.centre_id, quarter=p.quarter)
    return record


def _record(p: Participant) -> EsfRecord:
    if p.esf is None:  # every profile has one from its entry on (migration 0017 made the missing ones)
        raise ValueError(f"participant {p.id} has no participation record")
    return p.esf


def save_entry(p: Participant, values: EntryValues) -> EsfRecord:
    """Record (or correct) the ESF Plus entry data. The first time is ``esf.entry``; a correction is its own
    event, so a closed period's report never changes."""
    record = _record(p)
    if record.left_on is not None and values.entered_on > record.left_on:
        raise ParticipationRefused(_l("Der Eintritt kann nicht nach dem Austritt liegen."))
    first = not record.has_entry_data
    record.entered_on = values.entered_on
    record.gender = values.gender
    record.birth_year = values.birth_year
    record.labour_status = values.labour_status
    record.education = values.education
    record.voluntary_consent_at = (record.voluntary_consent_at or utcnow()) if values.voluntary_consent else None
    for name in VOLUNTARY_ESF_FIELDS:  # without the consent nothing voluntary is kept
        setattr(record, name, values.voluntary.get(name) if values.voluntary_consent else None)
    record_event("esf.entry" if first else "esf.entry_corrected", participant_key=p.stats_key, centre_id=p.centre_id, data=categories(record))
    audit("esf.entry" if first else "esf.update", "participant", p.id)
    return record


def record_exit(p: Participant, left_on: date, situation: str) -> bool:
    """The exit, exactly once (a conditional UPDATE of the record): the status becomes "left", the exit is
    counted. False when an exit is recorded already (use :func:`correct_exit`)."""
    if situation not in EXIT_SITUATIONS:
        raise ValueError(f"unknown exit situation {situation!r}")
    record = _record(p)
    if left_on < record.entered_on:
        raise ParticipationRefused(_l("Der Austritt kann nicht vor dem Eintritt liegen."))
    done = changed(
        db.session,
        update(EsfRecord)
        .where(EsfRecord.participant_id == p.id, EsfRecord.left_on.is_(None))
        .values(left_on=left_on, exit_situation=situation, updated_at=utcnow())
        .execution_options(synchronize_session=False),
    )
    if done != 1:
        return False
    db.session.refresh(record)
    transitions.move(db.session, p, "left")  # the profile follows the one record of the exit
    touch(db.session, p)
    record_event("participant.left", participant_key=p.stats_key, centre_id=p.centre_id, quarter=p.quarter, reason=situation)
    audit("participant.exit", "participant", p.id)
    return True


def correct_exit(p: Participant, left_on: date, situation: str) -> None:
    """Change the day or the situation of a recorded exit (its own event: a closed period stays as reported)."""
    if situation not in EXIT_SITUATIONS:
        raise ValueError(f"unknown exit situation {situation!r}")
    record = _record(p)
    if record.left_on is None:
        raise ValueError("no exit recorded")
    if left_on < record.entered_on:
        raise ParticipationRefused(_l("Der Austritt kann nicht vor dem Eintritt liegen."))
    if (record.left_on, record.exit_situation) == (left_on, situation):
        return
    record.left_on, record.exit_situation = left_on, situation
    record_event("participant.exit_corrected", participant_key=p.stats_key, centre_id=p.centre_id, quarter=p.quarter, reason=situation)
    audit("participant.exit_corrected", "participant", p.id)


def save_exit(p: Participant, left_on: date, situation: str) -> bool:
    """The exit from the ESF page: recorded the first time (``record_exit``), corrected after that
    (``correct_exit``). False when somebody else recorded it in the meantime."""
    if _record(p).left_on is None:
        return record_exit(p, left_on, situation)
    correct_exit(p, left_on, situation)
    return True


def save_follow_up(p: Participant, on: date, employed: bool) -> None:
    """The six-month follow-up (after the exit, never before it)."""
    record = _record(p)
    if record.left_on is None:
        raise ValueError("no exit recorded")
    if on < record.left_on:
        raise ParticipationRefused(_l("Die Nachbefragung kann nicht vor dem Austritt liegen."))
    first = record.follow_up_on is None
    record.follow_up_on, record.follow_up_employed = on, employed
    data = {"employed": employed}
    record_event("esf.follow_up" if first else "esf.follow_up_corrected", participant_key=p.stats_key, centre_id=p.centre_id, data=data)
    audit("esf.follow_up", "participant", p.id)


def has_left(participant_id) -> object:
    """SQL: the participant's exit is recorded (for conditions of other tables' updates)."""
    return exists().where(EsfRecord.participant_id == participant_id, EsfRecord.left_on.is_not(None))


def missing_entries(centre_id: int) -> int:
    """Active or paused participants of the centre without ESF entry data ("Angaben fehlen bei 7 Teilnehmenden")."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Participant)
            .join(EsfRecord, EsfRecord.participant_id == Participant.id)
            .where(Participant.centre_id == centre_id, Participant.status.in_(("active", "paused")), EsfRecord.gender.is_(None))
        )
        or 0
    )


def lacks_entry_data():
    """SQL: a participant whose ESF entry data is missing (the list's filter)."""
    return exists().where(and_(EsfRecord.participant_id == Participant.id, EsfRecord.gender.is_(None)))


def follow_ups_due(centre_id: int, today: date) -> list[EsfRecord]:
    """Exits of the centre's people whose six-month follow-up is due and not recorded, oldest first."""
    records = db.session.scalars(
        select(EsfRecord).join(Participant).where(Participant.centre_id == centre_id, EsfRecord.left_on.is_not(None), EsfRecord.follow_up_on.is_(None))
    ).all()
    due = [(r.follow_up_due(), r) for r in records]
    return [r for when, r in sorted(due, key=lambda pair: (pair[0] or today, pair[1].participant_id)) if when is not None and when <= today]
