"""Form fields for the skills of a record."""

from __future__ import annotations

from wtforms import TextAreaField

from webapp.suggestions.skills import split_terms


class TermsField(TextAreaField):
    """A text area holding a list of skills (one per line or separated by commas)."""

    @property
    def terms(self) -> list[str]:
        return split_terms(self.data)
