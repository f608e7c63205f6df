"""Forms shared by several blueprints."""
from __future__ import annotations

from flask_wtf import FlaskForm


class ButtonForm(FlaskForm):
    """An empty form for POST-only buttons: it carries just the CSRF token."""
