"""The rules of the research use: the consent, and making (and logging) an extract. Operations add and flush."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Participant, User, utcnow
from models.research import ResearchConsent, ResearchExtract
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.research import package
from webapp.research.extract import Extract, build

# The version of the consent text (research/_consent_text.html); a new text gets a new version.
RESEARCH_CONSENT_VERSION = "2026-12"


def consent_in_force(session: Session, participant_id: int) -> ResearchConsent | None:
    return session.scalar(
        select(ResearchConsent)
        .where(ResearchConsent.participant_id == participant_id, ResearchConsent.withdrawn_at.is_(None))
        .order_by(ResearchConsent.id.desc())
    )


def give_consent(p: Participant, by: User) -> bool:
    """Record the research consent (once; False when one is in force already)."""
    if consent_in_force(db.session, p.id) is not None:
        return False
    db.session.add(ResearchConsent(participant_id=p.id, text_version=RESEARCH_CONSENT_VERSION, recorded_by_id=by.id))
    audit("participant.research_consent", "participant", p.id)
    return True


def withdraw_consent(p: Participant, by: User) -> bool:
    """Withdraw it: the person is in no future extract (False when none was in force)."""
    record = consent_in_force(db.session, p.id)
    if record is None:
        return False
    record.withdrawn_at = utcnow()
    record.withdrawn_by_id = by.id
    audit("participant.research_consent_withdrawn", "participant", p.id)
    return True


def make_extract(session: Session, by: User | None, via: str, k: int | None = None, now: datetime | None = None) -> tuple[Extract, bytes]:
    """Build the extract with the configured key, log it (who, when, how many rows, key version) and return it
    with its zipped Data Package."""
    config = current_app.config
    k = k or config["RESEARCH_K"]
    extract = build(session, config["RESEARCH_KEY"], config["RESEARCH_KEY_VERSION"], k)
    now = now or utcnow()
    session.add(
        ResearchExtract(
            made_at=now,
            made_by_id=by.id if by else None,
            via=via,
            key_version=extract.key_version,
            k=k,
            persons=len(extract.persons),
            episodes=len(extract.episodes),
            suppressed=extract.suppressed,
        )
    )
    if by is not None:
        audit("research.extract", "research")
    return extract, package.zipped(extract, now)
