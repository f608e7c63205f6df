"""The scientific evaluation (issue 29): a participant's research consent and the log of every extract.

``ResearchConsent`` is its own consent, apart from the sharing consent (``ConsentRecord``) and the ESF Plus
voluntary data: recorded and withdrawn like them; only people with one in force appear in an extract as rows.
``ResearchExtract`` logs every extract made (who, when, how many rows, which key version) – never its content.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import User
from models.base import Base, utcnow


class ResearchConsent(Base):
    __tablename__ = "research_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    text_version: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])


class ResearchExtract(Base):
    __tablename__ = "research_extract"

    id: Mapped[int] = mapped_column(primary_key=True)
    made_at: Mapped[datetime] = mapped_column(default=utcnow)
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    via: Mapped[str] = mapped_column(String(10))  # "page" or "cli"
    key_version: Mapped[str] = mapped_column(String(20))
    k: Mapped[int]
    persons: Mapped[int]
    episodes: Mapped[int]
    suppressed: Mapped[int]

    made_by: Mapped[User | None] = relationship()
