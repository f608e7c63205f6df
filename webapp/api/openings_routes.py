"""Openings through the API: the list a caller's page shows, one opening it may see, a new one and its status (employers)."""

from __future__ import annotations

from flask import abort, url_for
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import abort as abort_with
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from models import Opening
from webapp.api.routes import bp, page_form
from webapp.api.schemas import (
    PAGE_HEADERS,
    OpeningDetailSchema,
    OpeningInSchema,
    OpeningSchema,
    OpeningUpdateSchema,
    PageQuerySchema,
    StatusChangeSchema,
    SuggestionQuerySchema,
    SuggestionSchema,
)
from webapp.core.db import db
from webapp.core.i18n import gettext as _
from webapp.employers.forms import OpeningForm
from webapp.employers.operations import EDITABLE, change_status, create_opening, update_opening
from webapp.suggestions.selection import Filters as SuggestionFilters
from webapp.suggestions.selection import select_suggestions, suggested_opening


@bp.route("/openings")
class Openings(MethodView):
    @bp.etag
    @bp.arguments(PageQuerySchema, location="query")
    @bp.response(200, OpeningSchema(many=True), headers=PAGE_HEADERS)
    def get(self, args):
        """Die Stellen, die die eigene Liste zeigt: für Betriebe die eigenen (jeder Stand), für die Beratung und die
        Projektleitung die offenen. Seitenweise; wie viele es sind, sagt der Kopf ``X-Total-Count``."""
        listed = Opening.listed_for(current_user)
        total = db.session.scalar(select(func.count()).select_from(Opening).where(listed)) or 0
        stmt = (
            select(Opening)
            .where(listed)
            .options(joinedload(Opening.employer), selectinload(Opening.skills))
            .order_by(Opening.published_at.desc(), Opening.id.desc())
            .offset((args["page"] - 1) * args["page_size"])
            .limit(args["page_size"])
        )
        return db.session.scalars(stmt).all(), 200, {"X-Total-Count": str(total)}

    @bp.arguments(OpeningInSchema)
    @bp.response(201, OpeningDetailSchema)
    def post(self, data):
        """Eine neue Stelle des eigenen Betriebs (nur Betriebe, Schlüssel „lesen und ändern“): als Entwurf oder gleich
        veröffentlicht, geprüft wie auf der Seite. Die Antwort zeigt, wie die Kenntnisse verstanden wurden."""
        if current_user.role != "employer":
            abort(403)
        form = page_form(OpeningForm, OpeningInSchema().as_form_data(data))
        opening = create_opening(current_user.employer_id, form.values(), publish=data["publish"])
        db.session.commit()
        return opening, 201, {"Location": url_for("api.OneOpening", opening_id=opening.id)}


@bp.route("/openings/<int:opening_id>")
class OneOpening(MethodView):
    @bp.etag
    @bp.response(200, OpeningDetailSchema)
    def get(self, opening_id: int):
        """Eine Stelle – wenn die eigene Seite sie zeigen darf (sonst 404, wie auf den Seiten)."""
        return _visible(opening_id)

    @bp.arguments(OpeningUpdateSchema)
    @bp.response(200, OpeningDetailSchema)
    def put(self, data, opening_id: int):
        """Die eigene Stelle ändern (nur Betriebe, Schlüssel „lesen und ändern“), geprüft wie auf der Seite; mit
        ``version`` des gelesenen Stands (409, wenn sie inzwischen jemand geändert hat, oder wenn sie besetzt oder
        geschlossen ist: dann kopieren)."""
        if current_user.role != "employer":
            abort(403)
        opening = _visible(opening_id)
        if opening.status not in EDITABLE:
            abort_with(409, message=str(_("Eine besetzte oder geschlossene Stelle kann nicht mehr geändert werden. Sie können sie kopieren.")))
        if data["version"] != opening.version:
            abort_with(
                409, message=str(_("Die Stelle wurde inzwischen geändert. Bitte lesen Sie sie neu und schicken Sie die Änderung mit der neuen version."))
            )
        form = page_form(OpeningForm, OpeningInSchema().as_form_data(data))
        update_opening(opening, form.values(), publish=data["publish"])
        db.session.commit()
        return opening


def _visible(opening_id: int) -> Opening:
    opening = db.session.get(Opening, opening_id)
    if opening is None or not opening.visible_to(current_user):
        abort(404)
    return opening


@bp.route("/openings/<int:opening_id>/status")
class OpeningStatus(MethodView):
    @bp.arguments(StatusChangeSchema)
    @bp.response(200, OpeningDetailSchema)
    def post(self, data, opening_id: int):
        """Veröffentlichen, pausieren, als besetzt melden, schließen – nur die eigene Stelle, genau einmal
        (409, wenn ihr Stand das nicht erlaubt, etwa beim zweiten Mal)."""
        opening = _visible(opening_id)
        if current_user.role != "employer":
            abort(403)
        if not change_status(opening, data["action"]):
            db.session.rollback()
            abort(409)
        db.session.commit()
        return opening


@bp.route("/openings/<int:opening_id>/suggestions")
class Suggestions(MethodView):
    @bp.arguments(SuggestionQuerySchema, location="query")
    @bp.response(200, SuggestionSchema(many=True))
    def get(self, args, opening_id: int):
        """Vorschläge für eine Stelle, wie die Seite der Beratung sie zeigt (zehn je Seite, nach Punkten; nur für die
        Beratung). Jede Person mit Kürzel und der Erklärung ihres Werts; entscheiden kann nur ihr eigenes Haus."""
        if current_user.role != "counsellor":
            abort(403)
        opening = suggested_opening(opening_id)
        shown = select_suggestions(opening, SuggestionFilters(), args["minimum"], args["weak"], None, current_user, page_number=args["page"])
        db.session.commit()  # the audit of the view and the count of shown suggestions
        decided = shown.decided
        return [
            {
                "code": person.pseudonym,
                "own_house": person.managed_by(current_user),
                "quarter": person.quarter,
                "german_level": person.german_level,
                "languages": [{"language": row.language, "level": row.level} for row in person.languages],
                "score": round(result.score, 4),
                "decided": decided[person.id].status if person.id in decided else None,
                "explanation": result.explanation,
            }
            for person, result in shown.rows
        ]
