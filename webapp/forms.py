"""Forms shared by several blueprints."""
from __future__ import annotations

from flask_wtf import FlaskForm


class ButtonForm(FlaskForm):
    """An empty form for POST-only buttons: it carries just the CSRF token."""


def normalise_email(value: str | None) -> str | None:
    """E-mail addresses are compared and stored trimmed and in lower case."""
    return value.strip().lower() if isinstance(value, str) else value
