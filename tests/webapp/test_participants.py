"""Counsellors keep participant profiles: identity apart, skills understood, consent recorded, every view audited."""

from __future__ import annotations

from sqlalchemy import select

from models import AuditEvent, ConsentRecord, Event, Participant
from tests.factories import FORM
from tests.helpers import csrf_token
from webapp.core.db import db
from webapp.counsellors.participant_routes import CONSENT_TEXT_VERSION


def post(client, url, **changes):
    data = {**FORM, **changes, "csrf_token": csrf_token(client, url)}
    return client.post(url, data=data)


def participant_by_code(app, code):
    with app.app_context():
        p = db.session.scalar(select(Participant).where(Participant.pseudonym == code))
        if p is not None:
            _ = (p.identity, p.skills, p.languages, p.consents)  # load while the session is open
        return p


def test_a_counsellor_creates_a_profile_and_records_consent(app, client, world, login_as):
    login_as("counsellor_a")
    form_page = client.get("/beratung/teilnehmende/neu").get_data(as_text=True)
    assert "Bitte keine Angaben zu Gesundheit, Herkunft, Religion" in form_page
    response = post(client, "/beratung/teilnehmende/neu", counsellor_id="2", submit="1")
    assert response.status_code == 302
    p = participant_by_code(app, "AH-0002")  # AH-0001 exists already
    assert p is not None and p.quarter == "altenhagen" and p.hours == ["part_time", "minijob"]
    assert p.identity.first_name == "Elena" and p.identity.email == "elena@example.org"
    assert [(s.term, s.match_how) for s in p.skills] == [("Kassieren", "synonym"), ("Regale einreumen", "fuzzy")]
    assert [(lang.language, lang.level) for lang in p.languages] == [("ro", "C2")]
    assert p.current_consent() is None  # not suggested before consent
    token = csrf_token(client, f"/beratung/teilnehmende/{p.id}")
    client.post(f"/beratung/teilnehmende/{p.id}/einwilligung", data={"scope": "first_name", "give": "1", "csrf_token": token})
    p = participant_by_code(app, "AH-0002")
    consent = p.current_consent()
    assert consent.scope == "first_name" and consent.text_version == CONSENT_TEXT_VERSION and consent.recorded_by_id is not None
    with app.app_context():
        assert db.session.scalar(select(Event).where(Event.kind == "participant.entered"))
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"participant.create", "consent.give"} <= actions


def test_withdrawing_consent_is_as_easy_and_effective_at_once(app, client, world, login_as):
    login_as("counsellor_a")
    token = csrf_token(client, f"/beratung/teilnehmende/{world.participant_a}")
    page = client.post(
        f"/beratung/teilnehmende/{world.participant_a}/einwilligung", data={"scope": "contact", "withdraw": "1", "csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Einwilligung ist widerrufen" in page and "Keine gültige Einwilligung" in page
    with app.app_context():
        records = db.session.scalars(select(ConsentRecord).where(ConsentRecord.participant_id == world.participant_a)).all()
        assert len(records) == 1 and records[0].withdrawn_at is not None and records[0].withdrawn_by_id is not None
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege").get_data(as_text=True)
    assert f'id="karte-{world.participant_a}"' not in page  # no longer among the suggestions


def test_viewing_a_profile_is_audited_without_the_data(app, client, world, login_as):
    login_as("counsellor_a")
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}").get_data(as_text=True)
    assert "Ioana" in page and "Popa" in page and "Kioskaushilfe" in page
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "participant.view"))
        assert event.object_id == world.participant_a and event.actor_role == "counsellor"
        assert not any("Ioana" in str(v) for v in vars(event).values())


def test_a_profile_of_the_other_centre_is_404(client, world, login_as):
    login_as("counsellor_w")
    for url in (f"/beratung/teilnehmende/{world.participant_a}", f"/beratung/teilnehmende/{world.participant_a}/bearbeiten"):
        assert client.get(url).status_code == 404
    assert "AH-0001" not in client.get("/beratung/teilnehmende").get_data(as_text=True)


def test_a_wrong_form_keeps_every_entry_and_changes_nothing(app, client, world, login_as):
    login_as("counsellor_a")
    page = post(client, "/beratung/teilnehmende/neu", counsellor_id="2", submit="1", first_name="", postcode="123", level_0="", email="nicht-gueltig").get_data(
        as_text=True
    )
    assert "Bitte geben Sie den Vornamen ein" in page and "fünf Ziffern" in page and "Sprache und Niveau" in page and "keine gültige E-Mail" in page
    assert 'value="Dumitru"' in page and "Kassieren\nRegale einreumen" in page and 'value="2026-12-01"' in page
    assert participant_by_code(app, "AH-0002") is None


def test_editing_a_profile_and_a_conflict(app, client, world, login_as):
    login_as("counsellor_a")
    url = f"/beratung/teilnehmende/{world.participant_a}/bearbeiten"
    assert post(client, url, counsellor_id="2", version="1", submit="1", first_name="Ioana-Maria").status_code == 302
    assert participant_by_code(app, "AH-0001").identity.first_name == "Ioana-Maria"
    response = post(client, url, counsellor_id="2", version="1", submit="1", first_name="Veraltet")
    assert response.status_code == 409 and 'value="Veraltet"' in response.get_data(as_text=True)
    assert participant_by_code(app, "AH-0001").identity.first_name == "Ioana-Maria"


def test_the_participant_page_ranks_open_openings(app, client, world, login_as):
    login_as("counsellor_a")
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}").get_data(as_text=True)
    assert "Passende Stellen" in page and "Kioskaushilfe" in page and "Passt:" in page


def test_search_by_name_or_code(client, world, login_as):
    login_as("counsellor_a")
    assert "AH-0001" in client.get("/beratung/teilnehmende?q=popa").get_data(as_text=True)
    assert "AH-0001" not in client.get("/beratung/teilnehmende?q=niemand").get_data(as_text=True)


def test_subject_access_shows_everything_including_which_companies_got_the_data(app, client, world, login_as):
    login_as("counsellor_a")
    client.get(f"/beratung/teilnehmende/{world.participant_a}")  # a view, to appear in the access log
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft").get_data(as_text=True)
    assert "Auskunft nach Art. 15 DSGVO" in page and "Ioana" in page and "0157 1234567" in page
    assert "Kiosk Zwei" in page and "Betriebe, die Daten erhalten haben" in page
    response = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft.json")
    data = response.get_json()
    assert response.headers["Content-Disposition"].endswith("auskunft-AH-0001.json")
    records = data["records"]
    assert records["participant_identity"][0]["last_name"] == "Popa" and data["pseudonym"] == "AH-0001"
    assert [c["company"] for c in data["companies_that_received_data"]] == ["Kiosk Zwei"]
    assert records["consent_record"][0]["scope"] == "cv" and records["participant_skill"][0]["term"] == "Kasse"
    assert any(e["kind"] == "participant.entered" for e in data["statistics_events"])
    assert any(entry["action"] == "participant.view" and entry["by_role"] == "counsellor" for entry in data["access_log"])
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "participant.subject_access"))
    other = app.test_client()
    from tests.helpers import login

    login(other, world.counsellor_w)
    assert other.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft.json").status_code == 404


def test_the_list_shows_codes_and_on_request_the_names_of_the_own_people(app, client, world, login_as, add_participant):
    """Issue 25.10: by default only codes (the list is often open where others can see the screen); on request
    the names of the own house's people, kept through the pager and the search; each such view is audited
    (who, when – not which names). The other house's people are in neither list."""
    import re

    from models import AuditEvent

    for i in range(26):  # more than a page (25)
        add_participant(f"AH-{200 + i:04d}", ["Kasse"], first=f"Vorname{i}")
    other = add_participant("WH-0200", ["Kasse"], centre="w", first="Fremdname")
    login_as("counsellor_a")
    plain = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "AH-0200" in plain and "Vorname0" not in plain and "Namen der eigenen Leute zeigen" in plain
    named = client.get("/beratung/teilnehmende?namen=ja").get_data(as_text=True)
    assert re.search(r">AH-0200</a></td>\s*<td[^>]*>Vorname0 ", named)
    assert "Fremdname" not in named and "WH-0200" not in named and f"/teilnehmende/{other}" not in named
    assert "namen=ja" in re.search(r'<nav[^>]*aria-label="[^"]*Seiten[^"]*".*?</nav>', named, re.S).group(0)  # the pager keeps it
    assert 'name="namen" value="ja"' in named  # and the search
    assert "Namen ausblenden" in named
    with app.app_context():
        seen = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "participant.list_names")).all()
        assert len(seen) == 1 and seen[0].object_type == "centre" and seen[0].object_id == world.centre_a
