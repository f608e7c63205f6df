"""The figures of the work with businesses, from the events only (``business.*``), with the same disclosure
control as every other table (:mod:`webapp.stats.disclosure`).

* **Betriebe je Stand** – businesses by the stage they had at the end of the period (their last
  ``business.stage`` event up to then), in total, per quarter and per sector;
* **Kontakte** – visits, calls, mails and events recorded in the period (and per month for the chart);
* **Bedarfe** – needs noted in the period, and those that became a draft opening;
* **unterstützte KMU** (ESF Plus, Annex I: number of supported micro, small and medium-sized enterprises) –
  distinct businesses with fewer than 250 employees that the project had at least one recorded contact with
  (visit, call, mail or event) in the period. Counted once per business and period, whatever its stage.

A cell's key is the sum of the record keys of the events counted, or, where businesses are counted, of the
businesses' own random keys – so the same businesses always show the same number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Event
from models.enums import BUSINESS_STAGES, CONTACT_KINDS, KMU_SIZES, QUARTERS, SECTORS
from webapp.stats.disclosure import perturb
from webapp.stats.figures import EMPTY, Cell, Period, last_months

KINDS = ("business.stage", "business.contact", "business.need", "business.need_drafted")


@dataclass
class BusinessFigures:
    stages: dict[str, Cell] = field(default_factory=dict)
    stages_by_quarter: dict[str, dict[str, Cell]] = field(default_factory=dict)
    stages_by_sector: dict[str, dict[str, Cell]] = field(default_factory=dict)
    contacts: dict[str, Cell] = field(default_factory=dict)
    needs: Cell = EMPTY
    needs_drafted: Cell = EMPTY
    supported_kmu: Cell = EMPTY
    reached_hiring: Cell = EMPTY
    contacts_by_month: list[tuple[int, Cell]] = field(default_factory=list)


def _rows(session: Session, last_month: int, centre_id: int | None):
    statement = select(Event.kind, Event.month, Event.business_key, Event.quarter, Event.sector, Event.reason, Event.data, Event.record_key, Event.id).where(
        Event.kind.in_(KINDS), Event.month <= last_month
    )
    if centre_id is not None:
        statement = statement.where(Event.centre_id == centre_id)
    return session.execute(statement.order_by(Event.id)).all()


def _add(cells: dict, key, cell: Cell) -> None:
    cells[key] = cells.get(key, EMPTY) + cell


def compute(session: Session, period: Period, *, centre_id: int | None = None, quarter: str | None = None, sector: str | None = None) -> BusinessFigures:
    """Exact cells for ``period`` (the caller publishes them, or shows them exactly in the internal view)."""
    rows = [r for r in _rows(session, period.last_month, centre_id) if (quarter is None or r.quarter == quarter) and (sector is None or r.sector == sector)]
    months = set(period.month_numbers())
    out = BusinessFigures()
    latest: dict[int, Any] = {}
    supported: dict[int, bool] = {}
    for r in rows:
        if r.kind == "business.stage":
            latest[r.business_key] = r
            if r.month in months and r.reason == "hiring":
                out.reached_hiring += Cell(1, r.record_key)
        elif r.month in months:
            if r.kind == "business.contact":
                _add(out.contacts, r.reason, Cell(1, r.record_key))
                if (r.data or {}).get("size") in KMU_SIZES:
                    supported[r.business_key] = True
            elif r.kind == "business.need":
                out.needs += Cell(1, r.record_key)
            elif r.kind == "business.need_drafted":
                out.needs_drafted += Cell(1, r.record_key)
    for key, r in latest.items():
        one = Cell(1, key)
        _add(out.stages, r.reason, one)
        _add(out.stages_by_quarter.setdefault(r.quarter, {}), r.reason, one)
        _add(out.stages_by_sector.setdefault(r.sector, {}), r.reason, one)
    out.supported_kmu = Cell(len(supported), sum(supported))
    per_month: dict[int, Cell] = {}
    for r in rows:
        if r.kind == "business.contact":
            per_month[r.month] = per_month.get(r.month, EMPTY) + Cell(1, r.record_key)
    out.contacts_by_month = [(m.last_month, per_month.get(m.last_month, EMPTY)) for m in last_months(period, 12)]
    return out


def shown(figures: BusinessFigures, internal: bool) -> dict:
    """The figures as the page shows them: exact in the internal view, else perturbed."""

    def show(cell: Cell | None) -> int:
        cell = cell or EMPTY
        return cell.count if internal else perturb(cell)

    return {
        "stages": {s: show(figures.stages.get(s)) for s in BUSINESS_STAGES},
        "by_quarter": {q: {s: show(figures.stages_by_quarter.get(q, {}).get(s)) for s in BUSINESS_STAGES} for q in QUARTERS},
        "by_sector": {x: {s: show(figures.stages_by_sector.get(x, {}).get(s)) for s in BUSINESS_STAGES} for x in SECTORS},
        "contacts": {k: show(figures.contacts.get(k)) for k in CONTACT_KINDS},
        "needs": show(figures.needs),
        "needs_drafted": show(figures.needs_drafted),
        "supported_kmu": show(figures.supported_kmu),
        "reached_hiring": show(figures.reached_hiring),
        "contacts_by_month": [(month, show(cell)) for month, cell in figures.contacts_by_month],
    }
