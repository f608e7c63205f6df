"""The stage of the cooperation with a business, and what moves it: every change is an event (``business.stage``).

Kept apart from :mod:`webapp.businesses.operations` because the openings and the introductions move it too
(a published opening: "kooperiert", a reported hire: "stellt ein") and must not depend on the workspace.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from models import Business, BusinessNeed, Employer, Opening
from models.businesses import size_class
from models.enums import postcode_quarter
from models.transitions import move
from webapp.businesses.imports import duplicate_key
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.events import record_event


def _stage_event(business: Business, stage: str, how: str) -> None:
    record_event("business.stage", business=business, reason=stage, data={"how": how})


def set_details(business: Business, values: dict[str, Any]) -> None:
    """Copy the form's values; the quarter follows from the postcode, the size class from the headcount."""
    for name, value in values.items():
        setattr(business, name, value.strip() if isinstance(value, str) else value)
    business.quarter = postcode_quarter(business.postcode)
    if business.headcount is not None:
        business.size = size_class(business.headcount)


def create_business(values: dict[str, Any], *, how: str = "manual") -> Business:
    """A business the project now knows (stage "bekannt"); the event counts it from this month on."""
    business = Business(stage="known")
    set_details(business, values)
    db.session.add(business)
    db.session.flush()
    _stage_event(business, "known", how)
    audit("business.create", "business", business.id)
    return business


def change_stage(business: Business, stage: str, *, how: str = "manual") -> bool:
    """Move the business to ``stage`` (any stage by hand; the automatic moves only forward). False: already there."""
    if business.stage == stage:
        return False
    business.stage = stage
    db.session.flush()
    _stage_event(business, stage, how)
    audit("business.stage", "business", business.id)
    return True


def advance(business: Business, stage: str, how: str) -> bool:
    """Move forward to ``stage`` when the business is behind it (or resting): what a contact, an account or a hire
    tells about the cooperation. Never moves back."""
    order = Business.ORDER
    if business.stage != "dormant" and order.index(business.stage) >= order.index(stage):
        return False
    return change_stage(business, stage, how=how)


def business_of_employer(employer: Employer) -> Business:
    """The business record of a company with an account: its own, else the one the project knew under the same name
    and address (now linked, its history kept), else made from the account's details – so every cooperating
    company is counted once."""
    business = db.session.scalar(select(Business).where(Business.employer_id == employer.id))
    if business is None:  # the project may know it already, from a visit or a list: the same name and address
        key = duplicate_key(employer.name, employer.street, employer.postcode)
        candidates = db.session.scalars(select(Business).where(Business.employer_id.is_(None), Business.postcode == employer.postcode))
        business = next((b for b in candidates if duplicate_key(b.name, b.street, b.postcode) == key), None)
        if business is not None:
            business.employer_id = employer.id
            audit("business.linked", "business", business.id)
    if business is None:
        business = create_business(
            {"name": employer.name, "street": employer.street, "postcode": employer.postcode, "sector": employer.sector, "source": "self", "size": None},
            how="account",
        )
        business.employer_id = employer.id
    return business


def company_progressed(employer: Employer, stage: str) -> None:
    """A company published an opening ("kooperiert") or hired someone from the project ("stellt ein")."""
    advance(business_of_employer(employer), stage, how="account" if stage == "cooperating" else "hire")


def opening_published(opening: Opening) -> None:
    """Whoever published it: the need behind it counts as published, and the company as cooperating."""
    for need in db.session.scalars(select(BusinessNeed).where(BusinessNeed.opening_id == opening.id, BusinessNeed.status == "drafted")):
        move(db.session, need, "published")
    company_progressed(opening.employer, "cooperating")
