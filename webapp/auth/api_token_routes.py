"""The account page's API tokens: make one (shown once), see them, revoke one (issue 27)."""

from __future__ import annotations

import secrets

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from models import utcnow
from webapp.auth import api_tokens
from webapp.auth.forms import ApiTokenForm
from webapp.auth.routes import bp
from webapp.core.db import db
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.permissions import login_required_any


@bp.route("/konto/api-schluessel", methods=["GET", "POST"])
@login_required_any
def api_tokens_page():
    user = current_user._get_current_object()
    form = ApiTokenForm()
    made = None
    if form.validate_on_submit():
        token, text = api_tokens.issue(user, form.name.data, form.scope.data, form.days.data, form.form_nonce.data or None)
        db.session.commit()
        if text is None:  # the same form again (a reload): the key it made is not shown a second time
            flash(_("Dieser Schlüssel wurde schon erzeugt und wird aus Sicherheitsgründen nicht noch einmal gezeigt."), "info")
        else:
            made = (token, text)  # shown on this answer only: it is stored nowhere (the page is never cached)
        form = ApiTokenForm(formdata=None)
    if not form.form_nonce.data:
        form.form_nonce.data = secrets.token_urlsafe(16)
    return render_template("auth/api_tokens.html", form=form, made=made, tokens=api_tokens.tokens_of(user), now=utcnow(), button=ButtonForm())


@bp.route("/konto/api-schluessel/<int:token_id>/widerrufen", methods=["POST"])
@login_required_any
def api_token_revoke(token_id: int):
    form = ButtonForm()
    if form.validate_on_submit() and api_tokens.revoke(current_user._get_current_object(), token_id):
        db.session.commit()
        flash(_("Der Schlüssel ist widerrufen: Programme, die ihn benutzen, bekommen ab jetzt keine Antwort mehr."), "success")
    else:
        flash(_("Dieser Schlüssel ist schon widerrufen."), "info")
    return redirect(url_for("auth.api_tokens_page"))
