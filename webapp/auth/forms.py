from __future__ import annotations

from wtforms import EmailField, HiddenField, IntegerField, PasswordField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, NumberRange, Optional, ValidationError

from webapp.core.forms import CompanyForm, Form, normalise_email
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.passwords import password_problem


class LoginForm(Form):
    email = EmailField(
        _l("E-Mail-Adresse"), filters=[normalise_email], validators=[DataRequired(_l("Bitte geben Sie Ihre E-Mail-Adresse ein.")), Length(max=254)]
    )
    password = PasswordField(_l("Passwort"), validators=[DataRequired(_l("Bitte geben Sie Ihr Passwort ein.")), Length(max=200)])
    submit = SubmitField(_l("Anmelden"))


class ForgotPasswordForm(Form):
    email = EmailField(
        _l("E-Mail-Adresse"), filters=[normalise_email], validators=[DataRequired(_l("Bitte geben Sie Ihre E-Mail-Adresse ein.")), Length(max=254)]
    )
    submit = SubmitField(_l("Link zum Zurücksetzen schicken"))


class SetPasswordForm(Form):
    new_password = PasswordField(
        _l("Neues Passwort"),
        validators=[DataRequired(_l("Bitte geben Sie ein neues Passwort ein.")), Length(max=200)],
        description=_l("Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und sicher."),
    )
    confirm = PasswordField(
        _l("Neues Passwort wiederholen"),
        validators=[DataRequired(_l("Bitte wiederholen Sie das neue Passwort.")), EqualTo("new_password", _l("Die beiden Passwörter stimmen nicht überein."))],
    )
    submit = SubmitField(_l("Passwort speichern"))

    def validate_new_password(self, field) -> None:
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class PasswordChangeForm(SetPasswordForm):
    """Changing the password while logged in also asks for the current one."""

    current_password = PasswordField(_l("Bisheriges Passwort"), validators=[DataRequired(_l("Bitte geben Sie Ihr bisheriges Passwort ein."))])
    submit = SubmitField(_l("Passwort ändern"))


class InviteForm(CompanyForm):
    """A company and the e-mail address its owner will log in with."""

    FIELDS = CompanyForm.FIELDS
    email = EmailField(
        _l("E-Mail-Adresse für die Anmeldung"),
        filters=[normalise_email],
        validators=[
            DataRequired(_l("Bitte geben Sie eine E-Mail-Adresse ein.")),
            Email(_l("Das ist keine gültige E-Mail-Adresse."), check_deliverability=False),
            Length(max=254),
        ],
    )
    submit = SubmitField(_l("Einladung schicken"))

    def validate_email(self, field) -> None:
        """Admins are told when an address has an account (they see all accounts anyway); for a counsellor the
        form answers alike either way (webapp.auth.routes.invite), so it cannot be used to test addresses."""
        from flask_login import current_user
        from sqlalchemy import func, select

        from models import User
        from webapp.core.db import db

        if getattr(current_user, "role", None) == "admin" and db.session.scalar(select(User.id).where(func.lower(User.email) == field.data)):
            raise ValidationError(_l("Diese E-Mail-Adresse hat schon einen Zugang."))


class AccessRequestForm(CompanyForm):
    """A company asks to take part (no account yet)."""

    email = EmailField(
        _l("E-Mail-Adresse"),
        filters=[normalise_email],
        validators=[
            DataRequired(_l("Bitte geben Sie eine E-Mail-Adresse ein.")),
            Email(_l("Das ist keine gültige E-Mail-Adresse."), check_deliverability=False),
            Length(max=254),
        ],
    )
    message = TextAreaField(
        _l("Nachricht (optional)"), validators=[Optional(), Length(max=1000)], description=_l("Zum Beispiel, welche Stellen Sie besetzen möchten.")
    )
    submit = SubmitField(_l("Zugang anfragen"))


class CodeForm(Form):
    """The six-digit code of the authenticator app."""

    code = StringField(
        _l("Code aus der App"),
        validators=[DataRequired(_l("Bitte geben Sie den sechsstelligen Code ein.")), Length(max=12)],
        description=_l("Sechs Ziffern, zum Beispiel 123 456. Der Code wechselt alle 30 Sekunden."),
    )
    submit = SubmitField(_l("Bestätigen"))


class TotpDisableForm(CodeForm):
    password = PasswordField(_l("Passwort"), validators=[DataRequired(_l("Bitte geben Sie Ihr Passwort ein.")), Length(max=200)])
    submit = SubmitField(_l("Zweiten Faktor ausschalten"))


class ApiTokenForm(Form):
    """A new personal API token: what it is for, what it may do, how long it lasts (at most a year)."""

    name = StringField(
        _l("Wofür ist der Schlüssel?"),
        validators=[DataRequired(_l("Bitte geben Sie dem Schlüssel einen Namen, z. B. das Programm, das ihn benutzt.")), Length(max=80)],
        description=_l("Zum Beispiel „Bewerbermanagement“ oder „Tabelle Vorschläge“."),
    )
    scope = SelectField(
        _l("Was darf der Schlüssel?"),
        choices=[SelectChoice("read", _l("nur lesen")), SelectChoice("write", _l("lesen und ändern"))],
        default="read",
    )
    days = IntegerField(
        _l("Gültig für (Tage)"),
        default=90,
        validators=[
            InputRequired(_l("Bitte geben Sie an, wie viele Tage der Schlüssel gelten soll.")),
            NumberRange(1, 365, _l("Ein Schlüssel gilt 1 bis 365 Tage.")),
        ],
    )
    form_nonce = HiddenField(validators=[Optional(), Length(max=32)])  # this form's one-time mark (see api_tokens.issue)
    submit = SubmitField(_l("Schlüssel erzeugen"))
