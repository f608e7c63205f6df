"""Forms shared by several blueprints."""

from __future__ import annotations

import unicodedata

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

from models.enums import SECTORS, postcode_quarter
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import SECTOR_LABELS, select_choices

_CONTROL = dict.fromkeys(c for c in (*range(32), *range(0x7F, 0xA0)) if c not in (9, 10, 13))


def has_line_break(value: str) -> bool:
    """Whether ``value`` spans more than one line (CR, LF and the other Unicode line breaks)."""
    return len(value.splitlines()) > 1 or value.endswith(("\n", "\r"))


class Form(FlaskForm):
    """The base of every form.

    Control characters (NUL and friends) are taken out of typed text: PostgreSQL
    refuses NUL in text, and no person types one; without this a pasted NUL would
    end in an error page instead of being ignored.

    Single-line fields (every ``StringField`` that is not a text area) refuse line
    breaks: such values end up in mail subjects, file names and table cells.
    """

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            data = super().wrap_formdata(form, formdata)
            if data is None:
                return None
            cleaned: MultiDict = MultiDict()
            for key, value in data.items(multi=True):
                cleaned.add(key, value.translate(_CONTROL) if isinstance(value, str) else value)
            return cleaned

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for field in self:
            if isinstance(field, StringField) and not isinstance(field, TextAreaField) and isinstance(field.data, str) and has_line_break(field.data):
                field.errors = [*field.errors, _l("Bitte in einer Zeile, ohne Zeilenumbruch.")]
                ok = False
        return ok


class ButtonForm(Form):
    """An empty form for POST-only buttons: it carries just the CSRF token."""


def normalise_email(value: str | None) -> str | None:
    """The one form of an e-mail address for comparing, storing and rate-limit keys.

    Trimmed, lower case, Unicode NFKC, without control, format and whitespace
    characters anywhere (an address has none). The login limiter keys on this
    same form, so ``adm\x01in@…`` counts against ``admin@…``.
    """
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFKC", value)
    return "".join(ch for ch in value if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")).lower()


class CompanyForm(Form):
    """A company's details, as the employer keeps them (admins add the e-mail address)."""

    FIELDS: tuple[str, ...] = ("name", "sector", "street", "postcode", "contact_name", "phone")

    name = StringField(_l("Name des Betriebs"), validators=[DataRequired(_l("Bitte geben Sie den Namen des Betriebs ein.")), Length(max=160)])
    sector = SelectField(_l("Branche"), choices=select_choices(SECTORS, SECTOR_LABELS))
    street = StringField(_l("Straße und Hausnummer"), validators=[Length(max=160)])
    postcode = StringField(
        _l("Postleitzahl"),
        validators=[DataRequired(_l("Bitte geben Sie die Postleitzahl ein.")), Regexp(r"^\d{5}$", message=_l("Eine Postleitzahl hat fünf Ziffern."))],
        description=_l("Daraus ergibt sich der Stadtteil (58089 Wehringhausen, 58097 Altenhagen)."),
    )
    contact_name = StringField(_l("Ansprechperson"), validators=[Length(max=160)])
    phone = StringField(_l("Telefon"), validators=[Length(max=40)])
    submit = SubmitField(_l("Speichern"))

    def apply_to(self, employer, fields=FIELDS) -> None:
        """Copy the entries to ``employer``; the quarter follows from the postcode."""
        for name in fields:
            value = self[name].data
            setattr(employer, name, value.strip() if isinstance(value, str) else value)
        employer.quarter = postcode_quarter(employer.postcode)
