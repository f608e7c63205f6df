"""Writing the audit log: who did what to which object, never the data itself."""

from __future__ import annotations

from flask_login import current_user

from models import AuditEvent

from .db import db


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
