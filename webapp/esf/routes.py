"""The participation of one participant (entry, exit, follow-up) with its ESF Plus data, only for the own centre's counsellors."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from webapp.core.audit import audit
from webapp.core.db import db, render_and_commit
from webapp.core.i18n import gettext as _
from webapp.core.permissions import counsellor_only
from webapp.counsellors.access import own_participant
from webapp.esf.forms import EsfEntryForm, EsfExitForm, EsfFollowUpForm
from webapp.esf.operations import ParticipationRefused, save_entry, save_exit, save_follow_up

bp = Blueprint("esf", __name__, url_prefix="/beratung", template_folder="templates")


@bp.route("/teilnehmende/<int:participant_id>/esf", methods=["GET", "POST"])
@counsellor_only
def esf(participant_id: int):
    p = own_participant(participant_id)
    record = p.esf
    entry, leaving, follow_up = EsfEntryForm(prefix="e"), EsfExitForm(prefix="a"), EsfFollowUpForm(prefix="n")
    if request.method == "POST":
        # Three forms on one page: the one whose button was pressed, if this record allows it yet.
        steps = (
            (entry, entry.submit, True, _save_entry),
            (leaving, leaving.submit_exit, record is not None, _save_exit),
            (follow_up, follow_up.submit_follow_up, record is not None and record.left_on is not None, _save_follow_up),
        )
        for form, button, allowed, save in steps:
            if allowed and button.data and form.validate_on_submit() and save(p, form):
                return redirect(url_for("esf.esf", participant_id=p.id))
    elif record is not None:
        _fill(record, entry, leaving, follow_up)
    audit("esf.view", "participant", p.id)
    return render_and_commit("esf/esf.html", p=p, record=record, entry=entry, leaving=leaving, follow_up=follow_up)


_REFUSED = object()


def _tried(save, field):
    """``save()``'s answer, or – when the rules refuse it – _REFUSED with the reason shown at ``field``."""
    try:
        return save()
    except ParticipationRefused as refused:
        field.errors = [str(refused)]
        return _REFUSED


def _save_entry(p, entry: EsfEntryForm) -> bool:
    """The entry saved (True), or the refusal shown at the entry date (False)."""
    if _tried(lambda: save_entry(p, entry.values()), entry.entered_on) is _REFUSED:
        return False
    db.session.commit()
    flash(_("Die Eintrittsdaten sind gespeichert."), "success")
    return True


def _save_exit(p, leaving: EsfExitForm) -> bool:
    """The exit saved – or recorded by someone else in the meantime (both: True) –, or the refusal shown (False)."""
    recorded = _tried(lambda: save_exit(p, leaving.left_on.data, leaving.situation.data), leaving.left_on)
    if recorded is _REFUSED:
        return False
    if recorded:
        db.session.commit()
        flash(_("Der Austritt ist gespeichert. In sechs Monaten erinnert die Startseite an die Nachbefragung."), "success")
    else:
        db.session.rollback()
        flash(_("Der Austritt wurde gerade von jemand anderem erfasst. Bitte prüfen Sie die Angaben."), "warning")
    return True


def _save_follow_up(p, follow_up: EsfFollowUpForm) -> bool:
    if _tried(lambda: save_follow_up(p, follow_up.on.data, follow_up.employed.data == "yes"), follow_up.on) is _REFUSED:
        return False
    db.session.commit()
    flash(_("Die Nachbefragung ist gespeichert."), "success")
    return True


def _fill(record, entry: EsfEntryForm, leaving: EsfExitForm, follow_up: EsfFollowUpForm) -> None:
    """The forms filled from what is recorded (the entry date alone when the voluntary entry data were not given)."""
    if record.has_entry_data:
        entry.fill(record)
    else:
        entry.entered_on.data = record.entered_on
    if record.left_on:
        leaving.left_on.data, leaving.situation.data = record.left_on, record.exit_situation
    if record.follow_up_on:
        follow_up.on.data, follow_up.employed.data = record.follow_up_on, "yes" if record.follow_up_employed else "no"
