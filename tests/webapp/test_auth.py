"""Logging in and out, sessions, password rules and rate limits."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from models import LoginSession, OutboxMail, User
from tests.helpers import TEST_PASSWORD, csrf_token, login
from webapp.core.db import db


def test_a_counsellor_logs_in_and_sees_their_start_page(client, world):
    response = login(client, world.counsellor_a)
    assert response.status_code == 302
    assert response.headers["Location"] == "/start"
    page = client.get("/start", follow_redirects=True).get_data(as_text=True)
    assert "Teilnehmende im Perspektivhaus Altenhagen" in page and "AH-0001" in page


def test_email_is_not_case_sensitive(client, world):
    assert login(client, world.admin.upper()).status_code == 302


def test_a_wrong_password_gets_a_clear_message_and_keeps_the_email(client, world):
    response = login(client, world.admin, password="falsch-falsch-falsch")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort ist falsch" in page
    assert f'value="{world.admin}"' in page
    assert client.get("/konto/passwort").status_code == 302  # not logged in


def test_an_unknown_email_gets_the_same_message(client, world):
    page = login(client, "niemand@test.example").get_data(as_text=True)
    assert "E-Mail-Adresse oder Passwort ist falsch" in page


def test_a_deactivated_account_cannot_log_in(app, client, world):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == world.employer_user_1))
        user.active = False
        db.session.commit()
    assert login(client, world.employer_user_1).status_code == 200
    assert client.get("/konto/passwort").status_code == 302


def test_login_without_csrf_token_is_refused(client, world):
    response = client.post("/anmelden", data={"email": world.admin, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "Formular" in response.get_data(as_text=True)


def test_logout_ends_the_session_and_a_replayed_cookie_is_refused(client, world):
    login(client, world.counsellor_a)
    old_cookie = client.get_cookie("kmu_session").value
    assert client.get("/beratung/teilnehmende").status_code == 200
    token = csrf_token(client, "/konto/passwort")
    assert client.post("/abmelden", data={"csrf_token": token}).status_code == 302
    assert client.get("/beratung/teilnehmende").status_code == 302
    # An attacker who copied the cookie before logout replays it:
    client.set_cookie("kmu_session", old_cookie)
    response = client.get("/beratung/teilnehmende")
    assert response.status_code == 302
    assert "/anmelden" in response.headers["Location"]


def test_login_starts_a_new_session(client, world):
    client.get("/anmelden")
    before = client.get_cookie("kmu_session").value
    login(client, world.admin)
    assert client.get_cookie("kmu_session").value != before


def test_deactivating_a_user_ends_their_running_sessions(app, world):
    employer = app.test_client()
    login(employer, world.employer_user_1)
    assert employer.get("/konto/passwort").status_code == 200
    admin = app.test_client()
    login(admin, world.admin)
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == world.employer_user_1))
    token = csrf_token(admin, f"/admin/benutzer/{user_id}")
    assert admin.post(f"/admin/benutzer/{user_id}/sperren", data={"csrf_token": token}).status_code == 302
    assert employer.get("/konto/passwort").status_code == 302


def test_changing_the_password_logs_out_other_devices_but_not_this_one(app, world):
    phone, desktop = app.test_client(), app.test_client()
    login(phone, world.counsellor_w)
    login(desktop, world.counsellor_w)
    assert phone.get("/konto/passwort").status_code == 200
    token = csrf_token(desktop, "/konto/passwort")
    new = "ein ganz neues langes Passwort"
    response = desktop.post(
        "/konto/passwort",
        data={"current_password": TEST_PASSWORD, "new_password": new, "confirm": new, "csrf_token": token},
    )
    assert response.status_code == 302
    assert desktop.get("/konto/passwort").status_code == 200
    assert phone.get("/konto/passwort").status_code == 302
    assert login(app.test_client(), world.counsellor_w, password=new).status_code == 302
    with app.app_context():
        reasons = db.session.scalars(select(LoginSession.end_reason).where(LoginSession.end_reason.is_not(None))).all()
    assert "password_change" in reasons


def test_a_weak_new_password_is_refused_with_a_message(client, world):
    login(client, world.admin)
    token = csrf_token(client, "/konto/passwort")
    page = client.post(
        "/konto/passwort",
        data={"current_password": TEST_PASSWORD, "new_password": "kurz", "confirm": "kurz", "csrf_token": token},
    ).get_data(as_text=True)
    assert "mindestens 12 Zeichen" in page
    page = client.post(
        "/konto/passwort",
        data={"current_password": TEST_PASSWORD, "new_password": "passwort1234", "confirm": "passwort1234", "csrf_token": token},
    ).get_data(as_text=True)
    assert "zu leicht zu erraten" in page


def test_the_next_parameter_only_leads_inside_the_site(client, world):
    token = csrf_token(client)
    data = {"email": world.admin, "password": TEST_PASSWORD, "csrf_token": token}
    response = client.post("/anmelden?next=https://evil.example/", data=data)
    assert response.headers["Location"] == "/start"


def test_the_next_parameter_returns_to_the_asked_page(client, world):
    response = client.get("/admin/benutzer")
    assert "next=" in response.headers["Location"]
    token = csrf_token(client)
    data = {"email": world.admin, "password": TEST_PASSWORD, "csrf_token": token}
    response = client.post("/anmelden?next=/admin/benutzer", data=data)
    assert response.headers["Location"] == "/admin/benutzer"


def test_login_attempts_are_rate_limited(app, world):
    """Ten a minute from one machine, whichever addresses it tries (five a minute for one account from one machine)."""
    client = app.test_client()
    token = csrf_token(client)
    addresses = [world.admin, world.counsellor_a, world.counsellor_w] * 4
    statuses = [client.post("/anmelden", data={"email": address, "password": "falsch", "csrf_token": token}).status_code for address in addresses]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert "Zu viele Versuche" in client.post("/anmelden", data={"csrf_token": token}).get_data(as_text=True)


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = login(client, world.admin)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # only in production (tested in test_app)


def test_an_idle_session_expires(app, client, world, monkeypatch):
    """The session cookie is signed with its time; after the idle timeout (30 minutes) it is refused."""
    from itsdangerous.timed import TimestampSigner

    login(client, world.admin)
    assert client.get("/start").status_code == 200
    now = int(time.time())
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now + 29 * 60)  # the clock moves on ...
    assert client.get("/start").status_code == 200  # ... still within the timeout, and the answer renews the cookie
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now + 29 * 60 + 31 * 60)
    assert client.get("/start").status_code == 302


def test_login_attempts_are_also_limited_per_account(app_factory, world):
    """An attacker spreading guesses over many addresses still hits the per-account limit."""
    app = app_factory(ACCOUNT_RATE_LIMIT="5 per hour")
    statuses = []
    for i in range(7):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{i + 1}"
        token = csrf_token(client)
        statuses.append(client.post("/anmelden", data={"email": world.admin, "password": "falsch", "csrf_token": token}).status_code)
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.1.1"
    assert login(other, world.counsellor_a).status_code == 302  # other accounts are not affected


@pytest.mark.parametrize(
    "variant",
    ["ad\x01min@test.example", "ADMIN@test.example", " admin@test.example\t", "ad\u200bmin@test.example", "adm\nin@test.example", "ａｄｍｉｎ@test.example"],
)
def test_spellings_of_one_address_share_the_per_account_limit(app_factory, world, variant):
    """The limiter keys on the same normal form of the address as the account look-up."""
    app = app_factory(ACCOUNT_RATE_LIMIT="3 per hour")
    statuses = []
    for i, email in enumerate([world.admin, variant, world.admin, variant, variant]):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.2.{i + 1}"
        token = csrf_token(client)
        statuses.append(client.post("/anmelden", data={"email": email, "password": "falsch", "csrf_token": token}).status_code)
    assert statuses == [200, 200, 200, 429, 429]


def _argon2_calls(monkeypatch):
    from argon2 import PasswordHasher

    calls = {"hash": 0, "verify": 0}
    original_hash, original_verify = PasswordHasher.hash, PasswordHasher.verify

    def counting_hash(self, *args, **kwargs):
        calls["hash"] += 1
        return original_hash(self, *args, **kwargs)

    def counting_verify(self, *args, **kwargs):
        calls["verify"] += 1
        return original_verify(self, *args, **kwargs)

    monkeypatch.setattr(PasswordHasher, "hash", counting_hash)
    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    return calls


def test_a_wrong_login_does_the_same_work_for_known_and_unknown_addresses(client, world, monkeypatch):
    """One argon2 verification either way (the unknown address used to hash a dummy password each time, too)."""
    token = csrf_token(client)
    post = lambda email: client.post("/anmelden", data={"email": email, "password": "falsch", "csrf_token": token})  # noqa: E731
    post("niemand@test.example")  # the app makes its dummy hash once
    calls = _argon2_calls(monkeypatch)
    post(world.admin)
    known = dict(calls)
    post("niemand@test.example")
    unknown = {k: calls[k] - known[k] for k in calls}
    assert known == unknown == {"hash": 0, "verify": 1}


def _statements(app):
    from sqlalchemy import event

    with app.app_context():
        engine = db.engine
    seen = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_a_reset_request_answers_before_any_look_up_and_alike_for_every_address(app, client, world):
    """The answer is sent first; the look-up and the mail follow when the response is closed."""
    seen = _statements(app)
    answers = {}
    for email in (world.employer_user_1, "niemand@test.example"):
        token = csrf_token(client, "/passwort-vergessen")
        before = len(seen)
        response = client.post("/passwort-vergessen", data={"email": email, "csrf_token": token})
        answers[email] = (response.status_code, response.headers["Location"], [s.split()[0] for s in seen[before:]])
        assert not any("user_account" in s for s in seen[before:])  # nothing about the address before the answer
        response.close()
    assert answers[world.employer_user_1] == answers["niemand@test.example"]
    with app.app_context():
        mails = db.session.scalars(select(OutboxMail.recipient)).all()
    assert world.employer_user_1 in mails and "niemand@test.example" not in mails


def _reset_mails(app, address) -> int:
    with app.app_context():
        return len(db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == address, OutboxMail.subject.contains("Passwort"))).all())


def test_reset_mails_to_one_account_are_limited_per_machine_and_in_all(app, client, world):
    """Issue 24 (decided): one machine gets three links an hour for an address; the account gets at most ten from all
    machines together – a stranger at one machine can no longer use up the owner's links."""
    statuses = []
    for _ in range(5):
        token = csrf_token(client, "/passwort-vergessen")
        response = client.post("/passwort-vergessen", data={"email": world.employer_user_1, "csrf_token": token})
        response.close()  # the link is queued once the answer has gone out
        statuses.append(response.status_code)
    assert statuses == [302, 302, 302, 429, 429] and _reset_mails(app, world.employer_user_1) == 3
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "10.9.9.9"  # the owner, at home
    token = csrf_token(owner, "/passwort-vergessen")
    page = owner.post("/passwort-vergessen", data={"email": world.employer_user_1, "csrf_token": token}, follow_redirects=True)
    assert "Wenn es zu dieser Adresse einen Zugang gibt" in page.get_data(as_text=True) and _reset_mails(app, world.employer_user_1) == 4
    for i in range(12):  # many machines: the account-wide cap holds
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = f"10.8.0.{i + 1}"
        token = csrf_token(other, "/passwort-vergessen")
        other.post("/passwort-vergessen", data={"email": world.employer_user_1, "csrf_token": token}).close()
    assert _reset_mails(app, world.employer_user_1) == 10


def test_wrong_passwords_from_one_machine_do_not_lock_the_owner_out(app_factory, world):
    """Issue 24 (decided): the back-off is per account and address; the owner logs in from another machine."""
    app = app_factory(ACCOUNT_ADDRESS_RATE_LIMIT="5 per minute;20 per hour")
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "10.7.0.1"
    token = csrf_token(attacker)
    statuses = [attacker.post("/anmelden", data={"email": world.admin, "password": "falsch", "csrf_token": token}).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "10.7.0.2"
    assert login(owner, world.admin).status_code == 302


def test_a_hash_made_with_other_argon2_parameters_is_renewed_at_login(app, client, world):
    from argon2 import PasswordHasher

    old = PasswordHasher(time_cost=3, memory_cost=2048, parallelism=2).hash(TEST_PASSWORD)
    with app.app_context():
        db.session.scalar(select(User).where(User.email == world.admin)).password_hash = old
        db.session.commit()
    assert login(client, world.admin).status_code == 302
    with app.app_context():
        renewed = db.session.scalar(select(User).where(User.email == world.admin)).password_hash
    assert renewed != old and "m=1024,t=1,p=1" in renewed
