from __future__ import annotations

from wtforms import BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from models.enums import CEFR_LEVELS, DRIVING_LICENCES, HOURS
from webapp.core.forms import Form
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import CEFR_LABELS, HOURS_LABELS, select_choices
from webapp.employers.operations import OPENING_FIELDS, OpeningValues
from webapp.suggestions.forms import TermsField
from webapp.suggestions.skills import MAX_TERM_LENGTH, split_terms, term_problems


def _check_terms(field, required: bool) -> None:
    found = term_problems(field.terms, required=required, ad=True)
    if found:
        raise ValidationError(found[0])


class OpeningForm(Form):
    version = HiddenField()
    title = StringField(
        _l("Bezeichnung der Stelle"),
        validators=[DataRequired(_l("Bitte geben Sie an, wie die Stelle heißt.")), Length(max=160)],
        description=_l("Zum Beispiel „Aushilfe Küche“ oder „Lagerhelfer“."),
    )
    description = TextAreaField(
        _l("Aufgaben"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Was ist zu tun? Ein paar Sätze reichen."),
    )
    required_skills = TermsField(
        _l("Was muss die Person können?"),
        description=_l("Ein Eintrag pro Zeile oder mit Komma getrennt, so wie Sie es sagen würden, z. B. „Staplerschein, Kasse, putzen“."),
    )
    optional_skills = TermsField(_l("Was wäre schön, ist aber kein Muss?"), description=_l("Ebenfalls ein Eintrag pro Zeile oder mit Komma getrennt."))
    must_skill = StringField(
        _l("Unverzichtbar (optional)"),
        validators=[Optional(), Length(max=MAX_TERM_LENGTH)],
        description=_l("Eine der nötigen Fähigkeiten, ohne die es gar nicht geht, z. B. „Staplerschein“. Dann schlagen wir nur Personen vor, die sie haben."),
    )
    german_level = RadioField(_l("Wie gut muss die Person Deutsch können?"), choices=select_choices(CEFR_LEVELS, CEFR_LABELS), default="A2")
    language_support = BooleanField(_l("Wir helfen beim Deutschlernen (dann reicht auch eine Stufe weniger)."))
    hours = RadioField(_l("Arbeitszeit"), choices=select_choices(HOURS, HOURS_LABELS), default="part_time")
    hours_per_week = IntegerField(
        _l("Stunden pro Woche (optional)"),
        validators=[Optional(), NumberRange(min=1, max=48, message=_l("Bitte eine Zahl zwischen 1 und 48."))],
    )
    driving_licence = SelectField(
        _l("Führerschein nötig?"),
        choices=[SelectChoice("", _l("nein"))] + [SelectChoice(lic, _l("Klasse %(c)s", c=lic)) for lic in DRIVING_LICENCES],
        default="",
    )
    training_on_job = BooleanField(_l("Wir lernen die Person im Betrieb an."))
    start_date = DateField(_l("Beginn (optional)"), validators=[Optional()], format="%Y-%m-%d")
    place = StringField(_l("Arbeitsort"), validators=[Optional(), Length(max=200)], description=_l("Adresse oder Stadtteil, wenn nicht am Firmensitz."))
    postcode = StringField(
        _l("Postleitzahl des Arbeitsorts"),
        validators=[DataRequired(_l("Bitte geben Sie die Postleitzahl an.")), Regexp(r"^\d{5}$", message=_l("Eine Postleitzahl hat fünf Ziffern."))],
    )
    public = BooleanField(
        _l("Auch öffentlich zeigen"),
        description=_l(
            "Dann steht die Stelle, solange sie veröffentlicht ist, auf der Seite „Stellen im Quartier“ – ohne Anmeldung lesbar, mit dem Hinweis, sich an ein Perspektivhaus zu wenden. Bewerbungen gehen immer über die Beratung."
        ),
    )
    check = SubmitField(_l("Prüfen, wie es verstanden wird"))
    save_draft = SubmitField(_l("Als Entwurf speichern"))
    publish = SubmitField(_l("Veröffentlichen"))

    def values(self) -> OpeningValues:
        """What was typed, as the operations take it (the page and the API build openings with it)."""
        return OpeningValues(
            fields={name: self[name].data for name in OPENING_FIELDS},
            required=split_terms(self.required_skills.data),
            optional=split_terms(self.optional_skills.data),
            must=(self.must_skill.data or "").strip() or None,
            driving_licence=self.driving_licence.data or None,
        )

    def validate_required_skills(self, field) -> None:
        _check_terms(field, required=True)

    def validate_optional_skills(self, field) -> None:
        _check_terms(field, required=False)

    def validate_must_skill(self, field) -> None:
        if field.data and field.data.strip().casefold() not in {t.casefold() for t in split_terms(self.required_skills.data)}:
            raise ValidationError(_l("Das Unverzichtbare muss auch bei „Was muss die Person können?“ stehen."))

    def validate_driving_licence(self, field) -> None:
        if field.data not in ("", *DRIVING_LICENCES):
            raise ValidationError(_l("Bitte wählen Sie eine Führerscheinklasse aus der Liste."))


class OutcomeForm(Form):
    """What happened with a candidate a counsellor introduced."""

    outcome = RadioField(
        _l("Was ist passiert?"),
        choices=[
            SelectChoice("interview", _l("Vorstellungsgespräch vereinbart")),
            SelectChoice("hired", _l("eingestellt")),
            SelectChoice("not_hired", _l("nicht eingestellt")),
        ],
        validators=[DataRequired(_l("Bitte wählen Sie aus, was passiert ist."))],
    )
    on = DateField(_l("Datum (Gespräch oder erster Arbeitstag)"), validators=[Optional()], format="%Y-%m-%d")
    reason = SelectField(_l("Grund (wenn nicht eingestellt)"), choices=[], validators=[Optional()])
    submit = SubmitField(_l("Melden"))

    def __init__(self, *args, **kwargs):
        from webapp.introductions.operations import NOT_HIRED_REASONS

        super().__init__(*args, **kwargs)
        self.reason.choices = [SelectChoice("", "—")] + [SelectChoice(k, v) for k, v in NOT_HIRED_REASONS.items()]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        # Cross-field rules (Optional() on the fields would stop inline validators).
        if self.outcome.data in ("interview", "hired") and not self.on.data:
            self.on.errors = [*self.on.errors, _l("Bitte geben Sie das Datum an.")]
            ok = False
        if self.outcome.data == "not_hired" and not self.reason.data:
            self.reason.errors = [*self.reason.errors, _l("Bitte wählen Sie einen Grund.")]
            ok = False
        return ok
