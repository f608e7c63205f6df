"""The public list of the quarters' openings through the API – no token: the city's website embeds it."""

from __future__ import annotations

from flask.views import MethodView
from sqlalchemy import func, select

from webapp.api.routes import OPEN_ENDPOINTS, bp
from webapp.api.schemas import PAGE_HEADERS, PublicOpeningSchema, PublicQuerySchema
from webapp.core.db import db
from webapp.main.job_postings import public_openings


@bp.route("/public/openings")
class PublicOpenings(MethodView):
    @bp.etag
    @bp.arguments(PublicQuerySchema, location="query")
    @bp.response(200, PublicOpeningSchema(many=True), headers=PAGE_HEADERS)
    @bp.doc(security=[])
    def get(self, args):
        """Die Stellen, die Betriebe öffentlich zeigen (offen und so gewählt) – ohne Schlüssel, wie die Seite /stellen.
        Über Teilnehmende steht hier nie etwas; Interessierte wenden sich an ein Perspektivhaus."""
        stmt = public_openings(args.get("stadtteil"), args.get("arbeitszeit"), args.get("branche"))
        total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
        rows = db.session.scalars(stmt.offset((args["page"] - 1) * args["page_size"]).limit(args["page_size"])).all()
        return rows, 200, {"X-Total-Count": str(total)}


OPEN_ENDPOINTS.add("api.PublicOpenings")
