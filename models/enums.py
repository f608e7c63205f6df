"""Allowed values of the schema's enumerations, kept in one place.

They are stored as plain strings with CHECK constraints (not native enums), so
adding a value is a small migration on both databases.
"""

from __future__ import annotations

ROLES = ("admin", "counsellor", "employer")
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
HOURS = ("full_time", "part_time", "minijob")
QUARTERS = ("altenhagen", "wehringhausen", "other")
SECTORS = (
    "bakery",
    "kiosk",
    "hairdresser",
    "car_repair",
    "cleaning",
    "care",
    "logistics",
    "restaurant",
    "retail",
    "crafts",
    "other",
)
DRIVING_LICENCES = ("AM", "A", "B", "BE", "C1", "C1E", "C", "CE", "L", "T")
PARTICIPANT_STATUSES = ("active", "paused", "placed", "left")
OPENING_STATUSES = ("draft", "open", "paused", "filled", "closed")
# An introduction starts as the counsellor's decision (approved or rejected); the employer reports
# interview, hire or no hire; a counsellor can withdraw it. models.introductions.INTRODUCTION_TRANSITIONS
# says which status may follow which.
INTRODUCTION_STATUSES = ("approved", "rejected", "interview", "hired", "not_hired", "withdrawn")
SKILL_KINDS = ("required", "optional")
PROPOSAL_STATUSES = ("open", "accepted", "rejected")
CONSENT_SCOPES = ("skills", "first_name", "contact", "cv")
ERASURE_REASONS = ("request", "retention")
# What a CV is made of (models.cv), and the recognition of a qualification gained abroad.
CV_KINDS = ("work", "education", "certificate")
RECOGNITION = ("applied", "granted", "not_needed")
# ESF Plus participant data (Regulation (EU) 2021/1057, Annex I), kept apart from the matching profile.
GENDERS = ("female", "male", "diverse")
LABOUR_STATUSES = ("unemployed", "long_term_unemployed", "inactive", "employed")
EDUCATION_LEVELS = ("isced_0_2", "isced_3_4", "isced_5_8")
EXIT_SITUATIONS = ("employed", "job_searching", "education", "qualification", "other")
# Asked only with the participant's explicit consent; each answer may also stay "not stated" (NULL).
# The project's work with local businesses (models.businesses): EU size classes by headcount, how a business
# came to the project, the stage of the cooperation, the kinds of contact, what became of a need.
BUSINESS_SIZES = ("micro", "small", "medium", "large")
KMU_SIZES = BUSINESS_SIZES[:3]  # fewer than 250 employees: a KMU (SME) in the EU sense
BUSINESS_SOURCES = ("visit", "event", "city_list", "recommendation", "self", "other")
BUSINESS_STAGES = ("known", "approached", "interested", "cooperating", "hiring", "dormant")
CONTACT_KINDS = ("visit", "call", "mail", "event")
NEED_STATUSES = ("open", "drafted", "published", "dropped")
VOLUNTARY_ESF_FIELDS = ("disability", "third_country", "foreign_background", "minority", "homeless")


QUARTER_OF_POSTCODE = {"58089": "wehringhausen", "58097": "altenhagen"}


def postcode_quarter(postcode: str | None) -> str:
    """The quarter a Hagen postcode lies in (the two project quarters, else 'other')."""
    return QUARTER_OF_POSTCODE.get(postcode or "", "other")


def check_in(column: str, values: tuple[str, ...]) -> str:
    """SQL text of a CHECK constraint ``column IN (...)``."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
