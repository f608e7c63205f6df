"""Password reset and invitations by one-time links."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from models import AccountToken, Employer, OutboxMail, User, utcnow
from tests.helpers import csrf_token, login
from webapp.core.db import db

NEW = "ein ganz neues langes Passwort"


def last_link(app, recipient):
    with app.app_context():
        mail = db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == recipient).order_by(OutboxMail.id.desc()))
    return re.search(r"/passwort-setzen/(\S+)", mail.body).group(0)


def ask_reset(client, email):
    token = csrf_token(client, "/passwort-vergessen")
    return client.post("/passwort-vergessen", data={"email": email, "csrf_token": token}, follow_redirects=True).get_data(as_text=True)


def set_password(client, link, password=NEW, confirm=None):
    token = csrf_token(client, link)
    return client.post(link, data={"new_password": password, "confirm": confirm or password, "csrf_token": token})


def test_a_forgotten_password_is_reset_by_a_single_use_link(app, client, world):
    other_device = app.test_client()
    login(other_device, world.employer_user_1)
    page = ask_reset(client, world.employer_user_1.upper())
    assert "Wenn es zu dieser Adresse einen Zugang gibt" in page
    link = last_link(app, world.employer_user_1)
    assert "Neues Passwort festlegen" in client.get(link).get_data(as_text=True)
    assert "mindestens 12 Zeichen" in set_password(client, link, "kurz").get_data(as_text=True)
    assert set_password(client, link).status_code == 302
    assert login(app.test_client(), world.employer_user_1, NEW).status_code == 302
    assert other_device.get("/konto/passwort").status_code == 302  # the old sessions ended
    assert client.get(link).status_code == 404  # used once, gone
    assert "gilt nicht" in client.get(link).get_data(as_text=True)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app, client, world):
    page = ask_reset(client, "niemand@test.example")
    assert "Wenn es zu dieser Adresse einen Zugang gibt" in page
    with app.app_context():
        assert db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == "niemand@test.example")) is None


def test_an_expired_link_does_not_work(app, client, world):
    ask_reset(client, world.admin)
    link = last_link(app, world.admin)
    with app.app_context():
        for record in db.session.scalars(select(AccountToken)):
            record.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert client.get(link).status_code == 404


def test_a_new_link_replaces_the_old_one(app, client, world):
    ask_reset(client, world.admin)
    first = last_link(app, world.admin)
    ask_reset(client, world.admin)
    second = last_link(app, world.admin)
    assert first != second
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200


def test_a_counsellor_invites_a_company_which_then_sets_its_password(app, client, world, login_as):
    login_as("counsellor_a")
    token = csrf_token(client, "/einladen")
    data = {
        "name": "Änderungsschneiderei Nadel",
        "sector": "other",
        "street": "Boeler Str. 5",
        "postcode": "58097",
        "contact_name": "Selin Aksoy",
        "phone": "02331 4711",
        "email": "Selin@Nadel.example",
        "csrf_token": token,
    }
    page = client.post("/einladen", data=data, follow_redirects=True).get_data(as_text=True)
    assert "Einladung an selin@nadel.example ist verschickt" in page
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "selin@nadel.example"))
        employer = db.session.get(Employer, user.employer_id)
        assert user.role == "employer" and employer.quarter == "altenhagen" and employer.name == "Änderungsschneiderei Nadel"
    link = last_link(app, "selin@nadel.example")
    newcomer = app.test_client()
    assert "Willkommen bei KMU-Match" in newcomer.get(link).get_data(as_text=True)
    assert set_password(newcomer, link).status_code == 302
    assert login(newcomer, "selin@nadel.example", NEW).status_code == 302
    assert "Sie haben noch keine Stellen" in newcomer.get("/betrieb/stellen").get_data(as_text=True)
    # inviting the same address again makes no second account: the counsellor gets the same answer as before (the
    # form cannot be used to test which addresses have an account), the account holder a note
    page = client.post("/einladen", data={**data, "csrf_token": csrf_token(client, "/einladen")}, follow_redirects=True).get_data(as_text=True)
    assert "Einladung an selin@nadel.example ist verschickt" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User).where(User.email == "selin@nadel.example")) == 1
        assert db.session.scalar(select(func.count()).select_from(Employer).where(Employer.name == "Änderungsschneiderei Nadel")) == 1
        note = db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == "selin@nadel.example").order_by(OutboxMail.id.desc())).first()
        assert "schon einen Zugang" in note.subject


def test_a_company_asks_for_access_and_an_admin_approves_it(app, client, world):
    token = csrf_token(client, "/zugang-anfragen")
    data = {
        "name": "Café Ecke",
        "sector": "restaurant",
        "street": "Lange Str. 2",
        "postcode": "58089",
        "contact_name": "Aylin Kara",
        "phone": "02331 1",
        "email": "aylin@cafe.example",
        "message": "Wir suchen Servicekräfte.",
        "csrf_token": token,
    }
    assert "Danke!" in client.post("/zugang-anfragen", data=data, follow_redirects=True).get_data(as_text=True)
    with app.app_context():
        from models import AccessRequest

        request_id = db.session.scalar(select(AccessRequest.id).where(AccessRequest.email == "aylin@cafe.example"))
        assert db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == world.admin, OutboxMail.subject == "Neue Anfrage eines Betriebs"))
    admin = app.test_client()
    login(admin, world.admin)
    assert "Café Ecke" in admin.get("/admin/anfragen").get_data(as_text=True)
    token = csrf_token(admin, "/admin/anfragen")
    page = admin.post(f"/admin/anfragen/{request_id}", data={"action": "approve", "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "angelegt und eingeladen" in page
    again = admin.post(f"/admin/anfragen/{request_id}", data={"action": "approve", "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "Über diese Anfrage wurde schon entschieden" in again
    link = last_link(app, "aylin@cafe.example")
    assert set_password(app.test_client(), link).status_code == 302
    assert login(app.test_client(), "aylin@cafe.example", NEW).status_code == 302
    with app.app_context():
        employer = db.session.scalar(select(Employer).where(Employer.name == "Café Ecke"))
        assert employer.quarter == "wehringhausen" and employer.sector == "restaurant"


def test_a_declined_request_creates_no_account(app, world):
    admin = app.test_client()
    login(admin, world.admin)
    token = csrf_token(admin, "/admin/anfragen")
    admin.post(f"/admin/anfragen/{world.access_request_1}", data={"action": "decline", "csrf_token": token})
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "rosa@bluete.example")) is None
