"""Introductions (a counsellor's decision about one participant for one opening) and events."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.event import listens_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import User
from models.base import Base, local_month, utcnow
from models.enums import INTRODUCTION_STATUSES, check_in
from models.openings import Opening
from models.participants import Participant

# Which status may follow which – the one table the code follows (webapp.introductions.operations).
# A counsellor's decision starts an introduction as approved or rejected; the employer
# reports interview, hire or no hire; the counsellor can withdraw it, a hire included
# (it did not happen after all). A status change is a conditional
# ``UPDATE ... WHERE status IN (:allowed)`` so that it happens exactly once.
DECISION_STATUSES = ("approved", "rejected")
INTRODUCTION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "approved": ("interview", "hired", "not_hired", "withdrawn"),
    "rejected": (),
    "interview": ("hired", "not_hired", "withdrawn"),
    "hired": ("withdrawn",),
    "not_hired": (),
    "withdrawn": (),
}
# What an employer sees: the candidates introduced to them, whatever came of it (not a withdrawn one).
VISIBLE_TO_EMPLOYER = ("approved", "interview", "hired", "not_hired")
# While an introduction is under way the company may have the Lebenslauf, if the consent covers it.
CV_TO_EMPLOYER = ("approved", "interview", "hired")


def allowed_from(target: str) -> tuple[str, ...]:
    """The statuses from which an introduction may reach ``target``."""
    return tuple(status for status, following in INTRODUCTION_TRANSITIONS.items() if target in following)


class Introduction(Base):
    __tablename__ = "introduction"
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = INTRODUCTION_TRANSITIONS

    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("opening.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    # Score and explanation as the matcher gave them when the decision was taken.
    score: Mapped[float]
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(String(40))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    introduced_at: Mapped[datetime | None]
    interview_on: Mapped[date | None]
    hired_start: Mapped[date | None]
    outcome_reason: Mapped[str | None] = mapped_column(String(40))
    outcome_at: Mapped[datetime | None]
    outcome_reminder_at: Mapped[datetime | None]
    # When the counsellor was told (daily digest) about the outcome reported last; reset by each report.
    outcome_notified_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    opening: Mapped[Opening] = relationship()
    participant: Mapped[Participant] = relationship()
    decided_by: Mapped[User | None] = relationship()

    __table_args__ = (
        UniqueConstraint("opening_id", "participant_id"),
        CheckConstraint(check_in("status", INTRODUCTION_STATUSES), name="status"),
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
        {"sqlite_autoincrement": True},  # ids never given twice (the audit log names introductions by id)
    )

    def visible_to(self, user) -> bool:
        """Counsellors of the participant's centre see every introduction; the company only those introduced to it."""
        if user.role == "counsellor":
            return self.participant.managed_by(user)
        if user.role == "employer":
            return self.status in VISIBLE_TO_EMPLOYER and self.opening.employer_id == user.employer_id
        return False

    @property
    def left_on(self) -> date | None:
        """The day the participant's exit is recorded, if it is (the participation record owns the fact)."""
        record = self.participant.esf
        return record.left_on if record is not None else None

    def shares_cv(self) -> bool:
        """Whether the company of this introduction may have the participant's Lebenslauf: an introduction
        under way and a consent in force that covers the CV (the caller checks ``visible_to``)."""
        consent = self.participant.current_consent()
        return self.status in CV_TO_EMPLOYER and consent is not None and consent.covers("cv")


def new_record_key() -> int:
    """A random 31-bit number per event: the statistics' cell keys are sums of these (webapp.stats.disclosure)."""
    return secrets.randbits(31)


class Event(Base):
    """Something that happened, for the statistics; append-only.

    Events name people only by ``participant_key`` (the participant's
    ``stats_key``), never by id, so erasing a person keeps the counts true.
    ``month`` is the local month of ``occurred_at`` (``yyyymm``, set on insert),
    so statistics group by month in SQL; ``record_key`` is random and never shown.
    """

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("opening.id", ondelete="SET NULL"))
    participant_key: Mapped[str | None] = mapped_column(String(32))
    business_key: Mapped[int | None]  # the business's stats_key (models.businesses), for its events
    quarter: Mapped[str | None] = mapped_column(String(20))
    sector: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    month: Mapped[int]
    record_key: Mapped[int] = mapped_column(default=new_record_key)

    __table_args__ = (
        Index("ix_event_kind_occurred_at", "kind", "occurred_at"),
        Index("ix_event_month_kind", "month", "kind"),
        Index("ix_event_participant_key", "participant_key"),
    )


@listens_for(Event, "before_insert")
def _set_month(_mapper, _connection, target: Event) -> None:
    if target.occurred_at is None:
        target.occurred_at = utcnow()
    target.month = local_month(target.occurred_at)
