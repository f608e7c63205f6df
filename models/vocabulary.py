"""The vocabulary that learns: readings people correct, proposals, and the project's own layer.

* ``ReadingFix`` – the reading a person chose for one term of one opening or profile
  ("nicht gemeint" → what was meant, or "its own thing"). It holds at once for that record
  and goes with it (ON DELETE CASCADE).
* ``VocabularyProposal`` – the same correction offered to the project: who proposed it is
  kept as role and centre only, never the record it came from. Rejected proposals stay, so
  the same proposal is not asked again.
* ``VocabularyEntry`` – the project's layer over the shipped vocabulary, versioned: every
  change is a new row (who, when, why); the newest row of a term is in force, and a row
  with ``active`` false withdraws the term. ``index_seq`` is the matching index's change
  counter when the row was written, so every worker notices it (webapp.vocabulary.operations).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import Centre, User
from models.base import Base, utcnow
from models.enums import PROPOSAL_STATUSES, ROLES, check_in

TERM_LENGTH = 100
CONCEPT_LENGTH = 64


class ReadingFix(Base):
    __tablename__ = "reading_fix"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("opening.id", ondelete="CASCADE"), index=True)
    term_key: Mapped[str] = mapped_column(String(TERM_LENGTH))
    concept_id: Mapped[str | None] = mapped_column(String(CONCEPT_LENGTH))  # None: the term is its own thing
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("participant_id", "term_key"),
        UniqueConstraint("opening_id", "term_key"),
        CheckConstraint("(participant_id IS NULL) != (opening_id IS NULL)", name="one_owner"),
    )


class VocabularyProposal(Base):
    __tablename__ = "vocabulary_proposal"
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {"open": ("accepted", "rejected"), "accepted": (), "rejected": ()}

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(TERM_LENGTH))
    term_key: Mapped[str] = mapped_column(String(TERM_LENGTH), index=True)
    concept_id: Mapped[str | None] = mapped_column(String(CONCEPT_LENGTH))  # what was meant; None: its own thing
    was_concept: Mapped[str | None] = mapped_column(String(CONCEPT_LENGTH))  # how the term was read when proposed
    was_how: Mapped[str] = mapped_column(String(20), default="unknown")
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    centre: Mapped[Centre | None] = relationship()
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])

    __table_args__ = (
        CheckConstraint(check_in("status", PROPOSAL_STATUSES), name="status"),
        CheckConstraint(check_in("role", ROLES), name="role"),
    )


class VocabularyEntry(Base):
    __tablename__ = "vocabulary_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(TERM_LENGTH))
    term_key: Mapped[str] = mapped_column(String(TERM_LENGTH), index=True)
    concept_id: Mapped[str | None] = mapped_column(String(CONCEPT_LENGTH))  # None: its own thing
    active: Mapped[bool] = mapped_column(default=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    index_seq: Mapped[int] = mapped_column(Integer, default=0, index=True)

    created_by: Mapped[User | None] = relationship()


IMPORT_STATUSES = ("preview", "applying", "applied", "discarded")


class VocabularyImport(Base):
    """A vocabulary file read and checked, waiting for the admin to see what it changes (and its measured
    effect) before it applies; applied in batches by a background job, with progress."""

    __tablename__ = "vocabulary_import"
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        "preview": ("applying", "discarded"),
        "applying": ("applied",),
        "applied": (),
        "discarded": (),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(200), default="")
    entries: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [term, concept id or None, reason] of the file
    status: Mapped[str] = mapped_column(String(10), default="preview", index=True)
    done: Mapped[int] = mapped_column(Integer, default=0)  # entries handled so far while applying
    added: Mapped[int] = mapped_column(Integer, default=0)  # entries that changed the layer
    finished_at: Mapped[datetime | None]

    __table_args__ = (CheckConstraint(check_in("status", IMPORT_STATUSES), name="status"),)


class VocabularyMeasurement(Base):
    """One run of the matcher's report (matching.report) for the layer as it was at ``layer_seq`` – or, with
    ``import_id``, for the layer an import would make; started by an admin, run as a background job (its
    ``progress`` in per cent shows on the page), so any worker can show its result."""

    __tablename__ = "vocabulary_measurement"

    id: Mapped[int] = mapped_column(primary_key=True)
    layer_seq: Mapped[int] = mapped_column(Integer, default=0)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("vocabulary_import.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    progress: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    finished_at: Mapped[datetime | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
