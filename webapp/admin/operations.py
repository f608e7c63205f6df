"""What admins do to accounts, as rules (the views call these)."""

from __future__ import annotations

from sqlalchemy import update

from models import Participant, User

from ..audit import audit
from ..db import changed, db


def hand_over(user: User, old_centre_id: int | None, successor_id: int | None) -> int:
    """A counsellor leaves a house (moved to the other one, or no longer a counsellor): their people there go to
    ``successor_id`` (a counsellor of that house) or to nobody, so the house assigns them. Returns how many.

    Mails and the company's "whom to call" follow only counsellors who may see the person, so nobody of the
    other house hears of these people again."""
    if old_centre_id is None:
        return 0
    if successor_id is not None:
        successor = db.session.get(User, successor_id)
        if successor is None or successor.role != "counsellor" or successor.centre_id != old_centre_id or not successor.active or successor.id == user.id:
            raise ValueError("the successor must be an active counsellor of the same house")
    moved = changed(
        db.session,
        update(Participant)
        .where(Participant.counsellor_id == user.id, Participant.centre_id == old_centre_id)
        .values(counsellor_id=successor_id)
        .execution_options(synchronize_session=False),
    )
    if moved:
        audit("user.hand_over", "user", user.id)
    return moved
