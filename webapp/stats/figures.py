"""Figures for a month or a range of months, from events only, aggregated in SQL.

Every figure is read from the append-only event history (never from the current
state of a record), so editing a record later does not change a closed month.
Events carry their local month (``Event.month``, ``yyyymm``): additive counts come
from one ``GROUP BY month, kind, …`` over the whole history up to the period's
end, stocks (people active, openings open) and medians from small per-person and
per-opening tables. One :class:`History` serves many periods and filters (the
twelve months of the charts, the breakdowns of an export) without reading the
events again.

Counts come as :class:`Cell` – the number and the sum of the counted events'
random record keys – so that :mod:`webapp.stats.disclosure` can perturb each
published cell the same way every time it is shown.
"""

from __future__ import annotations

import statistics
import threading
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from models import Event, local_month
from webapp.core.events import added_since, last_event_id
from webapp.core.params import FIRST_YEAR, LAST_YEAR
from webapp.stats import participation

T = TypeVar("T")
KEPT = 64  # results a worker keeps (HistoryCache.kept): periods times houses a project lead looks at

PARTICIPANT_EVENTS = participation.EVENTS
OPENING_STATUS_EVENTS = ("opening.published", "opening.paused", "opening.filled", "opening.closed", "opening.expired")
# Events counted one by one, per month (the roll-up).
COUNTED_EVENTS = (
    "opening.filled",
    "opening.expired",
    "suggestions.shown",
    "introduction.approved",
    "introduction.rejected",
    "introduction.interview",
    "introduction.hired",
    "introduction.not_hired",
)
# The figures that count something, in the order of the report.
COUNTS = (
    "participants_new",
    "participants_active",
    "participants_left",
    "participants_left_employed",
    "openings_posted",
    "openings_open",
    "openings_filled",
    "openings_expired",
    "suggestions_shown",
    "approvals",
    "rejections",
    "introductions",
    "interviews",
    "hires",
    "not_hired",
)
_FROM_ROLLUP = {
    "openings_filled": "opening.filled",
    "openings_expired": "opening.expired",
    "approvals": "introduction.approved",
    "rejections": "introduction.rejected",
    "introductions": "introduction.approved",
    "interviews": "introduction.interview",
    "hires": "introduction.hired",
    "not_hired": "introduction.not_hired",
}
_ROLLUP_FIGURES = {kind: tuple(name for name, source in _FROM_ROLLUP.items() if source == kind) for kind in COUNTED_EVENTS}


@dataclass(frozen=True)
class Cell:
    """A count and the sum of the record keys of what it counts (the cell key's source)."""

    count: int
    keysum: int = 0

    def __add__(self, other: Cell) -> Cell:
        return Cell(self.count + other.count, self.keysum + other.keysum)


EMPTY = Cell(0, 0)


def month_number(day: date) -> int:
    return day.year * 100 + day.month


def month_text(number: int) -> str:
    return f"{number // 100:04d}-{number % 100:02d}"


@dataclass(frozen=True)
class Period:
    """The local months from ``first`` to ``last`` (days ignored)."""

    first: date
    last: date

    @classmethod
    def months(cls, first: str, last: str | None = None) -> Period:
        """``Period.months("2026-10")`` or ``Period.months("2026-07", "2026-10")``."""
        try:
            a = datetime.strptime(first, "%Y-%m").date()
            b = datetime.strptime(last or first, "%Y-%m").date()
        except ValueError:
            raise ValueError(f"a month is written YYYY-MM, not {first!r}" + (f" / {last!r}" if last else "")) from None
        if b < a:
            raise ValueError("the last month comes before the first")
        if not (a.year >= FIRST_YEAR and b.year <= LAST_YEAR):
            raise ValueError(f"months from {FIRST_YEAR} to {LAST_YEAR} only")
        return cls(a, b)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= quarter <= 4):
            raise ValueError("a quarter is a year from 2000 to 2099 and 1 to 4")
        return cls(date(year, 3 * quarter - 2, 1), date(year, 3 * quarter, 1))

    @classmethod
    def year(cls, year: int) -> Period:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError("a year from 2000 to 2099")
        return cls(date(year, 1, 1), date(year, 12, 1))

    @property
    def first_month(self) -> int:
        return month_number(self.first)

    @property
    def last_month(self) -> int:
        return month_number(self.last)

    @property
    def kind(self) -> str:
        """``month``, ``quarter`` or ``year`` for a calendar period; ``range`` for anything else."""
        if self.first == self.last:
            return "month"
        if self.first.year == self.last.year and self.first.month % 3 == 1 and self.last.month == self.first.month + 2:
            return "quarter"
        if self.first.year == self.last.year and self.first.month == 1 and self.last.month == 12:
            return "year"
        return "range"

    def month_numbers(self) -> list[int]:
        out, (y, m) = [], (self.first.year, self.first.month)
        while y * 100 + m <= self.last_month:
            out.append(y * 100 + m)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    @property
    def label(self) -> str:
        a, b = month_text(self.first_month), month_text(self.last_month)
        return a if a == b else f"{a} – {b}"

    def shifted(self, months: int) -> Period:
        """The month ``months`` before this period's last month (for the charts)."""
        y, m = divmod(self.last.year * 12 + self.last.month - 1 - months, 12)
        return Period(date(y, m + 1, 1), date(y, m + 1, 1))


@dataclass(frozen=True)
class Filters:
    centre_id: int | None = None
    quarter: str | None = None
    sector: str | None = None

    def keep(self, kind: str, centre_id, quarter, sector) -> bool:
        """Whether an event counts under these filters.

        Openings belong to no centre: a centre's report shows all the quarters'
        openings. Participants belong to no sector: a sector's report shows all
        participants' entries and exits.
        """
        if self.centre_id is not None and kind.startswith(("participant.", "introduction.")) and centre_id != self.centre_id:
            return False
        if self.quarter is not None and quarter != self.quarter:
            return False
        return not (self.sector is not None and kind.startswith(("opening.", "introduction.", "suggestions.")) and sector != self.sector)


def _median_days(pairs: Iterable[tuple[datetime | None, datetime]]) -> tuple[float | None, int]:
    days = [(b - a).total_seconds() / 86400 for a, b in pairs if a is not None and b is not None and b >= a]
    return (round(statistics.median(days), 1) if days else None), len(days)


@dataclass
class _Rows:
    """The aggregated events of some months (see :meth:`History._query`)."""

    rollup: Sequence[Any] = ()
    people: Sequence[Any] = ()
    openings: Sequence[Any] = ()
    firsts: Sequence[Any] = ()
    rejections: Sequence[Any] = ()

    def __add__(self, other: _Rows) -> _Rows:
        return _Rows(*([*getattr(self, name), *getattr(other, name)] for name in _ROW_MONTH))

    def until(self, month: int) -> _Rows:
        """Only the rows of months up to ``month``."""
        return _Rows(*([r for r in getattr(self, name) if r[position] <= month] for name, position in _ROW_MONTH.items()))


# Where each kind of row keeps its month.
_ROW_MONTH = {"rollup": 0, "people": 2, "openings": 2, "firsts": 0, "rejections": 0}


@lru_cache(maxsize=1)
def _statements() -> tuple[Select, ...]:
    """The five aggregate queries of :meth:`History._query` for the months after ``:after`` up to ``:until``,
    in the order of :class:`_Rows`. Made once: SQLAlchemy then also keeps their cache keys (building and keying
    five statements cost a statistics page 8 ms of CPU, issue 31)."""
    months = (Event.month > bindparam("after"), Event.month <= bindparam("until"))
    amount = case((Event.kind == "suggestions.shown", Event.data["count"].as_integer()), else_=0)
    return (
        select(
            Event.month,
            Event.kind,
            Event.centre_id,
            Event.quarter,
            Event.sector,
            Event.reason,
            func.count(),
            func.sum(Event.record_key),
            func.sum(amount),
        )
        .where(*months)  # all kinds: a filter on kind would lead SQLite to the (kind, time) index and a scan of all history
        .group_by(Event.month, Event.kind, Event.centre_id, Event.quarter, Event.sector, Event.reason),
        select(Event.participant_key, Event.kind, Event.month, Event.centre_id, Event.quarter, Event.reason, Event.record_key)
        .where(*months, Event.kind.in_(PARTICIPANT_EVENTS))
        .order_by(Event.occurred_at, Event.id),
        select(Event.opening_id, Event.kind, Event.month, Event.occurred_at, Event.quarter, Event.sector, Event.record_key)
        .where(*months, Event.kind.in_(OPENING_STATUS_EVENTS), Event.opening_id.is_not(None))
        .order_by(Event.occurred_at, Event.id),
        select(Event.month, Event.opening_id, Event.kind, Event.centre_id, Event.quarter, Event.sector, func.min(Event.occurred_at))
        .where(*months, Event.kind.in_(("introduction.approved", "introduction.hired")), Event.opening_id.is_not(None))
        .group_by(Event.month, Event.opening_id, Event.kind, Event.centre_id, Event.quarter, Event.sector),
        select(Event.month, Event.data, Event.centre_id, Event.quarter, Event.sector, Event.record_key).where(*months, Event.kind == "introduction.rejected"),
    )


def current_month() -> int:
    return local_month(datetime.now(UTC))


def previous_month(month: int) -> int:
    return month - 89 if month % 100 == 1 else month - 1


class HistoryCache:
    """The aggregated events of the closed months (all before this one), kept by each worker.

    Events are recorded when they happen, so nothing is added to a month once it
    is over. The closed months' events are counted on every use anyway: after a
    restore or a load of demo data the cache reads them again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = 0
        self._last_id = 0
        self._rows = _Rows()
        self._timelines: dict[tuple[Filters, bool], tuple[list | None, participation.Timeline]] = {}  # per filter, see timeline()
        self._kept: dict[Any, tuple[int, Any, Any]] = {}  # see kept()

    def closed_rows(self, session: Session) -> tuple[int, _Rows]:
        closed = previous_month(current_month())
        last_id = last_event_id(session)
        with self._lock:
            # read again when a month closed, after a restore, or when events of closed months were added (demo data)
            stale = closed != self._closed or last_id < self._last_id or added_since(session, self._last_id, closed)
            if stale:
                self._rows, self._closed, self._last_id = History._query(session, 0, closed), closed, last_id
                self._timelines = {}
            else:
                self._last_id = last_id
            return closed, self._rows

    def warm(self, session: Session, filters: Iterable[Filters]) -> None:
        """Read the closed months now and make their participation timelines for ``filters`` (what the first
        statistics page of a process would otherwise wait for: half a second at 20,000 people)."""
        history = History(session, current_month(), self)
        this_month = Period.months(month_text(current_month()))
        for chosen in filters:
            history.cells(this_month, chosen)

    def kept(self, session: Session, key: Any, up_to_month: int, kinds: Iterable[str], build: Callable[[], T], also: Any = None) -> T:
        """What ``build`` makes of the events of ``kinds`` up to the month ``up_to_month`` (and of ``also``: whatever
        else it is made of, compared by value), made once and kept until such an event is added or ``also`` changes."""
        last_id = last_event_id(session)
        with self._lock:
            found = self._kept.get(key)
        if found is not None and found[1] == also and found[0] <= last_id and not added_since(session, found[0], up_to_month, kinds):
            made = found[2]
        else:
            made = build()  # events added while it is made are newer than last_id: the next call makes it again
        with self._lock:
            self._kept.pop(key, None)
            self._kept[key] = (last_id, also, made)
            while len(self._kept) > KEPT:  # the least recently used go first
                del self._kept[next(iter(self._kept))]
        return made

    def timeline(self, rows: _Rows, filters: Filters, build, current: Sequence | None = None) -> participation.Timeline:
        """The participation timeline for ``filters`` of the closed months' ``rows`` – and with ``current``, of the
        current month's participant rows after them – made once (``build``) and kept while what it is made of is
        unchanged (the current month's rows are compared: entries and exits are rare, page views are not)."""
        key = (filters, current is not None)
        kept_rows = list(current) if current is not None else None
        with self._lock:
            if rows is not self._rows:  # read again meanwhile: not kept
                return build()
            found = self._timelines.get(key)
        if found is not None and found[0] == kept_rows:
            return found[1]
        made = build()
        with self._lock:
            if rows is self._rows:
                self._timelines[key] = (kept_rows, made)
        return made


class History:
    """The events up to (and including) the month ``until`` (``yyyymm``), read in four aggregate queries.

    With a :class:`HistoryCache`, closed months come from the cache and only the
    current month is read from the database.
    """

    def __init__(self, session: Session, until: int, cache: HistoryCache | None = None) -> None:
        self.session = session
        self.until = until
        # With the cache and a period up to now: the closed months' rows and the current month's, apart (the
        # participation timeline of the closed months is kept too, see _people_of).
        self._split: tuple[HistoryCache, _Rows, _Rows] | None = None
        if cache is None:
            rows = self._query(session, 0, until)
        else:
            closed, rows = cache.closed_rows(session)
            if until > closed:
                current = self._query(session, closed, until)
                self._split = (cache, rows, current)
                rows = rows + current
            else:
                rows = rows.until(until)
        self._rows = rows
        self._by_month: dict[int, list] = defaultdict(list)
        for row in rows.rollup:
            self._by_month[row[0]].append(row)
        self._memo: dict = {}

    @staticmethod
    def _query(session: Session, after: int, until: int) -> _Rows:
        """The aggregated events of the months after ``after`` up to ``until``."""
        run = session.connection().execute  # plain rows, no ORM loading
        return _Rows(*(run(statement, {"after": after, "until": until}).all() for statement in _statements()))

    def _memoised(self, name: str, filters: Filters, build):
        key = (name, filters)
        if key not in self._memo:
            self._memo[key] = build(filters)
        return self._memo[key]

    # -- per filter, once ----------------------------------------------------------------

    def _people_of(self, filters: Filters) -> participation.Timeline:
        """Everybody's entry, exit and exit situations (webapp.stats.participation, the one rule). With the cache,
        the closed months' timeline is kept and only the current month's events are applied to it."""

        def rows(found: _Rows):
            return (
                (key, kind, month, reason, record_key)
                for key, kind, month, centre_id, quarter, reason, record_key in found.people
                if filters.keep(kind, centre_id, quarter, None)
            )

        if self._split is None:
            return participation.Timeline(participation.people(rows(self._rows)))
        cache, closed, current = self._split
        base = cache.timeline(closed, filters, lambda: participation.Timeline(participation.people(rows(closed))))
        return cache.timeline(closed, filters, lambda: base.changed(participation.people(rows(current), before=base.by_key)), current.people)

    def _openings_of(self, filters: Filters) -> dict[int, tuple]:
        """Per opening: first publication (time, month, record key) and its status changes (months, kinds)."""
        first: dict[int, tuple[datetime, int, int]] = {}
        changes: dict[int, tuple[list[int], list[str]]] = {}
        for opening_id, kind, month, occurred_at, quarter, sector, record_key in self._rows.openings:
            if not filters.keep(kind, None, quarter, sector):
                continue
            if kind == "opening.published":
                first.setdefault(opening_id, (occurred_at, month, record_key))
            months, kinds = changes.setdefault(opening_id, ([], []))
            months.append(month)
            kinds.append(kind)
        return {o: (first[o], *changes[o]) for o in first}

    def _firsts_of(self, filters: Filters) -> dict[str, dict[int, tuple[datetime, int]]]:
        """Per opening: the time and month of its first introduction and of its first hire."""
        earliest: dict[str, dict[int, tuple[datetime, int]]] = {"introduction.approved": {}, "introduction.hired": {}}
        for month, opening_id, kind, centre_id, quarter, sector, at in self._rows.firsts:
            if filters.keep(kind, centre_id, quarter, sector):
                seen = earliest[kind]
                if opening_id not in seen or at < seen[opening_id][0]:
                    seen[opening_id] = (at, month)
        return earliest

    # -- one period ----------------------------------------------------------------------

    def cells(self, period: Period, filters: Filters | None = None) -> dict:
        """Every figure of ``period``: counts as :class:`Cell`, medians with the number of values behind them."""
        filters = filters or Filters()
        if period.last_month > self.until:
            raise ValueError("this history ends before the period")
        first, last = period.first_month, period.last_month
        out: dict = {name: EMPTY for name in COUNTS}
        reasons: dict[str, Cell] = defaultdict(lambda: EMPTY)
        shown = EMPTY
        for month in period.month_numbers():
            for _month, kind, centre_id, quarter, sector, reason, n, keysum, amount in self._by_month.get(month, ()):
                if kind not in _ROLLUP_FIGURES or not filters.keep(kind, centre_id, quarter, sector):
                    continue
                cell = Cell(int(n), int(keysum or 0))
                if kind == "suggestions.shown":
                    shown += Cell(int(amount or 0), int(keysum or 0))
                    continue
                for name in _ROLLUP_FIGURES[kind]:
                    out[name] += cell
                if kind == "introduction.rejected":
                    reasons[reason or "other"] += cell
        out["suggestions_shown"] = shown
        out["rejections_by_reason"] = dict(sorted(reasons.items()))

        timeline = self._memoised("people", filters, self._people_of)
        out["participants_new"] = Cell(*timeline.new(first, last))
        out["participants_active"] = Cell(*timeline.active(first, last))
        out["participants_left"] = Cell(*timeline.exits(first, last))
        out["participants_left_employed"] = Cell(*timeline.exits(first, last, "employed"))

        openings = self._memoised("openings", filters, self._openings_of)
        posted, still_open, published = [], [], {}
        for opening_id, ((at, month, record_key), months, kinds) in openings.items():
            if month > last:
                continue
            published[opening_id] = at
            if month >= first:
                posted.append(record_key)
            if kinds[bisect_right(months, last) - 1] == "opening.published":
                still_open.append(record_key)
        out["openings_posted"], out["openings_open"] = Cell(len(posted), sum(posted)), Cell(len(still_open), sum(still_open))

        firsts = self._memoised("firsts", filters, self._firsts_of)
        for name, kind in (("median_days_to_first_introduction", "introduction.approved"), ("median_days_to_hire", "introduction.hired")):
            out[name], out[f"{name}_n"] = _median_days((published.get(o), at) for o, (at, month) in firsts[kind].items() if first <= month <= last)
        out["missing_skills_in_rejections"] = self._missing_skills(first, last, filters)
        return out

    def _missing_skills(self, first: int, last: int, filters: Filters) -> dict[str, Cell]:
        """The required terms that rejected people lacked most often (at most ten)."""
        terms: dict[str, Cell] = defaultdict(lambda: EMPTY)
        for month, data, centre_id, quarter, sector, record_key in self._rows.rejections:
            if first <= month <= last and filters.keep("introduction.rejected", centre_id, quarter, sector):
                for term in (data or {}).get("missing", []):
                    terms[term] += Cell(1, record_key)
        ranked = sorted(terms.items(), key=lambda item: (-item[1].count, item[0]))[:10]
        return dict(ranked)


def exact(cells: dict, period: Period) -> dict:
    """The exact figures (for the project lead's internal view and the tests)."""
    values = {name: cells[name].count for name in COUNTS}
    values["period"] = period.label
    values["rejections_by_reason"] = {k: c.count for k, c in cells["rejections_by_reason"].items()}
    values["placement_rate"] = round(values["hires"] / values["approvals"], 3) if values["approvals"] else None
    values["median_days_to_first_introduction"] = cells["median_days_to_first_introduction"]
    values["median_days_to_hire"] = cells["median_days_to_hire"]
    values["missing_skills_in_rejections"] = {k: c.count for k, c in cells["missing_skills_in_rejections"].items()}
    return values


def compute(session: Session, period: Period, *, centre_id: int | None = None, quarter: str | None = None, sector: str | None = None) -> dict:
    """Every exact figure of the monthly report for ``period`` (optionally one centre, quarter or sector)."""
    return exact(History(session, period.last_month).cells(period, Filters(centre_id, quarter, sector)), period)


def last_months(period: Period, months: int = 12) -> list[Period]:
    """The ``months`` single months up to ``period``'s last month, oldest first."""
    return [period.shifted(back) for back in range(months - 1, -1, -1)]


def by_month(session: Session, last: str, months: int = 12, **filters) -> list[dict]:
    """The exact figures of each of the ``months`` months up to ``last`` (oldest first), from one history."""
    period = Period.months(last)
    history = History(session, period.last_month)
    return [exact(history.cells(p, Filters(**filters)), p) for p in last_months(period, months)]


__all__ = ["COUNTS", "Cell", "Filters", "History", "Period", "by_month", "compute", "exact", "last_months"]
