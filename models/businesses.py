"""The project's work with local businesses before and beside their accounts (issue 28).

``Business`` is a KMU of the quarters the project knows – with or without an
employer account (``employer_id`` links it once it has one, and its history stays).
``BusinessContactPerson`` holds business contact data (its own retention and
access/erasure rights), ``BusinessActivity`` a visit, call, mail or event with
its next step, ``BusinessNeed`` a need noted at a contact that can become a
draft opening. The stage of the cooperation is a column for the pages; every
change of it is also an ``Event`` (kind ``business.stage``), the source of the
statistics. ``ProjectSetting`` keeps the few values the project lead sets.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import Centre, Employer, User
from models.base import Base, utcnow
from models.enums import (
    BUSINESS_SIZES,
    BUSINESS_SOURCES,
    BUSINESS_STAGES,
    CEFR_LEVELS,
    CONTACT_KINDS,
    HOURS,
    KMU_SIZES,
    NEED_STATUSES,
    QUARTERS,
    SECTORS,
    check_in,
)

if TYPE_CHECKING:
    from models.openings import Opening


def new_business_key() -> int:
    """A random 31-bit number per business: its events carry it (distinct counts and cell keys of the statistics)."""
    return secrets.randbits(31)


def size_class(headcount: int | None) -> str | None:
    """The EU size class of a business by its headcount (Recommendation 2003/361/EC): micro < 10, small < 50,
    medium < 250, else large; None for an unknown headcount."""
    if headcount is None or headcount < 0:
        return None
    for limit, name in ((10, "micro"), (50, "small"), (250, "medium")):
        if headcount < limit:
            return name
    return "large"


class Business(Base):
    """A business of the quarters the project works with (a prospect or a cooperating company)."""

    __tablename__ = "business"
    # The order of the stages (the statistics and the automatic moves use it); "dormant" stands apart.
    ORDER: ClassVar[tuple[str, ...]] = ("known", "approached", "interested", "cooperating", "hiring")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    street: Mapped[str] = mapped_column(String(160), default="")
    postcode: Mapped[str] = mapped_column(String(5), default="")
    quarter: Mapped[str] = mapped_column(String(20))
    sector: Mapped[str] = mapped_column(String(20))
    headcount: Mapped[int | None]
    size: Mapped[str | None] = mapped_column(String(10))  # from the headcount, or chosen; None: not known
    source: Mapped[str] = mapped_column(String(20), default="visit")
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"), index=True)  # the house that looks after it
    stage: Mapped[str] = mapped_column(String(12), default="known", index=True)
    employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("employer.id", ondelete="CASCADE"), unique=True
    )  # its records are part of the company's Art. 15 answer
    # The business agreed that the project publishes openings on its behalf (when, recorded by whom).
    publish_consent_at: Mapped[datetime | None]
    publish_consent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")
    stats_key: Mapped[int] = mapped_column(default=new_business_key)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_contact_at: Mapped[datetime | None]  # the retention of prospects counts from here (or from created_at)

    centre: Mapped[Centre | None] = relationship()
    employer: Mapped[Employer | None] = relationship()
    publish_consent_by: Mapped[User | None] = relationship()
    contacts: Mapped[list[BusinessContactPerson]] = relationship(back_populates="business", cascade="all, delete-orphan", order_by="BusinessContactPerson.id")
    activities: Mapped[list[BusinessActivity]] = relationship(
        back_populates="business", cascade="all, delete-orphan", order_by="(BusinessActivity.contact_date.desc(), BusinessActivity.id.desc())"
    )
    needs: Mapped[list[BusinessNeed]] = relationship(back_populates="business", cascade="all, delete-orphan", order_by="BusinessNeed.id.desc()")

    __table_args__ = (
        CheckConstraint(check_in("quarter", QUARTERS), name="quarter"),
        CheckConstraint(check_in("sector", SECTORS), name="sector"),
        CheckConstraint("size IS NULL OR " + check_in("size", BUSINESS_SIZES), name="size"),
        CheckConstraint(check_in("source", BUSINESS_SOURCES), name="source"),
        CheckConstraint(check_in("stage", BUSINESS_STAGES), name="stage"),
        CheckConstraint("headcount IS NULL OR headcount >= 0", name="headcount"),
    )

    @staticmethod
    def visible_to(user) -> bool:
        """Counsellors and the project lead work with the businesses of both quarters; companies never see the
        project's records about them (only through their own access request)."""
        return user.is_authenticated and user.role in ("admin", "counsellor")

    @property
    def is_kmu(self) -> bool:
        return self.size in KMU_SIZES

    @property
    def ever_cooperated(self) -> bool:
        """Whether it ever had an account: then its records are kept like a company's, not like a prospect's."""
        return self.employer_id is not None

    def __repr__(self) -> str:
        return f"<Business {self.id} {self.stage}>"


class BusinessContactPerson(Base):
    """A person to talk to at a business (business contact data)."""

    __tablename__ = "business_contact_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    role: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    business: Mapped[Business] = relationship(back_populates="contacts")


class BusinessActivity(Base):
    """A contact with a business: visit, call, mail or event, with its result and the next step."""

    __tablename__ = "business_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    contact_date: Mapped[date]
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    topic: Mapped[str] = mapped_column(String(200))
    result: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(String(200), default="")
    next_due: Mapped[date | None] = mapped_column(index=True)
    next_owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    next_done_at: Mapped[datetime | None]
    next_reminded_on: Mapped[date | None]  # the daily digest's last reminder of the step (on its day, then weekly)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    business: Mapped[Business] = relationship(back_populates="activities")
    by: Mapped[User | None] = relationship(foreign_keys=[by_id])
    next_owner: Mapped[User | None] = relationship(foreign_keys=[next_owner_id])

    __table_args__ = (CheckConstraint(check_in("kind", CONTACT_KINDS), name="kind"),)

    @property
    def step_open(self) -> bool:
        return bool(self.next_step) and self.next_done_at is None


class BusinessNeed(Base):
    """What a business is looking for, noted at a contact ("sucht ab März 2 Aushilfen Verkauf, Minijob")."""

    __tablename__ = "business_need"
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {"open": ("drafted", "dropped"), "drafted": ("published", "dropped"), "published": (), "dropped": ()}

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("business_activity.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(Text, default="")  # as the business said them, comma-separated
    german_level: Mapped[str] = mapped_column(String(2), default="A2")
    positions: Mapped[int] = mapped_column(Integer, default=1)
    hours: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("opening.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    business: Mapped[Business] = relationship(back_populates="needs")
    opening: Mapped[Opening | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(check_in("hours", HOURS), name="hours"),
        CheckConstraint(check_in("german_level", CEFR_LEVELS), name="german_level"),
        CheckConstraint(check_in("status", NEED_STATUSES), name="status"),
        CheckConstraint("positions BETWEEN 1 AND 50", name="positions"),
    )


class ProjectSetting(Base):
    """A value the project lead sets on a page (not a deployment's configuration): name -> whole number."""

    __tablename__ = "project_setting"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
