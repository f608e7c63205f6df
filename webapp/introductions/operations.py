"""Introductions: a counsellor's decision, then what the employer reports. Each change happens once."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from models import EsfRecord, Introduction, Opening, Participant, User, allowed_from, transitions, utcnow
from webapp.businesses.progress import company_progressed
from webapp.core.audit import audit
from webapp.core.db import changed, db
from webapp.core.events import record_event
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import NOT_HIRED_REASON_LABELS, REJECTION_REASON_LABELS
from webapp.esf.operations import record_exit
from webapp.suggestions.index import explain_person, matching_index, touch

# The reasons a counsellor or an employer can give (the keys are stored; labels.py names them).
REJECTION_REASONS = REJECTION_REASON_LABELS
NOT_HIRED_REASONS = NOT_HIRED_REASON_LABELS


class DecisionRefused(Exception):
    """The decision cannot be taken; the message says why (for the user)."""


def decide_as_explained(opening: Opening, participant: Participant, user: User, approve: bool, reason: str | None = None, note: str = "") -> Introduction:
    """``decide``, keeping the matcher's explanation of this person for this opening as it stands now (what the
    counsellor saw; the employer's card and the statistics read it later)."""
    with matching_index().use(db.session) as matcher:
        result = explain_person(matcher, opening, participant)
    return decide(opening, participant, user, approve, result.explanation, result.score, reason, note)


def decide(
    opening: Opening, participant: Participant, user: User, approve: bool, explanation: dict[str, Any], score: float, reason: str | None = None, note: str = ""
) -> Introduction:
    """Approve or reject one participant for one opening, exactly once."""
    if approve and participant.current_consent() is None:
        raise DecisionRefused(_l("Ohne gültige Einwilligung kann niemand vorgestellt werden."))
    if approve and opening.status != "open":
        raise DecisionRefused(_l("Die Stelle ist nicht (mehr) veröffentlicht."))
    intro = Introduction(
        opening_id=opening.id,
        participant_id=participant.id,
        status="approved" if approve else "rejected",
        score=max(0.0, min(1.0, float(score))),
        explanation=explanation,
        decided_by_id=user.id,
        decided_at=utcnow(),
        decision_reason=None if approve else reason,
        decision_note=note.strip(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(intro)
    except IntegrityError:
        raise DecisionRefused(_l("Über diese Person wurde für diese Stelle schon entschieden.")) from None
    record_event(
        "introduction.approved" if approve else "introduction.rejected",
        opening=opening,
        participant_key=participant.stats_key,
        centre_id=participant.centre_id,
        reason=None if approve else reason,
        data={"missing": explanation.get("missing", [])} if not approve else {},
    )
    audit("introduction.approve" if approve else "introduction.reject", "introduction", intro.id)
    if approve:
        _notify_employer(opening)
    return intro


def _notify_employer(opening: Opening) -> None:
    """Tell every active account of the company; the mail names no participant."""
    from webapp.core.mail import queue_mail

    recipients = db.session.scalars(select(User.email).where(User.employer_id == opening.employer_id, User.active.is_(True))).all()
    for email in recipients:
        queue_mail(email, _l("Neue Vorstellung für „%(title)s“", title=opening.title), "new_introduction", opening=opening)


OUTCOMES = ("interview", "hired", "not_hired")
# From which statuses the employer can report each outcome (the opening page shows the form there).
OUTCOME_FROM = {outcome: allowed_from(outcome) for outcome in OUTCOMES}


def move(intro: Introduction, target: str, *conditions: Any, **values: Any) -> bool:
    """Move ``intro`` to ``target`` exactly once, if the state machine (and ``conditions``) allow it now."""
    return transitions.move(db.session, intro, target, *conditions, updated_at=utcnow(), **values)


def report_outcome(intro: Introduction, outcome: str, *, on: date | None = None, reason: str | None = None) -> bool:
    """The employer's report; False when the introduction's status does not allow it (any more)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    values: dict[str, Any] = {"outcome_at": utcnow(), "outcome_notified_at": None}  # the counsellor hears of it in the next digest
    if outcome == "interview":
        values["interview_on"] = on
    elif outcome == "hired":
        values["hired_start"] = on
    else:
        values["outcome_reason"] = reason
    if not move(intro, outcome, **values):
        return False
    record_event(
        f"introduction.{outcome}",
        opening=intro.opening,
        participant_key=intro.participant.stats_key,
        centre_id=intro.participant.centre_id,
        reason=reason,
    )
    audit(f"introduction.{outcome}", "introduction", intro.id)
    if outcome == "hired":
        _place(intro.participant)
        company_progressed(intro.opening.employer, "hiring")
    return True


def _place(p: Participant) -> None:
    """A hire places the person: suggested nowhere any more; their counsellor is asked to confirm the exit."""
    if transitions.move(db.session, p, "placed"):
        touch(db.session, p)
        audit("participant.placed_by_hire", "participant", p.id)


def counsellor_of(intro: Introduction) -> User | None:
    """Who hears about an introduction: the participant's responsible counsellor, else the one who decided –
    but only somebody who may see the person now (active, and a counsellor of the person's centre); else None
    (then the whole house hears of it)."""
    p = intro.participant
    for candidate in (p.counsellor, intro.decided_by):
        if candidate is not None and candidate.active and p.managed_by(candidate):
            return candidate
    return None


def recent_outcomes(centre_id: int, days: int = 14, limit: int = 10) -> list[Introduction]:
    """What companies reported lately about the centre's people (interview, hire, no hire), newest first.

    The start page shows the whole house (counsellors stand in for each other); the daily
    digest goes to each person's own counsellor (``counsellor_of``).
    """
    since = utcnow() - timedelta(days=days)
    return list(
        db.session.scalars(
            select(Introduction)
            .join(Participant)
            .where(Participant.centre_id == centre_id, Introduction.status.in_(OUTCOMES), Introduction.outcome_at >= since)
            .options(
                selectinload(Introduction.participant).selectinload(Participant.counsellor),
                selectinload(Introduction.opening).selectinload(Opening.employer),
            )
            .order_by(Introduction.outcome_at.desc(), Introduction.id.desc())
            .limit(limit)
        )
    )


def exits_to_confirm(centre_id: int) -> list[Introduction]:
    """Hires of the centre's participants whose exit is not recorded yet, oldest first."""
    return list(
        db.session.scalars(
            select(Introduction)
            .join(Participant)
            .join(EsfRecord, EsfRecord.participant_id == Participant.id)
            .where(Participant.centre_id == centre_id, Introduction.status == "hired", EsfRecord.left_on.is_(None))
            .options(selectinload(Introduction.participant), selectinload(Introduction.opening).selectinload(Opening.employer))
            .order_by(Introduction.outcome_at, Introduction.id)
        )
    )


def exit_day(intro: Introduction, today: date) -> date:
    """The day an exit after a hire is recorded as, unless the counsellor says otherwise: the job's start
    when it has come, else today (never before the entry)."""
    day = intro.hired_start if intro.hired_start is not None and intro.hired_start <= today else today
    entered = intro.participant.esf.entered_on if intro.participant.esf is not None else day
    return max(day, entered)


EXIT_RECORDED = _l("Der Austritt ist schon erfasst und in der Statistik gezählt; die Einstellung lässt sich nicht mehr zurückziehen.")


class _ExitRecorded(Exception):
    pass


def _still_in(p: Participant) -> bool:
    """Lock the participation row if no exit is recorded (True), else False."""
    return (
        changed(
            db.session,
            update(EsfRecord)
            .where(EsfRecord.participant_id == p.id, EsfRecord.left_on.is_(None))
            .values(updated_at=utcnow())
            .execution_options(synchronize_session=False),
        )
        == 1
    )


def confirm_exit(intro: Introduction, left_on: date) -> bool:
    """The counsellor confirms the exit a hire brought: the one exit (webapp.esf.operations.record_exit), into employment.

    The hire's row is locked first (a conditional UPDATE), as ``withdraw`` does: of a confirmation and a
    withdrawal at the same moment exactly one happens. False when the hire was taken back or the exit is
    recorded already.
    """
    locked = changed(
        db.session,
        update(Introduction)
        .where(Introduction.id == intro.id, Introduction.status == "hired")
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False),
    )
    if locked != 1:
        return False
    if not record_exit(intro.participant, left_on, "employed"):
        return False
    audit("participant.exit_confirmed", "participant", intro.participant_id)
    return True


def withdraw(intro: Introduction) -> bool:
    """A counsellor takes an introduction back (the person is no longer available, a hire did not happen).

    Taking back a hire makes the person active (and suggested) again, as long as their exit has not
    been recorded; a recorded exit is counted and stays.
    """
    p = intro.participant
    if intro.status == "hired" and intro.left_on is not None:
        raise DecisionRefused(EXIT_RECORDED)
    was_hired = intro.status == "hired"
    try:
        with db.session.begin_nested():
            if not move(intro, "withdrawn"):
                return False
            # The participation row is locked after the introduction's (the order confirm_exit takes):
            # an exit recorded in the meantime refuses the withdrawal.
            if was_hired and not _still_in(p):
                raise _ExitRecorded
    except _ExitRecorded:
        db.session.refresh(intro)
        raise DecisionRefused(EXIT_RECORDED) from None
    record_event("introduction.withdrawn", opening=intro.opening, participant_key=p.stats_key, centre_id=p.centre_id)
    audit("introduction.withdraw", "introduction", intro.id)
    if was_hired and transitions.move(db.session, p, "active", Participant.status == "placed"):
        touch(db.session, p)
        audit("participant.hire_undone", "participant", p.id)
    return True


def whom_to_call(intro: Introduction) -> dict[str, str]:
    """Whom the company calls about a candidate: the counsellor who may see the person now (``counsellor_of``)
    at their Perspektivhaus, with the counsellor's phone or the house's; else the house itself."""
    p = intro.participant
    counsellor = counsellor_of(intro)
    return {
        "name": counsellor.name if counsellor else "",
        "centre": p.centre.name,
        "phone": (counsellor.phone if counsellor and counsellor.phone else p.centre.phone),
    }


def candidate_card(intro: Introduction) -> dict[str, Any]:
    """What the employer may see of an introduced participant: only what the consent in force allows."""
    p = intro.participant
    consent = p.current_consent()
    card: dict[str, Any] = {"pseudonym": p.pseudonym, "consent": consent.scope if consent else None, "ask": whom_to_call(intro)}
    if consent is None:
        return card  # withdrawn: nothing beyond the pseudonym
    card["skills"] = [m["by"] for m in intro.explanation.get("matched", [])]
    card["all_skills"] = [s.term for s in p.skills]
    card["german"] = p.german_level
    card["languages"] = [(lang.language, lang.level) for lang in p.languages]
    card["available_from"] = p.available_from
    card["hours"] = p.hours
    if consent.covers("first_name") and p.identity is not None:
        card["first_name"] = p.identity.first_name
    if consent.covers("contact") and p.identity is not None:
        card["phone"] = p.identity.phone
        card["email"] = p.identity.email
    if consent.covers("cv") and p.identity is not None:
        card["last_name"] = p.identity.last_name
    card["cv"] = intro.shares_cv()
    return card
