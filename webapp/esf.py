"""ESF Plus participant data: entry, exit and the six-month follow-up (Annex I of Regulation (EU) 2021/1057).

Kept apart from the matching profile (``models.EsfRecord``); only the participant's own centre
reads or writes it. Each step records an event with the indicator categories only (gender, age
group, status …) under the person's stats key, so reports survive erasure and never need the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, func, select

from models import EsfRecord, Participant, utcnow
from models.enums import VOLUNTARY_ESF_FIELDS

from .audit import audit
from .db import db
from .events import record_event


@dataclass
class EntryValues:
    entered_on: date
    gender: str
    birth_year: int
    labour_status: str
    education: str
    voluntary_consent: bool = False
    voluntary: dict[str, bool | None] = field(default_factory=dict)


def _categories(record: EsfRecord) -> dict:
    """What an indicator counts, and nothing more (no birth year, no dates)."""
    data = {"gender": record.gender, "age_group": record.age_group(), "labour_status": record.labour_status, "education": record.education}
    if record.voluntary_consent_at is not None:
        data.update({name: getattr(record, name) for name in VOLUNTARY_ESF_FIELDS})
    return data


def save_entry(p: Participant, values: EntryValues) -> EsfRecord:
    """Record (or correct) the entry data. The entry is counted once, when first recorded; a correction is
    recorded as its own event, so a closed period's report never changes."""
    first = p.esf is None
    record = p.esf if p.esf is not None else EsfRecord(participant_id=p.id)
    if first:
        db.session.add(record)
        p.esf = record
    record.entered_on = values.entered_on
    record.gender = values.gender
    record.birth_year = values.birth_year
    record.labour_status = values.labour_status
    record.education = values.education
    record.voluntary_consent_at = (record.voluntary_consent_at or utcnow()) if values.voluntary_consent else None
    for name in VOLUNTARY_ESF_FIELDS:  # without the consent nothing voluntary is kept
        setattr(record, name, values.voluntary.get(name) if values.voluntary_consent else None)
    record_event("esf.entry" if first else "esf.entry_corrected", participant_key=p.stats_key, centre_id=p.centre_id, data=_categories(record))
    audit("esf.entry" if first else "esf.update", "participant", p.id)
    return record


def _step(p: Participant, step: str, first: bool, data: dict) -> None:
    """The event of an exit or follow-up (``esf.<step>`` the first time, ``esf.<step>_corrected`` after) and its audit row."""
    record_event(f"esf.{step}" if first else f"esf.{step}_corrected", participant_key=p.stats_key, centre_id=p.centre_id, data=data)
    audit(f"esf.{step}", "participant", p.id)


def save_exit(p: Participant, left_on: date, situation: str) -> None:
    record = p.esf
    if record is None:
        raise ValueError("no entry recorded")
    first = record.left_on is None
    record.left_on, record.exit_situation = left_on, situation
    _step(p, "exit", first, {"gender": record.gender, "situation": situation})


def save_follow_up(p: Participant, on: date, employed: bool) -> None:
    record = p.esf
    if record is None or record.left_on is None:
        raise ValueError("no exit recorded")
    first = record.follow_up_on is None
    record.follow_up_on, record.follow_up_employed = on, employed
    _step(p, "follow_up", first, {"gender": record.gender, "employed": employed})


def missing_entries(centre_id: int) -> int:
    """Active or paused participants of the centre without entry data ("Angaben fehlen bei 7 Teilnehmenden")."""
    has = exists().where(EsfRecord.participant_id == Participant.id)
    return (
        db.session.scalar(
            select(func.count()).select_from(Participant).where(Participant.centre_id == centre_id, Participant.status.in_(("active", "paused")), ~has)
        )
        or 0
    )


def follow_ups_due(centre_id: int, today: date) -> list[EsfRecord]:
    """Exits of the centre's people whose six-month follow-up is due and not recorded, oldest first."""
    records = db.session.scalars(
        select(EsfRecord).join(Participant).where(Participant.centre_id == centre_id, EsfRecord.left_on.is_not(None), EsfRecord.follow_up_on.is_(None))
    ).all()
    due = [(r.follow_up_due(), r) for r in records]
    return [r for when, r in sorted(due, key=lambda pair: (pair[0] or today, pair[1].participant_id)) if when is not None and when <= today]
