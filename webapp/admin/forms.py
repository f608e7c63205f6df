from __future__ import annotations

from sqlalchemy import func, select
from wtforms import DateField, EmailField, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from models import User
from models.enums import ROLES
from webapp.core.db import db
from webapp.core.forms import CompanyForm, Form, normalise_email
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import ROLE_LABELS, select_choices
from webapp.core.passwords import password_problem


def _coerce_optional_int(value):
    if value in (None, "", "None"):
        return None
    return int(value)


class UserForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Bitte geben Sie einen Namen ein.")), Length(max=160)])
    email = EmailField(
        _l("E-Mail-Adresse"),
        filters=[normalise_email],
        validators=[
            DataRequired(_l("Bitte geben Sie eine E-Mail-Adresse ein.")),
            Email(_l("Das ist keine gültige E-Mail-Adresse."), check_deliverability=False),
            Length(max=254),
        ],
    )
    phone = StringField(
        _l("Telefon (dienstlich)"),
        validators=[Optional(), Length(max=40)],
        description=_l("Bei Beratenden: Betriebe sehen diese Nummer auf der Karte jeder Person, die sie vorgestellt haben."),
    )
    role = SelectField(_l("Rolle"), choices=select_choices(ROLES, ROLE_LABELS))
    centre_id = SelectField(_l("Perspektivhaus (nur Beratung)"), coerce=_coerce_optional_int, validate_choice=True)
    employer_id = SelectField(_l("Betrieb (nur Betriebe)"), coerce=_coerce_optional_int, validate_choice=True)
    successor_id = SelectField(
        _l("Wer übernimmt die betreuten Personen, wenn der Zugang das Perspektivhaus wechselt?"),
        coerce=_coerce_optional_int,
        validate_choice=True,
        description=_l("Gilt nur bei einem Wechsel des Hauses (oder der Rolle). „Niemand“: Das Haus teilt sie selbst neu zu."),
    )
    password = PasswordField(
        _l("Passwort"),
        validators=[Optional(), Length(max=200)],
        description=_l("Mindestens 12 Zeichen. Beim Bearbeiten leer lassen, um das Passwort nicht zu ändern."),
    )
    submit = SubmitField(_l("Speichern"))

    def __init__(self, *args, user_id: int | None = None, centres=(), employers=(), colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._user_id = user_id
        self.centre_id.choices = [SelectChoice("", "—")] + [SelectChoice(str(c.id), c.name) for c in centres]
        self.employer_id.choices = [SelectChoice("", "—")] + [SelectChoice(str(e.id), e.name) for e in employers]
        self.successor_id.choices = [SelectChoice("", _l("niemand – das Haus teilt sie zu"))] + [SelectChoice(str(u.id), u.name) for u in colleagues]

    def validate_email(self, field) -> None:
        email = field.data or ""
        stmt = select(User.id).where(func.lower(User.email) == email)
        if self._user_id is not None:
            stmt = stmt.where(User.id != self._user_id)
        if db.session.scalar(stmt) is not None:
            raise ValidationError(_l("Diese E-Mail-Adresse hat schon einen Zugang."))

    def validate_password(self, field) -> None:
        if self._user_id is None and not field.data:
            raise ValidationError(_l("Bitte vergeben Sie ein Passwort."))
        if field.data:
            problem = password_problem(field.data)
            if problem:
                raise ValidationError(problem)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        role = self.role.data
        if role == "counsellor" and self.centre_id.data is None:
            self.centre_id.errors.append(_l("Eine Beraterin oder ein Berater gehört zu einem Perspektivhaus."))
            ok = False
        if role == "employer" and self.employer_id.data is None:
            self.employer_id.errors.append(_l("Ein Betriebszugang gehört zu einem Betrieb."))
            ok = False
        return ok


class EmployerForm(CompanyForm):
    FIELDS: tuple[str, ...] = (*CompanyForm.FIELDS, "email")

    email = EmailField(
        _l("E-Mail-Adresse des Betriebs"),
        filters=[normalise_email],
        validators=[Optional(), Email(_l("Das ist keine gültige E-Mail-Adresse."), check_deliverability=False), Length(max=254)],
    )


class AccountErasureForm(Form):
    """Erasing an account holder's data cannot be undone: the admin types the account's address to confirm."""

    confirm = StringField(_l("Zur Bestätigung die E-Mail-Adresse des Zugangs eintippen"), validators=[DataRequired(_l("Bitte tippen Sie die Adresse ein."))])
    submit = SubmitField(_l("Daten des Zugangs endgültig löschen"))

    def __init__(self, address: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._address = address

    def validate_confirm(self, field) -> None:
        if (field.data or "").strip().casefold() != self._address.casefold():
            raise ValidationError(_l("Die Adresse stimmt nicht. Bitte genau %(address)s eintippen.", address=self._address))


class PersonRequestForm(Form):
    """A participant's data-protection request that reached the project lead: what, when, and whose house."""

    kind = SelectField(_l("Worum bittet die Person?"), choices=[])
    received_on = DateField(_l("Eingegangen am"), validators=[DataRequired(_l("Bitte geben Sie an, wann die Anfrage einging."))])
    code = StringField(
        _l("Kürzel der Person (falls sie es nennt)"),
        validators=[Optional(), Length(max=20)],
        description=_l("Zum Beispiel AH-0012. Keinen Namen eintragen: Die Projektleitung speichert keine Namen von Teilnehmenden."),
    )
    centre_id = SelectField(_l("Sonst: zu welchem Perspektivhaus gehört die Person?"), choices=[], default="")
    submit = SubmitField(_l("Haus benachrichtigen"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not (self.code.data or "").strip() and not self.centre_id.data:
            self.centre_id.errors = [*self.centre_id.errors, _l("Bitte nennen Sie das Kürzel oder wählen Sie das Haus.")]
            ok = False
        return ok


class CentreForm(Form):
    """What the public list and the companies' cards say about a house."""

    address = StringField(_l("Adresse"), validators=[DataRequired(_l("Bitte geben Sie die Adresse ein.")), Length(max=200)])
    phone = StringField(_l("Telefon (optional)"), validators=[Optional(), Length(max=40)])
    opening_hours = StringField(
        _l("Öffnungszeiten (optional)"),
        validators=[Optional(), Length(max=300)],
        description=_l("So, wie Menschen sie lesen, z. B. „Mo–Do 9–16 Uhr, Fr 9–12 Uhr“. Erscheint auf der öffentlichen Stellenliste."),
    )
    submit = SubmitField(_l("Speichern"))
