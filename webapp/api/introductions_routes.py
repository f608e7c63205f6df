"""Introductions through the API: a counsellor approves or rejects one suggested person of the own house, exactly
once – and with an ``Idempotency-Key``, a retried request gets the first answer again; a company reads the people
introduced to its opening (only what each consented to share) and reports what happened."""

from __future__ import annotations

from flask import abort
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import abort as abort_with
from sqlalchemy import select

from models import Introduction, Opening, Participant
from webapp.api import idempotency
from webapp.api.routes import bp, page_form
from webapp.api.schemas import CandidateSchema, DecisionInSchema, DecisionSchema, OutcomeInSchema, OutcomeSchema
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.i18n import gettext as _
from webapp.counsellors.forms import DecisionForm
from webapp.employers.forms import OutcomeForm
from webapp.employers.operations import candidates, report
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
        values = {"participant_id": str(person.id), "reason": data["reason"], "note": data["note"], ("approve" if approve else "reject"): "y"}
        form = page_form(DecisionForm, values, names={"participant_id": "code"})
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


@bp.route("/openings/<int:opening_id>/introductions")
class Introductions(MethodView):
    @bp.response(200, CandidateSchema(many=True))
    def get(self, opening_id: int):
        """Die Personen, die die Beratung dem eigenen Betrieb für diese Stelle vorgestellt hat – mit genau dem, was
        ihre Einwilligung freigibt (nur Betriebe, nur die eigene Stelle)."""
        opening = db.session.get(Opening, opening_id)
        if current_user.role != "employer" or opening is None or not opening.visible_to(current_user):
            abort(404 if current_user.role == "employer" else 403)
        shown = candidates(opening)
        for intro, _card in shown:
            audit("participant.view_card", "participant", intro.participant_id)
        db.session.commit()
        return [
            {
                "introduction_id": intro.id,
                "status": intro.status,
                "code": card["pseudonym"],
                **card,
                "languages": [{"language": lang, "level": level} for lang, level in card.get("languages", [])],
            }
            for intro, card in shown
        ]


@bp.route("/introductions/<int:introduction_id>/outcome")
class Outcome(MethodView):
    @bp.arguments(OutcomeInSchema)
    @bp.response(200, OutcomeSchema)
    def post(self, data, introduction_id: int):
        """Was aus einer Vorstellung wurde: Gespräch (mit Tag), eingestellt (mit erstem Arbeitstag) oder nicht
        eingestellt (mit Grund) – genau einmal je Schritt (409 beim zweiten Mal); eine Einstellung meldet die Stelle
        als besetzt."""
        intro = db.session.get(Introduction, introduction_id)
        if current_user.role != "employer":
            abort(403)
        if intro is None or not intro.visible_to(current_user):
            abort(404)
        form = page_form(OutcomeForm, {"outcome": data["outcome"], "on": data["on"].isoformat() if data["on"] else "", "reason": data["reason"]})
        if not report(intro, form.outcome.data, on=form.on.data, reason=form.reason.data or None):
            db.session.rollback()
            abort_with(409, message=str(_("Das wurde schon gemeldet.")))
        db.session.commit()
        return {"introduction_id": intro.id, "status": intro.status}
