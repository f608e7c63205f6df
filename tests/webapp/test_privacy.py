"""Erasure (DSGVO Art. 17) and the retention run: the person is gone, the anonymous statistics stay."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from models import (
    AuditEvent,
    ConsentRecord,
    Erasure,
    Event,
    Introduction,
    Opening,
    Participant,
    ParticipantIdentity,
    ParticipantSkill,
    utcnow,
)
from tests.factories import age
from tests.helpers import csrf_token, login
from webapp.core.db import db
from webapp.stats.figures import Period, compute
from webapp.suggestions.index import matching_index, opening_record

PERSONAL = ("Ioana", "Popa", "0157 1234567", "ioana@example.org")


def _history(app, world):
    """Events about participant_a as the app writes them (entered with the world, approved), this month."""
    with app.app_context():
        p = db.session.get(Participant, world.participant_a)
        db.session.add_all(
            [
                Event(
                    kind="introduction.approved",
                    participant_key=p.stats_key,
                    centre_id=p.centre_id,
                    opening_id=world.opening_2,
                    employer_id=world.employer_2,
                    quarter="altenhagen",
                    sector="kiosk",
                ),
            ]
        )
        db.session.commit()


def _figures(app):
    month = utcnow().strftime("%Y-%m")
    with app.app_context():
        return compute(db.session, Period.months(month))


def _erase(client, world, confirm="AH-0001"):
    url = f"/beratung/teilnehmende/{world.participant_a}/loeschen"
    return client.post(url, data={"confirm": confirm, "csrf_token": csrf_token(client, url)})


def test_erasure_removes_the_person_and_keeps_the_statistics(app, client, world, login_as):
    _history(app, world)
    before = _figures(app)
    assert before["participants_new"] == 1 and before["approvals"] == 1
    login_as("counsellor_a")
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}/loeschen").get_data(as_text=True)
    # The page says what goes – every table that belongs to the person, from the same walk of the schema as the Art. 15 answer.
    for what in ("Name und Kontakt", "Vorstellungen bei Betrieben", "Lebenslauf-Einträge", "Foto für den Lebenslauf", "Teilnahme und ESF-Plus-Angaben"):
        assert what in page, what
    assert "Endgültig löschen" in page

    wrong = _erase(client, world, confirm="AH-0002")
    assert wrong.status_code == 200 and "Das Kürzel stimmt nicht" in wrong.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is not None

    response = _erase(client, world, confirm="ah-0001 ")
    assert response.status_code == 302 and response.headers["Location"].endswith("/beratung/teilnehmende")
    with app.app_context():
        s = db.session
        assert s.get(Participant, world.participant_a) is None
        for model in (ParticipantIdentity, ParticipantSkill, ConsentRecord, Introduction):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model
        record = s.scalar(select(Erasure))
        assert record.participant_id == world.participant_a and record.reason == "request"
        assert s.scalar(select(func.count()).select_from(Event)) == 2  # the anonymous events stay
        erased = s.scalar(select(AuditEvent).where(AuditEvent.action == "participant.erase"))
        assert erased.object_id == world.participant_a and erased.actor_role == "counsellor"
    assert _figures(app) == before  # the month's report does not change

    assert client.get(f"/beratung/teilnehmende/{world.participant_a}").status_code == 404
    assert client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft.json").status_code == 404
    listing = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "AH-0001" not in listing and not any(value in listing for value in PERSONAL)
    # Twice in a row: the second attempt finds nothing to erase.
    assert client.get(f"/beratung/teilnehmende/{world.participant_a}/loeschen").status_code == 404


def test_the_company_no_longer_sees_an_erased_candidate(app, client, world, login_as):
    employer = app.test_client()
    login(employer, world.employer_user_2)
    page = employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert "Ioana" in page  # consent "cv": the company saw her name
    login_as("counsellor_a")
    assert _erase(client, world).status_code == 302
    page = employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert not any(value in page for value in PERSONAL) and "AH-0001" not in page


def test_every_worker_drops_an_erased_person_from_the_matching_index(app, app_factory, client, world, login_as):
    other_worker = app_factory()
    for worker in (app, other_worker):
        with worker.app_context():
            matcher = matching_index().current(db.session)  # one thread: no need to hold it
            opening = opening_record(db.session.get(Opening, world.opening_2))
            assert [r.id for r in matcher.rank(opening, k=50)] == [str(world.participant_a)]
    login_as("counsellor_a")
    assert _erase(client, world).status_code == 302
    for worker in (other_worker, app):
        with worker.app_context():
            matcher = matching_index().current(db.session)  # one thread: no need to hold it
            assert str(world.participant_a) not in matcher.profile_row_
            assert matcher.rank(opening, k=50) == []


def test_only_the_own_centre_may_erase(app, client, world, login_as):
    login_as("counsellor_w")
    assert client.get(f"/beratung/teilnehmende/{world.participant_a}/loeschen").status_code == 404
    token = csrf_token(client, "/konto/passwort")
    assert client.post(f"/beratung/teilnehmende/{world.participant_a}/loeschen", data={"confirm": "AH-0001", "csrf_token": token}).status_code == 404
    employer = app.test_client()
    login(employer, world.employer_user_2)
    token = csrf_token(employer, "/konto/passwort")
    assert employer.post(f"/beratung/teilnehmende/{world.participant_a}/loeschen", data={"confirm": "AH-0001", "csrf_token": token}).status_code == 403
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is not None
        assert db.session.scalar(select(func.count()).select_from(Erasure)) == 0


def _age(app, participant_id, days):
    """Make every trace of activity of a participant ``days`` old."""
    with app.app_context():
        age(db.session, participant_id, days)
        db.session.commit()


def test_retention_erases_only_people_inactive_longer_than_the_period(app, runner, world):
    _history(app, world)
    before = _figures(app)
    _age(app, world.participant_a, days=12 * 30 - 2)  # not yet
    result = runner.invoke(args=["retention"])
    assert result.exit_code == 0, result.output
    assert "0 Teilnehmende anonymisiert" in result.output and "Fällig in den nächsten 30 Tagen: 1" in result.output
    _age(app, world.participant_a, days=12 * 30 + 1)
    dry = runner.invoke(args=["retention", "--dry-run"])
    assert "1 Teilnehmende würden anonymisiert" in dry.output
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is not None
    result = runner.invoke(args=["retention"])
    assert result.exit_code == 0 and "1 Teilnehmende anonymisiert" in result.output
    assert "Perspektivhaus Altenhagen: 1" in result.output
    assert not any(value in result.output for value in PERSONAL)
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is None
        assert db.session.scalar(select(Erasure.reason)) == "retention"
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_id == world.participant_a)) == "participant.erase_retention"
    assert _figures(app) == before
    again = runner.invoke(args=["retention"])
    assert "0 Teilnehmende anonymisiert" in again.output  # idempotent


def test_recent_activity_keeps_a_profile(app, runner, world):
    _age(app, world.participant_a, days=400)
    with app.app_context():  # a counsellor touched the consent yesterday
        db.session.execute(update(ConsentRecord).values(withdrawn_at=utcnow() - timedelta(days=1)))
        db.session.commit()
    assert "0 Teilnehmende anonymisiert" in runner.invoke(args=["retention"]).output


def test_the_retention_period_is_configurable(app_factory, world):
    _age_app = app_factory(RETENTION_MONTHS=6)
    _age(_age_app, world.participant_a, days=200)
    result = _age_app.test_cli_runner().invoke(args=["retention"])
    assert "1 Teilnehmende anonymisiert" in result.output and "6 Monate" in result.output


def test_retention_also_removes_records_that_served_their_purpose(app, runner, world):
    import os
    import time

    from models import AccessRequest, AccountToken, LoginSession, OutboxMail, User

    uploads = Path(app.instance_path) / "imports"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "alt.json").write_text('{"rows": [["Ana", "Lupu"]]}')
    os.utime(uploads / "alt.json", (time.time() - 2 * 86400,) * 2)
    (uploads / "neu.json").write_text("{}")  # a list being imported right now: stays

    long_ago = utcnow() - timedelta(days=200)
    with app.app_context():
        s = db.session
        user_id = s.scalar(select(User.id).where(User.email == world.admin))
        s.get(OutboxMail, world.mail_1).sent_at = long_ago
        s.add(OutboxMail(recipient="neu@test.example", subject="Neu", body="x", sent_at=utcnow()))  # recent: stays
        s.add_all(
            [
                LoginSession(user_id=user_id, token_hash="a" * 64, created_at=long_ago, ended_at=long_ago, end_reason="logout"),
                LoginSession(user_id=user_id, token_hash="b" * 64, created_at=long_ago),  # still running: stays
                AccountToken(user_id=user_id, purpose="reset", token_hash="c" * 64, expires_at=long_ago),
                AccessRequest(
                    name="Alt", sector="retail", postcode="58089", contact_name="Otto Alt", email="otto@alt.example", status="declined", decided_at=long_ago
                ),
            ]
        )
        s.commit()
    dry = runner.invoke(args=["retention", "--dry-run"])
    assert (
        "Würden entfernt: 1 verschickte E-Mails, 1 beendete Anmeldungen, 1 benutzte oder abgelaufene Links, 1 entschiedene Zugangsanfragen, 1 liegengebliebene Import-Listen"
        in dry.output
    )
    result = runner.invoke(args=["retention"])
    assert (
        "Entfernt: 1 verschickte E-Mails, 1 beendete Anmeldungen, 1 benutzte oder abgelaufene Links, 1 entschiedene Zugangsanfragen, 1 liegengebliebene Import-Listen"
        in result.output
    )
    assert sorted(p.name for p in uploads.iterdir()) == ["neu.json"]
    with app.app_context():
        s = db.session
        assert s.get(OutboxMail, world.mail_1) is None and s.scalar(select(func.count()).select_from(OutboxMail)) == 1
        assert s.scalar(select(func.count()).select_from(LoginSession).where(LoginSession.ended_at.is_(None))) == 1
        assert s.scalar(select(func.count()).select_from(AccountToken)) == 0
        assert s.scalar(select(AccessRequest.name)) == "Blumen Blüte"  # the pending one stays
    assert "Entfernt: 0 verschickte E-Mails, 0 beendete" in runner.invoke(args=["retention"]).output


def test_counsellors_are_warned_before_the_retention_run_anonymises_a_profile(app, client, world, login_as):
    from tests.factories import FORM

    _age(app, world.participant_a, days=12 * 30 - 10)  # due in ten days
    login_as("counsellor_a")
    listing = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "anonymisiert" in listing
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}").get_data(as_text=True)
    assert "Nach der Aufbewahrungsfrist wird es am" in page
    # Saving the profile counts as activity: the warning goes.
    url = f"/beratung/teilnehmende/{world.participant_a}/bearbeiten"
    with app.app_context():
        p = db.session.get(Participant, world.participant_a)
        version, counsellor = p.version, p.counsellor_id
    response = client.post(url, data={**FORM, "version": str(version), "counsellor_id": str(counsellor), "submit": "1", "csrf_token": csrf_token(client, url)})
    assert response.status_code == 302
    assert "Nach der Aufbewahrungsfrist" not in client.get(f"/beratung/teilnehmende/{world.participant_a}").get_data(as_text=True)
    assert "anonymisiert" not in client.get("/beratung/teilnehmende").get_data(as_text=True)
