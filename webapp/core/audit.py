"""Writing the audit log: who did what to which object, never the data itself."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from models import AccessRequest, AuditEvent, Employer, Introduction, Opening, Participant, User
from webapp.core.db import db


def audit(action: str, object_type: str, object_id: int | None = None) -> None:
    """Add an audit event to the request's transaction (the view commits)."""
    actor = current_user if getattr(current_user, "is_authenticated", False) else None
    db.session.add(
        AuditEvent(
            actor_id=actor.id if actor else None,
            actor_role=actor.role if actor else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
        )
    )


def object_names(events) -> dict[tuple[str, int], str]:
    """What the audit log shows for the objects of ``events``: a person's code, an opening's title,
    an account's address, a company's name (one query per kind of object on the page).

    Only what the administrator may see anyway; an erased person or a deleted object has no name.
    """
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.object_id is not None:
            wanted.setdefault(event.object_type, set()).add(event.object_id)
    columns = {
        "participant": (Participant.id, Participant.pseudonym),
        "opening": (Opening.id, Opening.title),
        "user": (User.id, User.email),
        "employer": (Employer.id, Employer.name),
        "access_request": (AccessRequest.id, AccessRequest.name),
    }
    names: dict[tuple[str, int], str] = {}
    for kind, ids in wanted.items():
        if kind in columns:
            key, name = columns[kind]
            names.update({(kind, i): n for i, n in db.session.execute(select(key, name).where(key.in_(ids)))})
    if "introduction" in wanted:
        rows = db.session.execute(
            select(Introduction.id, Participant.pseudonym, Opening.title)
            .join(Participant, Participant.id == Introduction.participant_id)
            .join(Opening, Opening.id == Introduction.opening_id)
            .where(Introduction.id.in_(wanted["introduction"]))
        )
        names.update({("introduction", i): f"{code} → {title}" for i, code, title in rows})
    return names
