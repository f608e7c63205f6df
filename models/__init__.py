"""The schema of KMU-Match (SQLAlchemy 2 typed models on a plain DeclarativeBase)."""
from .accounts import AccessRequest, AccountToken, Centre, Employer, LoginSession, OutboxMail, User
from .append_only import AppendOnlyError
from .audit import AuditEvent
from .base import Base, utcnow
from .erasure import ERASURE_REASONS, Erasure
from .introductions import INTRODUCTION_TRANSITIONS, Event, Introduction
from .matching import MatchingState
from .openings import Opening, OpeningSkill
from .participants import ConsentRecord, Participant, ParticipantIdentity, ParticipantLanguage, ParticipantSkill

__all__ = [
    "AccessRequest",
    "AccountToken",
    "AppendOnlyError",
    "AuditEvent",
    "Base",
    "Centre",
    "ConsentRecord",
    "Employer",
    "ERASURE_REASONS",
    "Erasure",
    "Event",
    "INTRODUCTION_TRANSITIONS",
    "Introduction",
    "LoginSession",
    "MatchingState",
    "Opening",
    "OpeningSkill",
    "OutboxMail",
    "Participant",
    "ParticipantIdentity",
    "ParticipantLanguage",
    "ParticipantSkill",
    "User",
    "utcnow",
]
