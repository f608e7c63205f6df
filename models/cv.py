"""What a German CV needs beyond the matching profile: work history, school and training, certificates.

Entered with the counsellor; the tasks of a job and the certificates count for matching (marked as
coming from experience), the rest is for the CV. Goes with the person (ON DELETE CASCADE).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.enums import CV_KINDS, RECOGNITION, check_in
from models.participants import Participant


class CvEntry(Base):
    __tablename__ = "cv_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))  # employer, school or training, certificate
    place: Mapped[str] = mapped_column(String(120), default="")
    started_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    details: Mapped[str] = mapped_column(Text, default="")  # a job's tasks in the person's words; a degree
    recognition: Mapped[str | None] = mapped_column(String(12))  # a qualification gained abroad

    participant: Mapped[Participant] = relationship(back_populates="cv")

    __table_args__ = (
        CheckConstraint(check_in("kind", CV_KINDS), name="kind"),
        CheckConstraint("recognition IS NULL OR " + check_in("recognition", RECOGNITION), name="recognition"),
        CheckConstraint("ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on", name="dates"),
    )


class CvPhoto(Base):
    """The optional photo of the CV: off unless the person wants one; a small JPEG without metadata (webapp.cv.photo).

    Kept in the database, so it goes with the person (erasure, backup, restore) and no file is left behind.
    """

    __tablename__ = "cv_photo"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant] = relationship(back_populates="photo")
