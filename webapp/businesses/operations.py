"""The rules of the project's work with businesses. Operations add and flush; the view commits.

Stage changes are events (``business.stage``), contacts too (``business.contact``),
and a need that became a draft opening (``business.need_drafted``): the
statistics (:mod:`webapp.businesses.figures`) read only those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import url_for
from flask_login import current_user
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, selectinload

from models import LOCAL_TIMEZONE, Business, BusinessActivity, BusinessContactPerson, BusinessNeed, Centre, Employer, Opening, ProjectSetting, User, utcnow
from models.enums import postcode_quarter
from models.transitions import move
from webapp.businesses import imports
from webapp.businesses.progress import advance, create_business
from webapp.core.audit import audit
from webapp.core.db import changed, db
from webapp.core.events import record_event
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.i18n import lazy_ngettext as _ln
from webapp.core.mail import queue_mail

# How long the contacts of a business that never cooperated are kept after its last contact (the project lead
# changes it on the settings page; ProjectSetting "prospect_retention_months").
PROSPECT_RETENTION_SETTING = "prospect_retention_months"
PROSPECT_RETENTION_DEFAULT = 24


def setting(session: Session, name: str, default: int) -> int:
    row = session.get(ProjectSetting, name)
    return row.value if row is not None else default


def prospect_retention_months(session: Session) -> int:
    return setting(session, PROSPECT_RETENTION_SETTING, PROSPECT_RETENTION_DEFAULT)


def set_prospect_retention_months(months: int) -> None:
    row = db.session.get(ProjectSetting, PROSPECT_RETENTION_SETTING)
    if row is None:
        row = ProjectSetting(name=PROSPECT_RETENTION_SETTING, value=months)
        db.session.add(row)
    row.value = months
    row.updated_by_id = current_user.id
    audit("business.retention_set", "setting")


@dataclass
class ContactValues:
    kind: str
    contact_date: date
    topic: str
    result: str = ""
    next_step: str = ""
    next_due: date | None = None
    next_owner_id: int | None = None


@dataclass
class NeedValues:
    title: str
    hours: str
    positions: int = 1
    start_date: date | None = None
    description: str = ""
    skills: str = ""
    german_level: str = "A2"


def record_contact(business: Business, contact: ContactValues, need: NeedValues | None = None) -> BusinessActivity:
    """A visit, call, mail or event with its result, its next step and perhaps a need noted there. A first contact
    makes a known business "angesprochen", a need an "interessiert" one."""
    activity = BusinessActivity(business=business, by_id=current_user.id, **contact.__dict__)
    if activity.next_step and activity.next_owner_id is None:
        activity.next_owner_id = current_user.id
    db.session.add(activity)
    at = datetime.combine(contact.contact_date, time(12), tzinfo=ZoneInfo(LOCAL_TIMEZONE))
    if business.last_contact_at is None or at > business.last_contact_at:
        business.last_contact_at = at
    db.session.flush()
    record_event("business.contact", business=business, reason=contact.kind)
    audit("business.contact", "business", business.id)
    advance(business, "approached", "contact")
    if need is not None:
        add_need(business, need, activity)
    return activity


def add_need(business: Business, need: NeedValues, activity: BusinessActivity | None = None) -> BusinessNeed:
    row = BusinessNeed(business=business, activity_id=activity.id if activity else None, **need.__dict__)
    db.session.add(row)
    db.session.flush()
    record_event("business.need", business=business)
    audit("business.need", "business", business.id)
    advance(business, "interested", "need")
    return row


def centre_for(postcode: str, user) -> int | None:
    """The house that looks after a business: the one of its quarter, else the house of whoever enters it."""
    quarter = postcode_quarter(postcode)
    centre_id = db.session.scalar(select(Centre.id).where(Centre.quarter == quarter).order_by(Centre.id).limit(1))
    return centre_id if centre_id is not None else user.centre_id


def complete_step(activity: BusinessActivity) -> bool:
    if not activity.step_open:
        return False
    activity.next_done_at = utcnow()
    audit("business.step_done", "business", activity.business_id)
    return True


def reassign_step(activity: BusinessActivity, owner: User) -> None:
    activity.next_owner_id = owner.id
    audit("business.step_reassigned", "business", activity.business_id)


def hand_over_steps(source: User, owner: User) -> int:
    """Every open next step of ``source`` (away) goes to ``owner``; how many."""
    steps = db.session.scalars(
        select(BusinessActivity).where(BusinessActivity.next_owner_id == source.id, BusinessActivity.next_done_at.is_(None), BusinessActivity.next_step != "")
    ).all()
    for activity in steps:
        reassign_step(activity, owner)
    return len(steps)


def staff_members(session: Session) -> list[User]:
    """Who a next step can be given to: the active counsellors and project leads."""
    return list(session.scalars(select(User).where(User.role.in_(("admin", "counsellor")), User.active.is_(True)).order_by(User.name)))


def due_steps(session: Session, user_id: int, today: date, ahead: int = 7) -> list[BusinessActivity]:
    """The open next steps of ``user_id`` due within ``ahead`` days or overdue, oldest first."""
    return list(
        session.scalars(
            select(BusinessActivity)
            .where(
                BusinessActivity.next_owner_id == user_id,
                BusinessActivity.next_done_at.is_(None),
                BusinessActivity.next_step != "",
                BusinessActivity.next_due <= today + timedelta(days=ahead),
            )
            .options(selectinload(BusinessActivity.business))
            .order_by(BusinessActivity.next_due, BusinessActivity.id)
        )
    )


def set_publish_consent(business: Business, given: bool) -> None:
    """The business agreed (or no longer agrees) that the project publishes openings on its behalf."""
    if given and business.publish_consent_at is None:
        business.publish_consent_at = utcnow()
        business.publish_consent_by_id = current_user.id
        audit("business.publish_consent", "business", business.id)
    elif not given and business.publish_consent_at is not None:
        business.publish_consent_at = None
        business.publish_consent_by_id = None
        audit("business.publish_consent_withdrawn", "business", business.id)


def open_account(business: Business, email: str) -> Employer:
    """The business gets an employer account (the invitation mail goes to ``email``); its records stay with it."""
    from webapp.auth.operations import invite_company

    contact = next((c.name for c in business.contacts if c.email.lower() == email.lower()), business.name)
    employer = Employer(name=business.name, sector=business.sector, street=business.street, postcode=business.postcode, quarter=business.quarter)
    invite_company(employer, email, contact)
    business.employer = employer
    db.session.flush()
    audit("business.linked", "business", business.id)
    return employer


def need_to_draft(need: BusinessNeed, email: str | None) -> Opening | None:
    """The need becomes a draft opening of the business, which only has to confirm it: a business without an
    account gets one (the invitation goes to ``email``), and a mail with the link to the draft. None when the need
    was turned into a draft already (by another request, too)."""
    from webapp.employers.operations import OpeningValues, create_opening

    business = need.business
    if not move(db.session, need, "drafted"):
        return None
    if business.employer is None:
        if not email:
            raise ValueError("a business without an account needs an address for the invitation")
        open_account(business, email)
    employer = business.employer
    if employer is None:  # pragma: no cover - set just above
        raise RuntimeError("the business has no account")
    values = OpeningValues(
        fields={
            "title": need.title,
            "description": need.description,
            "german_level": need.german_level,
            "language_support": False,
            "hours": need.hours,
            "hours_per_week": None,
            "training_on_job": True,
            "start_date": need.start_date,
            "place": business.street,
            "postcode": business.postcode or employer.postcode,
            "public": False,
        },
        required=[term.strip() for term in need.skills.replace("\n", ",").split(",") if term.strip()][:20],
        optional=[],
    )
    opening = create_opening(employer.id, values, publish=False)
    need.opening_id = opening.id
    db.session.flush()
    path = url_for("employers.opening", opening_id=opening.id)
    for address in {email or "", *db.session.scalars(select(User.email).where(User.employer_id == employer.id, User.active.is_(True)))} - {""}:
        queue_mail(address, _l("Ein Stellenentwurf für Ihren Betrieb wartet auf Sie"), "business_draft", company=employer.name, title=opening.title, path=path)
    record_event("business.need_drafted", business=business)
    audit("business.need_drafted", "opening", opening.id)
    return opening


def publish_on_behalf(need: BusinessNeed) -> bool:
    """Staff publish the need's draft for the business, which agreed to it beforehand (audited as such). False when
    the business has not agreed, or the draft is no longer a draft."""
    from webapp.employers.operations import change_status

    business = need.business
    if business.publish_consent_at is None or need.opening is None or need.opening.status != "draft":
        return False
    if not change_status(need.opening, "publish"):
        return False
    audit("opening.published_on_behalf", "opening", need.opening.id)
    return True


def drop_need(need: BusinessNeed) -> bool:
    if not move(db.session, need, "dropped"):
        return False
    audit("business.need_dropped", "business", need.business_id)
    return True


def erase_contact_person(person: BusinessContactPerson) -> None:
    """On the person's request: the contact data go; the business's history stays (it names nobody)."""
    audit("business.contact_person_erased", "business", person.business_id)
    db.session.delete(person)


def stale_prospects(session: Session, months: int, now: datetime) -> list[Business]:
    """Businesses that never cooperated and whose last contact (or, without one, their entry) lies more than
    ``months`` (30-day) months back."""
    cutoff = now - timedelta(days=30 * months)
    return list(
        session.scalars(
            select(Business).where(
                Business.employer_id.is_(None),
                or_(Business.last_contact_at < cutoff, Business.last_contact_at.is_(None) & (Business.created_at < cutoff)),
            )
        )
    )


def stale_contact_persons(session: Session, months: int, now: datetime) -> list[BusinessContactPerson]:
    """Contact persons of cooperating businesses that the project has not been in touch with for ``months``: the
    business and its history stay (they are the company's), the names of people there do not."""
    cutoff = now - timedelta(days=30 * months)
    return list(
        session.scalars(
            select(BusinessContactPerson)
            .join(Business)
            .where(
                Business.employer_id.is_not(None),
                BusinessContactPerson.created_at < cutoff,
                or_(Business.last_contact_at < cutoff, Business.last_contact_at.is_(None)),
            )
        )
    )


def erase_stale_prospects(session: Session, now: datetime, dry_run: bool = False) -> int:
    """The retention run's part: stale prospects are deleted with their contact persons, contacts and needs
    (their events stay, as anonymous counts); so are the contact persons of cooperating businesses out of touch
    for as long. How many businesses and contact persons went."""
    months = prospect_retention_months(session)
    stale = stale_prospects(session, months, now)
    people = stale_contact_persons(session, months, now)
    if not dry_run:
        for business in stale:
            audit("business.erase_retention", "business", business.id)
            session.delete(business)
        for person in people:
            audit("business.contact_person_erased_retention", "business", person.business_id)
            session.delete(person)
        session.flush()
    return len(stale) + len(people)


REMIND_AGAIN_AFTER = timedelta(days=7)


def step_digests(session: Session, today: date) -> int:
    """The daily run's part: one mail per person with their next steps due today or overdue – on the due day,
    then once a week while the step stays open. Each step is claimed exactly once per reminder."""
    due = session.scalars(
        select(BusinessActivity)
        .where(
            BusinessActivity.next_done_at.is_(None),
            BusinessActivity.next_step != "",
            BusinessActivity.next_due <= today,
            BusinessActivity.next_owner_id.is_not(None),
            or_(BusinessActivity.next_reminded_on.is_(None), BusinessActivity.next_reminded_on <= today - REMIND_AGAIN_AFTER),
        )
        .options(selectinload(BusinessActivity.business), selectinload(BusinessActivity.next_owner))
        .order_by(BusinessActivity.next_due, BusinessActivity.id)
    ).all()
    by_owner: dict[int, tuple[User, list[BusinessActivity]]] = {}
    for activity in due:
        claimed = changed(
            session,
            update(BusinessActivity)
            .where(
                BusinessActivity.id == activity.id,
                or_(BusinessActivity.next_reminded_on.is_(None), BusinessActivity.next_reminded_on <= today - REMIND_AGAIN_AFTER),
            )
            .values(next_reminded_on=today)
            .execution_options(synchronize_session=False),
        )
        owner = activity.next_owner
        if claimed == 1 and owner is not None and owner.active:
            by_owner.setdefault(owner.id, (owner, []))[1].append(activity)
    for owner, steps in by_owner.values():
        queue_mail(
            owner.email,
            _ln("%(num)d nächster Schritt bei Betrieben ist fällig", "%(num)d nächste Schritte bei Betrieben sind fällig", len(steps)),
            "business_steps",
            steps=steps,
            today=today,
        )
    return len(by_owner)


def known_businesses(session: Session) -> dict[tuple[str, str], str]:
    """Every business the project knows, by :func:`webapp.businesses.imports.duplicate_key`, with its name."""
    rows = session.execute(select(Business.name, Business.street, Business.postcode))
    return {imports.duplicate_key(name, street, postcode): name for name, street, postcode in rows}


def import_businesses(rows: list[imports.CheckedBusiness], user: User) -> list[Business]:
    """The checked rows of a list as businesses of the project (with their contact person), each audited, in the
    caller's one transaction: all rows or none."""
    made = []
    for row in rows:
        business = create_business({**row.values, "centre_id": centre_for(row.values["postcode"], user)}, how="import")
        if row.contact:
            db.session.add(BusinessContactPerson(business=business, **row.contact))
        audit("business.import", "business", business.id)
        made.append(business)
    return made
