"""The statistics pages: figures, 12-month tables (drawn as charts in the browser, static/charts.js), exports. Counsellors see their centre.

Everybody sees published figures (:mod:`webapp.stats.disclosure`) for a month, a
calendar quarter or a calendar year. The project lead (admin) can switch to the
internal view with exact figures and any range of months; it is marked as internal
on the page and in the files.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, render_template
from flask_login import current_user
from sqlalchemy import select

from models import LOCAL_TIMEZONE, Centre, utcnow
from models.enums import QUARTERS, SECTORS
from webapp.core import params
from webapp.core.db import db
from webapp.core.i18n import gettext as _
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import STAT_LABELS, STAT_SHORT_LABELS
from webapp.core.permissions import admin_only, staff_only
from webapp.core.spreadsheets import to_csv
from webapp.stats.export import note, report_rows, to_xlsx
from webapp.stats.figures import Filters, HistoryCache, Period, last_months
from webapp.stats.report import Report, Scope, display, month_text, period_text

bp = Blueprint("stats", __name__, url_prefix="/statistik", template_folder="templates")

# The 12-month charts: their titles and the figures they show.
CHART_SERIES = {
    "vorstellungen": (_l("Vorstellungen und Einstellungen"), ("approvals", "interviews", "hires", "rejections")),
    "teilnehmende": (_l("Teilnehmende"), ("participants_new", "participants_active")),
    "stellen": (_l("Stellen"), ("openings_posted", "openings_filled", "openings_expired")),
}
SPANS = ("monat", "quartal", "jahr")


def request_scope() -> Scope:
    """The period and filters asked for (``?monat=``, ``zeitraum``, ``bis``, ``haus``, ``stadtteil``, ``branche``,
    ``ansicht=intern``) – for the pages and the API alike; counsellors always get their own centre and published
    figures, only the project lead the internal view."""
    if any(params.text(name, 20) and not params.month(name) for name in ("monat", "bis")):
        abort(400)  # a month that is not YYYY-MM between 2000 and 2099
    internal = current_user.role == "admin" and params.choice("ansicht", ("intern",)) == "intern"
    month = params.month("monat") or datetime.now(ZoneInfo(LOCAL_TIMEZONE)).strftime("%Y-%m")
    year, number = int(month[:4]), int(month[5:])
    span = params.choice("zeitraum", SPANS, "monat")
    until = params.month("bis") if internal else None
    try:
        if until:
            period = Period.months(month, until)
        elif span == "quartal":
            period = Period.quarter(year, (number - 1) // 3 + 1)
        elif span == "jahr":
            period = Period.year(year)
        else:
            period = Period.months(month)
    except ValueError:
        abort(400)
    if current_user.role == "counsellor":
        centre_id = current_user.centre_id
    else:
        centre_id = params.integer("haus")
        if centre_id not in set(db.session.scalars(select(Centre.id))):
            centre_id = None  # no or an unknown centre: all centres
    return Scope(period, Filters(centre_id, params.choice("stadtteil", QUARTERS), params.choice("branche", SECTORS)), internal)


def history_cache() -> HistoryCache:
    """This worker's cache of the closed months' events."""
    return current_app.extensions.setdefault("kmu_stats_history", HistoryCache())


def warm_up(session) -> None:
    """Fill this process's cache for the statistics pages a project lead and each centre open first (all
    centres, each centre, this month); gunicorn's master does it once before forking its workers."""
    centres = session.scalars(select(Centre.id)).all()
    history_cache().warm(session, [Filters(), *(Filters(centre_id) for centre_id in centres)])


def scope_args(scope: Scope) -> dict:
    """The query parameters that ask for ``scope`` again (for the chart and export links)."""
    period = scope.period
    args: dict[str, str | int] = {"monat": period.first.strftime("%Y-%m"), "zeitraum": {"quarter": "quartal", "year": "jahr"}.get(period.kind, "monat")}
    if period.kind == "range":
        args["bis"] = period.last.strftime("%Y-%m")
    if current_user.role == "admin" and scope.filters.centre_id:
        args["haus"] = scope.filters.centre_id
    if scope.filters.quarter:
        args["stadtteil"] = scope.filters.quarter
    if scope.filters.sector:
        args["branche"] = scope.filters.sector
    if scope.internal:
        args["ansicht"] = "intern"
    return args


def _series(report: Report, keys) -> tuple[list[str], dict[str, list]]:
    months = last_months(report.scope.period, 12)
    figures = report.months()
    return [month_text(p) for p in months], {str(STAT_SHORT_LABELS[k]): [f[k] for f in figures] for k in keys}


@bp.route("/")
@staff_only
def dashboard():
    scope = request_scope()
    report = Report(db.session, scope, history_cache())
    figures = report.figures()
    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    tables = {name: (title, *_series(report, keys)) for name, (title, keys) in CHART_SERIES.items()}
    return render_template(
        "stats/dashboard.html",
        scope=scope,
        period_label=period_text(scope.period),
        filters=scope.filters,
        centres=centres,
        esf=report.esf([c for c in centres if scope.filters.centre_id in (None, c.id)]),
        figures=figures,
        shown={key: display(key, figures[key]) for key in STAT_LABELS},
        labels=STAT_LABELS,
        tables=tables,
        supply=report.supply(),
        produced_at=utcnow(),
        args=scope_args(scope),
        public_args={k: v for k, v in scope_args(scope).items() if k not in ("ansicht", "bis")},
        note=note(scope.internal),
    )


def _download(rows: list[list], stem: str, scope: Scope, fmt: str) -> Response:
    """Rows as a CSV or XLSX file named after the period (and marked when internal)."""
    name = f"{stem}-{scope.period.label.replace(' – ', '_bis_')}{'-intern' if scope.internal else ''}.{fmt}"
    mimetype = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(to_csv(rows) if fmt == "csv" else to_xlsx(rows), mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/export.<fmt>")
@staff_only
def export(fmt: str):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    scope = request_scope()
    rows = report_rows(Report(db.session, scope, history_cache()))
    return _download(rows, "kmu-match-statistik", scope, fmt)


ESF_COLUMNS = {"female": _l("Frauen"), "male": _l("Männer"), "diverse": _l("divers"), "unknown": _l("ohne Angabe"), "total": _l("gesamt")}


@bp.route("/begriffe")
@staff_only
def definitions():
    """What each counted figure means (webapp.stats.definitions, the one place; the README is written from it)."""
    from webapp.stats.definitions import DEFINITIONS

    return render_template("stats/definitions.html", definitions=DEFINITIONS)


def _esf_rows(scope: Scope) -> list[list]:
    """The indicator table as rows (header first), published or exact as the scope says."""
    from webapp.esf import indicators as esf_indicators

    shown = esf_indicators.figures(esf_indicators.cells(db.session, scope.period, scope.filters.centre_id, history_cache()), scope.internal)
    header = [str(_l("Indikator"))] + [str(label) for label in ESF_COLUMNS.values()]
    return [header] + [[str(i.label)] + [shown[i.key][column] for column in ESF_COLUMNS] for i in esf_indicators.INDICATORS]


@bp.route("/esf")
@admin_only
def esf():
    """ESF Plus common indicators (Annex I) by gender for a month, quarter or year, per centre or in total."""
    scope = request_scope()
    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    return render_template(
        "stats/esf.html",
        scope=scope,
        period_label=period_text(scope.period),
        filters=scope.filters,
        centres=centres,
        rows=_esf_rows(scope),
        args=scope_args(scope),
        note=note(scope.internal),
    )


@bp.route("/esf.<fmt>")
@admin_only
def esf_export(fmt: str):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    scope = request_scope()
    rows = [[_("ESF Plus – gemeinsame Indikatoren"), period_text(scope.period)], [_("Hinweis"), note(scope.internal)], [], *_esf_rows(scope)]
    return _download(rows, "kmu-match-esf", scope, fmt)


GROUP_LABELS = {
    "gender": {"female": _l("Frauen"), "male": _l("Männer"), "diverse": _l("divers"), "unknown": _l("ohne ESF-Angaben")},
    "age_group": {"under_18": _l("unter 18"), "18_29": _l("18–29"), "30_54": _l("30–54"), "55_plus": _l("55 und älter"), "unknown": _l("ohne ESF-Angaben")},
}
STAGE_LABELS = {"decided": _l("entschieden"), "introduced": _l("vorgestellt"), "interview": _l("Gespräch"), "hired": _l("eingestellt")}
RATE_LABELS = {
    "introduced/decided": _l("vorgestellt je Entscheidung"),
    "interview/introduced": _l("Gespräch je Vorstellung"),
    "hired/introduced": _l("Einstellung je Vorstellung"),
}


@bp.route("/fairness")
@admin_only
def fairness():
    """Outcomes by gender and age group (the matcher never sees either): funnel, rates against the best group, scores."""
    from webapp.stats import fairness as views

    scope = request_scope()
    tables = {}
    for grouping in views.GROUPINGS:
        centre_id = scope.filters.centre_id
        counts = views.published(views.funnel(db.session, scope.period, grouping, centre_id), scope.internal)
        scores = views.scores(db.session, scope.period, grouping, centre_id)
        if not scope.internal:  # every shown statistic from protected figures (issue 24.8)
            scores = views.published_scores(scores, counts)
        tables[grouping] = {"counts": counts, "rates": views.rates(counts), "scores": scores}
    return render_template(
        "stats/fairness.html",
        scope=scope,
        centres=db.session.scalars(select(Centre).order_by(Centre.name)).all(),
        period_label=period_text(scope.period),
        tables=tables,
        group_labels=GROUP_LABELS,
        stage_labels=STAGE_LABELS,
        rate_labels=RATE_LABELS,
        min_values=views.MIN_VALUES,
        min_scores=views.MIN_PUBLISHED_DECISIONS,
        args=scope_args(scope),
        note=note(scope.internal),
    )
