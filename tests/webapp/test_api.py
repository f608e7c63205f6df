"""The JSON API (issue 27): a token names the caller, the pages' rules decide, errors are problem+json."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from models import ApiToken, Opening, User, utcnow
from tests.helpers import login
from webapp.auth import api_tokens
from webapp.core.db import db


@pytest.fixture
def token(app, world):
    """``token("employer_user_1")`` → the header of a fresh read token of that person of the world."""

    def _make(who: str, scope: str = "read") -> dict[str, str]:
        with app.test_request_context():
            user = db.session.scalar(select(User).where(User.email == getattr(world, who)))
            _row, text = api_tokens.issue(user, "Test", scope, 30)
            db.session.commit()
        return {"Authorization": f"Bearer {text}"}

    return _make


def test_the_openapi_document_is_valid_openapi_3_1(client):
    from openapi_spec_validator import validate

    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert {"/api/v1/openings", "/api/v1/openings/{opening_id}"} <= set(document["paths"])
    assert document["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def test_without_a_usable_token_nothing_is_answered(app, client, world, token):
    for headers in ({}, {"Authorization": "Bearer kmu_falsch"}, {"Authorization": "Basic YWRtaW46YWRtaW4="}):
        response = client.get("/api/v1/openings", headers=headers)
        assert response.status_code == 401 and response.mimetype == "application/problem+json", headers
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        body = response.get_json()
        assert body["status"] == 401 and body["title"] == "Nicht angemeldet" and "API-Schlüssel" in body["detail"]
    login(client, world.admin)  # a page's cookie does not open the API
    assert client.get("/api/v1/openings").status_code == 401
    headers = token("employer_user_1")
    with app.app_context():
        db.session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert client.get("/api/v1/openings", headers=headers).status_code == 401


def test_a_token_does_not_open_pages(client, world, token):
    headers = token("counsellor_a")
    response = client.get("/beratung/stellen", headers=headers)
    assert response.status_code == 302 and "/anmelden" in response.headers["Location"]


def test_each_role_lists_what_its_page_lists(app, client, world, token):
    with app.app_context():
        draft_2 = Opening(employer_id=world.employer_2, title="Entwurf Zwei", german_level="A1", hours="minijob", quarter="altenhagen")
        db.session.add(draft_2)
        db.session.commit()
        draft_2_id = draft_2.id
    employer_2 = client.get("/api/v1/openings", headers=token("employer_user_2")).get_json()
    assert sorted(o["id"] for o in employer_2) == sorted([world.opening_2, draft_2_id])  # own, every status
    assert {o["employer"] for o in employer_2} == {"Kiosk Zwei"}
    counsellor = client.get("/api/v1/openings", headers=token("counsellor_a")).get_json()
    assert [o["id"] for o in counsellor] == [world.opening_2]  # the open ones
    assert counsellor[0]["required_skills"] == ["Kasse"] and counsellor[0]["german_level"] == "A2"
    employer_1 = token("employer_user_1")
    assert client.get(f"/api/v1/openings/{world.opening_1}", headers=employer_1).status_code == 200
    for other in (world.opening_2, draft_2_id, 10**6):  # another company's opening looks like none
        response = client.get(f"/api/v1/openings/{other}", headers=employer_1)
        assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_lists_are_paged_within_bounds_and_answer_304_when_unchanged(app, client, world, token):
    with app.app_context():
        db.session.add(Opening(employer_id=world.employer_2, title="Entwurf", german_level="A1", hours="minijob", quarter="altenhagen"))
        db.session.commit()
    headers = token("employer_user_2")
    first = client.get("/api/v1/openings?page=1&page_size=1", headers=headers)
    assert first.status_code == 200 and len(first.get_json()) == 1
    assert first.headers["X-Total-Count"] == "2"
    again = client.get("/api/v1/openings?page=1&page_size=1", headers=headers | {"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    too_big = client.get("/api/v1/openings?page_size=1000", headers=headers)
    assert too_big.status_code == 422 and too_big.mimetype == "application/problem+json"
    assert too_big.get_json()["errors"]["query"]["page_size"] == ["Erlaubt sind 1 bis 100."]
    far = client.get("/api/v1/openings?page=188564647388841344", headers=headers)  # found by schemathesis: was a 500
    assert far.status_code == 422 and "page" in far.get_json()["errors"]["query"]
    beyond = client.get("/api/v1/openings?page=9999", headers=headers)
    assert beyond.status_code == 200 and beyond.get_json() == [] and beyond.headers["X-Total-Count"] == "2"


def test_errors_in_english_when_asked(client):
    body = client.get("/api/v1/openings", headers={"Accept-Language": "en"}).get_json()
    assert body["title"] == "Not signed in"


NEW = {"title": "Aushilfe Verkauf", "required_skills": ["Kasse", "Regale einräumen"], "german_level": "A2", "hours": "part_time", "postcode": "58089"}


def test_an_employer_creates_an_opening_checked_as_on_the_page(app, client, world, token):
    headers = token("employer_user_1", "write")
    made = client.post("/api/v1/openings", json=NEW, headers=headers)
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["status"] == "draft" and body["employer"] == "Bäckerei Eins"
    assert made.headers["Location"].endswith(f"/api/v1/openings/{body['id']}")
    assert [u["term"] for u in body["understood"]] == ["Kasse", "Regale einräumen"] and body["understood"][0]["kind"] == "required"
    published = client.post("/api/v1/openings", json=NEW | {"publish": True, "title": "Zweite"}, headers=headers).get_json()
    assert published["status"] == "open" and published["expires_at"]
    with app.app_context():
        assert {o.employer_id for o in db.session.scalars(select(Opening).where(Opening.title.in_(["Aushilfe Verkauf", "Zweite"])))} == {world.employer_1}


def test_wrong_input_names_the_field_in_german_and_makes_nothing(app, client, world, token):
    headers = token("employer_user_1", "write")
    for body, field, message in (
        ({k: v for k, v in NEW.items() if k != "title"}, "title", "Diese Angabe fehlt."),
        (NEW | {"german_level": "Z9"}, "german_level", "Erlaubt ist nur: A1, A2, B1, B2, C1, C2."),
        (NEW | {"hours_per_week": "viele"}, "hours_per_week", "Bitte eine ganze Zahl senden."),
        (NEW | {"postcode": "1234"}, "postcode", None),  # the page's rule (a German postcode), its message
        (NEW | {"required_skills": []}, "required_skills", None),
        (NEW | {"unbekannt": 1}, "unbekannt", "Dieses Feld gibt es nicht."),
    ):
        response = client.post("/api/v1/openings", json=body, headers=headers)
        assert response.status_code == 422 and response.mimetype == "application/problem+json", (field, response.get_json())
        errors = response.get_json()["errors"]["json"]
        assert field in errors, (field, errors)
        text = " ".join(errors[field])
        assert (message in text) if message else not any(english in text for english in ("Missing", "Not a valid", "must", "Must")), text
    english = client.post("/api/v1/openings", json={}, headers=headers | {"Accept-Language": "en"}).get_json()
    assert english["title"] == "Input not valid" and english["errors"]["json"]["title"] == ["This is missing."]
    with app.app_context():
        assert db.session.scalar(select(Opening).where(Opening.title == "Aushilfe Verkauf")) is None


def test_a_pasted_ad_sent_by_the_api_counts_as_on_the_page(client, world, token):
    """The API takes an opening's lists as the page's form does: a pasted ad's headings and offer lines do not count
    towards the 15 lines of work, and more lines of work are refused with the form's message."""
    headers = token("employer_user_1", "write")
    work = [f"Aufgabe Nummer {n} erledigen" for n in range(1, 16)]
    pasted = ["Ihre Aufgaben:", *work, "Wir bieten:", "unbefristeten Vertrag", "30 Tage Urlaub"]
    made = client.post("/api/v1/openings", json=NEW | {"required_skills": pasted}, headers=headers)
    assert made.status_code == 201, made.get_json()
    refused = client.post("/api/v1/openings", json=NEW | {"required_skills": ["Noch eine Aufgabe erledigen", *pasted]}, headers=headers)
    assert refused.status_code == 422
    assert "Einträge zur Arbeit" in " ".join(refused.get_json()["errors"]["json"]["required_skills"])


def test_only_an_employer_with_a_write_token_creates(client, world, token):
    read_only = client.post("/api/v1/openings", json=NEW, headers=token("employer_user_1"))
    assert read_only.status_code == 403 and "darf nur lesen" in read_only.get_json()["detail"]
    assert client.post("/api/v1/openings", json=NEW, headers=token("counsellor_a", "write")).status_code == 403
    assert client.post("/api/v1/openings", json=NEW, headers=token("admin", "write")).status_code == 403


def test_a_status_changes_once_and_only_for_the_owner(app, client, world, token):
    own = token("employer_user_1", "write")
    url = f"/api/v1/openings/{world.opening_1}/status"
    first = client.post(url, json={"action": "publish"}, headers=own)
    assert first.status_code == 200 and first.get_json()["status"] == "open"
    again = client.post(url, json={"action": "publish"}, headers=own)
    assert again.status_code == 409 and again.mimetype == "application/problem+json"
    assert client.post(url, json={"action": "explode"}, headers=own).status_code == 422
    assert client.post(url, json={"action": "pause"}, headers=token("employer_user_2", "write")).status_code == 404
    assert client.post(url, json={"action": "pause"}, headers=token("counsellor_a", "write")).status_code == 403
    with app.app_context():
        assert db.session.get(Opening, world.opening_1).status == "open"


def test_counsellors_get_the_suggestions_with_their_explanations(app, client, world, token):
    from models import AuditEvent

    url = f"/api/v1/openings/{world.opening_2}/suggestions"
    own = client.get(url, headers=token("counsellor_a"))
    assert own.status_code == 200, own.get_json()
    (card,) = [s for s in own.get_json() if s["code"] == "AH-0001"]
    assert card["own_house"] is True and card["decided"] == "approved" and 0 < card["score"] <= 1
    assert card["explanation"]["matched"] and "Ioana" not in str(own.get_json())  # evidence shown, never a name
    other_house = client.get(url, headers=token("counsellor_w")).get_json()
    assert [s["own_house"] for s in other_house if s["code"] == "AH-0001"] == [False]
    assert client.get(url, headers=token("employer_user_2")).status_code == 403
    assert client.get(url, headers=token("admin")).status_code == 403
    assert client.get(f"/api/v1/openings/{world.opening_1}/suggestions", headers=token("counsellor_a")).status_code == 404  # a draft
    wrong = client.get(url + "?minimum=200", headers=token("counsellor_a"))
    assert wrong.status_code == 422 and wrong.get_json()["errors"]["query"]["minimum"] == ["Erlaubt sind 0 bis 100."]
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "opening.suggestions", AuditEvent.object_id == world.opening_2))


@pytest.fixture
def second_person(app, world):
    """A second person of Altenhagen with consent, who can do the till: suggested for opening_2, nobody decided yet."""
    from models import ConsentRecord, Participant, ParticipantIdentity, ParticipantSkill
    from tests.helpers import enter

    with app.app_context():
        counsellor = db.session.scalar(select(User).where(User.email == world.counsellor_a))
        p = Participant(pseudonym="AH-0002", centre_id=world.centre_a, counsellor_id=counsellor.id, german_level="B1", quarter="altenhagen", postcode="58097")
        p.identity = ParticipantIdentity(first_name="Mihai", last_name="Ionescu")
        p.skills.append(ParticipantSkill(term="Kasse", position=0))
        p.consents.append(ConsentRecord(scope="contact", text_version="2026-01", recorded_by_id=counsellor.id))
        db.session.add(p)
        db.session.flush()
        enter(db.session, p)
        db.session.commit()
        return p.id


def test_a_decision_is_made_once_and_a_retry_with_its_key_gets_the_same_answer(app, client, world, token, second_person):
    from models import Introduction

    headers = token("counsellor_a", "write") | {"Idempotency-Key": "entscheidung-1"}
    url = f"/api/v1/openings/{world.opening_2}/decisions"
    first = client.post(url, json={"code": "ah-0002", "approve": True}, headers=headers)
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["code"] == "AH-0002" and first.get_json()["status"] == "approved"
    retry = client.post(url, json={"code": "ah-0002", "approve": True}, headers=headers)
    assert retry.status_code == 201 and retry.get_json() == first.get_json() and retry.headers["Idempotent-Replayed"] == "true"
    other_body = client.post(url, json={"code": "AH-0002", "approve": False, "reason": "skills"}, headers=headers)
    assert other_body.status_code == 422 and "andere Anfrage" in other_body.get_json()["detail"]
    no_key = client.post(url, json={"code": "AH-0002", "approve": False, "reason": "skills"}, headers=token("counsellor_a", "write"))
    assert no_key.status_code == 409 and "schon entschieden" in no_key.get_json()["detail"]
    with app.app_context():
        assert [i.status for i in db.session.scalars(select(Introduction).where(Introduction.participant_id == second_person))] == ["approved"]


def test_a_decision_follows_the_page_s_rules(app, client, world, token, second_person):
    url = f"/api/v1/openings/{world.opening_2}/decisions"
    own = token("counsellor_a", "write")
    no_reason = client.post(url, json={"code": "AH-0002", "approve": False}, headers=own)
    assert no_reason.status_code == 422 and no_reason.get_json()["errors"]["json"]["reason"] == ["Bitte wählen Sie einen Grund für die Ablehnung."]
    assert client.post(url, json={"code": "AH-0002", "approve": True}, headers=token("counsellor_w", "write")).status_code == 404  # other house
    assert client.post(url, json={"code": "XX-9999", "approve": True}, headers=own).status_code == 404
    assert client.post(url, json={"code": "AH-0002", "approve": True}, headers=token("counsellor_a")).status_code == 403  # read only
    assert client.post(url, json={"code": "AH-0002", "approve": True}, headers=token("employer_user_2", "write")).status_code == 403
    bad_key = client.post(url, json={"code": "AH-0002", "approve": True}, headers=own | {"Idempotency-Key": "x" * 101})
    assert bad_key.status_code == 400 and "Idempotency-Key" in bad_key.get_json()["detail"]
    rejected = client.post(url, json={"code": "AH-0002", "approve": False, "reason": "german", "note": "Erst Sprachkurs"}, headers=own)
    assert rejected.status_code == 201 and rejected.get_json()["status"] == "rejected"


def test_calls_are_limited_per_account_not_per_token(app, client, world, token):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    first, second = token("counsellor_a"), token("counsellor_a")  # two tokens of one person count together
    answers = [client.get("/api/v1/openings", headers=h).status_code for h in (first, second, first, second)]
    assert answers == [200, 200, 200, 429]
    limited = client.get("/api/v1/openings", headers=first)
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json" and limited.get_json()["title"] == "Zu viele Versuche"
    assert client.get("/api/v1/openings", headers=token("counsellor_w")).status_code == 200  # another person is not held up


def test_statistics_as_the_page_shows_them(app, client, world, token):
    from datetime import UTC, datetime

    from webapp.stats.figures import Period, compute

    month = datetime.now(UTC).strftime("%Y-%m")
    admin = token("admin")
    published = client.get(f"/api/v1/statistics?monat={month}", headers=admin).get_json()
    assert published["exact"] is False and "participants_new" in published["figures"] and published["esf"]
    exact = client.get(f"/api/v1/statistics?monat={month}&ansicht=intern", headers=admin).get_json()
    assert exact["exact"] is True
    with app.test_request_context():
        expected = compute(db.session, Period.months(month))
    assert {k: exact["figures"][k] for k in ("participants_new", "approvals", "openings_open")} == {
        k: expected[k] for k in ("participants_new", "approvals", "openings_open")
    }
    counsellor = client.get(f"/api/v1/statistics?monat={month}&ansicht=intern", headers=token("counsellor_a")).get_json()
    assert counsellor["exact"] is False and counsellor["esf"] is None  # the internal view and ESF Plus are the project lead's
    assert client.get("/api/v1/statistics", headers=token("employer_user_1")).status_code == 403
    wrong = client.get("/api/v1/statistics?monat=2026-13", headers=admin)
    assert wrong.status_code == 422 and wrong.get_json()["errors"]["query"]["monat"] == ["Diese Angabe hat nicht die erwartete Form."]


def test_a_company_sees_its_introduced_people_as_consented_and_reports_once(app, client, world, token):
    from models import AuditEvent, Introduction

    url = f"/api/v1/openings/{world.opening_2}/introductions"
    (card,) = client.get(url, headers=token("employer_user_2")).get_json()
    assert card["code"] == "AH-0001" and card["consent"] == "cv" and card["first_name"] == "Ioana" and card["skills"] == ["Kasse"]
    assert card["ask"]["centre"] == "Perspektivhaus Altenhagen"
    assert client.get(url, headers=token("employer_user_1")).status_code == 404  # another company's opening
    assert client.get(url, headers=token("counsellor_a")).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "participant.view_card", AuditEvent.object_id == world.participant_a))

    write = token("employer_user_2", "write")
    outcome = f"/api/v1/introductions/{world.introduction_2}/outcome"
    no_day = client.post(outcome, json={"outcome": "interview"}, headers=write)
    assert no_day.status_code == 422 and no_day.get_json()["errors"]["json"]["on"] == ["Bitte geben Sie das Datum an."]
    assert client.post(outcome, json={"outcome": "interview", "on": "2026-12-10"}, headers=token("employer_user_1", "write")).status_code == 404
    first = client.post(outcome, json={"outcome": "interview", "on": "2026-12-10"}, headers=write)
    assert first.status_code == 200 and first.get_json()["status"] == "interview"
    again = client.post(outcome, json={"outcome": "interview", "on": "2026-12-11"}, headers=write)
    assert again.status_code == 409 and again.get_json()["detail"] == "Das wurde schon gemeldet."
    hired = client.post(outcome, json={"outcome": "hired", "on": "2027-01-04"}, headers=write)
    assert hired.status_code == 200 and hired.get_json()["status"] == "hired"
    with app.app_context():
        assert db.session.get(Introduction, world.introduction_2).hired_start.isoformat() == "2027-01-04"
        assert db.session.get(Opening, world.opening_2).status == "filled"  # a hire fills the opening, as on the page


def test_the_document_is_a_page_people_read(client):
    page = client.get("/api/v1/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]  # nothing to run, nothing from elsewhere
    for operation in ("/api/v1/openings/{opening_id}/decisions", "/api/v1/statistics", "Idempotency-Key", "X-Total-Count", "Authorization: Bearer"):
        assert operation in html, operation
    assert client.get("/api/v1/openapi.json").get_json()["paths"].get("/api/v1/docs") is None  # a page, not an operation


def test_an_employer_changes_an_opening_with_the_version_it_read(app, client, world, token):
    write = token("employer_user_1", "write")
    url = f"/api/v1/openings/{world.opening_1}"
    read = client.get(url, headers=write).get_json()
    body = NEW | {"title": "Aushilfe Backstube und Verkauf", "version": read["version"]}
    changed = client.put(url, json=body, headers=write)
    assert changed.status_code == 200 and changed.get_json()["title"] == "Aushilfe Backstube und Verkauf"
    assert changed.get_json()["version"] > read["version"]
    stale = client.put(url, json=body | {"title": "Überschrieben"}, headers=write)  # the version read before the change
    assert stale.status_code == 409 and "inzwischen geändert" in stale.get_json()["detail"]
    wrong = client.put(url, json=body | {"version": changed.get_json()["version"], "postcode": "1"}, headers=write)
    assert wrong.status_code == 422 and wrong.get_json()["errors"]["json"]["postcode"] == ["Diese Angabe hat nicht die erwartete Form."]
    assert client.put(url, json=body, headers=token("employer_user_2", "write")).status_code == 404
    assert client.put(url, json=body, headers=token("counsellor_a", "write")).status_code == 403
    assert client.put(url, json=body, headers=token("employer_user_1")).status_code == 403  # read only
    with app.app_context():
        opening = db.session.get(Opening, world.opening_1)
        assert opening.title == "Aushilfe Backstube und Verkauf"
        opening.status = "closed"
        db.session.commit()
        version = opening.version
    closed = client.put(url, json=body | {"version": version}, headers=write)
    assert closed.status_code == 409 and "kopieren" in closed.get_json()["detail"]


def test_an_entry_the_api_sends_back_can_be_sent_again(app, client, world, token):
    """The form keeps „Staplerschein wäre gut, muss aber nicht“ as one entry, and the API sent it so; but a term with a
    comma was refused, so an opening read could not be written back. One list item is one entry as the form reads
    it: a comma that splits it into two is refused, with a message that says so."""
    write = token("employer_user_1", "write")
    wish = "Staplerschein wäre gut, muss aber nicht"
    made = client.post("/api/v1/openings", json=NEW | {"required_skills": ["Kasse", wish]}, headers=write)
    assert made.status_code == 201, made.get_json()
    url = f"/api/v1/openings/{made.get_json()['id']}"
    read = client.get(url, headers=write).get_json()
    assert read["required_skills"] == ["Kasse", wish]
    again = client.put(url, json=NEW | {"required_skills": read["required_skills"], "version": read["version"]}, headers=write)
    assert again.status_code == 200 and again.get_json()["required_skills"] == ["Kasse", wish]
    for two in ("Kasse, Regale einräumen", "Kasse; Regale einräumen", "Kasse\nRegale einräumen", "Kasse,", ", muss aber nicht"):
        refused = client.post("/api/v1/openings", json=NEW | {"title": "Zwei in einem", "required_skills": [two]}, headers=write)
        assert refused.status_code == 422, two
        assert "nicht durch Komma oder Semikolon getrennt" in " ".join(refused.get_json()["errors"]["json"]["required_skills"]["0"]), two
    english = client.post("/api/v1/openings", json=NEW | {"required_skills": ["Kasse, Regale"]}, headers=write | {"Accept-Language": "en"})
    assert "not separated by commas or semicolons" in " ".join(english.get_json()["errors"]["json"]["required_skills"]["0"])
    with app.app_context():
        assert db.session.scalar(select(Opening).where(Opening.title == "Zwei in einem")) is None


def test_an_opening_says_the_conditions_in_force_as_its_page_does(client, world, token):
    """The API sent „german_level: A2“ (as typed) while the line „Deutsch B1 Voraussetzung“ makes B1 the condition,
    as the opening's page now says: ``in_force`` gives what the suggestions reckon with, and the line."""
    write = token("employer_user_1", "write")
    lines = ["Kasse", "Deutsch B1 Voraussetzung", "Führerschein Klasse C"]
    made = client.post("/api/v1/openings", json=NEW | {"required_skills": lines}, headers=write).get_json()
    read = client.get(f"/api/v1/openings/{made['id']}", headers=write).get_json()
    assert read["german_level"] == "A2" and read["driving_licence"] is None  # as typed, and sent back so
    assert read["in_force"] == {
        "german_level": "B1",
        "driving_licence": "C",
        "german_line": "Deutsch B1 Voraussetzung",
        "licence_line": "Führerschein Klasse C",
    }
    plain = client.post("/api/v1/openings", json=NEW | {"title": "Ohne Zeilen"}, headers=write).get_json()
    assert plain["in_force"] == {"german_level": "A2", "driving_licence": None, "german_line": None, "licence_line": None}
    listed = client.get("/api/v1/openings", headers=write).get_json()
    assert [item["in_force"]["german_level"] for item in listed if item["id"] == made["id"]] == ["B1"]  # the list says it, too


def test_numbers_in_messages_are_written_as_a_person_reads_them(client, world, token):
    headers = token("employer_user_1")
    assert client.get("/api/v1/openings?page=0", headers=headers).get_json()["errors"]["query"]["page"] == ["Erlaubt sind 1 bis 10.000."]
    english = client.get("/api/v1/openings?page=0", headers=headers | {"Accept-Language": "en"}).get_json()
    assert english["errors"]["query"]["page"] == ["Allowed are 1 to 10,000."]
