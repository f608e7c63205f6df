"""The page where a person says what a term of their opening or profile means ("nicht gemeint").

One view function for both sides (employers.reading, counsellors.reading); the routes check
ownership first. The business rules are in ``webapp.vocabulary.operations``.
"""

from __future__ import annotations

from flask import current_app, flash, redirect
from flask_login import current_user
from wtforms import HiddenField, RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from matching.text import key
from models import Opening, Participant
from webapp.core import params
from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.forms import Form
from webapp.core.i18n import gettext as _
from webapp.core.i18n import lazy_gettext as _l
from webapp.suggestions.skills import Understanding, fixed_readings, how_opening_understood, how_understood
from webapp.vocabulary.operations import VocabularyError, concept_of, propose, record_terms, storable

REFUSED = {
    "same": _l("So wird der Begriff schon verstanden. Es hat sich nichts geändert."),
    "limit": _l("Sie haben heute schon viele Vorschläge gemacht. Bitte versuchen Sie es morgen wieder."),
    "concept": _l("Bitte wählen Sie einen Begriff aus der Liste."),
    "term": _l("Diesen Begriff gibt es hier nicht (mehr). Bitte wählen Sie ihn aus der Liste oben."),
}


class ReadingForm(Form):
    term = HiddenField(validators=[DataRequired()])
    choice = RadioField(
        _l("Was ist gemeint?"),
        choices=[
            SelectChoice("meant", _l("Gemeint ist ein anderer Begriff:")),
            SelectChoice("own", _l("Das ist etwas Eigenes – bitte mit nichts anderem gleichsetzen")),
        ],
        default="meant",
    )
    meant = StringField(_l("Begriff aus dem Wortschatz"), validators=[Length(max=200)], description=_l("Beim Tippen erscheinen Vorschläge aus dem Wortschatz."))
    submit = SubmitField(_l("Speichern und dem Projekt vorschlagen"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.choice.data == "meant":
            self.concept = concept_of(self.meant.data or "")
            if not (self.meant.data or "").strip():
                self.meant.errors = [*self.meant.errors, _l("Bitte geben Sie an, was gemeint ist – oder wählen Sie „etwas Eigenes“.")]
                ok = False
            elif self.concept is None:
                self.meant.errors = [*self.meant.errors, _l("Diesen Begriff kennt der Wortschatz nicht. Bitte wählen Sie einen Vorschlag aus der Liste.")]
                ok = False
        else:
            self.concept = None
        return ok


def _shown(record: Participant | Opening, terms: list[str]) -> list[Understanding]:
    """How each term of the record is read now: an opening's headings and offer lines marked as not compared, as
    its preview and its page show them (``how_opening_understood``)."""
    if not terms:
        return []
    if isinstance(record, Opening):
        required, optional, must = record.typed()
        shown = dict(zip([*required, *optional], how_opening_understood(required, optional, must, fixed_readings(record))))
        return [shown[term] for term in terms]  # in the order of the page's terms
    return how_understood(terms, fixed_readings(record))


def reading_page(record: Participant | Opening, self_url: str, back_url: str):
    """GET: the record's terms with their readings, and the form for the chosen one; POST: the correction.
    A line the matcher does not compare (an opening's heading or offer) has no reading to correct."""
    terms = record_terms(record)
    rows = [(term, shown, storable(term) and shown.compared) for term, shown in zip(terms, _shown(record, terms))]
    by_key = {key(t): t for t, _shown_as, correctable in rows if correctable}
    form = ReadingForm()
    if form.is_submitted():
        chosen = by_key.get(key(form.term.data or ""))
        if chosen is None:  # a term the record does not hold (any more): nothing to change
            flash(str(REFUSED["term"]), "warning")
            return redirect(self_url)
        if form.validate():
            try:
                result = propose(db.session, current_user, record, chosen, form.concept, current_app.config["VOCABULARY_PROPOSALS_PER_DAY"])
            except VocabularyError as refused:
                db.session.rollback()
                flash(str(REFUSED.get(refused.code, REFUSED["term"])), "warning")
                return redirect(self_url)
            audit("vocabulary.propose", "participant" if isinstance(record, Participant) else "opening", record.id)
            db.session.commit()
            if result.already == "layer":
                flash(_("Gespeichert. Das Projekt versteht den Begriff schon so."), "success")
            elif result.already == "rejected":
                flash(_("Gespeichert – hier gilt jetzt Ihre Lesart. Das Projekt hat diesen Vorschlag schon einmal geprüft und nicht übernommen."), "info")
            else:
                flash(_("Gespeichert – hier gilt jetzt Ihre Lesart. Das Projekt prüft Ihren Vorschlag für alle."), "success")
            return redirect(self_url)
    else:
        chosen = by_key.get(key(params.text("begriff", 100)))
        if chosen is not None:
            form.term.data = chosen
    return render_and_commit("vocabulary/reading.html", record=record, rows=rows, chosen=chosen, form=form, self_url=self_url, back_url=back_url)
