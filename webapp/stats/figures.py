"""Figures for a month or a range of months, from events only.

Because every figure is read from the append-only event history (never from
the current state of a record), editing a record later does not change a
closed month's report.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Event

from ..params import FIRST_YEAR, LAST_YEAR

PARTICIPANT_EVENTS = ("participant.entered", "participant.placed", "participant.left")
OPENING_STATUS_EVENTS = ("opening.published", "opening.paused", "opening.filled", "opening.closed", "opening.expired")


@dataclass(frozen=True)
class Period:
    """From the first day of ``first`` up to (not including) the first day after ``last`` (UTC)."""

    first: date
    last: date

    @classmethod
    def months(cls, first: str, last: str | None = None) -> "Period":
        """``Period.months("2026-10")`` or ``Period.months("2026-07", "2026-10")``."""
        try:
            a = datetime.strptime(first, "%Y-%m").date()
            b = datetime.strptime(last or first, "%Y-%m").date()
        except ValueError:
            raise ValueError(f"a month is written YYYY-MM, not {first!r}" + (f" / {last!r}" if last else "")) from None
        if b < a:
            raise ValueError("the last month comes before the first")
        if not (FIRST_YEAR <= a.year and b.year <= LAST_YEAR):
            raise ValueError(f"months from {FIRST_YEAR} to {LAST_YEAR} only")
        return cls(a, b)

    @property
    def start(self) -> datetime:
        return datetime(self.first.year, self.first.month, 1, tzinfo=timezone.utc)

    @property
    def end(self) -> datetime:
        year, month = (self.last.year + 1, 1) if self.last.month == 12 else (self.last.year, self.last.month + 1)
        return datetime(year, month, 1, tzinfo=timezone.utc)

    @property
    def label(self) -> str:
        a, b = self.first.strftime("%Y-%m"), self.last.strftime("%Y-%m")
        return a if a == b else f"{a} – {b}"


def _events(session: Session, until: datetime, *, centre_id=None, quarter=None, sector=None) -> list[Event]:
    stmt = select(Event).where(Event.occurred_at < until).order_by(Event.occurred_at, Event.id)
    events = session.scalars(stmt).all()

    def keep(e: Event) -> bool:
        if centre_id is not None and e.kind.startswith(("participant.", "introduction.")) and e.centre_id != centre_id:
            return False
        if centre_id is not None and e.kind.startswith(("opening.", "suggestions.")):
            return True  # openings belong to no centre; a centre's report shows all the quarters' openings
        if quarter is not None and e.quarter != quarter:
            return False
        if sector is not None and e.kind.startswith(("opening.", "introduction.", "suggestions.")) and e.sector != sector:
            return False
        return True

    return [e for e in events if keep(e)]


def _median_days(pairs: list[tuple[datetime, datetime]]) -> float | None:
    days = [(b - a).total_seconds() / 86400 for a, b in pairs if a is not None and b is not None and b >= a]
    return round(statistics.median(days), 1) if days else None


def compute(session: Session, period: Period, *, centre_id: int | None = None, quarter: str | None = None, sector: str | None = None) -> dict:
    """Every figure of the monthly report for ``period`` (optionally one centre, quarter or sector)."""
    events = _events(session, period.end, centre_id=centre_id, quarter=quarter, sector=sector)
    inside = [e for e in events if e.occurred_at >= period.start]
    kinds = Counter(e.kind for e in inside)

    # Participants: entered in the period; active = entered before its end and not gone before its start.
    entered, gone_before = set(), set()
    for e in events:
        if e.kind == "participant.entered":
            entered.add(e.participant_key)
        elif e.kind in ("participant.placed", "participant.left") and e.occurred_at < period.start:
            gone_before.add(e.participant_key)
    new_participants = {e.participant_key for e in inside if e.kind == "participant.entered"}

    # Openings: first publication, status at the end of the period.
    first_published: dict[int, datetime] = {}
    last_status: dict[int, str] = {}
    for e in events:
        if e.opening_id is None or e.kind not in OPENING_STATUS_EVENTS:
            continue
        if e.kind == "opening.published":
            first_published.setdefault(e.opening_id, e.occurred_at)
        last_status[e.opening_id] = e.kind
    posted = {oid for oid, at in first_published.items() if at >= period.start}
    open_at_end = {oid for oid, kind in last_status.items() if kind == "opening.published"}

    # Introductions.
    first_intro: dict[int, datetime] = {}
    first_hire: dict[int, datetime] = {}
    for e in events:
        if e.opening_id is None:
            continue
        if e.kind == "introduction.approved":
            first_intro.setdefault(e.opening_id, e.occurred_at)
        elif e.kind == "introduction.hired":
            first_hire.setdefault(e.opening_id, e.occurred_at)
    approvals = kinds["introduction.approved"]
    hires = kinds["introduction.hired"]
    rejections = Counter(e.reason or "other" for e in inside if e.kind == "introduction.rejected")
    missing = Counter(term for e in inside if e.kind == "introduction.rejected" for term in (e.data or {}).get("missing", []))

    return {
        "period": period.label,
        "participants_new": len(new_participants),
        "participants_active": len(entered - gone_before),
        "participants_placed": kinds["participant.placed"],
        "participants_left": kinds["participant.left"],
        "openings_posted": len(posted),
        "openings_open": len(open_at_end),
        "openings_filled": kinds["opening.filled"],
        "openings_expired": kinds["opening.expired"],
        "suggestions_shown": sum((e.data or {}).get("count", 0) for e in inside if e.kind == "suggestions.shown"),
        "approvals": approvals,
        "rejections": sum(rejections.values()),
        "rejections_by_reason": dict(sorted(rejections.items())),
        "introductions": approvals,
        "interviews": kinds["introduction.interview"],
        "hires": hires,
        "not_hired": kinds["introduction.not_hired"],
        "placement_rate": round(hires / approvals, 3) if approvals else None,
        "median_days_to_first_introduction": _median_days(
            [(first_published.get(oid), at) for oid, at in first_intro.items() if period.start <= at < period.end]
        ),
        "median_days_to_hire": _median_days([(first_published.get(oid), at) for oid, at in first_hire.items() if period.start <= at < period.end]),
        "missing_skills_in_rejections": dict(missing.most_common(10)),
    }


def by_month(session: Session, last: str, months: int = 12, **filters) -> list[dict]:
    """The figures of each of the ``months`` months up to ``last`` (oldest first), for charts."""
    year, month = map(int, last.split("-"))
    out = []
    for back in range(months - 1, -1, -1):
        y, m = year, month - back
        while m < 1:
            y, m = y - 1, m + 12
        out.append(compute(session, Period.months(f"{y:04d}-{m:02d}"), **filters))
    return out


def breakdown(session: Session, period: Period, field: str, values) -> dict[str, dict]:
    """The figures per centre, quarter or sector."""
    return {str(v): compute(session, period, **{field: v}) for v in values}


__all__ = ["Period", "breakdown", "by_month", "compute"]
