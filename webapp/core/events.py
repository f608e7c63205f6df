"""Recording what happened, for the statistics (append-only; see ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Business, Event, Opening
from webapp.core.db import db


def event_for(kind: str, *, opening: Opening | None = None, business: Business | None = None, data: dict[str, Any] | None = None, **fields: Any) -> Event:
    """An event of ``kind``. For openings, company, sector and quarter come along; for a business
    (models.businesses), its random key, house, quarter, sector and size class."""
    if business is not None:
        fields.setdefault("business_key", business.stats_key)
        fields.setdefault("centre_id", business.centre_id)
        fields.setdefault("quarter", business.quarter)
        fields.setdefault("sector", business.sector)
        data = {"size": business.size, **(data or {})}
    if opening is not None:
        fields.setdefault("opening_id", opening.id)
        fields.setdefault("employer_id", opening.employer_id)
        fields.setdefault("quarter", opening.quarter)
        fields.setdefault("sector", opening.employer.sector if opening.employer else None)
    return Event(kind=kind, data=data or {}, **fields)


def record_event(kind: str, **values: Any) -> None:
    """Add an event (:func:`event_for`) to the request's transaction."""
    db.session.add(event_for(kind, **values))


def last_event_id(session: Session) -> int:
    return session.scalar(select(func.max(Event.id))) or 0


def added_since(session: Session, last_id: int, up_to_month: int, kinds: Iterable[str] | None = None) -> bool:
    """Whether an event (of ``kinds``, or any) of a month up to ``up_to_month`` was added after the event ``last_id``.

    Events are recorded as they happen, so figures of months up to ``up_to_month`` made at ``last_id`` stay true
    unless this says otherwise (a restore or a load of demo data adds to past months). Reads only the newer
    events (the primary key's range), however long the log is.
    """
    stmt = select(Event.id).where(Event.id > last_id, Event.month <= up_to_month)
    if kinds is not None:
        stmt = stmt.where(Event.kind.in_(tuple(kinds)))
    return session.scalar(stmt.limit(1)) is not None
