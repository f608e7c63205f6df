"""After a hire (issue 14.1): the person is placed and suggested nowhere; their counsellor confirms
the exit once, which is then counted; taking the hire back before that makes them active again.

The exit has one owner (issue 23.1): confirming it after a hire writes the participation record, so the
ESF page, the profile, the statistics and the Art. 15 answer all show the same exit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from models import AuditEvent, EsfRecord, Event, Introduction, Opening, Participant
from tests.helpers import csrf_token, login
from webapp.core.db import db
from webapp.suggestions.index import matching_index, opening_record


def _report_hire(app, world, intro_id: int) -> None:
    employer = app.test_client()
    login(employer, world.employer_user_2)
    token = csrf_token(employer, f"/betrieb/stellen/{world.opening_2}")
    response = employer.post(f"/betrieb/vorstellungen/{intro_id}/ergebnis", data={"outcome": "hired", "on": "2027-01-04", "csrf_token": token})
    assert response.status_code == 302


def _ranked_ids(app, opening_id: int) -> list[str]:
    with app.app_context():
        with matching_index().use(db.session) as matcher:
            return [r.id for r in matcher.rank(opening_record(db.session.get(Opening, opening_id)), k=50)]


def _exits_counted(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Event).where(Event.kind == "participant.left"))


def _confirm(client, intro_id: int, day: str | None = None):
    url = f"/beratung/vorstellungen/{intro_id}/austritt"
    page = client.get(url)
    if page.status_code != 200:
        return page
    token = csrf_token(client, url)
    return client.post(url, data={"csrf_token": token, "left_on": day or date.today().isoformat(), "next": "/beratung/teilnehmende"})


def test_a_hire_places_the_person_who_is_then_suggested_nowhere(app, client, world, login_as, add_opening):
    twin = add_opening("Aushilfe Kasse", "Kasse")  # another opening of the same company, wanting what the person can
    assert str(world.participant_a) in _ranked_ids(app, twin)
    _report_hire(app, world, world.introduction_2)
    with app.app_context():
        assert db.session.get(Participant, world.participant_a).status == "placed"
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "participant.placed_by_hire"))
    assert str(world.participant_a) not in _ranked_ids(app, twin)
    assert _exits_counted(app) == 0  # not before the counsellor confirms
    login_as("counsellor_a")
    page = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "bitte 1 Austritt bestätigen" in page and "AH-0001" in page and "04.01.2027" in page


def test_the_exit_is_confirmed_and_counted_once(app, client, world, login_as):
    _report_hire(app, world, world.introduction_2)
    login_as("counsellor_a")
    url = f"/beratung/vorstellungen/{world.introduction_2}/austritt"
    page = client.get(url).get_data(as_text=True)  # the page says what confirming does, before anything happens
    assert "lässt sich danach nicht mehr zurückziehen" in page and 'name="left_on"' in page
    assert _exits_counted(app) == 0
    token = csrf_token(client, url)
    wrong = client.post(url, data={"csrf_token": token, "left_on": "gestern"})
    assert wrong.status_code == 200 and _exits_counted(app) == 0  # a clear message, nothing changed
    before_entry = client.post(url, data={"csrf_token": token, "left_on": "2001-01-01"}).get_data(as_text=True)
    assert "nicht vor dem Eintritt" in before_entry and _exits_counted(app) == 0
    today = date.today()
    assert client.post(url, data={"csrf_token": token, "left_on": today.isoformat()}).status_code == 302
    again = client.post(url, data={"csrf_token": token, "left_on": today.isoformat()}, follow_redirects=True).get_data(as_text=True)  # a double click
    assert "schon erfasst" in again
    assert _exits_counted(app) == 1
    assert "Austritt bestätigen" not in client.get("/beratung/teilnehmende").get_data(as_text=True)
    # One fact, one place: the ESF page, the profile and the Art. 15 answer show this very exit.
    with app.app_context():
        record = db.session.get(EsfRecord, world.participant_a)
        assert (record.left_on, record.exit_situation) == (today, "employed")
        assert db.session.get(Participant, world.participant_a).status == "left"
    shown = today.strftime("%d.%m.%Y")
    esf_page = client.get(f"/beratung/teilnehmende/{world.participant_a}/esf").get_data(as_text=True)
    assert f'value="{today.isoformat()}"' in esf_page and "Austritt berichtigen" in esf_page
    assert shown in client.get(f"/beratung/teilnehmende/{world.participant_a}").get_data(as_text=True)
    access = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft.json").get_json()
    assert access["records"]["esf_record"][0]["left_on"] == today.isoformat()
    # Counted, so the hire can no longer be taken back.
    withdrawn = client.post(f"/beratung/vorstellungen/{world.introduction_2}/zurueckziehen", data={"csrf_token": token}, follow_redirects=True)
    assert "lässt sich nicht mehr zurückziehen" in withdrawn.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Introduction, world.introduction_2).status == "hired"


def test_an_exit_recorded_on_the_esf_page_is_the_exit_of_the_hire_too(app, client, world, login_as):
    _report_hire(app, world, world.introduction_2)
    login_as("counsellor_a")
    url = f"/beratung/teilnehmende/{world.participant_a}/esf"
    token = csrf_token(client, url)
    assert (
        client.post(url, data={"csrf_token": token, "a-left_on": date.today().isoformat(), "a-situation": "employed", "a-submit_exit": "1"}).status_code == 302
    )
    assert _exits_counted(app) == 1
    assert "Austritt bestätigen" not in client.get("/beratung/teilnehmende").get_data(as_text=True)  # nothing left to confirm
    assert _confirm(client, world.introduction_2).status_code == 302 and _exits_counted(app) == 1


def test_taking_the_hire_back_makes_the_person_active_and_suggested_again(app, client, world, login_as, add_opening):
    twin = add_opening("Aushilfe Kasse", "Kasse")
    _report_hire(app, world, world.introduction_2)
    login_as("counsellor_a")
    token = csrf_token(client, "/beratung/teilnehmende")
    assert client.post(f"/beratung/vorstellungen/{world.introduction_2}/zurueckziehen", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(Participant, world.participant_a).status == "active"
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "participant.hire_undone"))
    assert str(world.participant_a) in _ranked_ids(app, twin)
    assert _confirm(client, world.introduction_2).status_code == 302
    assert _exits_counted(app) == 0  # a withdrawn hire has no exit to confirm


def test_only_the_own_centre_confirms_and_only_by_post(app, client, world, login_as):
    _report_hire(app, world, world.introduction_2)
    url = f"/beratung/vorstellungen/{world.introduction_2}/austritt"
    login_as("counsellor_w")
    token = csrf_token(client, "/konto/passwort")
    assert client.post(url, data={"csrf_token": token, "left_on": date.today().isoformat()}).status_code == 404
    assert client.get(url).status_code == 404
    own = app.test_client()
    login(own, world.counsellor_a)
    assert own.post(url, data={"left_on": date.today().isoformat()}).status_code in (200, 400)  # no CSRF token: nothing happens
    assert _exits_counted(app) == 0
