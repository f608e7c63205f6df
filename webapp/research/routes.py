"""The research pages: the record of processing with the extract (admin), the outcome view (project lead),
and the research consent on a participant's page (counsellors of the house)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from models import Centre
from models.research import ResearchConsent, ResearchExtract
from webapp.core import params
from webapp.core.db import db
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.permissions import admin_only, counsellor_only
from webapp.counsellors.access import own_participant
from webapp.research import operations as ops
from webapp.research import outcomes
from webapp.research.extract import NoResearchKey

bp = Blueprint("research", __name__, url_prefix="/forschung", template_folder="templates")


@bp.route("/")
@admin_only
def overview():
    """The record of processing for the research use, the key's state, the extract log and the download."""
    log = db.session.scalars(select(ResearchExtract).order_by(ResearchExtract.made_at.desc()).limit(50)).all()
    consenting = db.session.scalar(select(func.count(func.distinct(ResearchConsent.participant_id))).where(ResearchConsent.withdrawn_at.is_(None)))
    return render_template(
        "research/overview.html",
        log=log,
        consenting=consenting,
        key_set=bool(current_app.config["RESEARCH_KEY"]),
        key_version=current_app.config["RESEARCH_KEY_VERSION"],
        k=current_app.config["RESEARCH_K"],
        form=ButtonForm(),
    )


@bp.route("/auszug", methods=["POST"])
@admin_only
def extract():
    """Make the extract (a POST: it is logged) and hand it over as a zip file."""
    form = ButtonForm()
    if not form.validate_on_submit():
        flash(_("Bitte noch einmal versuchen."), "danger")
        return redirect(url_for("research.overview"))
    try:
        _extract, content = ops.make_extract(db.session, current_user, "page")
    except NoResearchKey:
        flash(_("Es ist kein Schlüssel für die Pseudonyme eingerichtet (KMU_RESEARCH_KEY). Ohne ihn wird kein Auszug erstellt."), "danger")
        return redirect(url_for("research.overview"))
    db.session.commit()
    name = f"kmu-match-begleitforschung-{date.today().isoformat()}.zip"
    return Response(content, mimetype="application/zip", headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/verlauf")
@admin_only
def results():
    """Kaplan–Meier curves to a first introduction and to employment, the follow-up share and the funnel."""
    from webapp.stats.export import note
    from webapp.stats.figures import Period, last_months
    from webapp.stats.report import month_text, period_text

    internal = params.choice("ansicht", ("intern",)) == "intern"
    centre_id = params.integer("haus")
    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    if centre_id not in {c.id for c in centres}:
        centre_id = None
    grouping = params.choice("gruppe", outcomes.GROUPINGS) or "cohort"
    today = date.today()
    months = last_months(Period.months(today.strftime("%Y-%m")), 12)
    employed, answered = outcomes.follow_up_share(db.session, internal)
    curves = outcomes.curves(db.session, today, internal, grouping, centre_id)
    return render_template(
        "research/results.html",
        internal=internal,
        centre_id=centre_id,
        centres=centres,
        grouping=grouping,
        curves=curves,
        employed=employed,
        answered=answered,
        funnel=outcomes.funnel(db.session, [m.last_month for m in months], internal),
        month_names=[month_text(m) for m in months],
        cohort_names={c.group: period_text(Period.quarter(int(c.group[:4]), int(c.group[-1]))) for c in next(iter(curves.values())) if "-Q" in c.group},
        min_at_risk=outcomes.MIN_AT_RISK,
        note=note(internal),
    )


@bp.route("/teilnehmende/<int:participant_id>/einwilligung", methods=["POST"])
@counsellor_only
def consent(participant_id: int):
    """Record or withdraw a participant's consent to the research use (the form on the profile page)."""
    p = own_participant(participant_id)
    form = ButtonForm()
    action = request.form.get("aktion")
    if not form.validate_on_submit() or action not in ("erteilen", "widerrufen"):
        flash(_("Bitte noch einmal versuchen."), "danger")
    elif action == "erteilen" and ops.give_consent(p, current_user):
        db.session.commit()
        flash(_("Die Einwilligung in die Begleitforschung ist erfasst."), "success")
    elif action == "widerrufen" and ops.withdraw_consent(p, current_user):
        db.session.commit()
        flash(_("Die Einwilligung in die Begleitforschung ist widerrufen. Die Person ist in keinem künftigen Auszug."), "success")
    return redirect(url_for("counsellors.participant", participant_id=p.id) + "#forschung-karte")
