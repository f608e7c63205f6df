"""ESF Plus data of one participant: entry, exit and follow-up, only for the own centre's counsellors."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from ..audit import audit
from ..db import db, render_and_commit
from ..esf import save_entry, save_exit, save_follow_up
from . import bp
from .esf_forms import EsfEntryForm, EsfExitForm, EsfFollowUpForm
from .participants import _own
from .routes import counsellor_only


@bp.route("/teilnehmende/<int:participant_id>/esf", methods=["GET", "POST"])
@counsellor_only
def esf(participant_id: int):
    p = _own(participant_id)
    record = p.esf
    entry, leaving, follow_up = EsfEntryForm(prefix="e"), EsfExitForm(prefix="a"), EsfFollowUpForm(prefix="n")
    if request.method == "POST":
        if entry.submit.data and entry.validate_on_submit():
            save_entry(p, entry.values())
            db.session.commit()
            flash(_("Die Eintrittsdaten sind gespeichert."), "success")
            return redirect(url_for("counsellors.esf", participant_id=p.id))
        if record is not None and leaving.submit_exit.data and leaving.validate_on_submit():
            if leaving.left_on.data < record.entered_on:
                leaving.left_on.errors = [_("Der Austritt kann nicht vor dem Eintritt liegen.")]
            else:
                save_exit(p, leaving.left_on.data, leaving.situation.data)
                db.session.commit()
                flash(_("Der Austritt ist gespeichert. In sechs Monaten erinnert die Startseite an die Nachbefragung."), "success")
                return redirect(url_for("counsellors.esf", participant_id=p.id))
        if record is not None and record.left_on is not None and follow_up.submit_follow_up.data and follow_up.validate_on_submit():
            if follow_up.on.data < record.left_on:
                follow_up.on.errors = [_("Die Nachbefragung kann nicht vor dem Austritt liegen.")]
            else:
                save_follow_up(p, follow_up.on.data, follow_up.employed.data == "yes")
                db.session.commit()
                flash(_("Die Nachbefragung ist gespeichert."), "success")
                return redirect(url_for("counsellors.esf", participant_id=p.id))
    elif record is not None:
        entry.fill(record)
        if record.left_on:
            leaving.left_on.data, leaving.situation.data = record.left_on, record.exit_situation
        if record.follow_up_on:
            follow_up.on.data, follow_up.employed.data = record.follow_up_on, "yes" if record.follow_up_employed else "no"
    audit("esf.view", "participant", p.id)
    return render_and_commit("counsellors/esf.html", p=p, record=record, entry=entry, leaving=leaving, follow_up=follow_up)
