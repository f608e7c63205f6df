from __future__ import annotations

import time
from datetime import timedelta
from functools import partial

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from markupsafe import Markup
from sqlalchemy import func, select

from models import AccessRequest, Employer, User, utcnow
from webapp.auth import tokens, totp
from webapp.auth.forms import AccessRequestForm, CodeForm, ForgotPasswordForm, InviteForm, LoginForm, PasswordChangeForm, SetPasswordForm, TotpDisableForm
from webapp.auth.operations import invite_company, remind_existing_account
from webapp.auth.sessions import end_all_sessions, end_session, start_session
from webapp.core import params
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.extensions import limiter
from webapp.core.forms import ButtonForm, normalise_email
from webapp.core.i18n import gettext as _
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.mail import queue_mail
from webapp.core.passwords import hash_password, rehash_if_needed, verify_nobody, verify_password
from webapp.core.permissions import login_required_any, roles_required

bp = Blueprint("auth", __name__, template_folder="templates")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["ACCOUNT_RATE_LIMIT"]


def _account_key() -> str:
    """Login attempts counted per account, whatever address they come from.

    The key is the address in the same normal form the form gives the account
    look-up (``normalise_email``), so variants of one address share a count.
    """
    return "account:" + (normalise_email(request.form.get("email")) or "")


def _account_address_limit() -> str:
    return current_app.config["ACCOUNT_ADDRESS_RATE_LIMIT"]


def _account_address_key() -> str:
    """Login attempts counted per account and network address: the back-off one machine gets, without locking the
    account's owner out from theirs."""
    return f"account-address:{get_remote_address()}:{_account_key()}"


def _reset_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


@bp.route("/anmelden", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, key_func=_account_key, methods=["POST"])
@limiter.limit(_account_address_limit, key_func=_account_address_key, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user is None:
            verify_nobody(form.password.data)  # the same work as for a known address
        elif verify_password(user.password_hash, form.password.data) and user.active:
            rehash_if_needed(user, form.password.data)
            next_url = params.redirect_target("next")
            if user.totp_secret:
                # Password right; the second factor follows. Nobody is logged in yet.
                session.clear()
                session["mfa_user"], session["mfa_since"], session["mfa_next"] = user.id, int(time.time()), next_url
                return redirect(url_for("auth.login_code"))
            return _finish_login(user, next_url)
        form.password.errors.append(_("E-Mail-Adresse oder Passwort ist falsch, oder der Zugang ist gesperrt."))
    return render_template("auth/login.html", form=form)


def _finish_login(user: User, next_url: str | None):
    session.clear()  # a new session at login (no fixation)
    session.permanent = True
    start_session(user)
    user.last_login_at = utcnow()
    login_user(user)
    db.session.commit()
    if user.demo_password and current_app.config["KMU_ENV"] != "production":
        flash(_("Sie sind mit einem Demo-Zugang angemeldet."), "info")
    return redirect(next_url or url_for("main.home"))


def _only_this_device(user: User, reason: str) -> None:
    """End every login session of ``user`` and keep this device logged in with a fresh one."""
    end_all_sessions(user.id, reason)
    start_session(user)
    session.clear()
    session.permanent = True
    login_user(user)


MFA_SECONDS = 300  # the code must follow the password within five minutes


def _pending_mfa_user() -> User | None:
    user_id, since = session.get("mfa_user"), session.get("mfa_since", 0)
    if not user_id or time.time() - since > MFA_SECONDS:
        return None
    user = db.session.get(User, user_id)
    return user if user is not None and user.active and user.totp_secret else None


def _mfa_account_key() -> str:
    return f"mfa:{session.get('mfa_user')}"


@bp.route("/anmelden/code", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, key_func=_mfa_account_key, methods=["POST"])
def login_code():
    """Second step of the login for accounts with a second factor."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    user = _pending_mfa_user()
    if user is None:
        session.clear()
        flash(_("Bitte melden Sie sich (erneut) mit E-Mail-Adresse und Passwort an."), "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if totp.accept(user, form.code.data):
            return _finish_login(user, session.get("mfa_next"))
        db.session.rollback()
        form.code.errors.append(_("Der Code stimmt nicht oder wurde schon benutzt. Bitte nehmen Sie den aktuellen Code aus der App."))
    return render_template("auth/login_code.html", form=form)


@bp.route("/konto/zwei-faktor")
@roles_required(*totp.ROLES_WITH_TOTP)
def two_factor():
    user = current_user._get_current_object()
    pending = user.totp_pending_secret if not user.totp_secret else None
    setup = None
    if pending:
        uri = totp.provisioning_uri(user, pending)
        # segno writes only path data and a fixed title; the e-mail address is in the modules, not in text.
        setup = {"qr": Markup(totp.qr_svg(uri)), "key": totp.grouped(pending)}  # nosec B704
    return render_template(
        "auth/two_factor.html", enabled=bool(user.totp_secret), setup=setup, button=ButtonForm(), code_form=CodeForm(), disable_form=TotpDisableForm()
    )


@bp.route("/konto/zwei-faktor/einrichten", methods=["POST"])
@roles_required(*totp.ROLES_WITH_TOTP)
def two_factor_setup():
    if not ButtonForm().validate_on_submit():
        abort(400)
    user = current_user._get_current_object()
    if not user.totp_secret:
        user.totp_pending_secret = totp.new_secret()
        db.session.commit()
    return redirect(url_for("auth.two_factor"))


@bp.route("/konto/zwei-faktor/bestaetigen", methods=["POST"])
@roles_required(*totp.ROLES_WITH_TOTP)
def two_factor_confirm():
    user = current_user._get_current_object()
    form = CodeForm()
    if not user.totp_pending_secret or user.totp_secret:
        return redirect(url_for("auth.two_factor"))
    if form.validate_on_submit() and totp.accept(user, form.code.data, secret=user.totp_pending_secret):
        user.totp_secret, user.totp_pending_secret = user.totp_pending_secret, None
        _only_this_device(user, "second_factor_on")
        audit("user.totp_enable", "user", user.id)
        db.session.commit()
        flash(_("Der zweite Faktor ist eingeschaltet. Ab jetzt fragt die Anmeldung nach dem Code aus der App."), "success")
        return redirect(url_for("auth.two_factor"))
    db.session.rollback()
    flash(_("Der Code stimmt nicht. Prüfen Sie, ob die Uhr des Telefons richtig geht, und nehmen Sie den aktuellen Code."), "danger")
    return redirect(url_for("auth.two_factor"))


@bp.route("/konto/zwei-faktor/ausschalten", methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"])
@roles_required(*totp.ROLES_WITH_TOTP)
def two_factor_disable():
    user = current_user._get_current_object()
    form = TotpDisableForm()
    if not user.totp_secret:
        return redirect(url_for("auth.two_factor"))
    if form.validate_on_submit() and verify_password(user.password_hash, form.password.data) and totp.accept(user, form.code.data):
        user.totp_secret = None
        audit("user.totp_disable", "user", user.id)
        db.session.commit()
        flash(_("Der zweite Faktor ist ausgeschaltet."), "success")
        return redirect(url_for("auth.two_factor"))
    db.session.rollback()
    flash(_("Passwort oder Code stimmt nicht. Der zweite Faktor bleibt eingeschaltet."), "danger")
    return redirect(url_for("auth.two_factor"))


@bp.route("/abmelden", methods=["POST"])
@login_required_any
def logout():
    form = ButtonForm()
    if form.validate_on_submit():
        end_session(current_user.login_token, "logout")
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/konto/passwort", methods=["GET", "POST"])
@login_required_any
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("Das bisherige Passwort ist nicht richtig."))
        else:
            user = current_user._get_current_object()
            user.password_hash = hash_password(form.new_password.data)
            user.demo_password = False
            _only_this_device(user, "password_change")
            audit("user.password_change", "user", user.id)
            db.session.commit()
            flash(_("Ihr Passwort wurde geändert. Andere Geräte sind jetzt abgemeldet."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/konto/meine-daten.json")
@login_required_any
def my_data():
    """Every person with an account can download what KMU-Match stores about them (Art. 15 DSGVO)."""
    import json

    from flask import Response

    from models import utcnow
    from webapp.privacy.personal_data import account_answer

    user = current_user._get_current_object()
    data = {"produced_at": utcnow().isoformat(timespec="seconds"), **account_answer(db.session, user)}
    audit("user.subject_access", "user", user.id)
    db.session.commit()
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json", headers={"Content-Disposition": "attachment; filename=meine-daten.json"}
    )


@bp.route("/passwort-vergessen", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_reset_limit, key_func=_account_address_key, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        # The same answer, after the same work, whether or not the address has an account:
        # the look-up and the mail happen after the answer has been sent (no enumeration by timing).
        flash(_("Wenn es zu dieser Adresse einen Zugang gibt, kommt gleich eine E-Mail mit einem Link. Er gilt eine Stunde."), "info")
        response = redirect(url_for("auth.login"))
        response.call_on_close(partial(_send_reset_link, current_app._get_current_object(), form.email.data))  # type: ignore[attr-defined]
        return response
    return render_template("auth/forgot_password.html", form=form)


# Reset mails: at most RESET_RATE_LIMIT per network address and account (the route's limit), and at most this
# many to one account from all addresses together; more requests are answered alike and ignored. One machine
# can no longer use up the owner's links.
RESETS_PER_HOUR = 10


def _send_reset_link(app, email: str) -> None:
    """Queue a reset link for ``email`` if it has an active account and not too many links this hour."""
    with app.app_context():
        try:
            user = db.session.scalar(select(User).where(func.lower(User.email) == email))
            if user is None or not user.active or tokens.issued_since(user, "reset", utcnow() - timedelta(hours=1)) >= RESETS_PER_HOUR:
                return
            token = tokens.issue(user, "reset")
            queue_mail(user.email, _l("Ihr neues Passwort für KMU-Match"), "password_reset", token=token)
            db.session.commit()
        except Exception as exc:
            app.logger.error("password reset link not queued", exc_info=(type(exc), None, None))


@bp.route("/passwort-setzen/<link>", methods=["GET", "POST"])
def set_password(link: str):
    record = tokens.find(link)
    if record is None:
        return render_template("auth/token_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        if not tokens.use(record):
            return render_template("auth/token_invalid.html"), 404
        user = record.user
        user.password_hash = hash_password(form.new_password.data)
        user.demo_password = False
        end_all_sessions(user.id, "password_reset")
        audit("user.password_set", "user", user.id)
        db.session.commit()
        flash(_("Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, invite=record.purpose == "invite", email=record.user.email)


@bp.route("/einladen", methods=["GET", "POST"])
@roles_required("admin", "counsellor")
def invite():
    """A counsellor or admin invites a company: its account gets a one-time link to set the password."""
    form = InviteForm()
    if form.validate_on_submit():
        existing = db.session.scalar(select(User).where(func.lower(User.email) == form.email.data))
        if existing is None:
            employer = Employer()
            form.apply_to(employer)
            invite_company(employer, form.email.data, form.contact_name.data or form.name.data)
        else:  # only a counsellor gets here (an admin's form says it): the same answer, a note to the account
            remind_existing_account(existing, form.name.data)
        db.session.commit()
        flash(_("Die Einladung an %(email)s ist verschickt. Der Link gilt sieben Tage.", email=form.email.data), "success")
        return redirect(url_for("auth.invite"))
    return render_template("auth/invite.html", form=form)


@bp.route("/zugang-anfragen", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def request_access():
    """The short public form for companies that want to take part."""
    form = AccessRequestForm()
    if form.validate_on_submit():
        request_row = AccessRequest(message=(form.message.data or "").strip())
        form.apply_to(request_row, (*AccessRequestForm.FIELDS, "email"))
        db.session.add(request_row)
        for admin_email in db.session.scalars(select(User.email).where(User.role == "admin", User.active.is_(True))):
            queue_mail(admin_email, _l("Neue Anfrage eines Betriebs"), "access_request", company=request_row.name)
        db.session.commit()
        flash(_("Danke! Wir melden uns bei Ihnen per E-Mail, sobald Ihr Zugang eingerichtet ist."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/request_access.html", form=form)
