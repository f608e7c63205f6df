"""The counsellors' workspace: suggestions for each opening, decisions, the board of introductions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload

from models import (
    INTRODUCTION_TRANSITIONS,
    Centre,
    Employer,
    Event,
    Introduction,
    Opening,
    Participant,
    utcnow,
)
from models.enums import CEFR_LEVELS, QUARTERS
from webapp.core import params
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.pagination import paginate
from webapp.core.permissions import counsellor_only
from webapp.counsellors.forms import DecisionForm, ExitConfirmForm
from webapp.counsellors.operations import today
from webapp.esf.operations import ParticipationRefused
from webapp.introductions.operations import NOT_HIRED_REASONS, REJECTION_REASONS, DecisionRefused, confirm_exit, decide_as_explained, exit_day, withdraw
from webapp.suggestions.selection import DEFAULT_THRESHOLD, THRESHOLDS, Filters, person_by_code, select_suggestions, suggested_opening

bp = Blueprint("counsellors", __name__, url_prefix="/beratung", template_folder="templates")

FOLLOW_UP_DAYS = 14


@bp.route("/stellen")
@counsellor_only
def openings():
    stmt = (
        select(Opening)
        .join(Employer)
        .where(Opening.listed_for(current_user))
        .options(contains_eager(Opening.employer))  # the company from the join already made (one statement less)
        .options(selectinload(Opening.skills))  # the lines: the German level in force (webapp.suggestions.skills.in_force)
        .order_by(Opening.published_at.desc(), Opening.id.desc())
    )
    return render_template("counsellors/openings.html", page=paginate(db.session, stmt))


@bp.route("/stellen/<int:opening_id>/vorschlaege")
@counsellor_only
def suggestions(opening_id: int):
    opening = suggested_opening(opening_id)
    filters = Filters(
        centre=params.integer("haus"),
        quarter=params.choice("stadtteil", QUARTERS),
        level=params.choice("deutsch", CEFR_LEVELS),
        decision=params.choice("entscheidung", ("offen", "entschieden")),
    )
    threshold = params.integer("mindestens", DEFAULT_THRESHOLD, maximum=100) or 0
    show_weak = params.choice("schwache", ("ja",)) == "ja"
    code = params.text("kuerzel", 20).upper()
    person = person_by_code(code, current_user)
    if code and person is None:  # somebody this counsellor may not see is answered like a code that does not exist
        flash(_("Kein Profil mit dem Kürzel %(code)s.", code=code), "warning")
    shown = select_suggestions(opening, filters, threshold, show_weak, person, current_user)
    centres = db.session.execute(select(Centre.id, Centre.name).order_by(Centre.name)).all()
    # The page's own parameters, for the pager and for coming back here after a decision.
    args: dict[str, Any] = {
        key: value
        for key, value in {
            "haus": filters.centre,
            "stadtteil": filters.quarter,
            "deutsch": filters.level,
            "entscheidung": filters.decision,
            "mindestens": threshold if threshold != DEFAULT_THRESHOLD else None,
            "schwache": "ja" if show_weak else None,
        }.items()
        if value is not None
    }
    return render_and_commit(
        "counsellors/suggestions.html",
        opening=opening,
        rows=shown.rows,
        names=shown.names,
        from_cv=shown.from_cv,
        cards=shown.cards,
        page=shown.page,
        args=args,
        strong_args={key: value for key, value in args.items() if key != "schwache"},
        thresholds=THRESHOLDS,
        back=url_for("counsellors.suggestions", opening_id=opening.id, seite=shown.page.page, **args),
        threshold=threshold,
        show_weak=show_weak,
        folded=shown.folded,
        total=shown.total,
        decided=shown.decided,
        lookup=shown.lookup,
        code=code,
        filters=filters,
        centres=centres,
        centre_names={c.id: c.name for c in centres},
        form=DecisionForm(),
        reasons=REJECTION_REASONS,
    )


@bp.route("/stellen/<int:opening_id>/entscheidung", methods=["POST"])
@counsellor_only
def decision(opening_id: int):
    opening = suggested_opening(opening_id)
    form = DecisionForm()
    # Back to the same page of suggestions, with the same filters, at the next card.
    back = params.redirect_target("zurueck", source=request.form) or url_for("counsellors.suggestions", opening_id=opening.id)
    following = params.integer("naechste", source=request.form)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(back)
    participant = db.session.get(Participant, int(form.participant_id.data))
    if participant is None or not participant.managed_by(current_user):
        abort(404)  # the same answer for another centre's person as for nobody
    code = participant.pseudonym  # read now: the commit expires the object (the message would load it again)
    try:
        decide_as_explained(opening, participant, current_user, bool(form.approve.data), form.reason.data or None, form.note.data or "")
        db.session.commit()
    except DecisionRefused as refused:
        db.session.rollback()
        flash(str(refused), "warning")
        return redirect(back)
    if form.approve.data:
        flash(_("%(code)s wird dem Betrieb vorgestellt.", code=code), "success")
    else:
        flash(_("%(code)s wird nicht vorgestellt.", code=code), "success")
    return redirect(back + (f"#karte-{following}" if following else ""))


@bp.route("/vorstellungen")
@counsellor_only
def board():
    stmt = (
        select(Introduction)
        .join(Participant)
        .where(Participant.centre_id == current_user.centre_id)
        .options(selectinload(Introduction.opening).selectinload(Opening.employer), selectinload(Introduction.participant))
        .order_by(Introduction.decided_at.desc(), Introduction.id.desc())
    )
    page = paginate(db.session, stmt, per_page=50)
    due_before = utcnow() - timedelta(days=FOLLOW_UP_DAYS)
    counts: dict[str, int] = dict(
        db.session.execute(
            select(Introduction.status, func.count()).join(Participant).where(Participant.centre_id == current_user.centre_id).group_by(Introduction.status)
        )
        .tuples()
        .all()
    )
    return render_template("counsellors/board.html", page=page, due_before=due_before, counts=counts)


def _own_introduction(introduction_id: int) -> Introduction:
    intro = db.session.get(Introduction, introduction_id)
    if intro is None or not intro.visible_to(current_user):
        abort(404)
    return intro


@bp.route("/vorstellungen/<int:introduction_id>/zurueckziehen", methods=["POST"])
@counsellor_only
def introduction_withdraw(introduction_id: int):
    """Take an introduction back: the company no longer sees the person (also a hire that did not happen)."""
    intro = _own_introduction(introduction_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        withdrawn = withdraw(intro)
    except DecisionRefused as refused:
        flash(str(refused), "warning")
        return redirect(url_for("counsellors.introduction", introduction_id=intro.id))
    if withdrawn:
        db.session.commit()
        flash(_("Die Vorstellung ist zurückgezogen. Der Betrieb sieht die Person nicht mehr."), "success")
    else:
        flash(_("Diese Vorstellung kann nicht (mehr) zurückgezogen werden."), "warning")
    return redirect(url_for("counsellors.introduction", introduction_id=intro.id))


@bp.route("/vorstellungen/<int:introduction_id>/austritt", methods=["GET", "POST"])
@counsellor_only
def exit_confirm(introduction_id: int):
    """Confirm the exit a hire brought: the page says what it does, the form takes the day (webapp.esf.operations.record_exit)."""
    intro = _own_introduction(introduction_id)
    next_url = params.redirect_target("next", source=request.form if request.method == "POST" else None) or url_for(
        "counsellors.participant", participant_id=intro.participant_id
    )
    if intro.status != "hired" or intro.left_on is not None:
        flash(_("Der Austritt ist schon erfasst, oder die Einstellung wurde zurückgezogen."), "warning")
        return redirect(next_url)
    form = ExitConfirmForm()
    if request.method == "GET":
        form.left_on.data = exit_day(intro, today())
    elif form.validate_on_submit():
        try:
            done = confirm_exit(intro, form.left_on.data)
        except ParticipationRefused as refused:
            form.left_on.errors = [str(refused)]
        else:
            if done:
                db.session.commit()
                flash(_("Der Austritt von %(code)s ist erfasst.", code=intro.participant.pseudonym), "success")
            else:
                db.session.rollback()
                flash(_("Der Austritt ist schon erfasst, oder die Einstellung wurde zurückgezogen."), "warning")
            return redirect(next_url)
    return render_template("counsellors/exit_confirm.html", intro=intro, form=form, next_url=next_url)


@bp.route("/vorstellungen/<int:introduction_id>")
@counsellor_only
def introduction(introduction_id: int):
    """One introduction with its whole history (the events, newest last)."""
    intro = _own_introduction(introduction_id)
    history = db.session.scalars(
        select(Event)
        .where(Event.opening_id == intro.opening_id, Event.participant_key == intro.participant.stats_key, Event.kind.like("introduction.%"))
        .order_by(Event.occurred_at, Event.id)
    ).all()
    audit("introduction.view", "introduction", intro.id)
    return render_and_commit(
        "counsellors/introduction.html",
        intro=intro,
        history=history,
        reasons=REJECTION_REASONS,
        not_hired=NOT_HIRED_REASONS,
        can_withdraw="withdrawn" in INTRODUCTION_TRANSITIONS[intro.status] and intro.left_on is None,
        button=ButtonForm(),
    )
