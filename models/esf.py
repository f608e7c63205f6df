"""The participation record: entry, exit and the six-month follow-up, with the ESF Plus entry data.

This row is the one owner of the facts "Eintritt" (``entered_on``, the day the person starts taking
part; written when the profile is made) and "Austritt" (``left_on`` and ``exit_situation``, the day
they leave for whatever reason; written once by ``webapp.esf.operations.record_exit``, whichever screen is used).
The profile's status, the start page, the statistics events and the Art. 15 answer all derive from it.

The ESF Plus entry data (gender, year of birth, labour status, education) may be recorded later; the
voluntary answers (special categories) only with their own explicit consent. Only counsellors of the
participant's centre read or write the record; the matcher and employers never see it. The row goes
with the person (ON DELETE CASCADE).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.enums import EDUCATION_LEVELS, EXIT_SITUATIONS, GENDERS, LABOUR_STATUSES, check_in
from models.participants import Participant

FOLLOW_UP_MONTHS = 6


class EsfRecord(Base):
    __tablename__ = "esf_record"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True)
    entered_on: Mapped[date]
    # The ESF Plus entry data: NULL until the counsellor has recorded it ("Angaben fehlen").
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_year: Mapped[int | None]
    labour_status: Mapped[str | None] = mapped_column(String(24))
    education: Mapped[str | None] = mapped_column(String(12))
    # The voluntary answers need their own, explicit consent (special categories); NULL = not stated.
    voluntary_consent_at: Mapped[datetime | None]
    disability: Mapped[bool | None]
    third_country: Mapped[bool | None]
    foreign_background: Mapped[bool | None]
    minority: Mapped[bool | None]
    homeless: Mapped[bool | None]
    left_on: Mapped[date | None]
    exit_situation: Mapped[str | None] = mapped_column(String(16))
    follow_up_on: Mapped[date | None]
    follow_up_employed: Mapped[bool | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant] = relationship(back_populates="esf")

    __table_args__ = (
        CheckConstraint(check_in("gender", GENDERS), name="gender"),
        CheckConstraint(check_in("labour_status", LABOUR_STATUSES), name="labour_status"),
        CheckConstraint(check_in("education", EDUCATION_LEVELS), name="education"),
        CheckConstraint("exit_situation IS NULL OR " + check_in("exit_situation", EXIT_SITUATIONS), name="exit_situation"),
        CheckConstraint("birth_year >= 1900 AND birth_year <= 2100", name="birth_year"),
    )

    @property
    def has_entry_data(self) -> bool:
        """Whether the ESF Plus entry data has been recorded (they are always recorded together)."""
        return self.gender is not None

    def follow_up_due(self) -> date | None:
        """Six months after leaving, when the follow-up has not been recorded yet."""
        if self.left_on is None or self.follow_up_on is not None:
            return None
        month = self.left_on.month - 1 + FOLLOW_UP_MONTHS
        year, month = self.left_on.year + month // 12, month % 12 + 1
        return self.left_on.replace(year=year, month=month, day=min(self.left_on.day, 28))

    def age_group(self) -> str | None:
        """Annex I age group at entry: under 18, 18–29, 30–54, 55 and above (None without a year of birth)."""
        if self.birth_year is None:
            return None
        age = self.entered_on.year - self.birth_year
        return "under_18" if age < 18 else "18_29" if age < 30 else "30_54" if age < 55 else "55_plus"
