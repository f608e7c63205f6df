"""The public list of the quarters' openings (issue 27): which openings, and each as a schema.org ``JobPosting``.

Only openings a company chose to show ("Auch öffentlich zeigen") and only while they are open
(``Opening.listed_publicly``). Nothing about participants is ever in them; an application always goes through a
Perspektivhaus (``directApply`` is false).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from models import Employer, Opening
from webapp.suggestions.skills import join_terms

EMPLOYMENT_TYPE = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "minijob": "PART_TIME"}


def public_openings(quarter: str | None = None, hours: str | None = None, sector: str | None = None):
    """The statement of the public list, newest first, with the filters chosen (None: any)."""
    stmt = (
        select(Opening)
        .join(Employer)
        .where(Opening.listed_publicly())
        .options(contains_eager(Opening.employer), selectinload(Opening.skills))
        .order_by(Opening.published_at.desc(), Opening.id.desc())
    )
    if quarter:
        stmt = stmt.where(Opening.quarter == quarter)
    if hours:
        stmt = stmt.where(Opening.hours == hours)
    if sector:
        stmt = stmt.where(Employer.sector == sector)
    return stmt


def job_posting(opening: Opening, url: str) -> dict[str, Any]:
    """``opening`` as a schema.org JobPosting (the properties Google for Jobs requires and recommends)."""
    employer = opening.employer
    address = {
        "@type": "PostalAddress",
        "streetAddress": employer.street if opening.postcode == employer.postcode and employer.street else opening.place or employer.street,
        "postalCode": opening.postcode or employer.postcode,
        "addressLocality": "Hagen",
        "addressRegion": "Nordrhein-Westfalen",
        "addressCountry": "DE",
    }
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": opening.title,
        "description": opening.description or opening.title,
        "datePosted": opening.published_at.date().isoformat() if opening.published_at else None,
        "validThrough": opening.expires_at.isoformat(timespec="seconds") if opening.expires_at else None,
        "employmentType": EMPLOYMENT_TYPE[opening.hours],
        "hiringOrganization": {"@type": "Organization", "name": employer.name},
        "jobLocation": {"@type": "Place", "address": address},
        "directApply": False,
        "url": url,
        "identifier": {"@type": "PropertyValue", "name": "KMU-Match", "value": str(opening.id)},
        "skills": join_terms(s.term for s in opening.asked_required),
    }
    if opening.start_date:
        posting["jobStartDate"] = opening.start_date.isoformat()
    if opening.hours_per_week:
        posting["workHours"] = f"{opening.hours_per_week} Stunden pro Woche"
    return {key: value for key, value in posting.items() if value not in (None, "")}
