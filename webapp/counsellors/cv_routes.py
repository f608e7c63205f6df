"""CV entries of one participant (work history, school and training, certificates), for the own centre.

A job's tasks and the certificates count for matching (``matching_index.experience_terms``),
so every change touches the profile and each worker's index takes it up.
"""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from models import CvEntry
from models.enums import CV_KINDS, RECOGNITION

from ..audit import audit
from ..db import db, render_and_commit
from ..forms import ButtonForm, Form
from ..labels import CV_KIND_LABELS, RECOGNITION_LABELS, select_choices
from ..matching_index import touch
from . import bp
from .participants import _own
from .routes import counsellor_only


class CvEntryForm(Form):
    kind = SelectField(_l("Art"), choices=select_choices(CV_KINDS, CV_KIND_LABELS))
    title = StringField(_l("Betrieb, Schule oder Nachweis"), validators=[DataRequired(_l("Bitte geben Sie an, wo oder was.")), Length(max=200)])
    place = StringField(_l("Ort (optional)"), validators=[Length(max=120)])
    started_on = DateField(_l("von (optional)"), validators=[Optional()])
    ended_on = DateField(_l("bis (optional, leer: bis heute)"), validators=[Optional()])
    details = TextAreaField(
        _l("Aufgaben oder Abschluss"),
        validators=[Length(max=2000)],
        description=_l("Bei Berufserfahrung die Aufgaben in den Worten der Person, eine pro Zeile – sie zählen für die Vorschläge."),
    )
    recognition = SelectField(
        _l("Im Ausland erworben?"), choices=[SelectChoice("", _l("nein / nicht zutreffend")), *select_choices(RECOGNITION, RECOGNITION_LABELS)], default=""
    )
    submit = SubmitField(_l("Eintrag hinzufügen"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.started_on.data and self.ended_on.data and self.ended_on.data < self.started_on.data:
            self.ended_on.errors = [*self.ended_on.errors, _l("Das Ende liegt vor dem Anfang.")]
            ok = False
        return ok


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf", methods=["GET", "POST"])
@counsellor_only
def cv(participant_id: int):
    p = _own(participant_id)
    form = CvEntryForm()
    if form.validate_on_submit():
        p.cv.append(
            CvEntry(
                kind=form.kind.data,
                title=form.title.data.strip(),
                place=(form.place.data or "").strip(),
                started_on=form.started_on.data,
                ended_on=form.ended_on.data,
                details=(form.details.data or "").strip(),
                recognition=form.recognition.data or None,
            )
        )
        touch(db.session, p)
        audit("cv.add", "participant", p.id)
        db.session.commit()
        flash(_("Der Eintrag ist gespeichert."), "success")
        return redirect(url_for("counsellors.cv", participant_id=p.id))
    audit("participant.view", "participant", p.id)
    return render_and_commit("counsellors/cv.html", p=p, form=form, button=ButtonForm())


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf/<int:entry_id>/loeschen", methods=["POST"])
@counsellor_only
def cv_delete(participant_id: int, entry_id: int):
    p = _own(participant_id)
    entry = db.session.get(CvEntry, entry_id)
    if entry is None or entry.participant_id != p.id or not ButtonForm().validate_on_submit():
        abort(404)
    db.session.delete(entry)
    touch(db.session, p)
    audit("cv.delete", "participant", p.id)
    db.session.commit()
    flash(_("Der Eintrag ist gelöscht."), "success")
    return redirect(url_for("counsellors.cv", participant_id=p.id))
