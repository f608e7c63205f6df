"""What employers do to their openings. Operations add and flush; the view commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import LOCAL_TIMEZONE, VISIBLE_TO_EMPLOYER, Introduction, Opening, OpeningSkill, Participant, utcnow
from models.enums import postcode_quarter
from models.transitions import allowed_from, move
from webapp.businesses.progress import opening_published
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.events import record_event
from webapp.introductions.operations import candidate_card, report_outcome
from webapp.suggestions.index import touch
from webapp.suggestions.skills import fixed_readings, opening_readings, skill_rows

# The opening's own fields, as the form has them (the skills, the licence and the quarter are set apart).
OPENING_FIELDS = (
    "title",
    "description",
    "german_level",
    "language_support",
    "hours",
    "hours_per_week",
    "training_on_job",
    "start_date",
    "place",
    "postcode",
    "public",
)


@dataclass
class OpeningValues:
    """What a business typed for an opening."""

    fields: dict[str, Any]  # OPENING_FIELDS
    required: list[str]
    optional: list[str]
    must: str | None = None
    driving_licence: str | None = None


# The statuses in which a business may still change its opening (a filled or closed one is copied instead).
EDITABLE = ("draft", "open", "paused")
# What a business can do to its opening, and the status it leads to (where from: Opening.TRANSITIONS).
ACTIONS = {"publish": "open", "pause": "paused", "fill": "filled", "close": "closed"}
# For the page's buttons: per action, the statuses it may start from, and its target.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {action: (allowed_from(Opening, target), target) for action, target in ACTIONS.items()}
EVENT_OF = {"publish": "opening.published", "pause": "opening.paused", "fill": "opening.filled", "close": "opening.closed"}


def set_skills(opening: Opening, required: list[str], optional: list[str], must: str | None) -> None:
    """Store the skills as typed and as understood (replacing the old ones)."""
    touch(db.session, opening)
    opening.skills.clear()  # the old rows are deleted at flush (delete-orphan)

    def kind_and_must(position: int, term: str) -> dict:
        kind = "required" if position < len(required) else "optional"
        return {"kind": kind, "is_must": kind == "required" and must is not None and term.casefold() == must.casefold()}

    readings = opening_readings(required, optional, must or "", fixed_readings(opening))
    opening.skills.extend(skill_rows(OpeningSkill, required + optional, readings, fields=kind_and_must))


def fill(opening: Opening, values: OpeningValues) -> None:
    """Put the typed values into ``opening``: its fields (text trimmed), licence, quarter and skills."""
    for name in OPENING_FIELDS:
        value = values.fields[name]
        setattr(opening, name, value.strip() if isinstance(value, str) else value)
    opening.driving_licence = values.driving_licence or None
    opening.quarter = postcode_quarter(opening.postcode)
    set_skills(opening, values.required, values.optional, values.must)


def create_opening(employer_id: int, values: OpeningValues, publish: bool) -> Opening:
    """A new opening of the business, saved as a draft or published at once."""
    opening = Opening(employer_id=employer_id, status="draft")
    db.session.add(opening)
    fill(opening, values)
    db.session.flush()
    audit("opening.create", "opening", opening.id)
    if publish:
        change_status(opening, "publish")
    return opening


def update_opening(opening: Opening, values: OpeningValues, publish: bool) -> None:
    """Store the changed values (and publish, where asked and not yet open)."""
    fill(opening, values)
    audit("opening.update", "opening", opening.id)
    if publish and opening.status != "open":
        change_status(opening, "publish")


def copy_opening(original: Opening, title: str) -> Opening:
    """A draft with the original's fields and skills, under ``title``; its start is left open (the old one has
    usually passed: the business sets it)."""
    copy = Opening(employer_id=original.employer_id, status="draft", quarter=original.quarter, driving_licence=original.driving_licence)
    for name in OPENING_FIELDS:
        setattr(copy, name, getattr(original, name))
    copy.title = title[:160]
    copy.start_date = None
    db.session.add(copy)
    required, optional, must = original.typed()
    set_skills(copy, required, optional, must or None)
    db.session.flush()
    audit("opening.copy", "opening", copy.id)
    return copy


def runs_until(published: datetime, start: date | None, lifetime_weeks: int) -> datetime:
    """When a posting published at ``published`` ends: after its lifetime, but never before the job starts
    (an ad that ends on 16 December for a job from 4 January would end before anyone could begin)."""
    end = published + timedelta(weeks=lifetime_weeks)
    if start is not None:
        start_of_job = datetime.combine(start, time(23, 59), tzinfo=ZoneInfo(LOCAL_TIMEZONE)).astimezone(UTC)
        end = max(end, start_of_job)
    return end


def change_status(opening: Opening, action: str) -> bool:
    """Move the opening on by ``action`` exactly once; False when its status does not allow it (any more)."""
    now = utcnow()
    values: dict = {"updated_at": now}
    if action == "publish":
        values["expires_at"] = runs_until(now, opening.start_date, current_app.config["OPENING_LIFETIME_WEEKS"])
        if opening.published_at is None:
            values["published_at"] = now
    if not move(db.session, opening, ACTIONS[action], **values):
        return False
    touch(db.session, opening)
    record_event(EVENT_OF[action], opening=opening)
    audit(f"opening.{action}", "opening", opening.id)
    if action == "publish":
        opening_published(opening)
    return True


def expire(opening: Opening, now: datetime) -> bool:
    """The daily run closes an open opening whose time is up, exactly once (False: it was not open or not due)."""
    if not move(db.session, opening, "closed", Opening.status == "open", Opening.expires_at <= now, updated_at=now):
        return False
    touch(db.session, opening)
    record_event("opening.expired", opening=opening)
    return True


def candidates(opening: Opening) -> list[tuple[Introduction, dict]]:
    """The introductions a counsellor approved for ``opening``, each with what the participant agreed to share (the
    page and the API show these; the caller audits the view of each card)."""
    intros = db.session.scalars(
        select(Introduction)
        .where(Introduction.opening_id == opening.id, Introduction.status.in_(VISIBLE_TO_EMPLOYER))
        .options(
            selectinload(Introduction.participant).selectinload(Participant.languages),
            selectinload(Introduction.participant).selectinload(Participant.consents),
            selectinload(Introduction.participant).selectinload(Participant.counsellor),
            selectinload(Introduction.participant).selectinload(Participant.centre),
            selectinload(Introduction.decided_by),
        )
        .order_by(Introduction.decided_at)
    ).all()
    return [(intro, candidate_card(intro)) for intro in intros]


def report(intro: Introduction, outcome: str, *, on: date | None = None, reason: str | None = None) -> bool:
    """The company's report on an introduction, exactly once (False: already reported); a hire fills the opening
    when it is still open or paused."""
    if not report_outcome(intro, outcome, on=on, reason=reason):
        return False
    if outcome == "hired" and intro.opening.status in ("open", "paused"):
        change_status(intro.opening, "fill")
    return True
