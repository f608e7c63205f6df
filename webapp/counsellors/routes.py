"""The counsellors' workspace: suggestions for each opening, decisions, the board of introductions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from models import (
    INTRODUCTION_TRANSITIONS,
    Centre,
    CvEntry,
    Employer,
    Event,
    Introduction,
    Opening,
    Participant,
    ParticipantIdentity,
    ParticipantLanguage,
    utcnow,
)
from models.enums import CEFR_LEVELS, QUARTERS
from models.participants import centre_manages
from webapp.core import params
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.events import record_event
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.pagination import paginate, paginate_list
from webapp.core.permissions import counsellor_only
from webapp.counsellors.forms import DecisionForm, ExitConfirmForm
from webapp.counsellors.operations import today
from webapp.esf.operations import ParticipationRefused
from webapp.introductions.operations import NOT_HIRED_REASONS, REJECTION_REASONS, DecisionRefused, confirm_exit, decide, exit_day, withdraw
from webapp.suggestions.explanations import Card, card, is_kept
from webapp.suggestions.index import cv_terms, explain_person, matching_index, opening_record

bp = Blueprint("counsellors", __name__, url_prefix="/beratung")

FOLLOW_UP_DAYS = 14
SUGGESTIONS_PER_PAGE = 10
# Per cent: weaker suggestions are folded away until the counsellor asks for them. On the demo data
# the ranked people of an opening score 7–50 %; 25 % folds the weakest third.
DEFAULT_THRESHOLD = 25
THRESHOLDS = (0, 10, 20, 25, 30, 40, 50, 60)


def _open_opening(opening_id: int) -> Opening:
    # Its skills and the readings chosen for them in the same statement (the matcher reads both).
    opening = db.session.get(Opening, opening_id, options=[joinedload(Opening.skills), joinedload(Opening.reading_fixes), joinedload(Opening.employer)])
    if opening is None or opening.status not in ("open", "paused", "filled"):
        abort(404)
    return opening


@bp.route("/stellen")
@counsellor_only
def openings():
    stmt = (
        select(Opening)
        .join(Employer)
        .where(Opening.status == "open")
        .options(selectinload(Opening.employer))
        .order_by(Opening.published_at.desc(), Opening.id.desc())
    )
    return render_template("counsellors/openings.html", page=paginate(db.session, stmt))


@bp.route("/stellen/<int:opening_id>/vorschlaege")
@counsellor_only
def suggestions(opening_id: int):
    opening = _open_opening(opening_id)
    filters = {
        "centre": params.integer("haus"),
        "quarter": params.choice("stadtteil", QUARTERS),
        "level": params.choice("deutsch", CEFR_LEVELS),
        "decision": params.choice("entscheidung", ("offen", "entschieden")),
    }
    threshold = params.integer("mindestens", DEFAULT_THRESHOLD, maximum=100) or 0
    show_weak = params.choice("schwache", ("ja",)) == "ja"
    code = params.text("kuerzel", 20).upper()
    person = db.session.scalar(select(Participant).where(Participant.pseudonym == code)) if code else None
    if code and (person is None or not person.matching_visible_to(current_user)):
        # Somebody this counsellor may not see is answered like a code that does not exist.
        flash(_("Kein Profil mit dem Kürzel %(code)s.", code=code), "warning")
        person = None
    record = opening_record(opening)
    # Who was decided about already, and how (the cards show the status): plain rows, not whole introductions.
    decided = {
        row.participant_id: row
        for row in db.session.execute(select(Introduction.participant_id, Introduction.status).where(Introduction.opening_id == opening.id))
    }
    with matching_index().use(db.session) as matcher:  # held until the shown explanations are made
        ranked = matcher.rank(record, k=200) if opening.status == "open" else []
        lookup = (person, explain_person(matcher, opening, person)) if person is not None else None
        # The filters read four columns of the ranked people (only when a filter is set); only the shown are loaded whole.
        if any(filters.values()):
            facts = {
                row.id: row
                for row in db.session.execute(
                    select(Participant.id, Participant.centre_id, Participant.quarter, Participant.german_level).where(
                        Participant.id.in_([int(r.id) for r in ranked])
                    )
                )
            }
            kept = [result for result in ranked if int(result.id) in facts and _passes(facts[int(result.id)], filters, decided)]
        else:
            kept = ranked
        # Weak matches are folded away until asked for; the list is paged (a phone shows ten cards, not forty-five).
        strong = [result for result in kept if result.score * 100 >= threshold]
        page = paginate_list(kept if show_weak else strong, per_page=SUGGESTIONS_PER_PAGE)
        shown = page.items
        for result in shown:
            if not is_kept(result):
                result.explanation  # noqa: B018  # made now, not after the index is released (the card is rendered below)
    if person is not None:
        audit("participant.view_match", "participant", person.id)
    people = _shown_people([int(r.id) for r in shown])
    rows = [(people[int(r.id)], r) for r in shown if int(r.id) in people]
    cards = {p.id: card(r) for p, r in rows}
    # Matched words that come from the CV (a job's tasks, a certificate), marked as such on the card.
    from_cv = _from_cv(cards)
    # The counsellor may see the names of the own centre's people (as in the participant list).
    own_ids = [p.id for p, _r in rows if p.managed_by(current_user)]
    names = (
        {
            i.participant_id: f"{i.first_name} {i.last_name}"
            for i in db.session.execute(
                select(ParticipantIdentity.participant_id, ParticipantIdentity.first_name, ParticipantIdentity.last_name).where(
                    ParticipantIdentity.participant_id.in_(own_ids)
                )
            )
        }
        if own_ids
        else {}
    )
    audit("opening.suggestions", "opening", opening.id)
    if rows:
        record_event("suggestions.shown", opening=opening, data={"count": len(rows)})
    centres = db.session.execute(select(Centre.id, Centre.name).order_by(Centre.name)).all()
    # The page's own parameters, for the pager and for coming back here after a decision.
    args: dict[str, Any] = {
        key: value
        for key, value in {
            "haus": filters["centre"],
            "stadtteil": filters["quarter"],
            "deutsch": filters["level"],
            "entscheidung": filters["decision"],
            "mindestens": threshold if threshold != DEFAULT_THRESHOLD else None,
            "schwache": "ja" if show_weak else None,
        }.items()
        if value is not None
    }
    return render_and_commit(
        "counsellors/suggestions.html",
        opening=opening,
        rows=rows,
        names=names,
        from_cv=from_cv,
        cards=cards,
        page=page,
        args=args,
        strong_args={key: value for key, value in args.items() if key != "schwache"},
        thresholds=THRESHOLDS,
        back=url_for("counsellors.suggestions", opening_id=opening.id, seite=page.page, **args),
        threshold=threshold,
        show_weak=show_weak,
        folded=len(kept) - len(strong),
        total=len(kept),
        decided=decided,
        lookup=lookup,
        code=code,
        filters=filters,
        centres=centres,
        centre_names={c.id: c.name for c in centres},
        form=DecisionForm(),
        reasons=REJECTION_REASONS,
    )


@dataclass
class ShownPerson:
    """What a suggestion card shows of a person, read as plain rows (two statements for the page, no ORM objects)."""

    id: int
    pseudonym: str
    centre_id: int
    quarter: str
    german_level: str
    languages: list[Any] = field(default_factory=list)  # rows with .language and .level

    def managed_by(self, user) -> bool:
        return centre_manages(user, self.centre_id)


def _shown_people(ids: list[int]) -> dict[int, ShownPerson]:
    if not ids:
        return {}
    people = {
        row.id: ShownPerson(*row)
        for row in db.session.execute(
            select(Participant.id, Participant.pseudonym, Participant.centre_id, Participant.quarter, Participant.german_level).where(Participant.id.in_(ids))
        )
    }
    languages = select(ParticipantLanguage.participant_id, ParticipantLanguage.language, ParticipantLanguage.level)
    for row in db.session.execute(languages.where(ParticipantLanguage.participant_id.in_(ids)).order_by(ParticipantLanguage.language)):
        people[row.participant_id].languages.append(row)  # .language, .level
    return people


def _from_cv(cards: dict[int, Card]) -> dict[int, list[str]]:
    """Per person: the profile words of the card's matched pairs that come from the person's CV (one query for all),
    each once."""
    matching = [pid for pid, shown in cards.items() if shown.matched_by]
    entries: dict[int, list] = {pid: [] for pid in matching}
    if matching:
        for entry in db.session.execute(
            select(CvEntry.participant_id, CvEntry.kind, CvEntry.title, CvEntry.details)
            .where(CvEntry.participant_id.in_(matching), CvEntry.kind.in_(("work", "certificate")))
            .order_by(CvEntry.participant_id, CvEntry.kind, CvEntry.started_on.desc(), CvEntry.id)
        ):
            entries[entry.participant_id].append(entry)
    out = {}
    for pid, found in entries.items():
        from_cv = set(cv_terms(found))
        out[pid] = [by for by in dict.fromkeys(cards[pid].matched_by) if by in from_cv]
    return out


def _passes(person, filters: dict, decided: dict) -> bool:
    """Whether a ranked person (id, centre, quarter, German level) passes the page's filters."""
    if filters["centre"] and person.centre_id != filters["centre"]:
        return False
    if filters["quarter"] and person.quarter != filters["quarter"]:
        return False
    if filters["level"] and CEFR_LEVELS.index(person.german_level) < CEFR_LEVELS.index(filters["level"]):
        return False
    if filters["decision"] == "offen":
        return person.id not in decided
    if filters["decision"] == "entschieden":
        return person.id in decided
    return True


@bp.route("/stellen/<int:opening_id>/entscheidung", methods=["POST"])
@counsellor_only
def decision(opening_id: int):
    opening = _open_opening(opening_id)
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
    with matching_index().use(db.session) as matcher:
        result = explain_person(matcher, opening, participant)
    try:
        decide(opening, participant, current_user, bool(form.approve.data), result.explanation, result.score, form.reason.data or None, form.note.data or "")
        db.session.commit()
    except DecisionRefused as refused:
        db.session.rollback()
        flash(str(refused), "warning")
        return redirect(back)
    if form.approve.data:
        flash(_("%(code)s wird dem Betrieb vorgestellt.", code=participant.pseudonym), "success")
    else:
        flash(_("%(code)s wird nicht vorgestellt.", code=participant.pseudonym), "success")
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
