"""The optional second factor (TOTP) for counsellors and admins."""

from __future__ import annotations

import re
import time

import pyotp
from sqlalchemy import select

from models import AuditEvent, User
from tests.helpers import csrf_token, login
from webapp.core.db import db


def _user(app, email) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.expunge(user)
        return user


def _enable(app, email) -> str:
    """Give the account a second factor directly (the set-up page has its own test)."""
    secret = pyotp.random_base32()
    with app.app_context():
        db.session.scalar(select(User).where(User.email == email)).totp_secret = secret
        db.session.commit()
    return secret


def _code(client, code):
    return client.post("/anmelden/code", data={"code": code, "csrf_token": csrf_token(client, "/anmelden/code")})


def test_a_counsellor_sets_up_the_second_factor(app, client, world, login_as):
    other_device = app.test_client()
    login(other_device, world.counsellor_a)
    login_as("counsellor_a")
    assert "ausgeschaltet" in client.get("/konto/passwort").get_data(as_text=True)
    page = client.get("/konto/zwei-faktor").get_data(as_text=True)
    assert "Jetzt einrichten" in page
    client.post("/konto/zwei-faktor/einrichten", data={"csrf_token": csrf_token(client, "/konto/zwei-faktor")})
    page = client.get("/konto/zwei-faktor").get_data(as_text=True)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "QR-Code" in svg and "<script" not in svg and world.counsellor_a not in svg  # drawn, not written
    key = re.search(r'<code class="d-inline-block user-select-all">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    assert _user(app, world.counsellor_a).totp_secret is None  # not before a code confirms it

    token = csrf_token(client, "/konto/zwei-faktor")
    wrong = client.post(
        "/konto/zwei-faktor/bestaetigen", data={"code": "000000" if pyotp.TOTP(key).now() != "000000" else "111111", "csrf_token": token}, follow_redirects=True
    )
    assert "Der Code stimmt nicht" in wrong.get_data(as_text=True)
    assert _user(app, world.counsellor_a).totp_secret is None

    done = client.post("/konto/zwei-faktor/bestaetigen", data={"code": pyotp.TOTP(key).now(), "csrf_token": token}, follow_redirects=True)
    assert "Der zweite Faktor ist eingeschaltet" in done.get_data(as_text=True)
    user = _user(app, world.counsellor_a)
    assert user.totp_secret == key and user.totp_pending_secret is None
    assert client.get("/beratung/teilnehmende").status_code == 200  # this device stays logged in
    assert other_device.get("/beratung/teilnehmende").status_code == 302  # the other one must log in again
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "user.totp_enable"))


def test_login_asks_for_the_code_and_a_code_works_only_once(app, world):
    secret = _enable(app, world.counsellor_a)
    client = app.test_client()
    response = login(client, world.counsellor_a)
    assert response.headers["Location"].endswith("/anmelden/code")
    assert client.get("/beratung/teilnehmende").status_code == 302  # the password alone does not log in
    page = _code(client, "12345").get_data(as_text=True)
    assert "Der Code stimmt nicht" in page
    code = pyotp.TOTP(secret).now()
    response = _code(client, code[:3] + " " + code[3:])  # typed with a space, as apps show it
    assert response.status_code == 302 and response.headers["Location"] == "/start"
    assert client.get("/beratung/teilnehmende").status_code == 200

    thief = app.test_client()  # somebody who saw the password and the code
    login(thief, world.counsellor_a)
    assert "Der Code stimmt nicht oder wurde schon benutzt" in _code(thief, code).get_data(as_text=True)
    assert thief.get("/beratung/teilnehmende").status_code == 302
    next_code = pyotp.TOTP(secret).at(time.time() + 30)
    assert _code(thief, next_code).status_code == 302  # the next code is fine


def test_the_code_page_needs_the_password_first_and_expires(app, world):
    _enable(app, world.admin)
    client = app.test_client()
    assert client.get("/anmelden/code").headers["Location"].endswith("/anmelden")
    login(client, world.admin)
    with client.session_transaction() as session:
        session["mfa_since"] -= 301
    response = client.get("/anmelden/code")
    assert response.status_code == 302 and response.headers["Location"].endswith("/anmelden")


def test_wrong_codes_are_throttled(app, world):
    _enable(app, world.admin)
    client = app.test_client()
    login(client, world.admin)
    token = csrf_token(client, "/anmelden/code")
    statuses = [client.post("/anmelden/code", data={"code": "000001", "csrf_token": token}).status_code for _ in range(11)]
    assert statuses[-1] == 429


def test_switching_off_needs_password_and_code(app, client, world, login_as):
    secret = _enable(app, world.admin)
    client = app.test_client()
    login(client, world.admin)
    _code(client, pyotp.TOTP(secret).now())
    token = csrf_token(client, "/konto/zwei-faktor")
    page = client.post(
        "/konto/zwei-faktor/ausschalten",
        data={"password": "falsch", "code": pyotp.TOTP(secret).at(time.time() + 30), "csrf_token": token},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "bleibt eingeschaltet" in page and _user(app, world.admin).totp_secret == secret
    from tests.helpers import TEST_PASSWORD

    page = client.post(
        "/konto/zwei-faktor/ausschalten",
        data={"password": TEST_PASSWORD, "code": pyotp.TOTP(secret).at(time.time() + 30), "csrf_token": token},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "ist ausgeschaltet" in page and _user(app, world.admin).totp_secret is None


def test_an_admin_resets_a_lost_second_factor(app, world, login_as):
    _enable(app, world.counsellor_a)
    counsellor = app.test_client()
    login(counsellor, world.counsellor_a)  # half-way: waiting for the code
    admin = login_as("admin")
    user_id = _user(app, world.counsellor_a).id
    page = admin.get(f"/admin/benutzer/{user_id}").get_data(as_text=True)
    assert "Zweiten Faktor zurücksetzen" in page
    admin.post(f"/admin/benutzer/{user_id}/zwei-faktor-zuruecksetzen", data={"csrf_token": csrf_token(admin, f"/admin/benutzer/{user_id}")})
    assert _user(app, world.counsellor_a).totp_secret is None
    fresh = app.test_client()
    assert login(fresh, world.counsellor_a).headers["Location"] == "/start"
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "user.totp_reset"))


def test_employers_have_no_second_factor_page(client, world, login_as):
    login_as("employer_user_1")
    assert client.get("/konto/zwei-faktor").status_code == 403
    assert "Zweiter Faktor" not in client.get("/konto/passwort").get_data(as_text=True)
