from __future__ import annotations

import json
from collections.abc import Sequence

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from wtforms import SelectChoice

from models import AccessRequest, AuditEvent, Centre, Employer, OutboxMail, User, utcnow
from webapp.admin.forms import AccountErasureForm, EmployerForm, PersonRequestForm, UserForm
from webapp.admin.operations import PERSON_REQUESTS, AccessRequestRefused, NoSuchCode, decide_access_request, forward_person_request, hand_over
from webapp.auth.sessions import end_all_sessions
from webapp.core import params
from webapp.core.audit import audit, object_names
from webapp.core.db import db
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.i18n import ngettext
from webapp.core.mail import STATE_WHERE
from webapp.core.mail import state as mail_state
from webapp.core.pagination import paginate
from webapp.core.passwords import hash_password
from webapp.core.permissions import admin_only
from webapp.privacy.personal_data import account_answer, company_answer, erase_account, erase_company_contact, reference_counts

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


def _user_form(user: User | None = None) -> UserForm:
    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    employers = db.session.scalars(select(Employer).order_by(Employer.name)).all()
    colleagues: Sequence[User] = ()
    if user is not None and user.role == "counsellor":
        colleagues = db.session.scalars(
            select(User).where(User.role == "counsellor", User.centre_id == user.centre_id, User.active.is_(True), User.id != user.id).order_by(User.name)
        ).all()
    return UserForm(obj=user, user_id=user.id if user else None, centres=centres, employers=employers, colleagues=colleagues)


def _apply_user_form(form: UserForm, user: User) -> None:
    user.name = form.name.data.strip()
    user.email = form.email.data
    user.phone = (form.phone.data or "").strip()
    user.role = form.role.data
    # Links follow the role: the other one is cleared so the schema's checks hold.
    user.centre_id = form.centre_id.data if user.role == "counsellor" else None
    user.employer_id = form.employer_id.data if user.role == "employer" else None
    if form.password.data:
        user.password_hash = hash_password(form.password.data)
        user.demo_password = False


@bp.route("/benutzer")
@admin_only
def users():
    page = paginate(db.session, select(User).order_by(User.role, User.name))
    return render_template("admin/users.html", page=page, button=ButtonForm())


@bp.route("/benutzer/neu", methods=["GET", "POST"])
@admin_only
def user_new():
    form = _user_form()
    if form.validate_on_submit():
        user = User()  # the form requires a password for a new account; _apply_user_form hashes it
        _apply_user_form(form, user)
        db.session.add(user)
        db.session.flush()
        audit("user.create", "user", user.id)
        db.session.commit()
        flash(_("Der Zugang wurde angelegt."), "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/benutzer/<int:user_id>", methods=["GET", "POST"])
@admin_only
def user_edit(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = _user_form(user)
    if form.validate_on_submit():
        password_changed = bool(form.password.data)
        old_centre = user.centre_id if user.role == "counsellor" else None
        _apply_user_form(form, user)
        if old_centre is not None and (user.role != "counsellor" or user.centre_id != old_centre):
            moved = hand_over(user, old_centre, form.successor_id.data)
            if moved:
                flash(ngettext("%(num)d betreute Person wurde übergeben.", "%(num)d betreute Personen wurden übergeben.", moved), "success")
        if password_changed:
            end_all_sessions(user.id, "password_reset")
        audit("user.update", "user", user.id)
        db.session.commit()
        flash(_("Die Änderungen wurden gespeichert."), "success")
        return redirect(url_for("admin.users"))
    form.password.data = ""  # never echo a password back into the page
    return render_template("admin/user_form.html", form=form, user=user, button=ButtonForm())


@bp.route("/benutzer/<int:user_id>/sperren", methods=["POST"])
@admin_only
def user_deactivate(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash(_("Sie können Ihren eigenen Zugang nicht sperren."), "danger")
        return redirect(url_for("admin.user_edit", user_id=user.id))
    user.active = False
    end_all_sessions(user.id, "deactivated")
    audit("user.deactivate", "user", user.id)
    db.session.commit()
    flash(_("Der Zugang ist gesperrt. Alle Anmeldungen dieses Zugangs wurden beendet."), "success")
    return redirect(url_for("admin.users"))


@bp.route("/benutzer/<int:user_id>/entsperren", methods=["POST"])
@admin_only
def user_activate(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    user.active = True
    audit("user.activate", "user", user.id)
    db.session.commit()
    flash(_("Der Zugang ist wieder aktiv."), "success")
    return redirect(url_for("admin.users"))


@bp.route("/benutzer/<int:user_id>/zwei-faktor-zuruecksetzen", methods=["POST"])
@admin_only
def user_reset_totp(user_id: int):
    """For a lost phone: the account logs in with its password again (and should set up a new app)."""
    user = db.session.get(User, user_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    user.totp_secret = user.totp_pending_secret = None
    end_all_sessions(user.id, "second_factor_reset")
    audit("user.totp_reset", "user", user.id)
    db.session.commit()
    flash(_("Der zweite Faktor ist zurückgesetzt. Die Person meldet sich mit ihrem Passwort an."), "success")
    return redirect(url_for("admin.user_edit", user_id=user.id))


@bp.route("/betriebe")
@admin_only
def employers():
    page = paginate(db.session, select(Employer).order_by(Employer.name))
    return render_template("admin/employers.html", page=page)


@bp.route("/betriebe/neu", methods=["GET", "POST"])
@admin_only
def employer_new():
    form = EmployerForm()
    if form.validate_on_submit():
        employer = Employer()
        form.apply_to(employer, form.FIELDS)
        db.session.add(employer)
        db.session.flush()
        audit("employer.create", "employer", employer.id)
        db.session.commit()
        flash(_("Der Betrieb wurde angelegt."), "success")
        return redirect(url_for("admin.employers"))
    return render_template("admin/employer_form.html", form=form, employer=None)


@bp.route("/betriebe/<int:employer_id>", methods=["GET", "POST"])
@admin_only
def employer_edit(employer_id: int):
    employer = db.session.get(Employer, employer_id) or abort(404)
    form = EmployerForm(obj=employer)
    if form.validate_on_submit():
        form.apply_to(employer, form.FIELDS)
        audit("employer.update", "employer", employer.id)
        db.session.commit()
        flash(_("Die Änderungen wurden gespeichert."), "success")
        return redirect(url_for("admin.employers"))
    return render_template("admin/employer_form.html", form=form, employer=employer, button=ButtonForm())


@bp.route("/protokoll")
@admin_only
def audit_log():
    """The audit log, newest first, filtered by action, object and person (never shows personal data: there is none)."""
    stmt = select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    action = params.text("aktion", 40)
    object_type = params.text("objekt", 40)
    object_id = params.integer("nr")
    if object_id is None and params.text("nr", 30):
        object_id = -1  # typed, but no object can have that number: nothing matches
    actor = params.text("wer", 254).lower()
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action, autoescape=True))
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    if object_id is not None:
        stmt = stmt.where(AuditEvent.object_id == object_id)
    if actor:
        stmt = stmt.where(func.lower(User.email).contains(actor, autoescape=True))
    page = paginate(db.session, stmt, execute=True)
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    return render_template(
        "admin/audit_log.html",
        rows=page.items,
        names=object_names(event for event, _user in page.items),
        page=page,
        actions=actions,
        filters={"aktion": action, "objekt": object_type, "nr": object_id if object_id is not None else "", "wer": actor},
    )


@bp.route("/postausgang")
@admin_only
def outbox():
    shown = params.choice("status", tuple(STATE_WHERE))
    stmt = select(OutboxMail).order_by(OutboxMail.id.desc())
    if shown:
        stmt = stmt.where(STATE_WHERE[shown])
    failed = db.session.scalar(select(func.count()).select_from(OutboxMail).where(STATE_WHERE["failed"]))
    return render_template(
        "admin/outbox.html", page=paginate(db.session, stmt), smtp=bool(current_app.config["SMTP_HOST"]), shown=shown, failed=failed, state=mail_state
    )


@bp.route("/postausgang/<int:mail_id>")
@admin_only
def outbox_mail(mail_id: int):
    mail = db.session.get(OutboxMail, mail_id) or abort(404)
    return render_template("admin/outbox_mail.html", mail=mail)


@bp.route("/datenschutz-anfrage", methods=["GET", "POST"])
@admin_only
def person_request():
    """A participant asked the project lead for access, correction or erasure: the house that holds the profile
    answers; this page says so, and tells the house in one step (issue 25.15)."""
    centres = db.session.execute(select(Centre.id, Centre.name, Centre.address, Centre.phone).order_by(Centre.name)).all()
    form = PersonRequestForm()
    form.kind.choices = [SelectChoice(k, str(v)) for k, v in PERSON_REQUESTS.items()]
    form.centre_id.choices = [SelectChoice("", _("— bitte wählen —")), *(SelectChoice(str(c.id), c.name) for c in centres)]
    if form.validate_on_submit():
        code = (form.code.data or "").strip()
        try:
            centre, told = forward_person_request(
                current_user, form.kind.data, form.received_on.data, code, int(form.centre_id.data) if form.centre_id.data else None
            )
        except NoSuchCode:
            form.code.errors = [_("Kein Profil mit dem Kürzel %(code)s. Bitte prüfen Sie das Kürzel oder wählen Sie das Haus.", code=code.upper())]
        else:
            db.session.commit()
            if told:
                flash(
                    ngettext("%(house)s ist benachrichtigt (%(num)d Person).", "%(house)s ist benachrichtigt (%(num)d Personen).", told, house=centre.name),
                    "success",
                )
            else:
                flash(_("Im %(house)s gibt es keinen aktiven Zugang der Beratung. Bitte rufen Sie das Haus an.", house=centre.name), "warning")
            return redirect(url_for("admin.person_request"))
    return render_template("admin/person_request.html", form=form, centres=centres)


@bp.route("/anfragen")
@admin_only
def access_requests():
    page = paginate(db.session, select(AccessRequest).order_by((AccessRequest.status == "pending").desc(), AccessRequest.id.desc()))
    return render_template("admin/access_requests.html", page=page, button=ButtonForm())


@bp.route("/anfragen/<int:request_id>", methods=["POST"])
@admin_only
def access_request_decide(request_id: int):
    row = db.session.get(AccessRequest, request_id) or abort(404)
    action = request.form.get("action")
    if not ButtonForm().validate_on_submit() or action not in ("approve", "decline"):
        abort(400)
    try:
        decide_access_request(row, action == "approve", current_user)
    except AccessRequestRefused as refused:
        db.session.rollback()
        flash(str(refused.message), "warning")
        return redirect(url_for("admin.access_requests"))
    db.session.commit()
    flash(_("Der Betrieb ist angelegt und eingeladen.") if action == "approve" else _("Die Anfrage ist abgelehnt."), "success")
    return redirect(url_for("admin.access_requests"))


@bp.route("/technik")
@admin_only
def technical_record():
    """The matcher's technical record (AI Act): version, vocabulary, parameters, measured quality, logging."""
    from webapp.suggestions.ai_record import record
    from webapp.suggestions.skills import entries_in_force

    return render_template(
        "admin/technical_record.html", record=record(current_app.config["RETENTION_MONTHS"]), layer_entries=len(entries_in_force(db.session))
    )


def _answer_file(data: dict, name: str) -> Response:
    body = json.dumps({"produced_at": utcnow().isoformat(timespec="seconds"), **data}, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/benutzer/<int:user_id>/auskunft.json")
@admin_only
def user_subject_access(user_id: int):
    """Art. 15 for an account holder (everything found in the schema about the account), as a file."""
    user = db.session.get(User, user_id) or abort(404)
    data = account_answer(db.session, user)
    audit("user.subject_access", "user", user.id)
    db.session.commit()
    return _answer_file(data, f"auskunft-zugang-{user.id}.json")


@bp.route("/benutzer/<int:user_id>/loeschen", methods=["GET", "POST"])
@admin_only
def user_erase(user_id: int):
    """Art. 17 for an account holder: the account keeps its place in the logs, but nothing about the person."""
    user = db.session.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash(_("Ihren eigenen Zugang kann nur eine andere Person der Verwaltung löschen."), "warning")
        return redirect(url_for("admin.user_edit", user_id=user.id))
    form = AccountErasureForm(user.email)
    if form.validate_on_submit():
        erase_account(db.session, user)
        audit("user.erase", "user", user.id)
        db.session.commit()
        flash(_("Die Daten des Zugangs sind gelöscht; der Zugang ist gesperrt."), "success")
        return redirect(url_for("admin.users"))
    counts = reference_counts(db.session, "account", user.id)
    return render_template("admin/user_erase.html", user=user, form=form, named=sum(counts.values()))


@bp.route("/betriebe/<int:employer_id>/auskunft.json")
@admin_only
def employer_subject_access(employer_id: int):
    """Art. 15 for the company's contact person: the contact data, their access requests and mails."""
    employer = db.session.get(Employer, employer_id) or abort(404)
    data = company_answer(db.session, employer)
    audit("employer.subject_access", "employer", employer.id)
    db.session.commit()
    return _answer_file(data, f"auskunft-betrieb-{employer.id}.json")


@bp.route("/betriebe/<int:employer_id>/kontakt-loeschen", methods=["POST"])
@admin_only
def employer_contact_erase(employer_id: int):
    """Art. 17 for the company's contact person: name, phone and address go; the company stays."""
    employer = db.session.get(Employer, employer_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    erase_company_contact(db.session, employer)
    audit("employer.contact_erase", "employer", employer.id)
    db.session.commit()
    flash(_("Die Kontaktdaten der Ansprechperson sind gelöscht."), "success")
    return redirect(url_for("admin.employer_edit", employer_id=employer.id))
