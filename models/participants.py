"""Participants: the matching profile, kept apart from identity and contact.

``Participant`` holds only what the matcher and the statistics need, under a
pseudonym. Name and contact live in ``ParticipantIdentity``, which only
counsellors read (and, after an approved introduction and within the
participant's consent, that one employer).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import Centre, User
from models.base import Base, utcnow
from models.enums import CEFR_LEVELS, CONSENT_SCOPES, PARTICIPANT_STATUSES, QUARTERS, check_in

if TYPE_CHECKING:
    from models.cv import CvEntry, CvPhoto
    from models.esf import EsfRecord
    from models.vocabulary import ReadingFix


def new_stats_key() -> str:
    return uuid.uuid4().hex


def not_suggested_because(status: str, consent_in_force: bool) -> str | None:
    """The one eligibility rule: why a person is suggested to nobody (their status – paused, placed after a
    hire, left – or no consent in force), or None when they are suggested. The matching index leaves people
    out by it (from plain rows), and "Warum nicht vorgeschlagen?" names what it returns."""
    if status != "active":
        return status
    if not consent_in_force:
        return "no_consent"
    return None


def centre_manages(user, centre_id: int) -> bool:
    """The rule behind :meth:`Participant.managed_by`, for a person read as a plain row: counsellors of the
    person's centre keep the profile and decide about introductions."""
    return user.role == "counsellor" and user.centre_id == centre_id


class Participant(Base):
    """The matching profile of one participant, under a pseudonym."""

    __tablename__ = "participant"
    # Active or paused (the profile form), placed by a reported hire (active again when it is taken back),
    # left when the exit is recorded (once; a correction changes its date, not the status).
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        "active": ("paused", "placed", "left"),
        "paused": ("active", "placed", "left"),
        "placed": ("active", "left"),
        "left": (),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(20), unique=True)
    # Key under which events about this person are counted; it survives erasure
    # of the person, so past statistics do not change.
    stats_key: Mapped[str] = mapped_column(String(32), unique=True, default=new_stats_key)
    # A second random key, used only by the erasure register (models.erasure): it appears in no event,
    # so the register ties no statistics to the person it erased.
    erasure_key: Mapped[str] = mapped_column(String(32), unique=True, default=new_stats_key)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), index=True)
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    german_level: Mapped[str] = mapped_column(String(2))
    wants_full_time: Mapped[bool] = mapped_column(default=False)
    wants_part_time: Mapped[bool] = mapped_column(default=False)
    wants_minijob: Mapped[bool] = mapped_column(default=False)
    available_from: Mapped[date | None]
    driving_licences: Mapped[list[str]] = mapped_column(JSON, default=list)
    postcode: Mapped[str | None] = mapped_column(String(5))
    quarter: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Position in the change sequence of the matching index (see models.matching).
    index_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)

    centre: Mapped[Centre] = relationship()
    counsellor: Mapped[User | None] = relationship()
    identity: Mapped[ParticipantIdentity | None] = relationship(back_populates="participant", cascade="all, delete-orphan", uselist=False)
    skills: Mapped[list[ParticipantSkill]] = relationship(
        back_populates="participant",
        cascade="all, delete-orphan",
        order_by="ParticipantSkill.position",
    )
    languages: Mapped[list[ParticipantLanguage]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="ParticipantLanguage.language"
    )
    consents: Mapped[list[ConsentRecord]] = relationship(back_populates="participant", cascade="all, delete-orphan", order_by="ConsentRecord.given_at")
    cv: Mapped[list[CvEntry]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True, order_by="(CvEntry.kind, CvEntry.started_on.desc(), CvEntry.id)"
    )
    photo: Mapped[CvPhoto | None] = relationship(back_populates="participant", cascade="all, delete-orphan", uselist=False, passive_deletes=True)
    reading_fixes: Mapped[list[ReadingFix]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    # ESF Plus data (models.esf): apart, read only by the own centre, never by the matcher.
    esf: Mapped[EsfRecord | None] = relationship(back_populates="participant", cascade="all, delete-orphan", uselist=False, passive_deletes=True)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(check_in("german_level", CEFR_LEVELS), name="german_level"),
        CheckConstraint(check_in("status", PARTICIPANT_STATUSES), name="status"),
        CheckConstraint(check_in("quarter", QUARTERS), name="quarter"),
        # An id is never given twice (SQLite would reuse the highest after an erasure, and the audit log and
        # the erasure register would then name the new person); PostgreSQL's sequences never reuse one.
        {"sqlite_autoincrement": True},
    )

    @property
    def hours(self) -> list[str]:
        """Hours wanted, in the interchange vocabulary of ``matching``."""
        wanted = {"full_time": self.wants_full_time, "part_time": self.wants_part_time, "minijob": self.wants_minijob}
        return [h for h, yes in wanted.items() if yes]

    def not_suggested_because(self) -> str | None:
        """Why the person is suggested to nobody (:func:`not_suggested_because`), or None when they are suggested."""
        return not_suggested_because(self.status, self.current_consent() is not None)

    @property
    def suggestible(self) -> bool:
        """Only active participants with consent in force are suggested to anybody."""
        return self.not_suggested_because() is None

    def managed_by(self, user) -> bool:
        """Counsellors of the participant's centre keep the profile and decide about introductions."""
        return centre_manages(user, self.centre_id)

    def matching_visible_to(self, user) -> bool:
        """Whether ``user`` may see this profile's matching data (pseudonym, skills, German level, distance).

        The own centre sees its people whatever their status. The other centre's
        counsellors see only people who are suggested to everybody anyway: active,
        with consent in force (the consent text says so). Names and contact stay
        with the own centre.
        """
        return self.managed_by(user) or (user.role == "counsellor" and self.suggestible)

    def current_consent(self) -> ConsentRecord | None:
        """The consent in force now, or None when none was given or it was withdrawn."""
        for record in reversed(self.consents):
            if record.withdrawn_at is None:
                return record
        return None

    def __repr__(self) -> str:
        return f"<Participant {self.pseudonym}>"


class ParticipantIdentity(Base):
    """Name and contact of a participant, stored apart from the profile."""

    __tablename__ = "participant_identity"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    # Free-text notes of the counsellor; the form warns against special-category data.
    notes: Mapped[str] = mapped_column(Text, default="")

    participant: Mapped[Participant] = relationship(back_populates="identity")


class ParticipantSkill(Base):
    """One skill as typed (``term``) and as the matcher understood it (``skill_id``)."""

    __tablename__ = "participant_skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    term: Mapped[str] = mapped_column(String(200))
    skill_id: Mapped[str | None] = mapped_column(String(64), index=True)
    match_how: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[float | None]

    participant: Mapped[Participant] = relationship(back_populates="skills")


class ParticipantLanguage(Base):
    """A language other than German that a participant speaks, with a CEFR level.

    German is kept in ``Participant.german_level`` (every profile has one, and
    the matcher and the filters use it).
    """

    __tablename__ = "participant_language"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(3), primary_key=True)  # ISO 639-1/-3 code
    level: Mapped[str] = mapped_column(String(2))

    participant: Mapped[Participant] = relationship(back_populates="languages")

    __table_args__ = (
        CheckConstraint(check_in("level", CEFR_LEVELS), name="level"),
        CheckConstraint("language != 'de'", name="not_german"),
    )


class ConsentRecord(Base):
    """What a participant agreed may be shared with an employer after an approved introduction.

    Scopes widen: ``skills`` (the card without name), ``first_name`` (+ first
    name), ``contact`` (+ phone and e-mail), ``cv`` (+ the Lebenslauf, with the
    full name). A withdrawal ends the record.
    """

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(12))
    text_version: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    participant: Mapped[Participant] = relationship(back_populates="consents")
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])

    __table_args__ = (CheckConstraint(check_in("scope", CONSENT_SCOPES), name="scope"),)

    def covers(self, scope: str) -> bool:
        """Whether this consent allows sharing what ``scope`` names (the scopes widen in the order of CONSENT_SCOPES)."""
        return self.withdrawn_at is None and CONSENT_SCOPES.index(self.scope) >= CONSENT_SCOPES.index(scope)


__all__ = [
    "ConsentRecord",
    "Participant",
    "ParticipantIdentity",
    "ParticipantLanguage",
    "ParticipantSkill",
]
