"""The project's vocabulary: review the proposals, keep the own layer, share it as a file, measure it."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, url_for
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from models import VocabularyImport, VocabularyMeasurement, transitions
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.forms import ButtonForm, Form
from webapp.core.i18n import gettext as _
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.jobs import after_commit
from webapp.core.permissions import admin_only
from webapp.vocabulary.operations import (
    VocabularyError,
    accept,
    apply_import,
    claim_import,
    concept_of,
    entries_in_force,
    export_layer,
    history,
    import_changes,
    label_of,
    latest_measurement,
    layer_seq,
    open_groups,
    parse_layer,
    prepare_import,
    proposal_counts,
    reject,
    running,
    start_measurement,
    withdraw,
)

bp = Blueprint("vocabulary", __name__, url_prefix="/admin", template_folder="templates")

MAX_IMPORT_BYTES = 1024 * 1024
IMPORT_ERRORS = {
    "format": _l("Das ist keine Wortschatz-Datei von KMU-Match."),
    "version": _l("Diese Wortschatz-Datei stammt aus einer anderen Version von KMU-Match."),
    "entry": _l("Eintrag %(n)s ist unvollständig (Begriff fehlt oder ist zu lang)."),
    "concept": _l("Eintrag %(n)s nennt einen Begriff, den dieser Wortschatz nicht kennt."),
    "twice": _l("Der Begriff „%(n)s“ steht zweimal in der Datei."),
}


class DecideForm(Form):
    term_key = HiddenField(validators=[DataRequired()])
    term = HiddenField(validators=[DataRequired(), Length(max=100)])
    reading = HiddenField()  # a concept id, "own" (its own thing) or "other" (then ``other``)
    other = StringField(_l("anderer Begriff aus dem Wortschatz"), validators=[Length(max=200)])
    reason = StringField(_l("Begründung (optional)"), validators=[Length(max=500)])
    accept = SubmitField(_l("Übernehmen"))
    reject = SubmitField(_l("Ablehnen"))


class WithdrawForm(Form):
    term_key = HiddenField(validators=[DataRequired()])
    reason = StringField(_l("Begründung (optional)"), validators=[Length(max=500)])
    withdraw = SubmitField(_l("Zurücknehmen"))


class ImportForm(Form):
    file = FileField(_l("Wortschatz-Datei (JSON)"), validators=[FileRequired(_l("Bitte wählen Sie eine Datei aus."))])
    upload = SubmitField(_l("Einlesen"))


class MeasureForm(Form):
    measure = SubmitField(_l("Wirkung messen"))


@bp.route("/wortschatz")
@admin_only
def vocabulary():
    measurement = latest_measurement(db.session)
    return render_and_commit(
        "vocabulary/vocabulary.html",
        groups=open_groups(db.session),
        entries=entries_in_force(db.session),
        history=history(db.session, 30),
        counts=proposal_counts(db.session),
        measurement=measurement,
        measuring=running(measurement),
        current_seq=layer_seq(db.session),
        decide_form=DecideForm(formdata=None),
        withdraw_form=WithdrawForm(formdata=None),
        import_form=ImportForm(formdata=None),
        measure_form=MeasureForm(formdata=None),
    )


@bp.route("/wortschatz/entscheiden", methods=["POST"])
@admin_only
def vocabulary_decide():
    form = DecideForm()
    if not form.validate_on_submit():
        flash(_("Das hat nicht geklappt. Bitte versuchen Sie es noch einmal."), "danger")
        return redirect(url_for("vocabulary.vocabulary"))
    if form.reject.data:
        n = reject(db.session, current_user, form.term_key.data)
        audit("vocabulary.reject", "vocabulary", None)
        db.session.commit()
        flash(_("Abgelehnt (%(n)d Vorschläge). Sie werden nicht noch einmal gestellt.", n=n), "success")
        return redirect(url_for("vocabulary.vocabulary"))
    choice = form.reading.data or ""
    if choice == "other":
        concept = concept_of(form.other.data or "")
        if concept is None:
            flash(_("Diesen Begriff kennt der Wortschatz nicht. Bitte wählen Sie einen Vorschlag aus der Liste."), "danger")
            return redirect(url_for("vocabulary.vocabulary") + "#vorschlaege")
    elif choice == "own":
        concept = None
    elif choice:
        concept = choice
    else:
        flash(_("Bitte wählen Sie, welche Lesart gelten soll."), "danger")
        return redirect(url_for("vocabulary.vocabulary") + "#vorschlaege")
    try:
        accept(db.session, current_user, form.term.data, concept, (form.reason.data or "").strip())
    except VocabularyError:
        db.session.rollback()
        flash(_("Diesen Begriff kennt der Wortschatz nicht. Bitte wählen Sie einen Vorschlag aus der Liste."), "danger")
        return redirect(url_for("vocabulary.vocabulary") + "#vorschlaege")
    audit("vocabulary.accept", "vocabulary", None)
    db.session.commit()
    flash(_("Übernommen. Alle Vorschläge und Stellen verstehen „%(t)s“ ab jetzt so.", t=form.term.data), "success")
    return redirect(url_for("vocabulary.vocabulary"))


@bp.route("/wortschatz/zuruecknehmen", methods=["POST"])
@admin_only
def vocabulary_withdraw():
    form = WithdrawForm()
    if form.validate_on_submit() and withdraw(db.session, current_user, form.term_key.data, (form.reason.data or "").strip()):
        audit("vocabulary.withdraw", "vocabulary", None)
        db.session.commit()
        flash(_("Zurückgenommen. Der Begriff wird wieder wie vorher verstanden."), "success")
    else:
        flash(_("Diesen Eintrag gibt es nicht (mehr)."), "warning")
    return redirect(url_for("vocabulary.vocabulary"))


@bp.route("/wortschatz/export.json")
@admin_only
def vocabulary_export():
    data = export_layer(db.session)
    audit("vocabulary.export", "vocabulary", None)
    db.session.commit()
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={"Content-Disposition": "attachment; filename=kmu-match-wortschatz.json"})


@bp.route("/wortschatz/import", methods=["POST"])
@admin_only
def vocabulary_import():
    form = ImportForm()
    if not form.validate_on_submit():
        flash(_("Bitte wählen Sie eine Datei aus."), "danger")
        return redirect(url_for("vocabulary.vocabulary") + "#teilen")
    raw = form.file.data.read(MAX_IMPORT_BYTES + 1)
    try:
        if len(raw) > MAX_IMPORT_BYTES:
            raise VocabularyError("format")
        entries = parse_layer(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:  # VocabularyError is a ValueError, as are broken JSON and bytes
        code = error.code if isinstance(error, VocabularyError) else "format"
        detail = error.detail if isinstance(error, VocabularyError) else ""
        flash(str(IMPORT_ERRORS.get(code, IMPORT_ERRORS["format"])) % {"n": detail} + " " + _("Es wurde nichts übernommen."), "danger")
        return redirect(url_for("vocabulary.vocabulary") + "#teilen")
    pending = prepare_import(db.session, current_user, entries, (form.file.data.filename or "Datei")[:80])
    audit("vocabulary.import_read", "vocabulary", None)
    db.session.commit()
    start_measurement(db.session, import_id=pending.id)  # its effect, measured before anything applies
    return redirect(url_for("vocabulary.vocabulary_import_preview", import_id=pending.id))


def _pending(import_id: int) -> VocabularyImport:
    pending = db.session.get(VocabularyImport, import_id)
    if pending is None:
        abort(404)
    return pending


@bp.route("/wortschatz/import/<int:import_id>")
@admin_only
def vocabulary_import_preview(import_id: int):
    """What a file would change, with its measured effect, before it applies (and its progress while it does)."""
    pending = _pending(import_id)
    measurement = db.session.scalars(
        select(VocabularyMeasurement).where(VocabularyMeasurement.import_id == pending.id).order_by(VocabularyMeasurement.id.desc()).limit(1)
    ).first()
    changes = import_changes(db.session, pending) if pending.status == "preview" else None
    return render_and_commit(
        "vocabulary/vocabulary_import.html",
        pending=pending,
        changes=changes,
        labels=label_of,
        measurement=measurement,
        measuring=running(measurement),
        total=len(pending.entries),
        button=ButtonForm(),
    )


@bp.route("/wortschatz/import/<int:import_id>/uebernehmen", methods=["POST"])
@admin_only
def vocabulary_import_apply(import_id: int):
    pending = _pending(import_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if claim_import(db.session, pending.id):
        audit("vocabulary.import", "vocabulary", None)
        after_commit(db.session, apply_import, pending.id)  # in the background, in batches
        db.session.commit()
        flash(_("Die Datei wird übernommen. Die Seite zeigt, wie weit es ist."), "success")
    else:
        flash(_("Diese Datei wird schon übernommen oder wurde verworfen."), "warning")
    return redirect(url_for("vocabulary.vocabulary_import_preview", import_id=pending.id))


@bp.route("/wortschatz/import/<int:import_id>/verwerfen", methods=["POST"])
@admin_only
def vocabulary_import_discard(import_id: int):
    pending = _pending(import_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if transitions.move_where(db.session, VocabularyImport, "discarded", VocabularyImport.id == pending.id):
        audit("vocabulary.import_discard", "vocabulary", None)
        db.session.commit()
        flash(_("Die Datei ist verworfen; es wurde nichts übernommen."), "success")
    return redirect(url_for("vocabulary.vocabulary") + "#teilen")


@bp.route("/wortschatz/messen", methods=["POST"])
@admin_only
def vocabulary_measure():
    form = MeasureForm()
    if form.validate_on_submit() and form.measure.data:  # the button's name: a bare POST starts nothing
        start_measurement(db.session)
    return redirect(url_for("vocabulary.vocabulary") + "#wirkung")
