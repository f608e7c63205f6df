"""Recording what happened, for the statistics (append-only; see ARCHITECTURE.md)."""

from __future__ import annotations

from typing import Any

from models import Event, Opening
from webapp.core.db import db


def record_event(kind: str, *, opening: Opening | None = None, data: dict[str, Any] | None = None, **fields: Any) -> None:
    """Add an event to the request's transaction. For openings, company, sector and quarter come along."""
    if opening is not None:
        fields.setdefault("opening_id", opening.id)
        fields.setdefault("employer_id", opening.employer_id)
        fields.setdefault("quarter", opening.quarter)
        fields.setdefault("sector", opening.employer.sector if opening.employer else None)
    db.session.add(Event(kind=kind, data=data or {}, **fields))
