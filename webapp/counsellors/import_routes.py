"""Importing a participant list: upload, choose the columns, preview with row-by-row errors, all or nothing."""

from __future__ import annotations

import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from models import Participant, ParticipantIdentity
from webapp.core.db import db
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.i18n import ngettext
from webapp.core.permissions import counsellor_only
from webapp.core.spreadsheets import to_csv
from webapp.core.tables import column_mapping, drop_upload, load_upload, receive_upload
from webapp.counsellors.imports import REQUIRED, TARGETS, ImportPlan, check_rows, guess_mapping, missing_columns, template_rows
from webapp.counsellors.operations import InvalidProfile, import_profiles, merge_imported
from webapp.counsellors.routes import bp


def _mapping(header: list[str], source) -> dict[str, int | None]:
    return column_mapping(header, TARGETS, guess_mapping(header), source)


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
        token, problem = receive_upload(current_user.id)
        if problem:
            flash(problem, "danger")
            return render_template("counsellors/import_upload.html", form=form), 400
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
    data = load_upload(token, current_user.id)
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
            drop_upload(token)
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
