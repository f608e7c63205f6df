"""Suggestions a counsellor can work through (issue 14.5): names of the own people, weak matches
folded, ten cards a page, and back at the next card after a decision."""

from __future__ import annotations

import re

from models import Opening
from tests.helpers import csrf_token, login
from webapp.core.db import db
from webapp.employers.operations import set_skills
from webapp.suggestions.index import touch

PAGE = "/beratung/stellen/{}/vorschlaege"


def _cards(page: str) -> list[str]:
    return re.findall(r'id="karte-(\d+)"', page)


def test_own_people_show_their_name_and_link_the_others_do_not(app, client, world, login_as, add_participant):
    own = add_participant("AH-0002", ["Kasse"], first="Mihaela")
    other = add_participant("WH-0002", ["Kasse"], centre="w", first="Radu")
    login_as("counsellor_a")
    page = client.get(PAGE.format(world.opening_2)).get_data(as_text=True)
    assert f'href="/beratung/teilnehmende/{own}">AH-0002 · Mihaela Ionescu</a>' in page
    assert str(other) in _cards(page) and "Radu" not in page and f"/beratung/teilnehmende/{other}" not in page


def test_weak_matches_are_folded_and_counted_and_can_be_shown(app, client, world, login_as, add_participant):
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        set_skills(opening, ["Kasse", "Regale auffüllen", "Ware annehmen"], [], None)
        touch(db.session, opening)
        db.session.commit()
    add_participant("AH-0002", ["Kasse", "Regale auffüllen", "Ware annehmen"])
    weak = add_participant("AH-0003", ["Kasse"])
    login_as("counsellor_a")
    everything = client.get(PAGE.format(world.opening_2) + "?mindestens=0").get_data(as_text=True)
    scores = dict(zip(_cards(everything), map(int, re.findall(r'aria-label="Wert (\d+) %"', everything)), strict=True))
    threshold = max(scores.values())  # fold everything below the best
    below = [pid for pid, score in scores.items() if score < threshold]
    assert below, scores
    page = client.get(PAGE.format(world.opening_2) + f"?mindestens={threshold}").get_data(as_text=True)
    assert not set(below) & set(_cards(page))
    assert f"{len(below)} schwächere" in page or "1 schwächerer Vorschlag" in page
    shown = client.get(PAGE.format(world.opening_2) + f"?mindestens={threshold}&schwache=ja").get_data(as_text=True)
    assert set(below) <= set(_cards(shown)) and "wieder ausblenden" in shown
    assert str(weak) in below


def test_ten_cards_a_page(app, client, world, login_as, add_participant):
    for n in range(12):
        add_participant(f"AH-{n + 10:04d}", ["Kasse"])
    login_as("counsellor_a")
    first = client.get(PAGE.format(world.opening_2)).get_data(as_text=True)
    second = client.get(PAGE.format(world.opening_2) + "?seite=2").get_data(as_text=True)
    assert len(_cards(first)) == 10 and "Seite 1 von 2" in first
    assert 0 < len(_cards(second)) <= 3 and not set(_cards(first)) & set(_cards(second))


def test_after_a_decision_the_page_comes_back_at_the_next_card(app, client, world, login_as, add_participant):
    first = add_participant("AH-0002", ["Kasse"])
    second = add_participant("AH-0003", ["Kasse"])
    login_as("counsellor_a")
    back = PAGE.format(world.opening_2) + "?seite=1&stadtteil=altenhagen"
    token = csrf_token(client, back)
    data = {"participant_id": str(first), "approve": "1", "zurueck": back, "naechste": str(second), "csrf_token": token}
    response = client.post(f"/beratung/stellen/{world.opening_2}/entscheidung", data=data)
    assert response.headers["Location"] == f"{back}#karte-{second}"


def test_odd_or_hostile_values_change_nothing_but_the_page(app, client, world, login_as, add_participant):
    pid = add_participant("AH-0002", ["Kasse"])
    login_as("counsellor_a")
    for query in ("mindestens=abc", "mindestens=-5", "mindestens=101", "mindestens=99999999999", "seite=0", "seite=999", "schwache=1"):
        response = client.get(PAGE.format(world.opening_2) + "?" + query)
        assert response.status_code == 200, query
    token = csrf_token(client, PAGE.format(world.opening_2))
    data = {"participant_id": str(pid), "reject": "1", "reason": "skills", "zurueck": "//evil.example/x", "naechste": "1<script>", "csrf_token": token}
    response = client.post(f"/beratung/stellen/{world.opening_2}/entscheidung", data=data)
    assert response.status_code == 302 and response.headers["Location"] == PAGE.format(world.opening_2)


def test_the_decision_note_says_who_reads_it_and_the_business_never_does(app, client, world, login_as, add_participant):
    """Issue 25.14: the note field says the business never sees the note, and the business's pages hold none."""
    from models import Introduction

    with app.app_context():
        intro = db.session.get(Introduction, world.introduction_2)
        intro.decision_note = "Notiz-nur-fuer-die-Beratung-4711"
        skills = [s.term for s in db.session.get(Opening, world.opening_2).skills]
        db.session.commit()
    add_participant("AH-0090", skills or ["Kasse"])  # someone of the own house to decide about
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)
    assert 'name="note"' in page and "Nur für die Beratung des Hauses – der Betrieb sieht die Notiz nie." in page
    assert "Notiz-nur-fuer-die-Beratung-4711" in client.get(f"/beratung/vorstellungen/{world.introduction_2}").get_data(as_text=True)
    employer = app.test_client()
    login(employer, world.employer_user_2)
    for url in ("/betrieb/stellen", f"/betrieb/stellen/{world.opening_2}"):
        answer = employer.get(url)
        assert answer.status_code == 200 and "Notiz-nur-fuer-die-Beratung-4711" not in answer.get_data(as_text=True)


def test_a_person_free_a_few_days_after_the_start_is_suggested_with_the_days_said(app, client, world, login_as, add_participant):
    """Issue 25.12: the start date is a soft condition; the card says „ab 19. Januar verfügbar, 4 Tage später“."""
    from datetime import date

    from models import Participant

    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        opening.start_date = date(2027, 1, 15)
        touch(db.session, opening)
        db.session.commit()
    soon = add_participant("AH-0002", ["Kasse"])
    spring = add_participant("AH-0003", ["Kasse"])
    with app.app_context():
        for pid, day in ((soon, date(2027, 1, 19)), (spring, date(2027, 3, 1))):
            person = db.session.get(Participant, pid)
            person.available_from = day
            touch(db.session, person)
        db.session.commit()
    login_as("counsellor_a")
    page = client.get(PAGE.format(world.opening_2) + "?mindestens=0").get_data(as_text=True)
    assert str(soon) in _cards(page) and str(spring) not in _cards(page)
    assert "ab 19. Januar verfügbar, 4 Tage später" in page


def test_a_card_names_each_language_once_and_a_person_without_one_still_has_a_card(app, client, world, login_as, add_participant):
    from models import Participant, ParticipantLanguage

    speaker = add_participant("AH-0004", ["Kasse"], first="Mihaela")
    silent = add_participant("AH-0005", ["Kasse"], first="Dana")
    with app.app_context():
        person = db.session.get(Participant, speaker)
        person.languages.extend([ParticipantLanguage(language="ro", level="C2"), ParticipantLanguage(language="bg", level="B2")])
        touch(db.session, person)
        db.session.commit()
    login_as("counsellor_a")
    page = client.get(PAGE.format(world.opening_2) + "?mindestens=0").get_data(as_text=True)
    assert {str(speaker), str(silent)} <= set(_cards(page))  # one card each, whatever the number of languages
    assert len(_cards(page)) == len(set(_cards(page)))
    assert "Deutsch B1, Bulgarisch B2, Rumänisch C2</span>" in page and page.count("Rumänisch C2") == 1
