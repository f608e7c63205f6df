"""Skill demand and supply at the time of the report (from the records, stated with their time)."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Event, Opening, OpeningSkill, Participant, ParticipantSkill
from webapp.stats.figures import Cell
from webapp.suggestions.skills import skill_label


def _opening_keys():
    """An opening's record key: the smallest of its publication events' (fixed once published)."""
    return select(Event.opening_id, func.min(Event.record_key).label("key")).where(Event.kind == "opening.published").group_by(Event.opening_id).subquery()


def _person_keys():
    """A participant's record key: that of their entry event."""
    return (
        select(Event.participant_key, func.min(Event.record_key).label("key"))
        .where(Event.kind == "participant.entered")
        .group_by(Event.participant_key)
        .subquery()
    )


def demand_and_supply(session, limit: int = 10, centre_id: int | None = None) -> list[tuple[str, Cell, Cell]]:
    """The skills most often required by open openings, with how many active participants have them (as cells)."""
    keys = _opening_keys()
    pairs = (
        select(OpeningSkill.opening_id, OpeningSkill.skill_id, func.coalesce(keys.c.key, 0).label("key"))
        .join(Opening, Opening.id == OpeningSkill.opening_id)
        .outerjoin(keys, keys.c.opening_id == Opening.id)
        .where(Opening.status == "open", OpeningSkill.kind == "required", OpeningSkill.skill_id.is_not(None))
        .distinct()
        .subquery()
    )
    demand = session.execute(
        select(pairs.c.skill_id, func.count(), func.sum(pairs.c.key)).group_by(pairs.c.skill_id).order_by(func.count().desc(), pairs.c.skill_id).limit(limit)
    ).all()
    ids = [skill_id for skill_id, _n, _k in demand]
    people = _person_keys()
    having = (
        select(ParticipantSkill.participant_id, ParticipantSkill.skill_id, func.coalesce(people.c.key, 0).label("key"))
        .join(Participant, Participant.id == ParticipantSkill.participant_id)
        .outerjoin(people, people.c.participant_key == Participant.stats_key)
        .where(Participant.status == "active", ParticipantSkill.skill_id.in_(ids))
        .distinct()
    )
    if centre_id is not None:
        having = having.where(Participant.centre_id == centre_id)
    rows = having.subquery()
    supply = {
        skill_id: Cell(int(n), int(k or 0))
        for skill_id, n, k in session.execute(select(rows.c.skill_id, func.count(), func.sum(rows.c.key)).group_by(rows.c.skill_id)).all()
    }
    return [(skill_label(skill_id) or skill_id, Cell(int(n), int(k or 0)), supply.get(skill_id, Cell(0, 0))) for skill_id, n, k in demand]
