"""The schema of KMU-Match (SQLAlchemy 2 typed models on a plain DeclarativeBase)."""

from models.accounts import AccessRequest, AccountToken, ApiRequestKey, ApiToken, Centre, Employer, LoginSession, OutboxMail, User
from models.append_only import AppendOnlyError
from models.audit import AuditEvent
from models.base import LOCAL_TIMEZONE, Base, local_month, utcnow
from models.businesses import Business, BusinessActivity, BusinessContactPerson, BusinessNeed, ProjectSetting
from models.cv import CvEntry, CvPhoto
from models.erasure import ERASURE_REASONS, Erasure
from models.esf import FOLLOW_UP_MONTHS, EsfRecord
from models.introductions import DECISION_STATUSES, INTRODUCTION_TRANSITIONS, VISIBLE_TO_EMPLOYER, Event, Introduction, allowed_from
from models.matching import MatchingState
from models.openings import Opening, OpeningSkill
from models.participants import ConsentRecord, Participant, ParticipantIdentity, ParticipantLanguage, ParticipantSkill
from models.research import ResearchConsent, ResearchExtract
from models.vocabulary import ReadingFix, VocabularyEntry, VocabularyImport, VocabularyMeasurement, VocabularyProposal

__all__ = [
    "DECISION_STATUSES",
    "ERASURE_REASONS",
    "FOLLOW_UP_MONTHS",
    "INTRODUCTION_TRANSITIONS",
    "LOCAL_TIMEZONE",
    "VISIBLE_TO_EMPLOYER",
    "AccessRequest",
    "AccountToken",
    "ApiRequestKey",
    "ApiToken",
    "AppendOnlyError",
    "AuditEvent",
    "Base",
    "Business",
    "BusinessActivity",
    "BusinessContactPerson",
    "BusinessNeed",
    "Centre",
    "ConsentRecord",
    "CvEntry",
    "CvPhoto",
    "Employer",
    "Erasure",
    "EsfRecord",
    "Event",
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
    "ProjectSetting",
    "ReadingFix",
    "ResearchConsent",
    "ResearchExtract",
    "User",
    "VocabularyEntry",
    "VocabularyImport",
    "VocabularyMeasurement",
    "VocabularyProposal",
    "allowed_from",
    "local_month",
    "utcnow",
]
