"""What the statistics page, its charts, its exports and ``flask stats`` show – built in one place.

A :class:`Report` reads the event history once (:class:`~webapp.stats.figures.History`)
and hands out the figures of its period, of the twelve months up to it, per centre,
quarter or sector, and the skill demand – either as they may be published
(:func:`~webapp.stats.disclosure.publish`) or, for the project lead's internal
view, exact. Nothing leaves without passing :meth:`Report.shown`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_date, format_decimal, format_percent
from sqlalchemy.orm import Session

from webapp.core.i18n import lazy_gettext as _l
from webapp.stats.disclosure import perturb, publish, publishable
from webapp.stats.figures import Cell, Filters, History, HistoryCache, Period, exact, last_months
from webapp.stats.supply import demand_and_supply


@dataclass(frozen=True)
class Scope:
    """Which figures: the period, the filters, and exact (internal) or published."""

    period: Period
    filters: Filters = field(default_factory=Filters)
    internal: bool = False

    def __post_init__(self) -> None:
        if not self.internal and not publishable(self.period):
            raise ValueError("published statistics cover a month, a calendar quarter or a calendar year")


class Report:
    def __init__(self, session: Session, scope: Scope, cache: HistoryCache | None = None) -> None:
        self.session = session
        self.scope = scope
        self.history = History(session, scope.period.last_month, cache)
        self._months: list[dict] | None = None

    def shown(self, cells: dict, period: Period) -> dict:
        """The one gate: exact figures for the internal view, perturbed ones for everything else."""
        return exact(cells, period) if self.scope.internal else publish(cells, period)

    def count(self, cell: Cell) -> int:
        return cell.count if self.scope.internal else perturb(cell)

    def figures(self, period: Period | None = None, **filters) -> dict:
        period = period or self.scope.period
        merged = Filters(**{**vars(self.scope.filters), **filters})
        return self.shown(self.history.cells(period, merged), period)

    def months(self) -> list[dict]:
        """The figures of each of the twelve months up to the period's last month (oldest first)."""
        if self._months is None:
            self._months = [self.figures(p) for p in last_months(self.scope.period, 12)]
        return self._months

    def esf(self, centres) -> list[list]:
        """Participation per centre: entries, exits, and exits into work (the same cells as the ESF Plus indicators)."""
        rows = []
        for centre in centres:
            cells = self.history.cells(self.scope.period, Filters(centre.id, self.scope.filters.quarter, self.scope.filters.sector))
            rows.append([centre.name, *(self.count(cells[name]) for name in ("participants_new", "participants_left", "participants_left_employed"))])
        return rows

    def breakdown(self, field_name: str, values) -> dict[str, dict]:
        """The figures per quarter or sector."""
        return {value: self.figures(**{field_name: value}) for value in values}

    def supply(self, limit: int = 10) -> list[tuple[str, int, int]]:
        """Skills most asked for by open openings, with how many active participants have them (now)."""
        rows = demand_and_supply(self.session, limit=limit, centre_id=self.scope.filters.centre_id)
        return [(label, self.count(demand), self.count(supply)) for label, demand, supply in rows]


def period_text(period: Period) -> str:
    """The period in words: "Oktober 2026", "4. Quartal 2026", "2026", "Juli 2026 – Oktober 2026"."""
    kind = period.kind
    if kind == "month":
        return format_date(period.first, "MMMM yyyy")
    if kind == "quarter":
        return str(_l("%(q)d. Quartal %(y)d", q=(period.first.month - 1) // 3 + 1, y=period.first.year))
    if kind == "year":
        return str(period.first.year)
    return f"{format_date(period.first, 'MMMM yyyy')} – {format_date(period.last, 'MMMM yyyy')}"


def month_text(period: Period) -> str:
    """A month for chart axes and tables: "Okt. 2026"."""
    return format_date(period.first, "MMM yyyy")


def display(key: str, value):
    """A figure as a person reads it: "–" for nothing, "67 %" for the rate, "6,5" for days, whole numbers as they are."""
    if value is None:
        return "–"
    if key == "placement_rate":
        return format_percent(value)
    if isinstance(value, float):
        return format_decimal(value, format="#,##0.0")
    return value


__all__ = ["Report", "Scope", "display", "month_text", "period_text"]
