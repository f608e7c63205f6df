"""Decisions through the API: a counsellor approves or rejects one suggested person of the own house, exactly
once – and with an ``Idempotency-Key``, a retried request gets the first answer again."""

from __future__ import annotations

from flask import abort
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import abort as abort_with
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from models import Participant
from webapp.api import idempotency
from webapp.api.routes import bp
from webapp.api.schemas import DecisionInSchema, DecisionSchema
from webapp.core.db import db
from webapp.counsellors.forms import DecisionForm
from webapp.introductions.operations import DecisionRefused, decide_as_explained
from webapp.suggestions.selection import suggested_opening


@bp.route("/openings/<int:opening_id>/decisions")
class Decisions(MethodView):
    @bp.arguments(DecisionInSchema)
    @bp.response(201, DecisionSchema)
    @bp.doc(parameters=[{"in": "header", "name": idempotency.HEADER, "schema": {"type": "string", "maxLength": 100}, "required": False}])
    def post(self, data, opening_id: int):
        """Vorstellen oder nicht (nur die Beratung, nur Personen des eigenen Hauses, Schlüssel „lesen und ändern“). Über
        eine Person wird je Stelle genau einmal entschieden (sonst 409); mit ``Idempotency-Key`` bekommt eine
        Wiederholung dieselbe Antwort noch einmal (Kopf ``Idempotent-Replayed: true``)."""
        if current_user.role != "counsellor":
            abort(403)
        user = current_user._get_current_object()
        sent = idempotency.key()
        if sent and (earlier := idempotency.earlier_answer(user, sent)):
            return earlier
        opening = suggested_opening(opening_id)
        person = db.session.scalar(select(Participant).where(Participant.pseudonym == data["code"].strip().upper()))
        if person is None or not person.managed_by(user):
            abort(404)  # another house's person is answered like nobody
        approve = data["approve"]
        form = DecisionForm(
            formdata=MultiDict({"participant_id": str(person.id), "reason": data["reason"], "note": data["note"], ("approve" if approve else "reject"): "y"}),
            meta={"csrf": False},
        )
        if not form.validate():
            abort_with(422, messages={"json": {"code" if k == "participant_id" else k: v for k, v in form.errors.items()}})
        code = person.pseudonym
        try:
            intro = decide_as_explained(opening, person, user, approve, form.reason.data or None, form.note.data or "")
        except DecisionRefused as refused:
            db.session.rollback()
            if sent and (earlier := idempotency.earlier_answer(user, sent)):  # the same request, answered meanwhile
                return earlier
            abort_with(409, message=str(refused))
        body = {"introduction_id": intro.id, "code": code, "status": intro.status}
        if sent and not idempotency.remember(user, sent, body, 201):
            db.session.rollback()
            return idempotency.earlier_answer(user, sent) or abort(409)
        db.session.commit()
        return body
