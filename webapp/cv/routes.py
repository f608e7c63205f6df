"""The CV of one participant, for the own centre: entries, the optional photo, the Lebenslauf
as PDF or Word file and cover-letter drafts (Anschreiben) for openings.

A job's tasks and the certificates count for matching (``matching_index.experience_terms``),
so every change of an entry touches the profile and each worker's index takes it up.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, url_for
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import BooleanField, DateField, HiddenField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from models import CvEntry, CvPhoto, Introduction, Opening, Participant
from models.enums import CV_KINDS, RECOGNITION
from webapp.core import params
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.forms import ButtonForm, Form
from webapp.core.i18n import gettext as _
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import CV_KIND_LABELS, RECOGNITION_LABELS, select_choices
from webapp.core.permissions import counsellor_only
from webapp.counsellors.access import own_participant
from webapp.cv import letter
from webapp.cv.content import MAX_ENTRIES
from webapp.cv.download import cv_file, letter_file
from webapp.cv.photo import PhotoError, clean_photo
from webapp.suggestions.index import matching_index, opening_record, touch

bp = Blueprint("cv", __name__, url_prefix="/beratung", template_folder="templates")

PHOTO_ERRORS = {
    "empty": _l("Die Datei ist leer."),
    "too_big": _l("Das Foto ist zu groß. Bitte wählen Sie ein kleineres (höchstens 5 MB)."),
    "format": _l("Das ist kein Foto, das wir lesen können. Bitte ein JPEG-, PNG- oder WebP-Bild wählen."),
}
LETTER_OPENINGS = 5  # the best-fitting open openings offered for a letter, besides those the person was introduced to


CV_FIELDS = ("kind", "title", "place", "started_on", "ended_on", "details", "recognition")


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

    def fill(self, entry: CvEntry) -> None:  # the fields of CV_FIELDS
        """The checked values into ``entry`` (a new one, or one being changed): one place for both."""
        entry.kind = self.kind.data
        entry.title = self.title.data.strip()
        entry.place = (self.place.data or "").strip()
        entry.started_on = self.started_on.data
        entry.ended_on = self.ended_on.data
        entry.details = (self.details.data or "").strip()
        entry.recognition = self.recognition.data or None


class PhotoForm(Form):
    photo = FileField(_l("Foto (JPEG, PNG oder WebP)"), validators=[FileRequired(_l("Bitte wählen Sie ein Foto aus."))])
    wanted = BooleanField(
        _l("Die Person möchte ein Foto im Lebenslauf."),
        validators=[DataRequired(_l("Ein Foto kommt nur in den Lebenslauf, wenn die Person es möchte. Bitte bestätigen Sie das."))],
    )
    upload = SubmitField(_l("Foto speichern"))


class LetterForm(Form):
    opening_id = HiddenField()
    text = TextAreaField(_l("Anschreiben"), validators=[DataRequired(_l("Das Anschreiben ist leer.")), Length(max=8000)])
    download = SubmitField(_l("Als Word-Datei herunterladen"))


def _cv_page(p: Participant, form: CvEntryForm | None = None, photo_form: PhotoForm | None = None) -> str:
    audit("participant.view", "participant", p.id)
    return render_and_commit("cv/cv.html", p=p, form=form or CvEntryForm(formdata=None), photo_form=photo_form or PhotoForm(formdata=None), button=ButtonForm())


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf", methods=["GET", "POST"])
@counsellor_only
def cv(participant_id: int):
    p = own_participant(participant_id)
    form = CvEntryForm()
    if form.validate_on_submit() and len(p.cv) >= MAX_ENTRIES:
        form.kind.errors = [_("Ein Lebenslauf hat höchstens %(n)d Einträge. Bitte fassen Sie ähnliche zusammen oder löschen Sie ältere.", n=MAX_ENTRIES)]
    elif form.validate_on_submit():
        entry = CvEntry()
        form.fill(entry)
        p.cv.append(entry)
        touch(db.session, p)
        audit("cv.add", "participant", p.id)
        db.session.commit()
        flash(_("Der Eintrag ist gespeichert."), "success")
        return redirect(url_for("cv.cv", participant_id=p.id))
    return _cv_page(p, form=form)


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf/<int:entry_id>/bearbeiten", methods=["GET", "POST"])
@counsellor_only
def cv_edit(participant_id: int, entry_id: int):
    """Change one entry (issue 25.9): the same form and checks as adding one, filled with the entry."""
    p = own_participant(participant_id)
    entry = db.session.get(CvEntry, entry_id)
    if entry is None or entry.participant_id != p.id:
        abort(404)  # another person's entry through this person's address: as if there were none
    # The entry's values (an entry without a recognition is the form's "" choice, not None).
    form = CvEntryForm(data={name: getattr(entry, name) for name in CV_FIELDS} | {"recognition": entry.recognition or ""})
    form.submit.label.text = _("Änderung speichern")
    if form.validate_on_submit():
        form.fill(entry)
        touch(db.session, p)
        audit("cv.edit", "participant", p.id)
        db.session.commit()
        flash(_("Die Änderung ist gespeichert."), "success")
        return redirect(url_for("cv.cv", participant_id=p.id) + f"#eintrag-{entry.id}")
    audit("participant.view", "participant", p.id)
    return render_and_commit("cv/cv_entry_edit.html", p=p, entry=entry, form=form)


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf/<int:entry_id>/loeschen", methods=["POST"])
@counsellor_only
def cv_delete(participant_id: int, entry_id: int):
    p = own_participant(participant_id)
    entry = db.session.get(CvEntry, entry_id)
    if entry is None or entry.participant_id != p.id or not ButtonForm().validate_on_submit():
        abort(404)
    db.session.delete(entry)
    touch(db.session, p)
    audit("cv.delete", "participant", p.id)
    db.session.commit()
    flash(_("Der Eintrag ist gelöscht."), "success")
    return redirect(url_for("cv.cv", participant_id=p.id))


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf.<any(pdf, docx):fmt>")
@counsellor_only
def cv_file_download(participant_id: int, fmt: str):
    p = own_participant(participant_id, selectinload(Participant.identity), selectinload(Participant.cv), selectinload(Participant.skills))
    audit("cv.download", "participant", p.id)
    db.session.commit()
    return cv_file(p, fmt)


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf/foto", methods=["POST"])
@counsellor_only
def cv_photo(participant_id: int):
    p = own_participant(participant_id)
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            image = clean_photo(form.photo.data.read())
        except PhotoError as error:
            form.photo.errors = [*form.photo.errors, PHOTO_ERRORS[str(error)]]
        else:
            if p.photo is None:
                p.photo = CvPhoto(image=image)
            else:
                p.photo.image = image
            audit("cv.photo", "participant", p.id)
            db.session.commit()
            flash(_("Das Foto ist gespeichert. Es steht jetzt im Lebenslauf."), "success")
            return redirect(url_for("cv.cv", participant_id=p.id))
    return _cv_page(p, photo_form=form)


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf/foto.jpg")
@counsellor_only
def cv_photo_image(participant_id: int):
    p = own_participant(participant_id)
    if p.photo is None:
        abort(404)
    audit("participant.view", "participant", p.id)
    db.session.commit()
    return Response(p.photo.image, mimetype="image/jpeg", headers={"Cache-Control": "no-store"})


@bp.route("/teilnehmende/<int:participant_id>/lebenslauf/foto/loeschen", methods=["POST"])
@counsellor_only
def cv_photo_delete(participant_id: int):
    p = own_participant(participant_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if p.photo is not None:
        p.photo = None
        audit("cv.photo_delete", "participant", p.id)
        db.session.commit()
    flash(_("Das Foto ist gelöscht. Der Lebenslauf hat jetzt kein Foto."), "success")
    return redirect(url_for("cv.cv", participant_id=p.id))


def _letter_openings(p: Participant) -> list[Opening]:
    """What a letter can be written for: openings the person was introduced to (newest first), then the best-fitting open ones."""
    introduced = db.session.scalars(
        select(Opening)
        .join(Introduction, Introduction.opening_id == Opening.id)
        .where(Introduction.participant_id == p.id, Introduction.status.not_in(("rejected", "withdrawn")))
        .order_by(Introduction.decided_at.desc())
        .options(selectinload(Opening.employer))
    ).all()
    with matching_index().use(db.session) as matcher:
        ranked = [int(r.id) for r in matcher.rank_openings(str(p.id), k=LETTER_OPENINGS)] if p.status == "active" else []
    seen = {o.id for o in introduced}
    fitting = db.session.scalars(select(Opening).where(Opening.id.in_([i for i in ranked if i not in seen])).options(selectinload(Opening.employer))).all()
    by_id = {o.id: o for o in fitting}
    return list(introduced) + [by_id[i] for i in ranked if i in by_id]


def _letter_page(p: Participant, openings: list[Opening], chosen: Opening | None, form: LetterForm | None) -> str:
    audit("participant.view", "participant", p.id)
    return render_and_commit("cv/letter.html", p=p, openings=openings, chosen=chosen, form=form)


@bp.route("/teilnehmende/<int:participant_id>/anschreiben", methods=["GET", "POST"])
@counsellor_only
def cover_letter(participant_id: int):
    """GET: choose an opening and see the draft; POST: the edited letter as a Word file (nothing is stored)."""
    p = own_participant(participant_id, selectinload(Participant.identity), selectinload(Participant.cv), selectinload(Participant.languages))
    openings = _letter_openings(p)
    by_id = {str(o.id): o for o in openings}
    form = LetterForm()
    if form.is_submitted():
        chosen = by_id.get(form.opening_id.data or "")
        if chosen is None:
            abort(400)  # an opening the page never offered
        if form.validate():
            audit("letter.download", "participant", p.id)
            db.session.commit()
            return letter_file(form.text.data, f"Anschreiben_{chosen.id}.docx", f"Bewerbung als {chosen.title}")
        return _letter_page(p, openings, chosen, form)
    chosen = by_id.get(str(params.integer("stelle", 0)))
    if chosen is None:
        return _letter_page(p, openings, None, None)
    with matching_index().use(db.session) as matcher:
        explanation = matcher.explain(opening_record(chosen), str(p.id)).explanation
    text = letter.draft(p, chosen, explanation, date.today())
    return _letter_page(p, openings, chosen, LetterForm(formdata=None, opening_id=str(chosen.id), text=text))
