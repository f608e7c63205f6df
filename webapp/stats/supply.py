"""Skill demand and supply at the time of the report (from the records, stated with their time)."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from models import Opening, OpeningSkill, Participant, ParticipantSkill

from ..skills import skill_label


def demand_and_supply(session, limit: int = 10, centre_id: int | None = None) -> list[tuple[str, int, int]]:
    """The skills most often required by open openings, with how many active participants have them."""
    demand = session.execute(
        select(OpeningSkill.skill_id, func.count(func.distinct(OpeningSkill.opening_id)))
        .join(Opening)
        .where(Opening.status == "open", OpeningSkill.kind == "required", OpeningSkill.skill_id.is_not(None))
        .group_by(OpeningSkill.skill_id)
        .order_by(func.count(func.distinct(OpeningSkill.opening_id)).desc(), OpeningSkill.skill_id)
        .limit(limit)
    ).all()
    ids = [skill_id for skill_id, _n in demand]
    stmt = (
        select(ParticipantSkill.skill_id, func.count(func.distinct(ParticipantSkill.participant_id)))
        .join(Participant)
        .where(Participant.status == "active", ParticipantSkill.skill_id.in_(ids))
        .group_by(ParticipantSkill.skill_id)
    )
    if centre_id is not None:
        stmt = stmt.where(Participant.centre_id == centre_id)
    supply = Counter(dict(session.execute(stmt).all()))
    return [(skill_label(skill_id) or skill_id, n, supply.get(skill_id, 0)) for skill_id, n in demand]
