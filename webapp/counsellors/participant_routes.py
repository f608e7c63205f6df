"""Participant profiles: create, view, edit, consent. Every view and change is audited."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from models import Introduction, Opening, Participant, User
from webapp.businesses.operations import due_steps
from webapp.core import params
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.i18n import ngettext
from webapp.core.pagination import paginate
from webapp.core.permissions import counsellor_only
from webapp.counsellors.access import own_participant
from webapp.counsellors.operations import CONSENT_TEXT_VERSION, create_participant, record_consent, record_consents, save_profile
from webapp.counsellors.participant_forms import ConsentForm, ParticipantForm, chosen_scopes
from webapp.counsellors.participant_list import CONSENT_FILTERS, ListFilter, statement
from webapp.counsellors.person_view import PERSON_LANGUAGES, language_choices, person_page
from webapp.counsellors.routes import bp
from webapp.esf.operations import follow_ups_due, missing_entries
from webapp.introductions.operations import exits_to_confirm, recent_outcomes
from webapp.privacy.retention import anonymised_on
from webapp.research.operations import consent_in_force as research_consent_in_force
from webapp.suggestions.explanations import card, is_kept
from webapp.suggestions.index import matching_index
from webapp.suggestions.selection import own_names
from webapp.suggestions.skills import fixed_readings, how_understood
from webapp.vocabulary.readings import reading_page


def _counsellors() -> list[User]:
    return list(db.session.scalars(select(User).where(User.centre_id == current_user.centre_id, User.active.is_(True)).order_by(User.name)))


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


def _preview(form: ParticipantForm, p: Participant | None = None):
    terms = form.skills.terms
    return [("required", t, n) for t, n in zip(terms, how_understood(terms, fixed_readings(p) if p is not None else None))]


def _responsible(form: ParticipantForm) -> int | None:
    return int(form.counsellor_id.data) if form.counsellor_id.data else None


@bp.route("/teilnehmende")
@counsellor_only
def participants():
    f = ListFilter(
        q=params.text("q", 100),
        consent=params.choice("einwilligung", CONSENT_FILTERS),
        newest=params.choice("sortierung", ("neu",)) == "neu",
        esf_missing=params.choice("esf", ("fehlt",)) == "fehlt",
        show_names=params.choice("namen", ("ja",)) == "ja",
    )
    page = paginate(db.session, statement(current_user.centre_id, f))
    ids = [p.id for p in page.items]
    shown_names = own_names(ids) if f.show_names else {}
    if shown_names:
        audit("participant.list_names", "centre", current_user.centre_id)  # who saw the names of a page of people, and when
    return render_and_commit(
        "counsellors/participants.html",
        business_steps=due_steps(db.session, current_user.id, date.today()),
        page=page,
        names=shown_names,
        show_names=f.show_names,
        codes_args=f.args(names=False),
        q=f.q,
        consent=f.consent,
        newest=f.newest,
        args=f.args(),
        soon=anonymised_on(db.session, ids, current_app.config["RETENTION_MONTHS"]),
        exits=exits_to_confirm(current_user.centre_id),
        news=recent_outcomes(current_user.centre_id),
        esf_missing=f.esf_missing,
        missing_esf=missing_entries(current_user.centre_id),
        follow_ups=follow_ups_due(current_user.centre_id, date.today()),
        button=ButtonForm(),
        scopes=ConsentForm().scope.choices,
        consent_text_version=CONSENT_TEXT_VERSION,
    )


@bp.route("/teilnehmende/einwilligungen", methods=["POST"])
@counsellor_only
def consents():
    """Consent for several people at once, each with the scope chosen in its row (audited one by one).

    All or nothing: a row naming somebody who is not the centre's, or an unknown scope, saves nothing.
    """
    chosen = chosen_scopes(request.form)
    if not ButtonForm().validate_on_submit() or chosen is None:
        abort(400)
    if not record_consents(chosen, current_user):
        abort(404)  # the same answer for another centre's person as for nobody
    db.session.commit()
    if chosen:
        flash(ngettext("Die Einwilligung von %(num)d Person ist erfasst.", "Die Einwilligungen von %(num)d Personen sind erfasst.", len(chosen)), "success")
    else:
        flash(_("Es war keine Einwilligung ausgewählt; nichts wurde gespeichert."), "warning")
    return redirect(params.redirect_target("zurueck", source=request.form) or url_for("counsellors.participants", einwilligung="ohne"))


@bp.route("/teilnehmende/neu", methods=["GET", "POST"])
@counsellor_only
def participant_new():
    form = ParticipantForm(counsellors=_counsellors())
    if request.method == "GET":
        form.counsellor_id.data = str(current_user.id)
    preview = _preview(form) if form.is_submitted() and form.skills.data else None
    if form.validate_on_submit() and not form.check.data:
        p = create_participant(form.values(), current_user, _responsible(form))
        db.session.commit()
        flash(_("Das Profil %(code)s ist angelegt. Bitte erfassen Sie jetzt die Einwilligung.", code=p.pseudonym), "success")
        return redirect(url_for("counsellors.participant", participant_id=p.id))
    return render_template("counsellors/participant_form.html", form=form, participant=None, preview=preview)


@bp.route("/teilnehmende/<int:participant_id>")
@counsellor_only
def participant(participant_id: int):
    p = own_participant(
        participant_id,
        joinedload(Participant.identity),
        joinedload(Participant.counsellor),
        joinedload(Participant.esf),
        selectinload(Participant.languages),
        selectinload(Participant.skills),
        selectinload(Participant.consents),
    )
    audit("participant.view", "participant", p.id)
    intros = db.session.scalars(
        select(Introduction)
        .where(Introduction.participant_id == p.id)
        .options(joinedload(Introduction.opening).joinedload(Opening.employer))  # one statement, not three
        .order_by(Introduction.decided_at.desc())
    ).all()
    suggestions = []
    if p.status == "active":
        with matching_index().use(db.session) as matcher:
            ranked = matcher.rank_openings(str(p.id), k=5)
            for r in ranked:
                if not is_kept(r):
                    r.explanation  # noqa: B018  # made while the index is held: another request may update it
        openings = {
            o.id: o for o in db.session.scalars(select(Opening).where(Opening.id.in_([int(r.id) for r in ranked])).options(joinedload(Opening.employer)))
        }
        suggestions = [(openings[int(r.id)], r, card(r)) for r in ranked if int(r.id) in openings]
    current = p.current_consent()
    consent_form = ConsentForm(scope=current.scope if current else "skills")
    soon = anonymised_on(db.session, [p.id], current_app.config["RETENTION_MONTHS"]).get(p.id)
    return render_and_commit(
        "counsellors/participant.html",
        p=p,
        intros=intros,
        suggestions=suggestions,
        consent_form=consent_form,
        anonymised_on=soon,
        consent_text_version=CONSENT_TEXT_VERSION,
        research_consent=research_consent_in_force(db.session, p.id),
        button=ButtonForm(),
    )


@bp.route("/teilnehmende/<int:participant_id>/fuer-die-person")
@counsellor_only
def participant_for_person(participant_id: int):
    """The profile in the participant's own language, to show or print for them."""
    p = own_participant(participant_id, selectinload(Participant.skills), selectinload(Participant.languages), selectinload(Participant.consents))
    lang = params.choice("sprache", PERSON_LANGUAGES, "de") or "de"
    audit("participant.view", "participant", p.id)
    return render_and_commit("counsellors/for_person.html", p=p, page=person_page(p, lang), choices=language_choices())


@bp.route("/teilnehmende/<int:participant_id>/bearbeiten", methods=["GET", "POST"])
@counsellor_only
def participant_edit(participant_id: int):
    p = own_participant(participant_id)
    form = ParticipantForm(counsellors=_counsellors())
    if request.method == "GET":
        _fill(form, p)
        audit("participant.view", "participant", p.id)
        db.session.commit()
    preview = _preview(form, p) if form.is_submitted() and form.skills.data else None
    if form.validate_on_submit() and not form.check.data:
        if form.version.data != str(p.version):
            flash(
                _(
                    "Das Profil wurde inzwischen von jemand anderem geändert. Ihre Eingaben sind noch da; bitte prüfen Sie sie gegen den neuen Stand und speichern Sie erneut."
                ),
                "danger",
            )
            form.version.data = str(p.version)
            return render_template("counsellors/participant_form.html", form=form, participant=p, preview=preview), 409
        save_profile(p, form.values(), _responsible(form))
        db.session.commit()
        flash(_("Die Änderungen wurden gespeichert."), "success")
        return redirect(url_for("counsellors.participant", participant_id=p.id))
    return render_template("counsellors/participant_form.html", form=form, participant=p, preview=preview)


@bp.route("/teilnehmende/<int:participant_id>/einwilligung", methods=["POST"])
@counsellor_only
def consent(participant_id: int):
    p = own_participant(participant_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    had_consent = p.current_consent() is not None
    record_consent(p, form.scope.data if form.give.data else None, current_user)
    db.session.commit()
    if form.give.data:
        flash(_("Die Einwilligung ist erfasst."), "success")
    elif had_consent:
        flash(_("Die Einwilligung ist widerrufen. Die Person wird nicht mehr vorgeschlagen, Betriebe sehen nur noch das Kürzel."), "success")
    return redirect(url_for("counsellors.participant", participant_id=p.id))


@bp.route("/teilnehmende/<int:participant_id>/lesart", methods=["GET", "POST"])
@counsellor_only
def reading(participant_id: int):
    """Say what a term of the profile (or of its CV) means: it holds for this profile at once, the project reviews it."""
    p = own_participant(participant_id)
    if request.method == "GET":
        audit("participant.view", "participant", p.id)
    here = url_for("counsellors.reading", participant_id=p.id)
    return reading_page(p, here, url_for("counsellors.participant", participant_id=p.id))
