"""Openings through the API: the list a caller's page shows, and one opening it may see."""

from __future__ import annotations

from flask import abort
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from models import Opening
from webapp.api.routes import bp
from webapp.api.schemas import OpeningSchema
from webapp.core.db import db


@bp.route("/openings")
class Openings(MethodView):
    @bp.etag
    @bp.response(200, OpeningSchema(many=True))
    @bp.paginate()
    def get(self, pagination_parameters):
        """Die Stellen, die die eigene Liste zeigt: für Betriebe die eigenen (jeder Stand), für die Beratung und die
        Projektleitung die offenen."""
        listed = Opening.listed_for(current_user)
        pagination_parameters.item_count = db.session.scalar(select(func.count()).select_from(Opening).where(listed)) or 0
        stmt = (
            select(Opening)
            .where(listed)
            .options(joinedload(Opening.employer), selectinload(Opening.skills))
            .order_by(Opening.published_at.desc(), Opening.id.desc())
            .offset(pagination_parameters.first_item)
            .limit(pagination_parameters.page_size)
        )
        return db.session.scalars(stmt).all()


@bp.route("/openings/<int:opening_id>")
class OneOpening(MethodView):
    @bp.etag
    @bp.response(200, OpeningSchema)
    def get(self, opening_id: int):
        """Eine Stelle – wenn die eigene Seite sie zeigen darf (sonst 404, wie auf den Seiten)."""
        opening = db.session.get(Opening, opening_id)
        if opening is None or not opening.visible_to(current_user):
            abort(404)
        return opening
