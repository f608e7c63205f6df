"""What counsellors do to participant profiles. Operations add and flush; the view commits.

:func:`problems` is the one set of rules for a profile: the form, the import and
the demo data all check their values with it before anything is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from matching.text import key
from models import LOCAL_TIMEZONE, Centre, ConsentRecord, Participant, ParticipantIdentity, ParticipantLanguage, ParticipantSkill, User, transitions, utcnow
from models.enums import CEFR_LEVELS, CONSENT_SCOPES, DRIVING_LICENCES, HOURS, postcode_quarter
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import LANGUAGE_LABELS
from webapp.esf.operations import open_participation
from webapp.suggestions.index import touch
from webapp.suggestions.skills import MAX_TERMS, fixed_readings, skill_rows, term_problems

# The consent text is counsellors/templates/counsellors/_consent_text.html; a new wording gets a new version.
# 2026-02: says that the other centre's counsellors see the pseudonymous profile in suggestions.
# 2026-11: says that the Lebenslauf may be shared with a company (scope "cv").
CONSENT_TEXT_VERSION = "2026-11"
PREFIX = {"altenhagen": "AH", "wehringhausen": "WH"}
# The longest value each text field may hold (the columns' sizes).
MAX_LENGTH = {"first_name": 100, "last_name": 100, "phone": 40, "email": 254, "notes": 2000}
PHONE = re.compile(r"[0-9 +()/-]*")
POSTCODE = re.compile(r"\d{5}")
# What a counsellor sets on the profile. "placed" follows a reported hire and "left" the recorded exit
# (webapp.esf.operations.record_exit): neither is chosen on the profile, so an exit has one way in.
EDITABLE_STATUSES = ("active", "paused")


@dataclass
class ProfileValues:
    """A participant's profile and identity as entered (form, import row or demo data), before it is stored."""

    first_name: str
    last_name: str
    german_level: str = "A2"
    phone: str = ""
    email: str = ""
    notes: str = ""
    skills: list[str] = field(default_factory=list)
    languages: dict[str, str] = field(default_factory=dict)  # other languages than German: code -> CEFR level
    hours: list[str] = field(default_factory=list)
    available_from: date | None = None
    driving_licences: list[str] = field(default_factory=list)
    postcode: str | None = None
    status: str = "active"


def problems(values: ProfileValues) -> dict[str, list[str]]:
    """What is wrong with ``values``, by field (messages for the user); empty when they can be stored."""
    found: dict[str, list[str]] = {}

    def add(name: str, message) -> None:
        found.setdefault(name, []).append(str(message))

    if not values.first_name.strip():
        add("first_name", _l("Bitte geben Sie den Vornamen ein."))
    if not values.last_name.strip():
        add("last_name", _l("Bitte geben Sie den Nachnamen ein."))
    for name, limit in MAX_LENGTH.items():
        if len(getattr(values, name) or "") > limit:
            add(name, _l("Höchstens %(n)d Zeichen.", n=limit))
    if values.phone and not PHONE.fullmatch(values.phone):
        add("phone", _l("Bitte nur Ziffern, Leerzeichen und + ( ) / -."))
    if values.email:
        try:
            validate_email(values.email, check_deliverability=False)
        except EmailNotValidError:
            add("email", _l("Das ist keine gültige E-Mail-Adresse."))
    if values.german_level not in CEFR_LEVELS:
        add("german_level", _l("Bitte eine Stufe von A1 bis C2."))
    for message in term_problems(values.skills, max_terms=MAX_TERMS * 2):
        add("skills", message)
    for code, level in values.languages.items():
        if code not in LANGUAGE_LABELS or code == "de" or level not in CEFR_LEVELS:
            add("languages", _l("Sprache oder Stufe unbekannt."))
    if set(values.hours) - set(HOURS):
        add("hours", _l("Bitte Vollzeit, Teilzeit oder Minijob."))
    if set(values.driving_licences) - set(DRIVING_LICENCES):
        add("driving_licences", _l("Unbekannte Führerscheinklasse."))
    if values.postcode and not POSTCODE.fullmatch(values.postcode):
        add("postcode", _l("Eine Postleitzahl hat fünf Ziffern."))
    if values.status not in EDITABLE_STATUSES:
        add("status", _l("Bitte aktiv oder pausiert."))
    if values.available_from is not None and not date(2000, 1, 1) <= values.available_from <= date(2099, 12, 31):
        add("available_from", _l("Bitte ein Datum zwischen 2000 und 2099."))
    return found


class InvalidProfile(ValueError):
    """Values that :func:`problems` refuses reached an operation."""


def _check(values: ProfileValues) -> None:
    found = problems(values)
    if found:
        raise InvalidProfile("; ".join(f"{name}: {', '.join(messages)}" for name, messages in found.items()))


def fill(p: Participant, values: ProfileValues, *, default_quarter: str, understood=None) -> None:
    """Put ``values`` into ``p`` (profile, identity, skills as typed and understood, languages)."""
    _check(values)
    if p.identity is None:
        p.identity = ParticipantIdentity(first_name="", last_name="")
    for name in ("first_name", "last_name", "phone", "email", "notes"):
        setattr(p.identity, name, (getattr(values, name) or "").strip())
    p.german_level = values.german_level
    p.wants_full_time, p.wants_part_time, p.wants_minijob = ("full_time" in values.hours, "part_time" in values.hours, "minijob" in values.hours)
    p.available_from = values.available_from
    p.driving_licences = sorted(set(values.driving_licences))
    p.postcode = values.postcode or None
    p.quarter = postcode_quarter(p.postcode) if p.postcode else default_quarter
    if p.id is None:  # a new profile starts as the form says; later changes are moves (save_profile)
        p.status = values.status
    p.skills.clear()
    p.skills.extend(skill_rows(ParticipantSkill, values.skills, understood, fixed=fixed_readings(p) if understood is None else None))
    if p.languages:
        p.languages.clear()
        db.session.flush()  # the old language rows go before new ones with the same key come
    p.languages.extend(ParticipantLanguage(language=code, level=level) for code, level in sorted(values.languages.items()))


def merge_imported(p: Participant, values: ProfileValues) -> list[str]:
    """Add what an imported row knows and the profile ``p`` does not (issue 25.11): skills not yet listed,
    languages not yet listed, licences, and a phone, e-mail or postcode where the profile has none. Nothing
    the profile holds is overwritten. Returns the skills added; raises InvalidProfile when the profile would hold
    more skills than its form allows."""
    have = {key(s.term) for s in p.skills}
    added = [term for term in values.skills if key(term) not in have]
    start = len(p.skills)
    if start + len(added) > MAX_TERMS * 2:  # the profile form's limit holds for a merged profile, too
        raise InvalidProfile(str(_l("%(code)s hätte danach mehr als %(n)d Kenntnisse", code=p.pseudonym, n=MAX_TERMS * 2)))
    for row in skill_rows(ParticipantSkill, added):
        row.position += start
        p.skills.append(row)
    identity = p.identity
    if identity is not None:
        for name in ("phone", "email"):
            if not getattr(identity, name) and getattr(values, name):
                setattr(identity, name, getattr(values, name).strip())
    if not p.postcode and values.postcode:
        p.postcode = values.postcode
    p.driving_licences = sorted(set(p.driving_licences or []) | set(values.driving_licences))
    known = {lang.language for lang in p.languages}
    p.languages.extend(ParticipantLanguage(language=code, level=level) for code, level in sorted(values.languages.items()) if code not in known)
    touch(db.session, p)
    audit("participant.merge_import", "participant", p.id)
    return added


def next_pseudonym(centre) -> str:
    prefix = PREFIX.get(centre.slug, centre.slug[:2].upper())
    codes = db.session.scalars(select(Participant.pseudonym).where(Participant.pseudonym.like(f"{prefix}-%"))).all()
    numbers = [int(c.split("-")[1]) for c in codes if c.split("-")[1].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1:04d}"


def today() -> date:
    """Today in Hagen (the day of an entry made now)."""
    return utcnow().astimezone(ZoneInfo(LOCAL_TIMEZONE)).date()


def _entered(p: Participant, action: str) -> None:
    touch(db.session, p)
    open_participation(p, today())
    audit(action, "participant", p.id)


def _centre_of(counsellor: User) -> Centre:
    if counsellor.centre is None:
        raise ValueError("only a counsellor of a centre keeps participants")
    return counsellor.centre


def create_participant(values: ProfileValues, counsellor: User, responsible_id: int | None) -> Participant:
    """A new profile in the counsellor's centre with the next free pseudonym (also when two are made at once)."""
    centre = _centre_of(counsellor)
    for _attempt in range(3):
        p = Participant(pseudonym=next_pseudonym(centre), centre_id=centre.id, counsellor_id=responsible_id, german_level="A1", quarter="other")
        try:
            with db.session.begin_nested():
                db.session.add(p)
                fill(p, values, default_quarter=centre.quarter)
            break
        except IntegrityError:  # someone took the same number at the same moment
            continue
    else:
        raise RuntimeError("no free pseudonym after three attempts")
    _entered(p, "participant.create")
    return p


def save_profile(p: Participant, values: ProfileValues, responsible_id: int | None) -> None:
    """Store changed values (active or paused; an exit is recorded by webapp.esf.operations.record_exit)."""
    fill(p, values, default_quarter=p.centre.quarter)
    p.counsellor_id = responsible_id
    # active <-> paused; a hire and an exit decide "placed" and "left", not the profile form
    if values.status != p.status and p.status in ("active", "paused") and not transitions.move(db.session, p, values.status, Participant.status == p.status):
        raise StaleDataError("the profile's status was changed by someone else meanwhile")
    touch(db.session, p)
    audit("participant.update", "participant", p.id)


def record_consent(p: Participant, scope: str | None, user: User) -> None:
    """Give consent with ``scope`` (replacing the one in force), or withdraw it (``scope=None``)."""
    if scope is not None and scope not in CONSENT_SCOPES:
        raise ValueError(f"unknown consent scope {scope!r}")
    current = p.current_consent()
    now = utcnow()
    if current is not None:
        current.withdrawn_at = now
        current.withdrawn_by_id = user.id
    if scope is not None:
        db.session.add(ConsentRecord(participant_id=p.id, scope=scope, text_version=CONSENT_TEXT_VERSION, given_at=now, recorded_by_id=user.id))
        audit("consent.give", "participant", p.id)
    elif current is not None:
        audit("consent.withdraw", "participant", p.id)
    touch(db.session, p)


def record_consents(chosen: dict[int, str], user: User) -> bool:
    """Consent for several people at once (``chosen``: participant id -> scope), each recorded and audited as one.
    All or nothing: if one of them is not a person ``user`` manages (another house's, or nobody), nothing is
    recorded and the answer is False."""
    people = {p.id: p for p in db.session.scalars(select(Participant).where(Participant.id.in_(chosen)))} if chosen else {}
    if len(people) != len(chosen) or not all(p.managed_by(user) for p in people.values()):
        return False
    for pid, scope in chosen.items():
        record_consent(people[pid], scope, user)
    return True


def import_profiles(rows: list[ProfileValues], counsellor: User) -> list[Participant]:
    """Every row as a new profile of the counsellor's centre, in the request's one transaction (all or none)."""
    from webapp.suggestions.skills import normaliser

    understood = normaliser().normalise_records([values.skills for values in rows])
    centre = _centre_of(counsellor)
    prefix, number = next_pseudonym(centre).split("-")
    made = []
    for offset, (values, norms) in enumerate(zip(rows, understood)):
        p = Participant(pseudonym=f"{prefix}-{int(number) + offset:04d}", centre_id=centre.id, counsellor_id=counsellor.id, german_level="A1", quarter="other")
        db.session.add(p)
        fill(p, values, default_quarter=centre.quarter, understood=norms)
        made.append(p)
    db.session.flush()
    for p in made:
        _entered(p, "participant.import")
    return made
