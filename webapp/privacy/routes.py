"""Rights of the data subject: access (DSGVO Art. 15, as a page and as JSON) and erasure (Art. 17)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from sqlalchemy import or_, select

from models import VISIBLE_TO_EMPLOYER, AuditEvent, Employer, Event, Introduction, Opening, utcnow
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.i18n import gettext as _
from webapp.core.permissions import counsellor_only
from webapp.counsellors.access import own_participant
from webapp.counsellors.participant_forms import ErasureForm
from webapp.privacy.erasure import erase_participant
from webapp.privacy.personal_data import erasure_summary, records_of, sections

bp = Blueprint("privacy", __name__, url_prefix="/beratung", template_folder="templates")


def subject_access(participant) -> dict:
    """Everything stored about the person – every table that belongs to them, found in the schema
    (webapp.privacy.personal_data) – plus which companies received their data and when, the anonymous
    statistics events under their key, and who looked at or decided about them."""
    p = participant
    records = records_of(db.session, "participant", p.id)
    intros = db.session.execute(
        select(Introduction.id, Introduction.status, Introduction.decided_at, Employer.name)
        .join(Opening, Opening.id == Introduction.opening_id)
        .join(Employer, Employer.id == Opening.employer_id)
        .where(Introduction.participant_id == p.id)
        .order_by(Introduction.decided_at)
    ).all()
    given = [(company, decided_at) for _id, status, decided_at, company in intros if status in VISIBLE_TO_EMPLOYER]
    about = or_(
        (AuditEvent.object_type == "participant") & (AuditEvent.object_id == p.id),
        (AuditEvent.object_type == "introduction") & AuditEvent.object_id.in_([i for i, *_rest in intros]),
    )
    views = db.session.execute(select(AuditEvent.at, AuditEvent.action, AuditEvent.actor_role).where(about).order_by(AuditEvent.at, AuditEvent.id)).all()
    events = db.session.execute(
        select(Event.occurred_at, Event.kind, Event.reason).where(Event.participant_key == p.stats_key).order_by(Event.occurred_at, Event.id)
    ).all()
    return {
        "produced_at": utcnow().isoformat(timespec="seconds"),
        "controller": "Stadt Hagen, Projekt „Gemeinsam für Hagen 2.0“, " + p.centre.name,
        "pseudonym": p.pseudonym,
        "records": records,
        "companies_that_received_data": [{"company": company, "since": at.isoformat(timespec="seconds") if at else None} for company, at in given],
        "statistics_events": [{"at": at.isoformat(timespec="seconds"), "kind": kind, "reason": reason} for at, kind, reason in events],
        "access_log": [{"at": at.isoformat(timespec="seconds"), "action": action, "by_role": role} for at, action, role in views],
    }


@bp.route("/teilnehmende/<int:participant_id>/auskunft")
@counsellor_only
def subject_access_page(participant_id: int):
    p = own_participant(participant_id)
    data = subject_access(p)
    audit("participant.subject_access", "participant", p.id)
    return render_and_commit("privacy/subject_access.html", p=p, data=data, sections=sections(db.session, data["records"]))


@bp.route("/teilnehmende/<int:participant_id>/auskunft.json")
@counsellor_only
def subject_access_json(participant_id: int):
    p = own_participant(participant_id)
    data = subject_access(p)
    audit("participant.subject_access", "participant", p.id)
    db.session.commit()
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename=auskunft-{p.pseudonym}.json"},
    )


@bp.route("/teilnehmende/<int:participant_id>/loeschen", methods=["GET", "POST"])
@counsellor_only
def erase(participant_id: int):
    p = own_participant(participant_id)
    form = ErasureForm(p.pseudonym)
    if form.validate_on_submit():
        pseudonym = p.pseudonym
        erase_participant(db.session, p, "request")
        audit("participant.erase", "participant", participant_id)
        db.session.commit()
        flash(_("Die Daten von %(code)s sind gelöscht. In der Statistik bleibt die Person nur noch als anonyme Zahl.", code=pseudonym), "success")
        return redirect(url_for("counsellors.participants"))
    if request.method == "GET":
        audit("participant.view", "participant", p.id)
        db.session.commit()
    return render_template("privacy/erase.html", p=p, form=form, goes=erasure_summary(db.session, "participant", p.id))
