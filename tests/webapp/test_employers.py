"""An employer posts and manages openings; nobody else's are reachable."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from models import AuditEvent, Event, Opening, Participant
from tests.helpers import csrf_token
from webapp.core.db import db
from webapp.employers.operations import set_skills
from webapp.suggestions.index import touch

FORM = {
    "title": "Lagerhelfer (m/w/d)",
    "description": "Ware annehmen und einräumen",
    "required_skills": "Staplerschien, Kommissionieren",
    "optional_skills": "Kasse",
    "must_skill": "",
    "german_level": "A2",
    "hours": "full_time",
    "hours_per_week": "39",
    "driving_licence": "",
    "start_date": "2027-02-01",
    "place": "Lange Str. 1",
    "postcode": "58089",
}


def post_form(client, url, **changes):
    data = {**FORM, **changes, "csrf_token": csrf_token(client, url)}
    return client.post(url, data=data)


def openings_of(app, employer_id):
    with app.app_context():
        return db.session.scalars(select(Opening).where(Opening.employer_id == employer_id).order_by(Opening.id)).all()


def test_checking_shows_how_the_skills_were_understood_and_saves_nothing(app, client, world, login_as):
    login_as("employer_user_1")
    before = len(openings_of(app, world.employer_1))
    page = post_form(client, "/betrieb/stellen/neu", check="1").get_data(as_text=True)
    assert "So haben wir Ihre Angaben verstanden" in page
    assert "Gabelstapler bedienen" in page and "Tippfehler erkannt" in page
    assert "bestellte Waren zum Versand zusammenstellen" in page
    assert len(openings_of(app, world.employer_1)) == before


def test_an_employer_publishes_an_opening_with_typos(app, client, world, login_as):
    login_as("employer_user_1")
    response = post_form(client, "/betrieb/stellen/neu", publish="1")
    assert response.status_code == 302
    opening = openings_of(app, world.employer_1)[-1]
    assert opening.status == "open" and opening.quarter == "wehringhausen"
    assert opening.published_at is not None
    assert opening.expires_at - opening.published_at >= timedelta(weeks=8)  # 8 weeks, or until the job starts
    assert opening.start_date is None or opening.expires_at.date() >= opening.start_date
    with app.app_context():
        skills = db.session.get(Opening, opening.id).skills
        assert [(s.kind, s.term, s.match_how) for s in skills] == [
            ("required", "Staplerschien", "fuzzy"),
            ("required", "Kommissionieren", "synonym"),
            ("optional", "Kasse", "synonym"),
        ]
        assert db.session.scalar(select(func.count()).select_from(Event).where(Event.kind == "opening.published", Event.opening_id == opening.id)) == 1
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "opening.create"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "veröffentlicht" in page and "Gabelstapler bedienen" in page


def test_a_form_with_errors_keeps_every_entry(app, client, world, login_as):
    login_as("employer_user_1")
    response = post_form(
        client, "/betrieb/stellen/neu", save_draft="1", postcode="580", required_skills="Staplerschein\nKasse", must_skill="Führerschein", hours_per_week="99"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "fünf Ziffern" in page
    assert "zwischen 1 und 48" in page
    assert "Das Unverzichtbare muss auch" in page
    assert 'value="Lagerhelfer (m/w/d)"' in page and "Staplerschein\nKasse" in page and 'value="580"' in page
    assert 'value="Führerschein"' in page and 'value="99"' in page and 'value="2027-02-01"' in page
    assert "Ihre Eingaben sind erhalten geblieben" in page
    assert openings_of(app, world.employer_1)[-1].title == "Aushilfe Backstube"  # nothing new


def test_an_opening_needs_at_least_one_required_skill_and_sensible_values(app, client, world, login_as):
    login_as("employer_user_1")
    page = post_form(client, "/betrieb/stellen/neu", save_draft="1", required_skills=" , ;").get_data(as_text=True)
    assert "mindestens eine Fähigkeit" in page
    page = post_form(client, "/betrieb/stellen/neu", save_draft="1", german_level="D9", hours="always", driving_licence="Z").get_data(as_text=True)
    assert page.count("invalid-feedback") >= 3
    assert len(openings_of(app, world.employer_1)) == 1


def test_a_must_skill_is_stored(app, client, world, login_as):
    login_as("employer_user_1")
    post_form(client, "/betrieb/stellen/neu", save_draft="1", required_skills="Staplerschein, Kasse", must_skill="staplerschein")
    opening = openings_of(app, world.employer_1)[-1]
    with app.app_context():
        skills = db.session.get(Opening, opening.id).skills
        assert [s.is_must for s in skills] == [True, False, False]
        must = next(s.term for s in skills if s.is_must)
    # The opening's page names it (issue 25.5), for the employer and, on the suggestions, for the counsellor.
    page = client.get(f"/betrieb/stellen/{opening.id}").get_data(as_text=True)
    assert re.search(rf'id="unverzichtbar">{re.escape(must)} ', page)


def test_the_counsellor_sees_the_must_skill_of_an_opening(app, client, world, login_as):
    from models import OpeningSkill

    with app.app_context():
        db.session.add(OpeningSkill(opening_id=world.opening_2, term="Gabelstapler fahren", kind="required", is_must=True, position=9))
        db.session.commit()
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege").get_data(as_text=True)
    assert re.search(r'id="unverzichtbar">unverzichtbar: Gabelstapler fahren<', page)


def test_edit_pause_publish_fill_and_close(app, client, world, login_as):
    login_as("employer_user_1")
    oid = world.opening_1
    response = post_form(client, f"/betrieb/stellen/{oid}/bearbeiten", title="Aushilfe Backstube früh", version="1", save_draft="1")
    assert response.status_code == 302
    assert openings_of(app, world.employer_1)[0].title == "Aushilfe Backstube früh"

    def act(action):
        token = csrf_token(client, f"/betrieb/stellen/{oid}")
        return client.post(f"/betrieb/stellen/{oid}/status", data={"action": action, "csrf_token": token}, follow_redirects=True).get_data(as_text=True)

    assert "ist veröffentlicht" in act("publish")
    assert "ist pausiert" in act("pause")
    assert "geht bei einer Stelle mit diesem Status nicht" in act("pause")  # a second click changes nothing
    assert "ist veröffentlicht" in act("publish")
    assert "als besetzt markiert" in act("fill")
    assert "geht bei einer Stelle mit diesem Status nicht" in act("publish")
    with app.app_context():
        kinds = db.session.scalars(select(Event.kind).where(Event.opening_id == oid).order_by(Event.id)).all()
    assert kinds == ["opening.published", "opening.paused", "opening.published", "opening.filled"]
    # a filled opening cannot be edited any more, only copied
    response = client.get(f"/betrieb/stellen/{oid}/bearbeiten")
    assert response.status_code == 302
    assert "/bearbeiten" not in response.headers["Location"]


def test_closing_a_draft(app, client, world, login_as):
    login_as("employer_user_1")
    token = csrf_token(client, f"/betrieb/stellen/{world.opening_1}")
    client.post(f"/betrieb/stellen/{world.opening_1}/status", data={"action": "close", "csrf_token": token})
    assert openings_of(app, world.employer_1)[0].status == "closed"
    assert client.post(f"/betrieb/stellen/{world.opening_1}/status", data={"action": "explode", "csrf_token": token}).status_code == 400


def test_a_second_editor_gets_a_conflict_and_keeps_their_entries(app, client, world, login_as):
    login_as("employer_user_1")
    oid = world.opening_1
    assert post_form(client, f"/betrieb/stellen/{oid}/bearbeiten", title="Erste Änderung", version="1", save_draft="1").status_code == 302
    response = post_form(client, f"/betrieb/stellen/{oid}/bearbeiten", title="Zweite Änderung", version="1", save_draft="1")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "inzwischen an anderer Stelle geändert" in page and 'value="Zweite Änderung"' in page
    assert openings_of(app, world.employer_1)[0].title == "Erste Änderung"


def test_copying_an_old_opening_gives_a_draft_with_the_same_skills(app, client, world, login_as):
    login_as("employer_user_1")
    token = csrf_token(client, f"/betrieb/stellen/{world.opening_1}")
    response = client.post(f"/betrieb/stellen/{world.opening_1}/kopieren", data={"csrf_token": token})
    assert response.status_code == 302 and "/bearbeiten" in response.headers["Location"]
    copy = openings_of(app, world.employer_1)[-1]
    assert copy.id != world.opening_1 and copy.status == "draft" and copy.title == "Aushilfe Backstube (Kopie)"
    with app.app_context():
        assert [s.term for s in db.session.get(Opening, copy.id).skills] == ["Teig kneten"]


def test_the_company_profile(app, client, world, login_as):
    login_as("employer_user_1")
    token = csrf_token(client, "/betrieb/firma")
    response = client.post(
        "/betrieb/firma",
        data={
            "name": "Bäckerei Eins & Söhne",
            "sector": "bakery",
            "street": "Boeler Str. 1",
            "postcode": "58097",
            "contact_name": "Erna",
            "phone": "02331 1",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        from models import Employer

        employer = db.session.get(Employer, world.employer_1)
        assert employer.name == "Bäckerei Eins & Söhne" and employer.quarter == "altenhagen"


OWN_ROUTES = [
    ("GET", "/betrieb/stellen/{id}"),
    ("GET", "/betrieb/stellen/{id}/bearbeiten"),
    ("POST", "/betrieb/stellen/{id}/bearbeiten"),
    ("POST", "/betrieb/stellen/{id}/status"),
    ("POST", "/betrieb/stellen/{id}/kopieren"),
]


@pytest.mark.parametrize(("method", "route"), OWN_ROUTES)
def test_another_companys_opening_is_404_on_every_route(app, client, world, login_as, method, route):
    login_as("employer_user_2")
    url = route.format(id=world.opening_1)
    if method == "GET":
        response = client.get(url)
    else:
        token = csrf_token(client, "/betrieb/stellen")
        response = client.post(url, data={**FORM, "action": "close", "version": "1", "save_draft": "1", "csrf_token": token})
    assert response.status_code == 404
    with app.app_context():
        opening = db.session.get(Opening, world.opening_1)
        assert opening.status == "draft" and opening.title == "Aushilfe Backstube"
    assert len(openings_of(app, world.employer_2)) == 1


def test_a_posted_field_cannot_move_an_opening_to_another_company(app, client, world, login_as):
    login_as("employer_user_1")
    post_form(client, "/betrieb/stellen/neu", save_draft="1", employer_id=str(world.employer_2), status="filled")
    created = openings_of(app, world.employer_1)[-1]
    assert created.employer_id == world.employer_1 and created.status == "draft"
    assert len(openings_of(app, world.employer_2)) == 1


def test_the_list_shows_only_the_own_openings(client, world, login_as):
    login_as("employer_user_2")
    page = client.get("/betrieb/stellen").get_data(as_text=True)
    assert "Kioskaushilfe" in page and "Aushilfe Backstube" not in page


def test_words_are_suggested_while_typing(client, world, login_as):
    login_as("employer_user_1")
    words = client.get("/begriffe?q=Staplersch").get_json()
    assert "Staplerschein" in words and len(words) <= 10
    assert client.get("/begriffe?q=x").get_json() == []
    page = client.get("/betrieb/stellen/neu").get_data(as_text=True)
    assert 'data-suggest="/begriffe"' in page and "suggest.js" in page


def test_checking_a_long_line_lists_the_skills_found_in_it(app, client, world, login_as):
    login_as("employer_user_1")
    page = post_form(client, "/betrieb/stellen/neu", check="1", required_skills="Besitz eines gültigen Staplerscheins").get_data(as_text=True)
    assert "darin erkannt: Gabelstapler bedienen" in page and "im Text gefunden" in page


def test_checking_a_pasted_ad_says_which_lines_are_the_offer_and_not_compared(app, client, world, login_as):
    """The preview says what the matcher does (matching.sections): what stands under „Wir bieten“ is not compared."""
    login_as("employer_user_1")
    ad = "Ihre Aufgaben:\nRegale auffüllen\nWir bieten:\nKinderbetreuung im Betrieb"
    page = post_form(client, "/betrieb/stellen/neu", check="1", required_skills=ad).get_data(as_text=True)
    offer = page.split("Kinderbetreuung im Betrieb</span>", 1)[1].split("</li>", 1)[0]
    assert "bietet oder über sich sagt – wird nicht verglichen" in offer and "Kinder betreuen" not in offer
    shelves = page.split("Regale auffüllen</span>", 1)[1].split("</li>", 1)[0]
    assert "nicht verglichen" not in shelves
    heading = page.split("Ihre Aufgaben:</span>", 1)[1].split("</li>", 1)[0]
    assert "Überschrift – wird nicht verglichen" in heading and "bietet" not in heading


def test_the_candidate_card_names_whom_to_call(app, client, world, login_as):
    from models import Centre, Participant

    with app.app_context():
        person = db.session.get(Participant, world.participant_a)
        person.counsellor.phone = "02331 123 45"
        db.session.get(Centre, world.centre_a).phone = "02331 999 100"
        name = person.counsellor.name
        db.session.commit()
    login_as("employer_user_2")
    page = client.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert f"{name}, Perspektivhaus Altenhagen" in page and 'href="tel:0233112345"' in page
    with app.app_context():  # without a phone of the counsellor's own, the house's number
        db.session.get(Participant, world.participant_a).counsellor.phone = ""
        db.session.commit()
    assert 'href="tel:02331999100"' in client.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)


def test_a_posting_never_ends_before_the_job_starts(app):
    from datetime import UTC, date, datetime

    from webapp.employers.operations import runs_until

    published = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert runs_until(published, None, 8) == datetime(2027, 1, 13, 9, 0, tzinfo=UTC)
    assert runs_until(published, date(2026, 12, 1), 8) == datetime(2027, 1, 13, 9, 0, tzinfo=UTC)
    late = runs_until(published, date(2027, 3, 1), 8)
    assert late.date() == date(2027, 3, 1) and late > datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def test_the_company_sees_what_is_new_and_what_it_asked_for(app, client, world, login_as):
    from models import Introduction

    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        opening.training_on_job = True
        db.session.commit()
    login_as("employer_user_2")
    assert "1 neue Vorstellung" in client.get("/betrieb/stellen").get_data(as_text=True)
    page = client.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert "Muss können" in page and "Kasse" in page and "Wir lernen an" in page
    token = csrf_token(client, f"/betrieb/stellen/{world.opening_2}")
    client.post(f"/betrieb/vorstellungen/{world.introduction_2}/ergebnis", data={"outcome": "interview", "on": "2027-01-07", "csrf_token": token})
    with app.app_context():
        assert db.session.get(Introduction, world.introduction_2).status == "interview"
    page = client.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert "Gespräch am" in page and "07.01.2027" in page
    assert "neue Vorstellung" not in client.get("/betrieb/stellen").get_data(as_text=True)  # reported on: no longer new


def test_publishing_runs_the_posting_until_the_job_starts(app, client, world, login_as):
    from datetime import date, timedelta

    with app.app_context():
        opening = db.session.get(Opening, world.opening_1)
        opening.start_date = date.today() + timedelta(weeks=20)
        db.session.commit()
    login_as("employer_user_1")
    token = csrf_token(client, f"/betrieb/stellen/{world.opening_1}")
    client.post(f"/betrieb/stellen/{world.opening_1}/status", data={"action": "publish", "csrf_token": token})
    with app.app_context():
        opening = db.session.get(Opening, world.opening_1)
        assert opening.status == "open"
        assert opening.expires_at.date() >= opening.start_date


def test_the_invitation_answers_a_counsellor_alike_whether_or_not_the_address_has_an_account(app, client, world, login_as):
    """Issue 24 (decided): the form no longer tells a counsellor which addresses have accounts; the account gets a note instead."""
    from models import Employer, OutboxMail

    login_as("counsellor_a")
    answers = {}
    for address in (world.employer_user_1, "neu@betrieb.example"):
        data = {"name": "Neuer Betrieb", "sector": "bakery", "street": "", "postcode": "58089", "contact_name": "", "phone": "", "email": address}
        page = client.post("/einladen", data={**data, "csrf_token": csrf_token(client, "/einladen")}, follow_redirects=True).get_data(as_text=True)
        answers[address] = page.replace(address, "ADDRESS")
    import re

    def main(html):
        return re.sub(r'name="csrf_token"[^>]*>', "", re.search(r"<main.*</main>", html, re.S).group(0))

    assert main(answers[world.employer_user_1]) == main(answers["neu@betrieb.example"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Employer).where(Employer.name == "Neuer Betrieb")) == 1  # only the new one
        notes = db.session.scalars(select(OutboxMail.subject).where(OutboxMail.recipient == world.employer_user_1)).all()
    assert any("schon einen Zugang" in n for n in notes)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Verkäuferinn (m/w/d)", [("Verkäuferinn", "Verkäuferin")]),
        ("Kommisionierer in Teilzeit", [("Kommisionierer", None)]),  # a BA title's word: flagged, no spelling to offer
        ("Verkäuferinnen gesucht", []),  # an inflected known word
        ("Lageraushilfe Wehringhausen", []),  # a compound of known words, a place name
        ("Bäckerei Schmitz sucht Aushilfe", []),  # a company's name
        ("Bauer Feuerwehr Neue Filiale", []),
    ],
)
def test_title_typos_are_words_near_known_ones_and_nothing_else(app, title, expected):
    from webapp.suggestions.skills import title_typos

    with app.app_context():
        assert title_typos(title) == expected


def test_a_typo_in_the_title_is_flagged_in_the_preview_and_in_the_letter(app, client, world, login_as):
    """Issue 25.6: „Verkäuferinn“ was flagged in the skills but not in the title, and went into the Anschreiben."""
    login_as("employer_user_1")
    page = post_form(client, "/betrieb/stellen/neu", check="1", title="Verkäuferinn (m/w/d)").get_data(as_text=True)
    assert 'id="titel-tippfehler"' in page and "„Verkäuferinn“ – meinten Sie „Verkäuferin“?" in page
    clean = post_form(client, "/betrieb/stellen/neu", check="1", title="Verkäuferin (m/w/d)").get_data(as_text=True)
    assert 'id="titel-tippfehler"' not in clean


AD_HEAD = ["Ihre Aufgaben:"]
AD_TAIL = ["Wir bieten:", "unbefristeten Vertrag", "30 Tage Urlaub", "Mitarbeiterrabatt", "Wir freuen uns auf Ihre Bewerbung!"]


def test_a_whole_ad_pasted_counts_only_its_work_lines(app, client, world, login_as):
    """A business pastes its whole ad: the preview says which lines are headings or the offer and are not compared,
    so saving counts only the others towards the 15 a list may have (matching.sections). More than 15 lines of work
    are refused with a message that says so, keeping what was typed; so are more than 60 lines in all."""
    from webapp.suggestions.skills import MAX_AD_LINES, MAX_TERMS

    login_as("employer_user_1")
    work = [f"Aufgabe Nummer {n} erledigen" for n in range(1, MAX_TERMS + 1)]
    pasted = "\n".join(AD_HEAD + work + AD_TAIL)
    before = len(openings_of(app, world.employer_1))
    assert post_form(client, "/betrieb/stellen/neu", publish="1", public="y", title="Aushilfe aus der Anzeige", required_skills=pasted).status_code == 302
    assert len(openings_of(app, world.employer_1)) == before + 1
    with app.app_context():
        saved = db.session.get(Opening, openings_of(app, world.employer_1)[-1].id)
        assert [s.term for s in saved.skills if s.kind == "required"] == AD_HEAD + work + AD_TAIL  # kept, as pasted
        how = {s.term: (s.match_how, s.skill_id) for s in saved.skills}
        assert how["Ihre Aufgaben:"] == ("heading", None) and how["30 Tage Urlaub"] == ("offer", None)
        saved_id = saved.id
    page = client.get(f"/betrieb/stellen/{saved_id}").get_data(as_text=True)
    assert "Überschrift – wird nicht verglichen" in page  # as the preview said before saving
    listed = re.search(r"Muss können</dt><dd[^>]*>(.*?)</dd>", page, re.S).group(1)
    assert "Aufgabe Nummer 1 erledigen" in listed and "Wir bieten" not in listed and "Urlaub" not in listed
    public = client.get("/stellen").get_data(as_text=True)  # the public list, and its job postings for search engines
    card = public[public.index("Aushilfe aus der Anzeige") :]
    card = card[: card.index("</article>")] if "</article>" in card else card[:3000]
    assert "Aufgabe Nummer 1 erledigen" in card and "Urlaub" not in card and "Ihre Aufgaben:" not in card
    too_many = "\n".join([*AD_HEAD, *work, "Noch eine Aufgabe erledigen", *AD_TAIL])
    page = post_form(client, "/betrieb/stellen/neu", publish="1", required_skills=too_many).get_data(as_text=True)
    assert f"Bitte höchstens {MAX_TERMS} Einträge zur Arbeit (Überschriften und was Ihr Betrieb bietet, zählen nicht mit)." in page
    assert "Noch eine Aufgabe erledigen" in page  # nothing typed is lost
    offer = "\n".join(["Kasse", "Wir bieten:"] + [f"Vorteil Nummer {n}" for n in range(MAX_AD_LINES)])
    page = post_form(client, "/betrieb/stellen/neu", publish="1", required_skills=offer).get_data(as_text=True)
    assert f"Bitte höchstens {MAX_AD_LINES} Zeilen." in page
    assert len(openings_of(app, world.employer_1)) == before + 1


def test_an_offer_line_naming_a_skill_is_no_demand_in_the_statistics(app, client, world, login_as):
    """„Wir bieten: Kinderbetreuung im Betrieb“ names a skill the matcher knows, but the business offers it: the
    matcher does not compare the line, so the statistics of what open openings ask for do not count it either; the
    same line above the offer does count."""
    from webapp.stats.supply import demand_and_supply

    def demanded() -> dict[str, int]:
        with app.app_context():
            return {label: cell.count for label, cell, _supply in demand_and_supply(db.session, limit=50)}

    login_as("employer_user_1")
    before = demanded().get("Kinder betreuen", 0)
    offer = "Kasse\nWir bieten:\nKinderbetreuung im Betrieb"
    assert post_form(client, "/betrieb/stellen/neu", publish="1", required_skills=offer).status_code == 302
    assert demanded().get("Kinder betreuen", 0) == before
    assert post_form(client, "/betrieb/stellen/neu", publish="1", required_skills="Kasse\nKinderbetreuung im Betrieb").status_code == 302
    assert demanded().get("Kinder betreuen", 0) == before + 1


def test_a_german_level_line_is_said_as_a_language_not_its_code(client, world, login_as):
    """A pasted ad's „Deutschkenntnisse mind. A2“ showed „zählt als Bedingung: de A2“: German, the one language the
    form asks for by itself, was shown by its ISO code. The preview names it in the page's language."""
    login_as("employer_user_1")
    page = post_form(client, "/betrieb/stellen/neu", check="1", required_skills="Kasse\nDeutschkenntnisse mind. A2").get_data(as_text=True)
    assert "zählt als Bedingung: Deutsch A2 – wer das nicht hat, wird nicht vorgeschlagen" in page
    assert "de A2" not in page
    client.post("/sprache", data={"lang": "en", "csrf_token": csrf_token(client, "/konto/passwort")})
    english = post_form(client, "/betrieb/stellen/neu", check="1", required_skills="Kasse\nDeutschkenntnisse mind. A2").get_data(as_text=True)
    assert "counts as a condition: German A2" in english


def test_a_line_that_says_german_or_a_licence_is_not_needed_sets_no_condition_and_the_preview_says_so(client, world, login_as):
    """„Keine Deutschkenntnisse nötig“ was read as a hard condition (German A2) that excluded the very people the ad
    welcomes. The preview says such a line is not needed and excludes no one; a line that asks for a licence and waives
    English sets the licence only, as the matcher reads it."""
    login_as("employer_user_1")
    lines = "Kasse\nKeine Deutschkenntnisse nötig\nFührerschein Klasse B zwingend, keine Englischkenntnisse nötig"
    page = post_form(client, "/betrieb/stellen/neu", check="1", required_skills=lines).get_data(as_text=True)
    assert "(nicht nötig)" in page and "laut Anzeige nicht nötig: schließt niemanden aus" in page
    assert "zählt als Bedingung: Führerschein Klasse B – wer das nicht hat, wird nicht vorgeschlagen" in page
    assert "zählt als Bedingung: Deutsch" not in page and "Englisch A2" not in page
    assert "Keine Deutschkenntnisse nötig" in page  # nothing lost from the form


def test_a_wish_said_plainly_sets_no_condition_and_each_language_keeps_its_level(client, world, login_as):
    """„Staplerschein wäre gut, muss aber nicht“ was a required line, and the form made two entries of it (a comma
    ends an entry: „muss aber nicht“ stood alone); „Englisch von Vorteil“ set English as a condition; „Französisch A1
    und Englisch B2“ asked for English A1. The preview says what the matcher reads."""
    login_as("employer_user_1")
    lines = "Kasse\nStaplerschein wäre gut, muss aber nicht\nDeutsch B1 Voraussetzung, Englisch von Vorteil\nFranzösisch A1 und Englisch B2"
    page = post_form(client, "/betrieb/stellen/neu", check="1", required_skills=lines).get_data(as_text=True)
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Staplerschein wäre gut, muss aber nicht (nicht nötig)" in text and "laut Anzeige nicht nötig: schließt niemanden aus" in text
    assert "Englisch von Vorteil (wünschenswert)" in text
    assert "zählt als Bedingung: Deutsch B1 –" in text and "zählt als Bedingung: Französisch A1, Englisch B2 –" in text
    assert "Englisch B1" not in text and "Englisch A1" not in text
    assert "Staplerschein wäre gut, muss aber nicht" in text  # nothing lost from the form


def test_a_licence_or_language_line_counts_as_a_condition_and_the_pages_say_so(app, client, world, login_as, add_participant):
    """Issue 30.4: "Führerschein Klasse C" written as a required line is a hard condition, as if typed."""
    login_as("employer_user_1")
    page = post_form(client, "/betrieb/stellen/neu", check="1", required_skills="Kasse\nFührerschein Klasse C\nGute Englischkenntnisse").get_data(as_text=True)
    assert "zählt als Bedingung: Führerschein Klasse C – wer das nicht hat, wird nicht vorgeschlagen" in page
    assert "zählt als Bedingung: Englisch B1" in page
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        set_skills(opening, ["Kasse", "Führerschein Klasse C"], [], None)
        touch(db.session, opening)
        db.session.commit()
    without = add_participant("AH-0002", ["Kasse"])
    trucker = add_participant("AH-0003", ["Kasse"])
    with app.app_context():
        db.session.get(Participant, trucker).driving_licences = ["CE"]
        touch(db.session, db.session.get(Participant, trucker))
        db.session.commit()
    client.post("/abmelden", data={"csrf_token": csrf_token(client, "/konto/passwort")})
    login_as("counsellor_a")
    suggestions = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)
    assert f'id="karte-{without}"' not in suggestions and f'id="karte-{trucker}"' in suggestions
    assert "Aus den Zeilen der Stelle gelesen:" in suggestions and "„Führerschein Klasse C“" in suggestions


def test_a_line_written_as_a_wish_is_no_condition_and_the_pages_say_so(app, client, world, login_as, add_participant):
    """„Führerschein Klasse C wünschenswert“ typed among the required lines (a gardener's ad) was read as a hard
    condition: everyone without C was left out. The preview and the opening's page say it counts as a plus and
    excludes no one, and the suggestions keep the participant without the licence."""
    login_as("employer_user_1")
    lines = "Kasse\nFührerschein Klasse C wünschenswert"
    page = post_form(client, "/betrieb/stellen/neu", check="1", required_skills=lines).get_data(as_text=True)
    assert "als Wunsch geschrieben: zählt als Pluspunkt, schließt aber niemanden aus" in page
    assert "zählt als Bedingung" not in page
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        set_skills(opening, ["Kasse", "Führerschein Klasse C wünschenswert"], [], None)
        touch(db.session, opening)
        db.session.commit()
    client.post("/abmelden", data={"csrf_token": csrf_token(client, "/konto/passwort")})
    login_as("employer_user_2")  # the business of opening 2
    shown = client.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert "als Wunsch geschrieben: zählt als Pluspunkt, schließt aber niemanden aus" in shown
    assert "zählt als Bedingung" not in shown
    without = add_participant("AH-0002", ["Kasse"])
    client.post("/abmelden", data={"csrf_token": csrf_token(client, "/konto/passwort")})
    login_as("counsellor_a")
    suggestions = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)
    assert f'id="karte-{without}"' in suggestions
    assert "Aus den Zeilen der Stelle gelesen:" not in suggestions


def test_an_entry_with_a_comma_reads_as_one_entry_on_the_pages(app, client, world, login_as):
    """The opening's page listed its entries joined by commas: „Kasse, Staplerschein wäre gut, muss aber nicht“ read
    as three. An entry that holds a comma is shown in quotation marks, on the company's page and the counsellor's."""
    from webapp.suggestions.skills import join_terms, split_terms

    wish = "Staplerschein wäre gut, muss aber nicht"
    assert join_terms(["Kasse", wish, "Regale"]) == "Kasse, „Staplerschein wäre gut, muss aber nicht“, Regale"
    assert join_terms(["Kasse", "Regale"]) == "Kasse, Regale" and join_terms([]) == ""
    assert split_terms(join_terms(["Kasse", wish]).replace("„", "").replace("“", "")) == ["Kasse", wish]
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        set_skills(opening, ["Kasse", wish], [], None)
        touch(db.session, opening)
        db.session.commit()
    login_as("employer_user_2")
    shown = " ".join(re.sub(r"<[^>]+>", " ", client.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)).split())
    assert "Muss können Kasse, „Staplerschein wäre gut, muss aber nicht“" in shown
    client.post("/abmelden", data={"csrf_token": csrf_token(client, "/konto/passwort")})
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)
    assert "Gesucht: Kasse, „Staplerschein wäre gut, muss aber nicht“" in " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_pages_show_the_german_level_and_licence_a_line_makes_the_condition(app, client, world, login_as):
    """The opening's page said „Deutsch: A2“ (as typed) while the line „Deutsch B1 Voraussetzung“ made B1 the
    condition the matcher holds people to; the same for „Führerschein Klasse C“ against „nicht nötig“. Every page
    that shows the opening's level or licence shows the one in force, and where it comes from."""
    from webapp.suggestions.skills import in_force

    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        opening.german_level, opening.driving_licence = "A2", None
        set_skills(opening, ["Kasse", "Deutsch B1 Voraussetzung", "Führerschein Klasse C"], ["Deutsch C1 wünschenswert"], None)
        touch(db.session, opening)
        db.session.commit()
        held = in_force(opening)
        assert (held.german_level, held.german_line) == ("B1", "Deutsch B1 Voraussetzung")
        assert (held.driving_licence, held.licence_line) == ("C", "Führerschein Klasse C")
        set_skills(opening, ["Kasse", "Deutsch A1", "Deutsch B2 wäre gut"], [], None)  # less than typed; a wish
        assert in_force(opening) == type(held)("A2", None)
        set_skills(opening, ["Kasse", "Deutsch B1 Voraussetzung", "Führerschein Klasse C"], [], None)
        db.session.commit()
    login_as("employer_user_2")
    shown = " ".join(re.sub(r"<[^>]+>", " ", client.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)).split())
    assert "so steht es in der Zeile „Deutsch B1 Voraussetzung“; eingetragen: A2" in shown
    assert "Führerschein Klasse C (so steht es in der Zeile „Führerschein Klasse C“; eingetragen: nicht nötig)" in shown
    listed = " ".join(re.sub(r"<[^>]+>", " ", client.get("/betrieb/stellen").get_data(as_text=True)).split())
    assert "Deutsch ab B1" in listed and "Deutsch ab A2" not in listed
    client.post("/abmelden", data={"csrf_token": csrf_token(client, "/konto/passwort")})
    login_as("counsellor_a")
    page = " ".join(re.sub(r"<[^>]+>", " ", client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)).split())
    assert "Deutsch ab B1" in page and "Führerschein C" in page


def test_a_part_of_a_line_that_only_says_wished_or_not_needed_stays_with_its_entry():
    """„Staplerschein wäre gut, muss aber nicht“ became two entries („muss aber nicht“ alone, compared as a skill);
    a comma still ends an entry that names something („Deutsch B1, Englisch von Vorteil“, „Staplerschein, Kasse“)."""
    from webapp.suggestions.skills import split_terms

    assert split_terms("Staplerschein wäre gut, muss aber nicht\nKasse, putzen") == ["Staplerschein wäre gut, muss aber nicht", "Kasse", "putzen"]
    assert split_terms("Staplerschein wünschenswert, aber keine Voraussetzung; Kasse") == ["Staplerschein wünschenswert, aber keine Voraussetzung", "Kasse"]
    assert split_terms("Deutsch B1 Voraussetzung, Englisch von Vorteil") == ["Deutsch B1 Voraussetzung", "Englisch von Vorteil"]
    assert split_terms("Führerschein Klasse B zwingend, keine Englischkenntnisse nötig") == ["Führerschein Klasse B zwingend", "keine Englischkenntnisse nötig"]
    assert split_terms(", muss aber nicht\n\nKasse,, Kasse") == ["muss aber nicht", "Kasse"]
