"""The monthly statistics through the API: the figures the statistics page shows – published (protected) for
everybody, exact only in the project lead's internal view –, and the ESF Plus indicators for the project lead."""

from __future__ import annotations

from flask import abort
from flask.views import MethodView
from flask_login import current_user

from webapp.api.routes import bp
from webapp.api.schemas import StatisticsQuerySchema, StatisticsSchema
from webapp.core.db import db
from webapp.esf import indicators as esf_indicators
from webapp.stats.report import Report, period_text
from webapp.stats.routes import history_cache, request_scope


@bp.route("/statistics")
class Statistics(MethodView):
    @bp.arguments(StatisticsQuerySchema, location="query")
    @bp.response(200, StatisticsSchema)
    def get(self, _args):
        """Die Zahlen eines Monats, Quartals oder Jahres (Beratung: das eigene Haus; Projektleitung: alle oder ein
        Haus, mit ``ansicht=intern`` die genauen Zahlen). Dieselben Zahlen wie die Statistikseite und ihre Exporte."""
        if current_user.role not in ("admin", "counsellor"):
            abort(403)
        scope = request_scope()
        figures = Report(db.session, scope, history_cache()).figures()
        esf = None
        if current_user.role == "admin":
            cells = esf_indicators.cells(db.session, scope.period, scope.filters.centre_id, history_cache())
            esf = esf_indicators.figures(cells, scope.internal)
        return {"period": period_text(scope.period), "exact": scope.internal, "figures": figures, "esf": esf}
