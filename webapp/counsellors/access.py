"""Who may see which participant: the access rule (``Participant.managed_by``) applied to a request."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from models import Participant
from webapp.core.db import db


def own_participant(participant_id: int, *load) -> Participant:
    """The participant, if the current counsellor's centre keeps the profile (else 404); ``load``: loader options."""
    p = db.session.get(Participant, participant_id, options=load)
    if p is None or not p.managed_by(current_user):
        abort(404)
    return p
