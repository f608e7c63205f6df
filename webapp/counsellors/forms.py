from __future__ import annotations

from wtforms import DateField, HiddenField, SelectChoice, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from webapp.core.forms import Form
from webapp.core.i18n import lazy_gettext as _l
from webapp.introductions.operations import REJECTION_REASONS


class DecisionForm(Form):
    participant_id = HiddenField(validators=[DataRequired()])
    reason = SelectField(
        _l("Grund (bei Ablehnung)"),
        choices=[SelectChoice("", "—")] + [SelectChoice(k, v) for k, v in REJECTION_REASONS.items()],
        validators=[Optional()],
    )
    note = TextAreaField(
        _l("Notiz (optional)"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Keine Angaben zu Gesundheit, Herkunft oder Religion."),
    )
    approve = SubmitField(_l("Vorstellen"))
    reject = SubmitField(_l("Nicht vorstellen"))

    def validate_participant_id(self, field) -> None:
        if not ((field.data or "").isascii() and field.data.isdigit()) or len(field.data) > 9:
            raise ValidationError(_l("Unbekannte Person."))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        # Cross-field rule (Optional() on the field would stop an inline validator).
        if self.reject.data and not self.reason.data:
            self.reason.errors = [*self.reason.errors, _l("Bitte wählen Sie einen Grund für die Ablehnung.")]
            ok = False
        return ok


class ExitConfirmForm(Form):
    """Confirming the exit a hire brought: the day (the job's start, or today), then the one button."""

    left_on = DateField(_l("Austritt am"), validators=[DataRequired(_l("Bitte geben Sie das Austrittsdatum an."))])
    submit = SubmitField(_l("Austritt bestätigen"))
