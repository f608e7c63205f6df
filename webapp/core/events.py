"""Recording what happened, for the statistics (append-only; see ARCHITECTURE.md)."""

from __future__ import annotations

from typing import Any

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
