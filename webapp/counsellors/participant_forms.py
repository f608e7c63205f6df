"""The participant profile form: identity and contact apart from the matching profile."""

from __future__ import annotations

from collections.abc import Mapping

from wtforms import DateField, EmailField, HiddenField, SelectChoice, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from models.enums import CEFR_LEVELS, CONSENT_SCOPES, DRIVING_LICENCES, HOURS
from webapp.core.forms import Form, normalise_email
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import CEFR_LABELS, HOURS_LABELS, LANGUAGE_LABELS, PARTICIPANT_STATUS_LABELS, select_choices
from webapp.counsellors.operations import EDITABLE_STATUSES, ProfileValues, problems
from webapp.suggestions.forms import TermsField

LANGUAGE_SLOTS = 3
_LANGUAGE_CHOICES = [SelectChoice("", "—")] + [SelectChoice(code, label) for code, label in LANGUAGE_LABELS.items()]
_LEVEL_CHOICES = [SelectChoice("", "—")] + [SelectChoice(level, level) for level in CEFR_LEVELS]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ParticipantForm(Form):
    """The profile form. Its values are checked by :func:`webapp.counsellors.operations.problems`, like an import's rows."""

    version = HiddenField()
    first_name = StringField(_l("Vorname"))
    last_name = StringField(_l("Nachname"))
    phone = StringField(_l("Telefon (optional)"))
    email = EmailField(_l("E-Mail (optional)"), filters=[normalise_email])
    notes = TextAreaField(
        _l("Notizen (nur für die Beratung)"),
        description=_l("Bitte keine Angaben zu Gesundheit, Herkunft, Religion oder anderen besonders schützenswerten Daten."),
    )
    skills = TermsField(
        _l("Was kann die Person?"),
        description=_l("Ein Eintrag pro Zeile oder mit Komma getrennt, z. B. „Staplerschein, Kasse, putzen“."),
    )
    german_level = SelectField(_l("Deutsch"), choices=select_choices(CEFR_LEVELS, CEFR_LABELS), default="A2")
    hours = MultiCheckboxField(_l("Gewünschte Arbeitszeit"), choices=select_choices(HOURS, HOURS_LABELS))
    available_from = DateField(
        _l("Verfügbar ab (optional)"), validators=[Optional()], format="%Y-%m-%d", description=_l("Leer lassen, wenn die Person sofort anfangen kann.")
    )
    driving_licences = MultiCheckboxField(_l("Führerscheine"), choices=[SelectChoice(lic, lic) for lic in DRIVING_LICENCES])
    postcode = StringField(
        _l("Postleitzahl"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        description=_l("Daraus ergibt sich der Stadtteil (58089 Wehringhausen, 58097 Altenhagen)."),
    )
    counsellor_id = SelectField(_l("Zuständig"), choices=[])
    status = SelectField(
        _l("Status"),
        choices=select_choices(EDITABLE_STATUSES, PARTICIPANT_STATUS_LABELS),
        default="active",
        description=_l("Pausiert: wird nicht vorgeschlagen. Einen Austritt erfassen Sie auf der Seite „Teilnahme und ESF Plus“."),
    )
    check = SubmitField(_l("Prüfen, wie es verstanden wird"))
    submit = SubmitField(_l("Speichern"))

    # Other languages than German: a few fixed rows (works without JavaScript).
    language_0 = SelectField(_l("Weitere Sprache 1"), choices=_LANGUAGE_CHOICES, validators=[Optional()])
    level_0 = SelectField(_l("Niveau"), choices=_LEVEL_CHOICES, validators=[Optional()])
    language_1 = SelectField(_l("Weitere Sprache 2"), choices=_LANGUAGE_CHOICES, validators=[Optional()])
    level_1 = SelectField(_l("Niveau"), choices=_LEVEL_CHOICES, validators=[Optional()])
    language_2 = SelectField(_l("Weitere Sprache 3"), choices=_LANGUAGE_CHOICES, validators=[Optional()])
    level_2 = SelectField(_l("Niveau"), choices=_LEVEL_CHOICES, validators=[Optional()])

    def __init__(self, *args, counsellors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.counsellor_id.choices = [SelectChoice(str(u.id), u.name) for u in counsellors]

    @property
    def language_rows(self):
        return [(self[f"language_{i}"], self[f"level_{i}"]) for i in range(LANGUAGE_SLOTS)]

    @property
    def languages(self) -> dict[str, str]:
        return {lang.data: level.data for lang, level in self.language_rows if lang.data and level.data}

    def values(self) -> ProfileValues:
        return ProfileValues(
            first_name=(self.first_name.data or "").strip(),
            last_name=(self.last_name.data or "").strip(),
            phone=(self.phone.data or "").strip(),
            email=self.email.data or "",
            notes=(self.notes.data or "").strip(),
            skills=self.skills.terms,
            german_level=self.german_level.data,
            languages=self.languages,
            hours=list(self.hours.data or []),
            available_from=self.available_from.data,
            driving_licences=list(self.driving_licences.data or []),
            postcode=self.postcode.data or None,
            status=self.status.data,
        )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for name, messages in problems(self.values()).items():
            field = self.language_0 if name == "languages" else self[name]
            field.errors = [*field.errors, *(m for m in messages if m not in field.errors)]
            ok = False
        seen = set()
        for lang, level in self.language_rows:
            if bool(lang.data) != bool(level.data):
                (level if lang.data else lang).errors = [_l("Bitte Sprache und Niveau angeben (oder beides leer lassen).")]
                ok = False
            if lang.data:
                if lang.data in seen:
                    lang.errors = [_l("Diese Sprache steht schon oben.")]
                    ok = False
                seen.add(lang.data)
        return ok


class ConsentForm(Form):
    scope = SelectField(
        _l("Was darf ein Betrieb nach einer Vorstellung sehen?"),
        choices=[
            SelectChoice("skills", _l("nur Kenntnisse, Sprachen und Verfügbarkeit (ohne Namen)")),
            SelectChoice("first_name", _l("dazu den Vornamen")),
            SelectChoice("contact", _l("dazu Vornamen, Telefon und E-Mail")),
            SelectChoice("cv", _l("dazu vollen Namen, Telefon, E-Mail und den Lebenslauf")),
        ],
    )
    give = SubmitField(_l("Einwilligung erfassen"))
    withdraw = SubmitField(_l("Einwilligung widerrufen"))


def chosen_scopes(data: Mapping[str, str]) -> dict[int, str] | None:
    """The scope chosen in each row of the list's consent form ("umfang_<participant id>": scope; an empty choice
    is no choice); None if a row names no participant id or a scope that does not exist."""
    chosen: dict[int, str] = {}
    for name, value in data.items():
        if not name.startswith("umfang_") or not value:
            continue
        raw = name.removeprefix("umfang_")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 10) or value not in CONSENT_SCOPES:
            return None
        chosen[int(raw)] = value
    return chosen


class ErasureForm(Form):
    """Erasing a participant cannot be undone: the counsellor types the pseudonym to confirm."""

    confirm = StringField(_l("Zur Bestätigung das Kürzel eintippen"), validators=[DataRequired(_l("Bitte tippen Sie das Kürzel ein."))])
    submit = SubmitField(_l("Endgültig löschen"))

    def __init__(self, pseudonym: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pseudonym = pseudonym

    def validate_confirm(self, field) -> None:
        if (field.data or "").strip().upper() != self._pseudonym.upper():
            raise ValidationError(_l("Das Kürzel stimmt nicht. Bitte genau %(code)s eintippen.", code=self._pseudonym))
