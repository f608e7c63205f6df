"""The statistics pages: figures, 12-month charts with their tables, exports. Counsellors see their centre."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from models import Centre, utcnow

from ..db import db
from ..permissions import roles_required
from . import charts
from .export import LABELS, report_rows, suppressed, to_csv, to_xlsx
from .figures import Period, by_month, compute
from .supply import demand_and_supply

bp = Blueprint("stats", __name__, url_prefix="/statistik")
staff_only = roles_required("admin", "counsellor")

CHART_SERIES = {
    "vorstellungen": ("Vorstellungen und Einstellungen", {"Vorstellungen": "approvals", "Gespräche": "interviews", "Einstellungen": "hires", "Ablehnungen": "rejections"}),
    "teilnehmende": ("Teilnehmende", {"neu": "participants_new", "aktiv": "participants_active"}),
    "stellen": ("Stellen", {"veröffentlicht": "openings_posted", "besetzt": "openings_filled", "abgelaufen": "openings_expired"}),
}


def _scope() -> tuple[Period, int | None]:
    """The period and centre asked for; counsellors always get their own centre."""
    this_month = date.today().strftime("%Y-%m")
    try:
        period = Period.months(request.args.get("monat") or this_month, request.args.get("bis") or None)
    except ValueError:
        abort(400)
    if current_user.role == "counsellor":
        return period, current_user.centre_id
    centre = request.args.get("haus", type=int)
    return period, centre


@bp.route("/")
@staff_only
def dashboard():
    period, centre_id = _scope()
    figures = compute(db.session, period, centre_id=centre_id)
    shown = {key: suppressed(key, figures[key], figures) for key in LABELS}
    last = period.last.strftime("%Y-%m")
    months = by_month(db.session, last, 12, centre_id=centre_id)
    tables = {
        name: (title, [m["period"] for m in months], {label: [m[key] for m in months] for label, key in series.items()})
        for name, (title, series) in CHART_SERIES.items()
    }
    supply = demand_and_supply(db.session, centre_id=centre_id)
    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    return render_template(
        "stats/dashboard.html",
        period=period,
        centre_id=centre_id,
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
    period, centre_id = _scope()
    if name == "kenntnisse":
        rows = demand_and_supply(db.session, centre_id=centre_id)
        png = charts.horizontal_bars([r[0] for r in rows], {"gesucht (offene Stellen)": [r[1] for r in rows], "vorhanden (aktive Teilnehmende)": [r[2] for r in rows]})
    elif name in CHART_SERIES:
        months = by_month(db.session, period.last.strftime("%Y-%m"), 12, centre_id=centre_id)
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
    period, centre_id = _scope()
    rows = report_rows(db.session, period, centre_id=centre_id)
    name = f"kmu-match-statistik-{period.label.replace(' – ', '_bis_')}.{fmt}"
    if fmt == "csv":
        return Response(to_csv(rows), mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename={name}"})
    return Response(
        to_xlsx(rows),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
