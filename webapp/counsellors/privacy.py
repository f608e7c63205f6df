"""Rights of the data subject: access (DSGVO Art. 15, as a page and as JSON) and erasure (Art. 17)."""

from __future__ import annotations

import json
from base64 import b64encode

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from models import VISIBLE_TO_EMPLOYER, AuditEvent, Introduction, Opening, User, utcnow
from models.enums import VOLUNTARY_ESF_FIELDS

from ..audit import audit
from ..db import db, render_and_commit
from ..erasure import erase_participant
from . import bp
from .participant_forms import ErasureForm
from .participants import _own
from .routes import counsellor_only


def subject_access(participant) -> dict:
    """Every record about the person, including which companies received their data and when."""
    p = participant
    intros = db.session.scalars(
        select(Introduction)
        .where(Introduction.participant_id == p.id)
        .options(selectinload(Introduction.opening).selectinload(Opening.employer))
        .order_by(Introduction.decided_at)
    ).all()
    views = db.session.execute(
        select(AuditEvent.at, AuditEvent.action, User.role)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.object_type == "participant", AuditEvent.object_id == p.id)
        .order_by(AuditEvent.at)
    ).all()
    return {
        "produced_at": utcnow().isoformat(timespec="seconds"),
        "controller": "Stadt Hagen, Projekt „Gemeinsam für Hagen 2.0“, " + p.centre.name,
        "pseudonym": p.pseudonym,
        "identity": {
            "first_name": p.identity.first_name if p.identity else None,
            "last_name": p.identity.last_name if p.identity else None,
            "phone": p.identity.phone if p.identity else None,
            "email": p.identity.email if p.identity else None,
            "notes": p.identity.notes if p.identity else None,
        },
        "profile": {
            "centre": p.centre.name,
            "responsible_counsellor": p.counsellor.name if p.counsellor else None,
            "status": p.status,
            "german_level": p.german_level,
            "languages": {lang.language: lang.level for lang in p.languages},
            "hours_wanted": p.hours,
            "available_from": p.available_from.isoformat() if p.available_from else None,
            "driving_licences": list(p.driving_licences or []),
            "postcode": p.postcode,
            "quarter": p.quarter,
            "skills": [{"as_written": s.term, "understood_as": s.skill_id, "how": s.match_how} for s in p.skills],
            "created_at": p.created_at.isoformat(timespec="seconds"),
        },
        "consents": [
            {
                "scope": c.scope,
                "text_version": c.text_version,
                "given_at": c.given_at.isoformat(timespec="seconds"),
                "withdrawn_at": c.withdrawn_at.isoformat(timespec="seconds") if c.withdrawn_at else None,
            }
            for c in p.consents
        ],
        "introductions": [
            {
                "opening": i.opening.title,
                "company": i.opening.employer.name,
                "status": i.status,
                "decided_at": i.decided_at.isoformat(timespec="seconds") if i.decided_at else None,
                "data_given_to_company": i.status in VISIBLE_TO_EMPLOYER,
            }
            for i in intros
        ],
        "companies_that_received_data": sorted({i.opening.employer.name for i in intros if i.status in VISIBLE_TO_EMPLOYER}),
        "esf": _esf_data(p),
        "cv": [
            {
                "kind": e.kind,
                "title": e.title,
                "place": e.place,
                "from": e.started_on.isoformat() if e.started_on else None,
                "to": e.ended_on.isoformat() if e.ended_on else None,
                "details": e.details,
                "recognition": e.recognition,
            }
            for e in p.cv
        ],
        # How a term of the profile is to be read, as the counsellor chose it ("nicht gemeint?").
        "readings_chosen": [{"term": f.term_key, "understood_as": f.concept_id} for f in p.reading_fixes],
        "cv_photo": {"stored_at": p.photo.uploaded_at.isoformat(timespec="seconds"), "jpeg_base64": b64encode(p.photo.image).decode("ascii")}
        if p.photo is not None
        else None,
        "access_log": [{"at": at.isoformat(timespec="seconds"), "action": action, "by_role": role} for at, action, role in views],
    }


def _esf_data(p) -> dict | None:
    """The ESF Plus data as stored (they are the person's data too)."""
    r = p.esf
    if r is None:
        return None
    data = {
        "entered_on": r.entered_on.isoformat(),
        "gender": r.gender,
        "birth_year": r.birth_year,
        "labour_status": r.labour_status,
        "education": r.education,
        "voluntary_consent_at": r.voluntary_consent_at.isoformat(timespec="seconds") if r.voluntary_consent_at else None,
        "left_on": r.left_on.isoformat() if r.left_on else None,
        "exit_situation": r.exit_situation,
        "follow_up_on": r.follow_up_on.isoformat() if r.follow_up_on else None,
        "follow_up_employed": r.follow_up_employed,
    }
    data.update({name: getattr(r, name) for name in VOLUNTARY_ESF_FIELDS})
    return data


@bp.route("/teilnehmende/<int:participant_id>/auskunft")
@counsellor_only
def subject_access_page(participant_id: int):
    p = _own(participant_id)
    data = subject_access(p)
    audit("participant.subject_access", "participant", p.id)
    return render_and_commit("counsellors/subject_access.html", p=p, data=data)


@bp.route("/teilnehmende/<int:participant_id>/auskunft.json")
@counsellor_only
def subject_access_json(participant_id: int):
    p = _own(participant_id)
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
    p = _own(participant_id)
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
    intro_count = db.session.scalar(select(func.count()).select_from(Introduction).where(Introduction.participant_id == p.id))
    return render_template("counsellors/erase.html", p=p, form=form, intro_count=intro_count)
