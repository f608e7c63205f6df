"""The statistics pages: figures, 12-month charts with their tables, exports. Counsellors see their centre."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from models import Centre, utcnow
from models.enums import QUARTERS, SECTORS

from .. import params
from ..db import db
from ..permissions import roles_required
from . import charts
from .export import LABELS, esf_rows, report_rows, suppressed, to_csv, to_xlsx
from .figures import Period, by_month, compute
from .supply import demand_and_supply

bp = Blueprint("stats", __name__, url_prefix="/statistik")
staff_only = roles_required("admin", "counsellor")

CHART_SERIES = {
    "vorstellungen": ("Vorstellungen und Einstellungen", {"Vorstellungen": "approvals", "Gespräche": "interviews", "Einstellungen": "hires", "Ablehnungen": "rejections"}),
    "teilnehmende": ("Teilnehmende", {"neu": "participants_new", "aktiv": "participants_active"}),
    "stellen": ("Stellen", {"veröffentlicht": "openings_posted", "besetzt": "openings_filled", "abgelaufen": "openings_expired"}),
}


def _scope() -> tuple[Period, dict]:
    """The period and filters asked for; counsellors always get their own centre."""
    this_month = date.today().strftime("%Y-%m")
    if any(params.text(name, 20) and not params.month(name) for name in ("monat", "bis")):
        abort(400)  # a month that is not YYYY-MM between 2000 and 2099
    try:
        period = Period.months(params.month("monat") or this_month, params.month("bis"))
    except ValueError:
        abort(400)
    if current_user.role == "counsellor":
        centre_id = current_user.centre_id
    else:
        centre_id = params.integer("haus")
        if centre_id not in set(db.session.scalars(select(Centre.id))):
            centre_id = None  # no or an unknown centre: all centres
    filters = {
        "centre_id": centre_id,
        "quarter": params.choice("stadtteil", QUARTERS),
        "sector": params.choice("branche", SECTORS),
    }
    return period, filters


@bp.route("/")
@staff_only
def dashboard():
    period, filters = _scope()
    centre_id = filters["centre_id"]
    figures = compute(db.session, period, **filters)
    shown = {key: suppressed(key, figures[key], figures) for key in LABELS}
    last = period.last.strftime("%Y-%m")
    months = by_month(db.session, last, 12, **filters)
    tables = {
        name: (title, [m["period"] for m in months], {label: [m[key] for m in months] for label, key in series.items()})
        for name, (title, series) in CHART_SERIES.items()
    }
    supply = demand_and_supply(db.session, centre_id=centre_id)
    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    esf = esf_rows(db.session, period, [c for c in centres if centre_id in (None, c.id)])
    return render_template(
        "stats/dashboard.html",
        period=period,
        centre_id=centre_id,
        filters=filters,
        esf=esf,
        centres=centres,
        figures=figures,
        shown=shown,
        labels=LABELS,
        tables=tables,
        supply=supply,
        produced_at=utcnow(),
        query=request.query_string.decode(),
    )


@bp.route("/diagramm/<name>.png")
@staff_only
def chart(name: str):
    period, filters = _scope()
    if name == "kenntnisse":
        rows = demand_and_supply(db.session, centre_id=filters["centre_id"])
        png = charts.horizontal_bars([r[0] for r in rows], {"gesucht (offene Stellen)": [r[1] for r in rows], "vorhanden (aktive Teilnehmende)": [r[2] for r in rows]})
    elif name in CHART_SERIES:
        months = by_month(db.session, period.last.strftime("%Y-%m"), 12, **filters)
        _title, series = CHART_SERIES[name]
        png = charts.bars_by_month([m["period"] for m in months], {label: [m[key] for m in months] for label, key in series.items()})
    else:
        abort(404)
    return Response(png, mimetype="image/png")


@bp.route("/export.<fmt>")
@staff_only
def export(fmt: str):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    period, filters = _scope()
    rows = report_rows(db.session, period, **filters)
    name = f"kmu-match-statistik-{period.label.replace(' – ', '_bis_')}.{fmt}"
    if fmt == "csv":
        return Response(to_csv(rows), mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename={name}"})
    return Response(
        to_xlsx(rows),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
