"""Importing a participant list: upload, choose the columns, preview with row-by-row errors, all or nothing."""

from __future__ import annotations

import io
import json
import os
import secrets
import time
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from models import Participant, ParticipantIdentity
from webapp.core import params
from webapp.core.db import db
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.i18n import ngettext
from webapp.core.permissions import counsellor_only
from webapp.core.spreadsheets import to_csv
from webapp.counsellors.imports import REQUIRED, TARGETS, ImportFileError, ImportPlan, check_rows, guess_mapping, missing_columns, read_table, template_rows
from webapp.counsellors.operations import InvalidProfile, import_profiles, merge_imported
from webapp.counsellors.routes import bp

UPLOAD_LIFETIME = 3600  # seconds an uploaded list waits for its import


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _load(token: str) -> dict:
    """The uploaded list, if it is this user's and not too old."""
    if not token.isalnum():
        abort(404)
    path = _folder() / f"{token}.json"
    if not path.exists() or time.time() - path.stat().st_mtime > UPLOAD_LIFETIME:
        path.unlink(missing_ok=True)
        abort(404)
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["user_id"] != current_user.id:
        abort(404)
    return data


def _mapping(header: list[str], source) -> dict[str, int | None]:
    """The column chosen for each target (sent empty: none); the guess from the header where nothing was sent."""
    guessed = guess_mapping(header)
    mapping = {}
    for target in TARGETS:
        name = f"spalte_{target}"
        sent = params.given(name, source=source)
        mapping[target] = params.integer(name, maximum=len(header) - 1, source=source) if sent else guessed[target]
    return mapping


def _existing_names() -> dict[tuple[str, str], str]:
    rows = db.session.execute(
        select(ParticipantIdentity.first_name, ParticipantIdentity.last_name, Participant.pseudonym)
        .join(Participant)
        .where(Participant.centre_id == current_user.centre_id)
    ).all()
    return {(first.casefold(), last.casefold()): code for first, last, code in rows}


def _check(data: dict, mapping):
    missing = [str(TARGETS[t][0]) for t in missing_columns(mapping)]
    checked = check_rows(data["rows"], mapping, _existing_names()) if not missing else []
    return checked, missing


@bp.route("/import", methods=["GET", "POST"])
@counsellor_only
def import_upload():
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        upload = request.files.get("datei")
        if upload is None or not upload.filename:
            flash(_("Bitte wählen Sie eine Datei."), "danger")
            return render_template("counsellors/import_upload.html", form=form), 400
        try:
            header, rows = read_table(upload.filename, upload.read())
        except ImportFileError as exc:
            flash(str(exc), "danger")
            return render_template("counsellors/import_upload.html", form=form), 400
        token = secrets.token_hex(16)
        path = _folder() / f"{token}.json"
        path.write_text(json.dumps({"user_id": current_user.id, "filename": upload.filename, "header": header, "rows": rows}), encoding="utf-8")
        os.chmod(path, 0o600)
        return redirect(url_for("counsellors.import_preview", token=token))
    return render_template("counsellors/import_upload.html", form=form)


@bp.route("/import/vorlage.<fmt>")
@counsellor_only
def import_template(fmt: str):
    """An empty list with the columns the import knows (and one invented example row), as CSV or Excel."""
    rows = template_rows()
    if fmt == "csv":
        return Response(to_csv(rows), mimetype="text/csv", headers={"Content-Disposition": "attachment; filename=teilnehmende-vorlage.csv"})
    if fmt != "xlsx":
        abort(404)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Teilnehmende")
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 18
    out = io.BytesIO()
    book.save(out)
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(out.getvalue(), mimetype=mimetype, headers={"Content-Disposition": "attachment; filename=teilnehmende-vorlage.xlsx"})


@bp.route("/import/<token>", methods=["GET", "POST"])
@counsellor_only
def import_preview(token: str):
    data = _load(token)
    mapping = _mapping(data["header"], request.form if request.method == "POST" else None)
    checked, missing = _check(data, mapping)
    errors = sum(1 for row in checked if row.errors)
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        plan = ImportPlan.of(checked, request.form)
        if missing or errors or not checked:
            flash(_("Nichts wurde importiert: bitte zuerst die markierten Fehler in der Datei beheben (oder die Spalten richtig zuordnen)."), "danger")
        elif plan.empty:
            flash(_("Nichts wurde importiert: alle Zeilen sind mögliche Doppelungen und sollen übersprungen werden."), "warning")
        elif _import_all(plan):
            (_folder() / f"{token}.json").unlink(missing_ok=True)
            # The people just imported, first, ready for their consent.
            return redirect(url_for("counsellors.participants", einwilligung="ohne", sortierung="neu"))
    return render_template(
        "counsellors/import_preview.html",
        data=data,
        token=token,
        mapping=mapping,
        targets=TARGETS,
        required=REQUIRED,
        checked=checked,
        missing=missing,
        errors=errors,
        duplicates=sum(1 for row in checked if row.duplicate_of),
        form=form,
    ), (422 if request.method == "POST" else 200)


def _import_all(plan: ImportPlan) -> bool:
    """Create every wanted profile and add the merged rows to the own house's people they name, in the request's
    one transaction: all rows or (on any failure) none – then the preview is shown again with the choices kept.
    Says what was done and returns whether it was."""
    try:
        made = import_profiles(plan.values(plan.wanted), current_user) if plan.wanted else []
        for row, values in zip(plan.merged, plan.values(plan.merged), strict=True):
            person = db.session.scalar(select(Participant).where(Participant.pseudonym == row.existing, Participant.centre_id == current_user.centre_id))
            if person is None:  # gone since the preview: nothing to add to
                abort(409)
            merge_imported(person, values)
        db.session.commit()
    except InvalidProfile as exc:
        db.session.rollback()
        flash(_("Nichts wurde importiert: %(why)s. Bitte wählen Sie für diese Zeile „überspringen“.", why=str(exc)), "danger")
        return False
    if made:
        flash(
            ngettext(
                "%(num)d Profil importiert. Bitte erfassen Sie die Einwilligung der Person, bevor sie vorgeschlagen werden kann.",
                "%(num)d Profile importiert. Bitte erfassen Sie für jede Person die Einwilligung, bevor sie vorgeschlagen werden kann.",
                len(made),
            ),
            "success",
        )
    if plan.merged:
        flash(ngettext("%(num)d vorhandenes Profil ergänzt.", "%(num)d vorhandene Profile ergänzt.", len(plan.merged)), "success")
    if plan.skipped:
        flash(ngettext("%(num)d mögliche Doppelung übersprungen.", "%(num)d mögliche Doppelungen übersprungen.", plan.skipped), "info")
    return True
