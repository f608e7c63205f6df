"""The forms of the business workspace (phone-first: the contact form fits a phone after a visit)."""

from __future__ import annotations

from datetime import date

from wtforms import BooleanField, DateField, EmailField, IntegerField, RadioField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp, ValidationError

from models.enums import BUSINESS_SIZES, BUSINESS_SOURCES, BUSINESS_STAGES, CEFR_LEVELS, CONTACT_KINDS, HOURS, SECTORS
from webapp.core.forms import Form, normalise_email
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import (
    BUSINESS_SIZE_LABELS,
    BUSINESS_SOURCE_LABELS,
    BUSINESS_STAGE_LABELS,
    CEFR_LABELS,
    CONTACT_KIND_LABELS,
    HOURS_LABELS,
    SECTOR_LABELS,
    select_choices,
)

NOTES_WARNING = _l("Nur Betriebliches notieren. Keine Angaben über Beschäftigte, Teilnehmende oder Gesundheit, Herkunft, Religion.")
_EMAIL = Email(_l("Das ist keine gültige E-Mail-Adresse."), check_deliverability=False)


class BusinessForm(Form):
    FIELDS = ("name", "street", "postcode", "sector", "headcount", "size", "source", "centre_id", "notes")

    name = StringField(_l("Name des Betriebs"), validators=[DataRequired(_l("Bitte geben Sie den Namen des Betriebs ein.")), Length(max=160)])
    street = StringField(_l("Straße und Hausnummer"), validators=[Optional(), Length(max=160)])
    postcode = StringField(
        _l("Postleitzahl"),
        validators=[DataRequired(_l("Bitte geben Sie die Postleitzahl ein.")), Regexp(r"^\d{5}$", message=_l("Eine Postleitzahl hat fünf Ziffern."))],
        description=_l("Daraus ergibt sich der Stadtteil (58089 Wehringhausen, 58097 Altenhagen)."),
    )
    sector = SelectField(_l("Branche"), choices=select_choices(SECTORS, SECTOR_LABELS))
    headcount = IntegerField(
        _l("Beschäftigte (optional)"),
        validators=[Optional(), NumberRange(min=0, max=100000, message=_l("Bitte eine Zahl ab 0."))],
        description=_l("Daraus ergibt sich die Größe; sonst wählen Sie sie unten."),
    )
    size = SelectField(_l("Größe"), choices=[SelectChoice("", _l("nicht bekannt")), *select_choices(BUSINESS_SIZES, BUSINESS_SIZE_LABELS)], default="")
    source = SelectField(_l("Wie kam der Betrieb zum Projekt?"), choices=select_choices(BUSINESS_SOURCES, BUSINESS_SOURCE_LABELS))
    centre_id = SelectField(_l("Betreut vom"), coerce=int, choices=[])  # the houses, set by the view
    notes = TextAreaField(_l("Notizen"), validators=[Optional(), Length(max=4000)], description=NOTES_WARNING)
    submit = SubmitField(_l("Speichern"))

    def values(self) -> dict:
        values = {name: self[name].data for name in self.FIELDS}
        values["size"] = values["size"] or None
        values["notes"] = values["notes"] or ""
        values["street"] = values["street"] or ""
        return values


class ContactPersonForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Bitte geben Sie den Namen ein.")), Length(max=160)])
    role = StringField(_l("Funktion (optional)"), validators=[Optional(), Length(max=80)], description=_l("Zum Beispiel „Inhaberin“ oder „Filialleitung“."))
    phone = StringField(_l("Telefon (optional)"), validators=[Optional(), Length(max=40)])
    email = EmailField(_l("E-Mail (optional)"), filters=[normalise_email], validators=[Optional(), Length(max=254), _EMAIL])
    submit = SubmitField(_l("Ansprechperson speichern"))


class ContactForm(Form):
    """A visit, call, mail or event – what happened, what comes next, and perhaps a need."""

    kind = RadioField(_l("Was war es?"), choices=select_choices(CONTACT_KINDS, CONTACT_KIND_LABELS), default="visit")
    contact_date = DateField(_l("Wann?"), validators=[DataRequired(_l("Bitte ein Datum angeben."))], format="%Y-%m-%d", default=date.today)
    topic = StringField(_l("Worum ging es?"), validators=[DataRequired(_l("Bitte in ein paar Worten, worum es ging.")), Length(max=200)])
    result = TextAreaField(_l("Ergebnis (optional)"), validators=[Optional(), Length(max=2000)], description=NOTES_WARNING)
    next_step = StringField(_l("Nächster Schritt (optional)"), validators=[Optional(), Length(max=200)], description=_l("Zum Beispiel „Im März anrufen“."))
    next_due = DateField(_l("Bis wann?"), validators=[Optional()], format="%Y-%m-%d")
    next_owner = SelectField(_l("Wer kümmert sich?"), coerce=int, choices=[])  # the staff, set by the view
    need_title = StringField(
        _l("Der Betrieb sucht (optional)"),
        validators=[Optional(), Length(max=160)],
        description=_l("Zum Beispiel „Aushilfe Verkauf“. Leer lassen, wenn nichts gesucht wird."),
    )
    need_positions = IntegerField(_l("Wie viele?"), validators=[Optional(), NumberRange(min=1, max=50, message=_l("Bitte eine Zahl von 1 bis 50."))], default=1)
    need_hours = SelectField(_l("Arbeitszeit"), choices=select_choices(HOURS, HOURS_LABELS), default="minijob")
    need_start = DateField(_l("Ab wann? (optional)"), validators=[Optional()], format="%Y-%m-%d")
    need_german = SelectField(_l("Deutsch"), choices=select_choices(CEFR_LEVELS, CEFR_LABELS), default="A2")
    need_skills = StringField(
        _l("Was muss die Person können? (optional)"),
        validators=[Optional(), Length(max=400)],
        description=_l("Mit Komma getrennt, z. B. „Kasse, Brötchen belegen“."),
    )
    submit = SubmitField(_l("Kontakt speichern"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        # Checked here, not in validate_next_due: an empty optional date stops its field's own checks.
        if (self.next_step.data or "").strip() and not self.next_due.data and not self.next_due.errors:
            self.next_due.errors = [*self.next_due.errors, _l("Bitte sagen Sie, bis wann der nächste Schritt erledigt sein soll.")]
            ok = False
        if self.next_due.data and not (self.next_step.data or "").strip():
            self.next_step.errors = [*self.next_step.errors, _l("Bitte schreiben Sie auch, was der nächste Schritt ist.")]
            ok = False
        return ok

    def validate_contact_date(self, field) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_l("Ein Kontakt kann nicht in der Zukunft liegen. Planen Sie ihn als nächsten Schritt."))


class StageForm(Form):
    stage = SelectField(_l("Neuer Stand"), choices=select_choices(BUSINESS_STAGES, BUSINESS_STAGE_LABELS))
    submit = SubmitField(_l("Stand ändern"))


class ReassignForm(Form):
    owner = SelectField(_l("Übergeben an"), coerce=int, choices=[])  # the staff, set by the view
    submit = SubmitField(_l("Übergeben"))


class HandOverForm(Form):
    """All open next steps of a colleague who is away, to another one."""

    source = SelectField(_l("Alle offenen Schritte von"), coerce=int, choices=[])  # the staff, set by the view
    owner = SelectField(_l("übergeben an"), coerce=int, choices=[])
    submit = SubmitField(_l("Alle übergeben"))

    def validate_owner(self, field) -> None:
        if field.data == self.source.data:
            raise ValidationError(_l("Bitte zwei verschiedene Personen wählen."))


class DraftForm(Form):
    email = EmailField(
        _l("E-Mail-Adresse des Betriebs"),
        filters=[normalise_email],
        validators=[Optional(), Length(max=254), _EMAIL],
        description=_l("Dorthin gehen die Einladung und der Link zum Entwurf."),
    )
    submit = SubmitField(_l("Als Stellenentwurf an den Betrieb schicken"))


class AccountForm(Form):
    email = EmailField(
        _l("E-Mail-Adresse für den Zugang"),
        filters=[normalise_email],
        validators=[DataRequired(_l("Bitte geben Sie eine E-Mail-Adresse für die Einladung an.")), Length(max=254), _EMAIL],
    )
    submit = SubmitField(_l("Betrieb einladen"))


class ConsentForm(Form):
    given = BooleanField(_l("Der Betrieb ist einverstanden, dass das Projekt Stellen in seinem Namen veröffentlicht."))
    submit = SubmitField(_l("Speichern"))


class RetentionForm(Form):
    months = IntegerField(
        _l("Kontakte zu Betrieben ohne Zusammenarbeit löschen nach (Monaten seit dem letzten Kontakt)"),
        validators=[DataRequired(_l("Bitte eine Zahl angeben.")), NumberRange(min=6, max=120, message=_l("Bitte eine Zahl von 6 bis 120."))],
    )
    submit = SubmitField(_l("Speichern"))
