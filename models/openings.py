"""Job openings posted by employers."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import Employer
from models.base import Base, utcnow
from models.enums import CEFR_LEVELS, DRIVING_LICENCES, HOURS, OPENING_STATUSES, QUARTERS, SKILL_KINDS, check_in

if TYPE_CHECKING:
    from models.vocabulary import ReadingFix

# How a line of an opening is stored when the matcher does not compare it: a pasted ad's heading, or what the business
# offers or says about itself (webapp.suggestions.skills.opening_readings, after matching.sections).
NOT_COMPARED = ("heading", "offer")


class Opening(Base):
    __tablename__ = "opening"
    # Where an opening may go: published, paused, filled (by the business), closed (by it or, when its time is up,
    # by the daily run). models.transitions moves it.
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        "draft": ("open", "closed"),
        "open": ("paused", "filled", "closed"),
        "paused": ("open", "filled", "closed"),
        "filled": (),
        "closed": (),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    german_level: Mapped[str] = mapped_column(String(2))
    hours: Mapped[str] = mapped_column(String(10))
    hours_per_week: Mapped[int | None]
    driving_licence: Mapped[str | None] = mapped_column(String(4))
    start_date: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str | None] = mapped_column(String(5))
    quarter: Mapped[str] = mapped_column(String(20))
    language_support: Mapped[bool] = mapped_column(default=False)
    training_on_job: Mapped[bool] = mapped_column(default=False)
    public: Mapped[bool] = mapped_column(default=False, server_default=false())  # the company chose to show it on /stellen
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    published_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    expiry_reminder_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    index_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)

    employer: Mapped[Employer] = relationship()
    skills: Mapped[list[OpeningSkill]] = relationship(back_populates="opening", cascade="all, delete-orphan", order_by="OpeningSkill.position")
    reading_fixes: Mapped[list[ReadingFix]] = relationship(cascade="all, delete-orphan", passive_deletes=True)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(check_in("german_level", CEFR_LEVELS), name="german_level"),
        CheckConstraint(check_in("hours", HOURS), name="hours"),
        CheckConstraint("driving_licence IS NULL OR " + check_in("driving_licence", DRIVING_LICENCES), name="driving_licence"),
        CheckConstraint(check_in("status", OPENING_STATUSES), name="status"),
        CheckConstraint(check_in("quarter", QUARTERS), name="quarter"),
        CheckConstraint("hours_per_week IS NULL OR (hours_per_week BETWEEN 1 AND 48)", name="hours_per_week"),
    )

    @classmethod
    def listed_for(cls, user):
        """The criterion of the openings a user's list shows: an employer's are the company's own (every status), the
        counsellors' and the project lead's are the open ones (the pages and the API list with it)."""
        if user.role == "employer":
            return cls.employer_id == user.employer_id
        if user.role in ("admin", "counsellor"):
            return cls.status == "open"
        return false()

    @classmethod
    def listed_publicly(cls):
        """The criterion of the openings anyone may see without an account: open, and shown by the company's choice."""
        return (cls.status == "open") & cls.public.is_(True)

    def visible_to(self, user) -> bool:
        """Whether ``user`` may see this opening at all."""
        if user.role in ("admin", "counsellor"):
            return True
        return user.role == "employer" and user.employer_id == self.employer_id

    @property
    def required_skills(self) -> list[OpeningSkill]:
        return [s for s in self.skills if s.kind == "required"]

    @property
    def optional_skills(self) -> list[OpeningSkill]:
        return [s for s in self.skills if s.kind == "optional"]

    def typed(self) -> tuple[list[str], list[str], str]:
        """The lines as the business typed them: the required, the nice-to-have, and the must-have ("" if none)."""
        must = next((s.term for s in self.skills if s.is_must), "")
        return [s.term for s in self.required_skills], [s.term for s in self.optional_skills], must

    @property
    def asked(self) -> list[OpeningSkill]:
        """The lines of work the opening asks for, as pages list them: not a pasted ad's headings or what the business
        offers, which are kept as typed but not compared (``NOT_COMPARED``)."""
        return [s for s in self.skills if s.match_how not in NOT_COMPARED]

    @property
    def asked_required(self) -> list[OpeningSkill]:
        return [s for s in self.asked if s.kind == "required"]

    @property
    def asked_optional(self) -> list[OpeningSkill]:
        return [s for s in self.asked if s.kind == "optional"]

    def __repr__(self) -> str:
        return f"<Opening {self.id} {self.status}>"


class OpeningSkill(Base):
    """One skill an opening asks for: as typed and as the matcher understood it."""

    __tablename__ = "opening_skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("opening.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    is_must: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    term: Mapped[str] = mapped_column(String(200))
    skill_id: Mapped[str | None] = mapped_column(String(64), index=True)
    match_how: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[float | None]

    opening: Mapped[Opening] = relationship(back_populates="skills")

    __table_args__ = (
        CheckConstraint(check_in("kind", SKILL_KINDS), name="kind"),
        CheckConstraint("kind = 'required' OR NOT is_must", name="must_is_required"),
    )
