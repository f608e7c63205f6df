"""Forms for the ESF Plus data: entry (with a separate consent for the voluntary answers), exit, follow-up."""

from __future__ import annotations

from datetime import date

from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from models.enums import EDUCATION_LEVELS, EXIT_SITUATIONS, GENDERS, LABOUR_STATUSES, VOLUNTARY_ESF_FIELDS
from webapp.core.forms import Form
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import EDUCATION_LABELS, EXIT_SITUATION_LABELS, GENDER_LABELS, LABOUR_STATUS_LABELS, VOLUNTARY_ESF_LABELS, select_choices
from webapp.esf.operations import EntryValues

ANSWERS = [SelectChoice("", _l("keine Angabe")), SelectChoice("yes", _l("ja")), SelectChoice("no", _l("nein"))]


def _not_in_future(_form, field) -> None:
    if field.data and field.data > date.today():
        raise ValidationError(_l("Das Datum liegt in der Zukunft."))


class EsfEntryForm(Form):
    entered_on = DateField(_l("Eintritt am"), validators=[DataRequired(_l("Bitte geben Sie das Eintrittsdatum an.")), _not_in_future])
    gender = RadioField(_l("Geschlecht"), choices=select_choices(GENDERS, GENDER_LABELS), validators=[InputRequired(_l("Bitte wählen Sie eine Angabe."))])
    birth_year = IntegerField(
        _l("Geburtsjahr"),
        validators=[
            InputRequired(_l("Bitte geben Sie das Geburtsjahr an.")),
            NumberRange(1920, date.today().year, _l("Bitte ein Jahr zwischen %(min)s und %(max)s.")),
        ],
    )
    labour_status = SelectField(_l("Erwerbsstatus beim Eintritt"), choices=select_choices(LABOUR_STATUSES, LABOUR_STATUS_LABELS))
    education = SelectField(_l("Höchster Bildungsabschluss"), choices=select_choices(EDUCATION_LEVELS, EDUCATION_LABELS))
    voluntary_consent = BooleanField(_l("Die Person hat ausdrücklich eingewilligt, die folgenden freiwilligen Angaben zu machen."))
    disability = SelectField(VOLUNTARY_ESF_LABELS["disability"], choices=ANSWERS, default="")
    third_country = SelectField(VOLUNTARY_ESF_LABELS["third_country"], choices=ANSWERS, default="")
    foreign_background = SelectField(VOLUNTARY_ESF_LABELS["foreign_background"], choices=ANSWERS, default="")
    minority = SelectField(VOLUNTARY_ESF_LABELS["minority"], choices=ANSWERS, default="")
    homeless = SelectField(VOLUNTARY_ESF_LABELS["homeless"], choices=ANSWERS, default="")
    submit = SubmitField(_l("Eintrittsdaten speichern"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        answered = [name for name in VOLUNTARY_ESF_FIELDS if getattr(self, name).data]
        if answered and not self.voluntary_consent.data:
            self.voluntary_consent.errors = [*self.voluntary_consent.errors, _l("Freiwillige Angaben nur mit ausdrücklicher Einwilligung der Person.")]
            ok = False
        return ok

    def values(self) -> EntryValues:
        answer = {"yes": True, "no": False}
        return EntryValues(
            entered_on=self.entered_on.data,
            gender=self.gender.data,
            birth_year=int(self.birth_year.data),
            labour_status=self.labour_status.data,
            education=self.education.data,
            voluntary_consent=bool(self.voluntary_consent.data),
            voluntary={name: answer.get(getattr(self, name).data) for name in VOLUNTARY_ESF_FIELDS},
        )

    def fill(self, record) -> None:
        """Show a stored record (voluntary answers as yes / no / not stated)."""
        self.entered_on.data, self.gender.data, self.birth_year.data = record.entered_on, record.gender, record.birth_year
        self.labour_status.data, self.education.data = record.labour_status, record.education
        self.voluntary_consent.data = record.voluntary_consent_at is not None
        for name in VOLUNTARY_ESF_FIELDS:
            value = getattr(record, name)
            getattr(self, name).data = "" if value is None else ("yes" if value else "no")


class EsfExitForm(Form):
    left_on = DateField(_l("Austritt am"), validators=[DataRequired(_l("Bitte geben Sie das Austrittsdatum an.")), _not_in_future])
    situation = SelectField(_l("Situation beim Austritt"), choices=select_choices(EXIT_SITUATIONS, EXIT_SITUATION_LABELS))
    submit_exit = SubmitField(_l("Austritt speichern"))


class EsfFollowUpForm(Form):
    on = DateField(_l("Nachgefragt am"), validators=[DataRequired(_l("Bitte geben Sie das Datum an.")), _not_in_future])
    employed = RadioField(
        _l("Sechs Monate nach dem Austritt in Arbeit (auch selbständig)?"),
        choices=[SelectChoice("yes", _l("ja")), SelectChoice("no", _l("nein"))],
        validators=[InputRequired(_l("Bitte wählen Sie eine Angabe."))],
    )
    submit_follow_up = SubmitField(_l("Nachbefragung speichern"))
