"""The employer portal: a company's own openings and company profile.

Every route looks objects up through ``_own_opening`` and answers 404 for
another company's openings.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from models import VISIBLE_TO_EMPLOYER, Introduction, Opening
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.forms import ButtonForm, CompanyForm
from webapp.core.i18n import gettext as _
from webapp.core.pagination import paginate
from webapp.core.permissions import employer_only
from webapp.cv.download import cv_file
from webapp.employers.forms import OpeningForm, OutcomeForm
from webapp.employers.operations import EDITABLE, OPENING_FIELDS, TRANSITIONS, candidates, change_status, copy_opening, create_opening, report, update_opening
from webapp.introductions.operations import OUTCOME_FROM
from webapp.suggestions.skills import fixed_readings, how_opening_understood, split_terms
from webapp.vocabulary.readings import reading_page

bp = Blueprint("employers", __name__, url_prefix="/betrieb", template_folder="templates")


def _own_opening(opening_id: int) -> Opening:
    opening = db.session.get(Opening, opening_id)
    if opening is None or not opening.visible_to(current_user) or current_user.role != "employer":
        abort(404)
    return opening


def _fill_form(form: OpeningForm, opening: Opening) -> None:
    for name in OPENING_FIELDS:
        form[name].data = getattr(opening, name)
    form.driving_licence.data = opening.driving_licence or ""
    required, optional, must = opening.typed()
    form.required_skills.data = "\n".join(required)
    form.optional_skills.data = "\n".join(optional)
    form.must_skill.data = must
    form.version.data = str(opening.version)


def _preview(form: OpeningForm, opening: Opening | None = None) -> list[tuple[str, str, object]]:
    """How the typed skills are understood, to show before saving (with the readings chosen for ``opening``)."""
    required, optional = split_terms(form.required_skills.data), split_terms(form.optional_skills.data)
    terms = required + optional
    fixed = fixed_readings(opening) if opening is not None else None
    shown = how_opening_understood(required, optional, (form.must_skill.data or "").strip(), fixed)
    return [("required" if i < len(required) else "optional", t, n) for i, (t, n) in enumerate(zip(terms, shown))]


@bp.route("/stellen")
@employer_only
def openings():
    stmt = (
        select(Opening)
        .where(Opening.listed_for(current_user))
        .options(selectinload(Opening.skills))  # the lines: the German level in force (webapp.suggestions.skills.in_force)
        .order_by(Opening.created_at.desc(), Opening.id.desc())
    )
    # Simple figures about the own openings: introductions, interviews and hires so far.
    counts: dict[str, int] = dict(
        db.session.execute(
            select(Introduction.status, func.count())
            .join(Opening)
            .where(Opening.employer_id == current_user.employer_id, Introduction.status.in_(VISIBLE_TO_EMPLOYER))
            .group_by(Introduction.status)
        )
        .tuples()
        .all()
    )
    summary = {
        "introductions": sum(counts.values()),
        "interviews": counts.get("interview", 0) + counts.get("hired", 0) + counts.get("not_hired", 0),
        "hires": counts.get("hired", 0),
        "open": db.session.scalar(select(func.count()).select_from(Opening).where(Opening.employer_id == current_user.employer_id, Opening.status == "open")),
    }
    page = paginate(db.session, stmt)
    # Introductions still waiting for the company's report, per opening: what is new to them.
    waiting: dict[int, int] = dict(
        db.session.execute(
            select(Introduction.opening_id, func.count())
            .where(Introduction.opening_id.in_([o.id for o in page.items]), Introduction.status == "approved")
            .group_by(Introduction.opening_id)
        )
        .tuples()
        .all()
    )
    return render_template("employers/openings.html", page=page, summary=summary, waiting=waiting)


@bp.route("/stellen/neu", methods=["GET", "POST"])
@employer_only
def opening_new():
    form = OpeningForm()
    if request.method == "GET":
        form.postcode.data = current_user.employer.postcode
        form.place.data = f"{current_user.employer.street}, {current_user.employer.postcode} Hagen".strip(", ")
    preview = None
    if form.validate_on_submit():
        if form.check.data:
            preview = _preview(form)
        else:
            opening = create_opening(current_user.employer_id, form.values(), publish=bool(form.publish.data))
            db.session.commit()
            flash(_("Die Stelle ist veröffentlicht.") if form.publish.data else _("Die Stelle ist als Entwurf gespeichert."), "success")
            return redirect(url_for("employers.opening", opening_id=opening.id))
    elif form.is_submitted():
        preview = _preview(form) if form.required_skills.data or form.optional_skills.data else None
    return render_template("employers/opening_form.html", form=form, opening=None, preview=preview)


@bp.route("/stellen/<int:opening_id>")
@employer_only
def opening(opening_id: int):
    opening = _own_opening(opening_id)
    shown = candidates(opening)
    for intro, _card in shown:
        audit("participant.view_card", "participant", intro.participant_id)
    return render_and_commit(
        "employers/opening.html",
        opening=opening,
        button=ButtonForm(),
        transitions=TRANSITIONS,
        candidates=shown,
        outcome_form=OutcomeForm(),
        outcome_from=OUTCOME_FROM,
    )


@bp.route("/vorstellungen/<int:introduction_id>/ergebnis", methods=["POST"])
@employer_only
def outcome(introduction_id: int):
    intro = db.session.get(Introduction, introduction_id)
    if intro is None or not intro.visible_to(current_user):
        abort(404)
    opening = intro.opening
    form = OutcomeForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(url_for("employers.opening", opening_id=opening.id) + f"#vorstellung-{intro.id}")
    if report(intro, form.outcome.data, on=form.on.data, reason=form.reason.data or None):
        db.session.commit()
        flash(_("Danke! Ihre Rückmeldung ist gespeichert."), "success")
    else:
        flash(_("Das wurde schon gemeldet."), "warning")
    return redirect(url_for("employers.opening", opening_id=opening.id))


@bp.route("/vorstellungen/<int:introduction_id>/lebenslauf.<any(pdf, docx):fmt>")
@employer_only
def candidate_cv(introduction_id: int, fmt: str):
    """The Lebenslauf of an introduced candidate: only while the introduction is under way and the consent covers it."""
    intro = db.session.get(Introduction, introduction_id)
    if intro is None or not intro.visible_to(current_user) or not intro.shares_cv():
        abort(404)
    audit("cv.download", "participant", intro.participant_id)
    db.session.commit()
    return cv_file(intro.participant, fmt)


@bp.route("/stellen/<int:opening_id>/bearbeiten", methods=["GET", "POST"])
@employer_only
def opening_edit(opening_id: int):
    opening = _own_opening(opening_id)
    if opening.status not in EDITABLE:
        flash(_("Eine besetzte oder geschlossene Stelle kann nicht mehr geändert werden. Sie können sie kopieren."), "info")
        return redirect(url_for("employers.opening", opening_id=opening.id))
    form = OpeningForm()
    if request.method == "GET":
        _fill_form(form, opening)
    preview = None
    if form.validate_on_submit():
        if form.version.data != str(opening.version):
            flash(
                _(
                    "Die Stelle wurde inzwischen an anderer Stelle geändert. Ihre Eingaben sind noch da; bitte prüfen Sie sie gegen den neuen Stand und speichern Sie erneut."
                ),
                "danger",
            )
            form.version.data = str(opening.version)
            return render_template("employers/opening_form.html", form=form, opening=opening, preview=_preview(form, opening)), 409
        if form.check.data:
            preview = _preview(form, opening)
        else:
            update_opening(opening, form.values(), publish=bool(form.publish.data))
            db.session.commit()
            flash(_("Die Änderungen wurden gespeichert."), "success")
            return redirect(url_for("employers.opening", opening_id=opening.id))
    elif form.is_submitted():
        preview = _preview(form, opening)
    return render_template("employers/opening_form.html", form=form, opening=opening, preview=preview)


@bp.route("/stellen/<int:opening_id>/status", methods=["POST"])
@employer_only
def opening_status(opening_id: int):
    opening = _own_opening(opening_id)
    action = request.form.get("action", "")
    if not ButtonForm().validate_on_submit() or action not in TRANSITIONS:
        abort(400)
    if change_status(opening, action):
        db.session.commit()
        messages = {
            "publish": _("Die Stelle ist veröffentlicht."),
            "pause": _("Die Stelle ist pausiert. Es werden keine neuen Personen vorgeschlagen."),
            "fill": _("Die Stelle ist als besetzt markiert. Herzlichen Glückwunsch!"),
            "close": _("Die Stelle ist geschlossen."),
        }
        flash(messages[action], "success")
    else:
        flash(_("Das geht bei einer Stelle mit diesem Status nicht (mehr)."), "warning")
    return redirect(url_for("employers.opening", opening_id=opening.id))


@bp.route("/stellen/<int:opening_id>/kopieren", methods=["POST"])
@employer_only
def opening_copy(opening_id: int):
    original = _own_opening(opening_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    copy = copy_opening(original, _("%(title)s (Kopie)", title=original.title))
    db.session.commit()
    flash(_("Die Kopie ist als Entwurf angelegt. Bitte prüfen Sie den Beginn."), "success")
    return redirect(url_for("employers.opening_edit", opening_id=copy.id))


@bp.route("/firma", methods=["GET", "POST"])
@employer_only
def company():
    employer = current_user.employer
    form = CompanyForm(obj=employer)
    if form.validate_on_submit():
        form.apply_to(employer)
        audit("employer.update", "employer", employer.id)
        db.session.commit()
        flash(_("Die Angaben zum Betrieb sind gespeichert."), "success")
        return redirect(url_for("employers.company"))
    return render_template("employers/company.html", form=form)


@bp.route("/stellen/<int:opening_id>/lesart", methods=["GET", "POST"])
@employer_only
def reading(opening_id: int):
    """Say what a term of the opening means ("nicht gemeint"): it holds for this opening at once, the project reviews it."""
    opening = _own_opening(opening_id)
    here = url_for("employers.reading", opening_id=opening.id)
    return reading_page(opening, here, url_for("employers.opening", opening_id=opening.id))
