"""Admins create, edit and block accounts and keep the list of companies."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import AuditEvent, Employer, User
from tests.helpers import csrf_token, login
from webapp.core.db import db

NEW_PASSWORD = "ein neues sicheres passwort"


def _user(app, email):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def test_an_admin_creates_a_counsellor_who_can_then_log_in(app, client, world, login_as):
    login_as("admin")
    token = csrf_token(client, "/admin/benutzer/neu")
    response = client.post(
        "/admin/benutzer/neu",
        data={
            "name": "Neue Beraterin",
            "email": "Neu@Test.example ",
            "role": "counsellor",
            "centre_id": str(world.centre_w),
            "employer_id": "",
            "password": NEW_PASSWORD,
            "csrf_token": token,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    user = _user(app, "neu@test.example")
    assert user.role == "counsellor" and user.centre_id == world.centre_w and user.employer_id is None
    assert login(app.test_client(), "neu@test.example", NEW_PASSWORD).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.create", AuditEvent.object_id == user.id))


def test_a_form_with_errors_keeps_every_entry_and_says_what_is_wrong(app, client, world, login_as):
    login_as("admin")
    token = csrf_token(client, "/admin/benutzer/neu")
    response = client.post(
        "/admin/benutzer/neu",
        data={
            "name": "Beraterin ohne Haus",
            "email": "ohnehaus@test.example",
            "role": "counsellor",
            "centre_id": "",
            "employer_id": "",
            "password": "kurz",
            "csrf_token": token,
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "gehört zu einem Perspektivhaus" in page
    assert "mindestens 12 Zeichen" in page
    assert 'value="Beraterin ohne Haus"' in page and 'value="ohnehaus@test.example"' in page
    assert "Ihre Eingaben sind erhalten geblieben" in page
    assert _user(app, "ohnehaus@test.example") is None


def test_an_email_can_only_have_one_account(app, client, world, login_as):
    login_as("admin")
    token = csrf_token(client, "/admin/benutzer/neu")
    page = client.post(
        "/admin/benutzer/neu",
        data={"name": "Doppelt", "email": world.employer_user_1.upper(), "role": "admin", "password": NEW_PASSWORD, "csrf_token": token},
    ).get_data(as_text=True)
    assert "hat schon einen Zugang" in page


def test_an_employer_account_needs_a_company_and_links_follow_the_role(app, client, world, login_as):
    login_as("admin")
    token = csrf_token(client, "/admin/benutzer/neu")
    page = client.post(
        "/admin/benutzer/neu",
        data={
            "name": "Betrieb",
            "email": "b@test.example",
            "role": "employer",
            "centre_id": str(world.centre_a),
            "password": NEW_PASSWORD,
            "csrf_token": token,
        },
    ).get_data(as_text=True)
    assert "gehört zu einem Betrieb" in page
    client.post(
        "/admin/benutzer/neu",
        data={
            "name": "Betrieb",
            "email": "b@test.example",
            "role": "employer",
            "centre_id": str(world.centre_a),
            "employer_id": str(world.employer_2),
            "password": NEW_PASSWORD,
            "csrf_token": token,
        },
    )
    user = _user(app, "b@test.example")
    assert user.employer_id == world.employer_2 and user.centre_id is None


def test_an_unknown_choice_is_refused(app, client, world, login_as):
    login_as("admin")
    token = csrf_token(client, "/admin/benutzer/neu")
    response = client.post(
        "/admin/benutzer/neu",
        data={"name": "X", "email": "x@test.example", "role": "superuser", "password": NEW_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 200
    assert _user(app, "x@test.example") is None
    response = client.post(
        "/admin/benutzer/neu",
        data={"name": "X", "email": "x@test.example", "role": "counsellor", "centre_id": "999", "password": NEW_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 200
    assert _user(app, "x@test.example") is None


def test_editing_without_a_password_keeps_the_old_one(app, client, world, login_as):
    login_as("admin")
    user = _user(app, world.employer_user_2)
    token = csrf_token(client, f"/admin/benutzer/{user.id}")
    response = client.post(
        f"/admin/benutzer/{user.id}",
        data={
            "name": "Zeki Zwei-Neu",
            "email": world.employer_user_2,
            "role": "employer",
            "employer_id": str(world.employer_2),
            "password": "",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    assert _user(app, world.employer_user_2).name == "Zeki Zwei-Neu"
    assert login(app.test_client(), world.employer_user_2).status_code == 302


def test_the_edit_page_never_shows_the_password_hash(app, client, world, login_as):
    login_as("admin")
    user = _user(app, world.employer_user_2)
    page = client.get(f"/admin/benutzer/{user.id}").get_data(as_text=True)
    assert "argon2" not in page


def test_an_admin_cannot_block_themself(app, client, world, login_as):
    login_as("admin")
    me = _user(app, world.admin)
    token = csrf_token(client, f"/admin/benutzer/{me.id}")
    client.post(f"/admin/benutzer/{me.id}/sperren", data={"csrf_token": token})
    assert _user(app, world.admin).active


def test_blocking_and_unblocking_an_account(app, client, world, login_as):
    login_as("admin")
    user = _user(app, world.counsellor_w)
    token = csrf_token(client, f"/admin/benutzer/{user.id}")
    client.post(f"/admin/benutzer/{user.id}/sperren", data={"csrf_token": token})
    assert not _user(app, world.counsellor_w).active
    assert login(app.test_client(), world.counsellor_w).status_code == 200
    client.post(f"/admin/benutzer/{user.id}/entsperren", data={"csrf_token": token})
    assert login(app.test_client(), world.counsellor_w).status_code == 302


def test_an_admin_adds_and_edits_a_company(app, client, world, login_as):
    login_as("admin")
    token = csrf_token(client, "/admin/betriebe/neu")
    data = {"name": "Neue Schreinerei", "sector": "crafts", "street": "Lange Str. 1", "postcode": "5808", "csrf_token": token}
    page = client.post("/admin/betriebe/neu", data=data).get_data(as_text=True)
    assert "fünf Ziffern" in page and 'value="Neue Schreinerei"' in page
    data["postcode"] = "58089"
    assert client.post("/admin/betriebe/neu", data=data).status_code == 302
    with app.app_context():
        employer = db.session.scalar(select(Employer).where(Employer.name == "Neue Schreinerei"))
    data["contact_name"] = "Uwe Holz"
    assert client.post(f"/admin/betriebe/{employer.id}", data=data).status_code == 302
    with app.app_context():
        saved = db.session.get(Employer, employer.id)
        assert saved.contact_name == "Uwe Holz" and saved.quarter == "wehringhausen"


def test_a_missing_object_is_404(client, world, login_as):
    login_as("admin")
    assert client.get("/admin/benutzer/99999").status_code == 404
    assert client.get("/admin/betriebe/99999").status_code == 404


def test_admins_read_and_filter_the_audit_log(app, client, world, login_as):
    counsellor = app.test_client()
    login(counsellor, world.counsellor_a)
    counsellor.get(f"/beratung/teilnehmende/{world.participant_a}")
    login_as("admin")
    page = client.get("/admin/protokoll?aktion=participant.view").get_data(as_text=True)
    assert "Profil angesehen" in page and world.counsellor_a in page and "Person · AH-0001" in page  # in words, not codes
    assert "Ioana" not in page and "Popa" not in page  # the log holds no personal data
    page = client.get("/admin/protokoll?aktion=participant.view&wer=niemand").get_data(as_text=True)
    assert "Keine Einträge" in page
    page = client.get(f"/admin/protokoll?objekt=participant&nr={world.participant_a}").get_data(as_text=True)
    assert "Profil angesehen" in page
    assert "Keine Einträge" in client.get("/admin/protokoll?nr=99999999999999999999").get_data(as_text=True)


def _move(client, world, user_id, centre_id, successor=""):
    url = f"/admin/benutzer/{user_id}"
    data = {"name": "Clara Altenhagen", "email": world.counsellor_a, "phone": "", "role": "counsellor", "centre_id": str(centre_id)}
    data |= {"employer_id": "", "successor_id": successor, "password": "", "csrf_token": csrf_token(client, url)}
    return client.post(url, data=data)


@pytest.mark.parametrize("with_successor", [False, True])
def test_a_counsellor_moved_to_the_other_house_hands_over_their_people(app, client, world, login_as, with_successor):
    """Issue 24.6: after the move neither digest mails nor the company's 'whom to call' name the moved counsellor."""
    from datetime import date

    from models import Introduction, OutboxMail, Participant
    from webapp.daily import run_daily
    from webapp.introductions.operations import report_outcome, whom_to_call

    with app.app_context():
        moved_id = db.session.scalar(select(User.id).where(User.email == world.counsellor_a))
        colleague = User(email="ca2@test.example", name="Carla Colleague", role="counsellor", centre_id=world.centre_a, password_hash="x", phone="02331 555")
        db.session.add(colleague)
        db.session.commit()
        colleague_id = colleague.id
    login_as("admin")
    page = client.get(f"/admin/benutzer/{moved_id}").get_data(as_text=True)
    assert "Wer übernimmt die betreuten Personen" in page and "Carla Colleague" in page
    response = _move(client, world, moved_id, world.centre_w, str(colleague_id) if with_successor else "")
    assert response.status_code == 302
    with app.app_context():
        p = db.session.get(Participant, world.participant_a)
        assert p.counsellor_id == (colleague_id if with_successor else None)
        intro = db.session.get(Introduction, world.introduction_2)
        ask = whom_to_call(intro)
        assert ask["name"] == ("Carla Colleague" if with_successor else "") and ask["centre"] == "Perspektivhaus Altenhagen"
        report_outcome(intro, "interview", on=date(2027, 1, 4))
        db.session.commit()
        run_daily()
        recipients = set(db.session.scalars(select(OutboxMail.recipient).where(OutboxMail.subject.like("Rückmeldung%"))))
    assert world.counsellor_a not in recipients
    assert recipients == {"ca2@test.example"}  # the successor, or (without one) every counsellor of the house


def test_a_successor_from_the_other_house_is_refused(app, client, world, login_as):
    with app.app_context():
        moved_id = db.session.scalar(select(User.id).where(User.email == world.counsellor_a))
        other = db.session.scalar(select(User.id).where(User.email == world.counsellor_w))
    login_as("admin")
    assert _move(client, world, moved_id, world.centre_w, str(other)).status_code == 200  # not a choice here: the form says so
    with app.app_context():
        assert db.session.get(User, moved_id).centre_id == world.centre_a


def test_a_participant_s_request_to_the_project_lead_goes_to_the_house(app, client, world, login_as):
    """Issue 25.15: the page says which house answers and why; one step tells every active counsellor there
    (kind, code, deadline – no name); an unknown code or neither code nor house is refused with a message and
    changes nothing; the forwarding is audited."""
    from models import OutboxMail, Participant

    login_as("admin")
    url = "/admin/datenschutz-anfrage"
    page = client.get(url).get_data(as_text=True)
    assert "Perspektivhaus der Person" in page and "innerhalb eines Monats" in page
    with app.app_context():
        code = db.session.get(Participant, world.participant_a).pseudonym
        before = db.session.scalar(select(func.count()).select_from(OutboxMail))
    token = csrf_token(client, url)
    unknown = client.post(url, data={"kind": "access", "received_on": "2026-12-01", "code": "AH-9999", "csrf_token": token})
    assert unknown.status_code == 200 and "Kein Profil mit dem Kürzel AH-9999" in unknown.get_data(as_text=True)
    nothing = client.post(url, data={"kind": "erasure", "received_on": "2026-12-01", "code": "", "centre_id": "", "csrf_token": token})
    assert "Bitte nennen Sie das Kürzel oder wählen Sie das Haus." in nothing.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMail)) == before

    done = client.post(url, data={"kind": "erasure", "received_on": "2026-12-01", "code": code.lower(), "csrf_token": token}, follow_redirects=True)
    assert "ist benachrichtigt" in done.get_data(as_text=True)
    with app.app_context():
        mails = db.session.scalars(select(OutboxMail).where(OutboxMail.id > 0).order_by(OutboxMail.id)).all()[before:]
        assert [m.recipient for m in mails] == [world.counsellor_a]  # the person's house, not the other one
        body = mails[0].body
        assert "Löschung (Art. 17)" in body and code in body and "01.12.2026" in body and "31.12.2026" in body
        identity = db.session.get(Participant, world.participant_a).identity
        assert identity.first_name not in body and identity.last_name not in body
        assert db.session.scalar(select(AuditEvent.object_id).where(AuditEvent.action == "privacy_request.forwarded")) == world.centre_a
    # Without a code, by the house.
    by_house = client.post(
        url, data={"kind": "access", "received_on": "2026-12-02", "centre_id": str(world.centre_w), "csrf_token": token}, follow_redirects=True
    )
    assert "ist benachrichtigt" in by_house.get_data(as_text=True)
    with app.app_context():
        last = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc())).first()
        assert last.recipient == world.counsellor_w and "nicht genannt" in last.body


def test_approving_a_request_whose_email_has_an_account_changes_nothing(app, client, world, login_as):
    from models import AccessRequest

    with app.app_context():
        db.session.get(AccessRequest, world.access_request_1).email = world.employer_user_1
        db.session.commit()
        companies = db.session.query(Employer).count()
    login_as("admin")
    token = csrf_token(client, "/admin/anfragen")
    url = f"/admin/anfragen/{world.access_request_1}"
    page = client.post(url, data={"action": "approve", "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "hat schon einen Zugang" in page
    with app.app_context():
        row = db.session.get(AccessRequest, world.access_request_1)
        assert row.status == "pending" and row.decided_at is None  # the move was rolled back
        assert db.session.query(Employer).count() == companies
    declined = client.post(url, data={"action": "decline", "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "Die Anfrage ist abgelehnt" in declined
