"""Does the project work? Time to a first introduction and to employment as Kaplan–Meier curves, the share in
work at the six-month follow-up, and the monthly funnel – for the project lead, with the disclosure control of
every other table (issue 29).

The estimator is scipy's (``scipy.stats.ecdf`` on right-censored data, the Kaplan–Meier product-limit
estimate): people still in the project without the event are censored at today, people who left without it at
their exit. The curves are read at whole months since entry. The internal view shows them exactly; the
published one computes them from protected monthly counts – the number still waiting at the start of each
month and the events in it, each perturbed by the cell-key method – and stops a curve where fewer than
:data:`MIN_AT_RISK` are left, so no shown point rests on a handful of people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from scipy.stats import CensoredData, ecdf
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import EsfRecord, Event, Introduction, Participant
from webapp.research.extract import person_key
from webapp.stats.disclosure import perturb
from webapp.stats.figures import Cell

DAYS_PER_MONTH = 30.4375
MONTHS = 12  # the curves' horizon
MIN_AT_RISK = 10  # a published curve stops where fewer are left
GROUPINGS = ("cohort", "quarter", "gender")


def kaplan_meier(durations: Sequence[float], observed: Sequence[bool], at: Sequence[float]) -> list[float]:
    """The Kaplan–Meier survival estimate S(t) at each time of ``at`` (1.0 before the first event)."""
    events = [d for d, seen in zip(durations, observed, strict=True) if seen]
    censored = [d for d, seen in zip(durations, observed, strict=True) if not seen]
    if not events:
        return [1.0 for _ in at]
    result = ecdf(CensoredData(uncensored=events, right=censored))
    return [float(value) for value in result.sf.evaluate(list(at))]


@dataclass
class Person:
    key: int  # the cell key's source (from the person's random statistics key)
    centre_id: int
    entered: date
    cohort: str
    quarter: str
    gender: str
    first_introduction: date | None
    hired: date | None
    left: date | None


@dataclass
class Curve:
    group: str
    months: list[int] = field(default_factory=list)
    at_risk: list[int | None] = field(default_factory=list)
    events: list[int | None] = field(default_factory=list)
    waiting: list[float | None] = field(default_factory=list)  # S(t): share still without the event


def people(session: Session) -> list[Person]:
    first_intro: dict[int, datetime | None] = dict(
        session.execute(
            select(Introduction.participant_id, func.min(Introduction.decided_at))
            .where(Introduction.status != "rejected")
            .group_by(Introduction.participant_id)
        )
        .tuples()
        .all()
    )
    hires: dict[int, date] = {}
    for pid, start, outcome_at in session.execute(
        select(Introduction.participant_id, Introduction.hired_start, Introduction.outcome_at).where(Introduction.status == "hired")
    ):
        day = start or outcome_at.date()
        hires[pid] = min(hires.get(pid, day), day)
    out = []
    rows = session.execute(
        select(
            Participant.id, Participant.stats_key, Participant.centre_id, Participant.quarter, EsfRecord.entered_on, EsfRecord.gender, EsfRecord.left_on
        ).join(EsfRecord)
    )
    for pid, stats_key, centre_id, quarter, entered, gender, left in rows:
        intro = first_intro.get(pid)
        out.append(
            Person(
                key=person_key(stats_key),
                centre_id=centre_id,
                entered=entered,
                cohort=f"{entered.year}-Q{(entered.month - 1) // 3 + 1}",
                quarter=quarter,
                gender=gender or "unknown",
                first_introduction=intro.date() if intro else None,
                hired=hires.get(pid),
                left=left,
            )
        )
    return out


def _duration(person: Person, event: date | None, today: date) -> tuple[float, bool]:
    """Days from entry to the event (observed), or to the censoring: the exit, or today."""
    if event is not None:
        return max((event - person.entered).days, 0) + 0.5, True  # an event on the day of entry still counts after it
    end = min(person.left or today, today)
    return max((end - person.entered).days, 0), False


def curve(group: str, members: list[Person], event: Callable[[Person], date | None], today: date, internal: bool) -> Curve:
    """One group's curve over :data:`MONTHS` months: exact (internal) or from protected monthly counts."""
    pairs = [_duration(p, event(p), today) for p in members]
    durations = np.array([d for d, _ in pairs], dtype=float)
    observed = np.array([o for _, o in pairs], dtype=bool)
    keys = np.array([p.key for p in members], dtype=np.int64)
    result = Curve(group, months=list(range(MONTHS + 1)))
    exact = kaplan_meier(durations.tolist(), observed.tolist(), [m * DAYS_PER_MONTH for m in result.months])
    shown: float | None = 1.0
    for m in result.months:
        start, end = m * DAYS_PER_MONTH, (m + 1) * DAYS_PER_MONTH
        risk = durations >= start
        happened = risk & observed & (durations < end)
        at_risk = Cell(int(risk.sum()), int(keys[risk].sum()))
        events = Cell(int(happened.sum()), int(keys[happened].sum()))
        if internal:
            result.at_risk.append(at_risk.count)
            result.events.append(events.count)
            result.waiting.append(exact[m] if at_risk.count else None)  # nobody followed this long: no estimate
            continue
        n, d = perturb(at_risk), perturb(events)
        if n < MIN_AT_RISK or shown is None:
            result.at_risk.append(None)
            result.events.append(None)
            result.waiting.append(None)
            shown = None
            continue
        result.at_risk.append(n)
        result.events.append(d)
        result.waiting.append(shown)  # the share still waiting at the start of month m
        shown = (shown or 0.0) * max(0.0, 1 - min(d, n) / n)
    return result


EVENTS: dict[str, Callable[[Person], date | None]] = {
    "introduction": lambda p: p.first_introduction,
    "employment": lambda p: p.hired,
}


def curves(session: Session, today: date, internal: bool, grouping: str, centre_id: int | None = None) -> dict[str, list[Curve]]:
    """For each event, the curve for everybody and one per group of ``grouping`` (the one the page shows)."""
    everybody = [p for p in people(session) if centre_id is None or p.centre_id == centre_id]
    groups: dict[str, list[Person]] = {}
    for p in everybody:
        groups.setdefault(getattr(p, grouping), []).append(p)
    return {
        name: [curve("all", everybody, event, today, internal)] + [curve(group, members, event, today, internal) for group, members in sorted(groups.items())]
        for name, event in EVENTS.items()
    }


def follow_up_share(session: Session, internal: bool) -> tuple[int | None, int | None]:
    """(in work at the six-month follow-up, follow-ups recorded) – exact or protected."""
    rows = session.execute(select(Participant.stats_key, EsfRecord.follow_up_employed).join(EsfRecord).where(EsfRecord.follow_up_on.is_not(None))).all()
    answered = Cell(len(rows), sum(person_key(k) for k, _ in rows))
    employed_rows = [k for k, employed in rows if employed]
    employed = Cell(len(employed_rows), sum(person_key(k) for k in employed_rows))
    return (employed.count, answered.count) if internal else (perturb(employed), perturb(answered))


FUNNEL = (
    ("participant.entered", "entries"),
    ("introduction.approved", "introductions"),
    ("introduction.interview", "interviews"),
    ("introduction.hired", "hires"),
)


def funnel(session: Session, months: list[int], internal: bool) -> list[dict]:
    """Per month: entries, introductions, interviews, hires (from the events, protected like every table)."""
    kinds = dict(FUNNEL)
    found: dict[tuple[int, str], Cell] = {}
    statement = (
        select(Event.month, Event.kind, func.count(), func.sum(Event.record_key))
        .where(Event.kind.in_(list(kinds)), Event.month.in_(months))
        .group_by(Event.month, Event.kind)
    )
    for month, kind, n, keysum in session.execute(statement):
        found[(month, kinds[kind])] = Cell(int(n), int(keysum or 0))
    rows = []
    for month in months:
        row: dict = {"month": month}
        for _kind, name in FUNNEL:
            cell = found.get((month, name), Cell(0))
            row[name] = cell.count if internal else perturb(cell)
        rows.append(row)
    return rows
