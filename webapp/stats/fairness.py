"""Fairness view (admins only): do outcomes differ by gender or age group, though neither the matcher
nor the companies see these attributes?

For the period's decisions (``introduction.approved`` / ``rejected``), interviews and hires, each
person is grouped by the ESF Plus entry data (``esf.entry`` and corrections up to the period's end,
matched by the stats key; people without entry data form their own group). Each step's rate is set
against the best-off group; a rate under four fifths of it is flagged (the "four-fifths rule").
Published counts go through the cell-key method, rates are computed from published counts and shown
only with at least ``MIN_VALUES`` behind them, as everywhere in the statistics.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import EsfRecord, Event, Introduction, Participant
from models.enums import GENDERS
from webapp.stats.disclosure import MIN_VALUES, perturb
from webapp.stats.figures import EMPTY, Cell, Period, month_number

AGE_GROUPS = ("under_18", "18_29", "30_54", "55_plus")
GROUPINGS = {"gender": GENDERS, "age_group": AGE_GROUPS}
UNKNOWN = "unknown"
STAGES = {
    "decided": ("introduction.approved", "introduction.rejected"),
    "introduced": ("introduction.approved",),
    "interview": ("introduction.interview",),
    "hired": ("introduction.hired",),
}
RATES = (("introduced", "decided"), ("interview", "introduced"), ("hired", "introduced"))
FOUR_FIFTHS = 0.8


def _groups(session: Session, period: Period, grouping: str) -> dict[str, str]:
    """Stats key -> group, from the ESF entry data as known at the period's end."""
    groups: dict[str, str] = {}
    stmt = (
        select(Event.participant_key, Event.data)
        .where(Event.kind.in_(("esf.entry", "esf.entry_corrected")), Event.month <= period.last_month)
        .order_by(Event.occurred_at, Event.id)
    )
    for key, data in session.execute(stmt):
        groups[key] = data.get(grouping) or UNKNOWN
    return groups


def funnel(session: Session, period: Period, grouping: str, centre_id: int | None = None) -> dict[str, dict[str, Cell]]:
    """Group -> stage -> exact cell (people counted once per stage and opening), for one centre's people or all."""
    groups = _groups(session, period, grouping)
    kinds = {kind for stage in STAGES.values() for kind in stage}
    stmt = select(Event.kind, Event.participant_key, Event.record_key).where(
        Event.kind.in_(kinds), Event.month >= period.first_month, Event.month <= period.last_month
    )
    if centre_id is not None:
        stmt = stmt.where(Event.centre_id == centre_id)
    table: dict[str, dict[str, Cell]] = {group: dict.fromkeys(STAGES, EMPTY) for group in (*GROUPINGS[grouping], UNKNOWN)}
    for kind, key, record_key in session.execute(stmt):
        group = groups.get(key, UNKNOWN)
        for stage, stage_kinds in STAGES.items():
            if kind in stage_kinds:
                table[group][stage] = table[group][stage] + Cell(1, record_key)
    return table


def rates(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, dict]]:
    """Group -> rate name -> {"rate", "ratio" to the best group, "flag"}; a rate needs MIN_VALUES behind it."""
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    for top, bottom in RATES:
        name = f"{top}/{bottom}"
        shown = {g: (min(c[top], c[bottom]) / c[bottom] if c[bottom] >= MIN_VALUES else None) for g, c in counts.items() if g != UNKNOWN}
        best = max((r for r in shown.values() if r is not None), default=None)
        for group, rate in shown.items():
            ratio = rate / best if rate is not None and best else None
            out[group][name] = {"rate": rate, "ratio": ratio, "flag": ratio is not None and ratio < FOUR_FIFTHS}
    return dict(out)


def published(table: dict[str, dict[str, Cell]], internal: bool) -> dict[str, dict[str, int]]:
    return {group: {stage: (cell.count if internal else perturb(cell)) for stage, cell in row.items()} for group, row in table.items()}


# The published view shows scores only where the *published* (protected) count of decisions is at least this,
# and only as bands of BAND points: whether a median appears depends on protected figures alone, and three
# exact quartiles can no longer give back three people's scores.
MIN_PUBLISHED_DECISIONS = 10
BAND = 0.1


def published_scores(table: dict[str, dict[str, float | None]], counts: dict[str, dict[str, int]]) -> dict[str, dict[str, float | None]]:
    """The scores as the published view may show them: per group, the median and quartiles rounded down to a band
    of 10 points, only when the protected number of decisions is large enough; else nothing."""
    out: dict[str, dict[str, float | None]] = {}
    for group, row in table.items():
        if counts.get(group, {}).get("decided", 0) < MIN_PUBLISHED_DECISIONS or row["median"] is None:
            out[group] = {"n": None, "q1": None, "median": None, "q3": None, "band": BAND}
            continue
        out[group] = {"n": None, "band": BAND, **{name: _band(row[name]) for name in ("q1", "median", "q3")}}
    return out


def _band(value: float | None) -> float | None:
    return None if value is None else min(1.0 - BAND, int(value / BAND + 1e-9) * BAND)


def scores(session: Session, period: Period, grouping: str, centre_id: int | None = None) -> dict[str, dict[str, float | None]]:
    """Match scores of the period's decisions by group: how many, and the median and quartiles when
    at least MIN_VALUES lie behind them (the people are known here only by their current ESF record)."""
    rows = session.execute(
        select(Introduction.score, Introduction.decided_at, EsfRecord)
        .join(Participant, Participant.id == Introduction.participant_id)
        .outerjoin(EsfRecord, EsfRecord.participant_id == Participant.id)
        .where(Introduction.decided_at.is_not(None), *([Participant.centre_id == centre_id] if centre_id is not None else []))
    ).all()
    values: dict[str, list[float]] = defaultdict(list)
    for score, decided_at, record in rows:
        if not period.first_month <= month_number(decided_at) <= period.last_month:
            continue
        group = UNKNOWN if record is None else (record.gender if grouping == "gender" else record.age_group())
        values[group].append(score)
    out: dict[str, dict[str, float | None]] = {}
    for group in (*GROUPINGS[grouping], UNKNOWN):
        found = sorted(values.get(group, []))
        if len(found) >= MIN_VALUES:
            q1, median, q3 = statistics.quantiles(found, n=4, method="inclusive")
            out[group] = {"n": len(found), "q1": q1, "median": median, "q3": q3}
        else:
            out[group] = {"n": len(found), "q1": None, "median": None, "q3": None}
    return out
