"""Participant profiles: create, view, edit, consent. Every view and change is audited."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from models import (
    ConsentRecord,
    Introduction,
    Opening,
    Participant,
    ParticipantIdentity,
    ParticipantLanguage,
    ParticipantSkill,
    User,
    utcnow,
)

from .. import params
from ..audit import audit
from ..db import db
from ..employers.forms import split_terms
from ..employers.operations import postcode_quarter
from ..events import record_event
from ..matching_index import matching_index, touch
from ..pagination import paginate
from ..retention import anonymised_on
from ..skills import understand
from . import bp
from .participant_forms import ConsentForm, ParticipantForm
from .routes import counsellor_only

# The consent text is templates/counsellors/_consent_text.html; a new wording gets a new version.
# 2026-02: says that the other centre's counsellors see the pseudonymous profile in suggestions.
CONSENT_TEXT_VERSION = "2026-02"
PREFIX = {"altenhagen": "AH", "wehringhausen": "WH"}


def _own(participant_id: int) -> Participant:
    p = db.session.get(Participant, participant_id)
    if p is None or not p.managed_by(current_user):
        abort(404)
    return p


def _counsellors() -> list[User]:
    return db.session.scalars(select(User).where(User.centre_id == current_user.centre_id, User.active.is_(True)).order_by(User.name)).all()


def _next_pseudonym() -> str:
    prefix = PREFIX.get(current_user.centre.slug, current_user.centre.slug[:2].upper())
    codes = db.session.scalars(select(Participant.pseudonym).where(Participant.pseudonym.like(f"{prefix}-%"))).all()
    numbers = [int(c.split("-")[1]) for c in codes if c.split("-")[1].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1:04d}"


def _apply(form: ParticipantForm, p: Participant) -> None:
    if p.identity is None:
        p.identity = ParticipantIdentity(first_name="", last_name="")
    for name in ("first_name", "last_name", "phone", "email", "notes"):
        setattr(p.identity, name, (form[name].data or "").strip())
    p.german_level = form.german_level.data
    wanted = set(form.hours.data or [])
    p.wants_full_time, p.wants_part_time, p.wants_minijob = ("full_time" in wanted, "part_time" in wanted, "minijob" in wanted)
    p.available_from = form.available_from.data
    p.driving_licences = sorted(form.driving_licences.data or [])
    p.postcode = form.postcode.data or None
    p.quarter = postcode_quarter(p.postcode) if p.postcode else current_user.centre.quarter
    p.counsellor_id = int(form.counsellor_id.data) if form.counsellor_id.data else None
    p.status = form.status.data
    terms = split_terms(form.skills.data)
    p.skills.clear()
    for position, (term, norm) in enumerate(zip(terms, understand(terms))):
        p.skills.append(ParticipantSkill(term=term, position=position, skill_id=norm.concept, match_how=norm.how, confidence=norm.confidence))
    p.languages.clear()
    db.session.flush()  # the old language rows go before new ones with the same key come
    for lang, level in form.languages.items():
        p.languages.append(ParticipantLanguage(language=lang, level=level))
    touch(db.session, p)


def _fill(form: ParticipantForm, p: Participant) -> None:
    for name in ("first_name", "last_name", "phone", "email", "notes"):
        form[name].data = getattr(p.identity, name) if p.identity else ""
    form.german_level.data = p.german_level
    form.hours.data = p.hours
    form.available_from.data = p.available_from
    form.driving_licences.data = list(p.driving_licences or [])
    form.postcode.data = p.postcode or ""
    form.counsellor_id.data = str(p.counsellor_id or "")
    form.status.data = p.status
    form.skills.data = "\n".join(s.term for s in p.skills)
    for (lang, level), row in zip(form.language_rows, p.languages):
        lang.data, level.data = row.language, row.level
    form.version.data = str(p.version)


def _preview(form: ParticipantForm):
    terms = split_terms(form.skills.data)
    return [("required", t, n) for t, n in zip(terms, understand(terms))]


@bp.route("/teilnehmende")
@counsellor_only
def participants():
    stmt = select(Participant).where(Participant.centre_id == current_user.centre_id).options(selectinload(Participant.skills))
    q = params.text("q", 100)
    if q:
        needle = q.lower()
        stmt = stmt.outerjoin(ParticipantIdentity).where(
            or_(*(func.lower(column).contains(needle, autoescape=True) for column in (Participant.pseudonym, ParticipantIdentity.first_name, ParticipantIdentity.last_name)))
        )
    page = paginate(db.session, stmt.order_by(Participant.pseudonym))
    soon = anonymised_on(db.session, [p.id for p in page.items], current_app.config["RETENTION_MONTHS"])
    return render_template("counsellors/participants.html", page=page, q=q, soon=soon)


@bp.route("/teilnehmende/neu", methods=["GET", "POST"])
@counsellor_only
def participant_new():
    form = ParticipantForm(counsellors=_counsellors())
    if request.method == "GET":
        form.counsellor_id.data = str(current_user.id)
    preview = _preview(form) if form.is_submitted() and form.skills.data else None
    if form.validate_on_submit() and not form.check.data:
        for _attempt in range(3):
            p = Participant(pseudonym=_next_pseudonym(), centre_id=current_user.centre_id, german_level="A1", quarter="other")
            try:
                with db.session.begin_nested():
                    db.session.add(p)
                    _apply(form, p)
                break
            except IntegrityError:  # someone took the same number at the same moment
                continue
        else:
            abort(409)
        record_event("participant.entered", participant_key=p.stats_key, centre_id=p.centre_id, quarter=p.quarter)
        audit("participant.create", "participant", p.id)
        db.session.commit()
        flash(_("Das Profil %(code)s ist angelegt. Bitte erfassen Sie jetzt die Einwilligung.", code=p.pseudonym), "success")
        return redirect(url_for("counsellors.participant", participant_id=p.id))
    return render_template("counsellors/participant_form.html", form=form, participant=None, preview=preview)


@bp.route("/teilnehmende/<int:participant_id>")
@counsellor_only
def participant(participant_id: int):
    p = _own(participant_id)
    audit("participant.view", "participant", p.id)
    db.session.commit()
    intros = db.session.scalars(
        select(Introduction).where(Introduction.participant_id == p.id).options(selectinload(Introduction.opening).selectinload(Opening.employer)).order_by(Introduction.decided_at.desc())
    ).all()
    matcher = matching_index().current(db.session)
    suggestions = []
    if p.status == "active":
        ranked = matcher.rank_openings(str(p.id), k=5)
        openings = {o.id: o for o in db.session.scalars(select(Opening).where(Opening.id.in_([int(r.id) for r in ranked])).options(selectinload(Opening.employer)))}
        suggestions = [(openings[int(r.id)], r) for r in ranked if int(r.id) in openings]
    current = p.current_consent()
    consent_form = ConsentForm(scope=current.scope if current else "skills")
    soon = anonymised_on(db.session, [p.id], current_app.config["RETENTION_MONTHS"]).get(p.id)
    return render_template(
        "counsellors/participant.html", p=p, intros=intros, suggestions=suggestions, consent_form=consent_form, anonymised_on=soon, consent_text_version=CONSENT_TEXT_VERSION
    )


@bp.route("/teilnehmende/<int:participant_id>/bearbeiten", methods=["GET", "POST"])
@counsellor_only
def participant_edit(participant_id: int):
    p = _own(participant_id)
    form = ParticipantForm(counsellors=_counsellors())
    if request.method == "GET":
        _fill(form, p)
        audit("participant.view", "participant", p.id)
        db.session.commit()
    preview = _preview(form) if form.is_submitted() and form.skills.data else None
    if form.validate_on_submit() and not form.check.data:
        if form.version.data != str(p.version):
            flash(_("Das Profil wurde inzwischen von jemand anderem geändert. Ihre Eingaben sind noch da; bitte prüfen Sie sie gegen den neuen Stand und speichern Sie erneut."), "danger")
            form.version.data = str(p.version)
            return render_template("counsellors/participant_form.html", form=form, participant=p, preview=preview), 409
        old_status = p.status
        _apply(form, p)
        if old_status != p.status and p.status in ("placed", "left"):
            record_event(f"participant.{p.status}", participant_key=p.stats_key, centre_id=p.centre_id, quarter=p.quarter)
        audit("participant.update", "participant", p.id)
        db.session.commit()
        flash(_("Die Änderungen wurden gespeichert."), "success")
        return redirect(url_for("counsellors.participant", participant_id=p.id))
    return render_template("counsellors/participant_form.html", form=form, participant=p, preview=preview)


@bp.route("/teilnehmende/<int:participant_id>/einwilligung", methods=["POST"])
@counsellor_only
def consent(participant_id: int):
    p = _own(participant_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    current = p.current_consent()
    now = utcnow()
    if current is not None:
        current.withdrawn_at = now
        current.withdrawn_by_id = current_user.id
    if form.give.data:
        db.session.add(ConsentRecord(participant_id=p.id, scope=form.scope.data, text_version=CONSENT_TEXT_VERSION, given_at=now, recorded_by_id=current_user.id))
        audit("consent.give", "participant", p.id)
        flash(_("Die Einwilligung ist erfasst."), "success")
    elif current is not None:
        audit("consent.withdraw", "participant", p.id)
        flash(_("Die Einwilligung ist widerrufen. Die Person wird nicht mehr vorgeschlagen, Betriebe sehen nur noch das Kürzel."), "success")
    touch(db.session, p)
    db.session.commit()
    return redirect(url_for("counsellors.participant", participant_id=p.id))
