"""A suggestion's rendered explanation is kept while what it explains is unchanged (issue 31), and only then."""

from __future__ import annotations

import re

import pytest

from models import Participant, ParticipantSkill
from tests.webapp.test_vocabulary import _opening_asks, client_of
from webapp.core.db import db
from webapp.suggestions import explanations
from webapp.suggestions.index import touch


def _card(page: str, participant_id: int) -> str:
    """The text of one person's card on the suggestions page."""
    found = re.search(rf'<li class="card mb-2" id="karte-{participant_id}".*?</div></li>', page, re.S)
    assert found, page[:2000]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


def _suggestions(client, opening_id: int) -> str:
    response = client.get(f"/beratung/stellen/{opening_id}/vorschlaege?mindestens=0")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_card_is_rendered_once_per_version_and_anew_when_the_profile_or_opening_changes(app, world, monkeypatch, add_participant):
    _opening_asks(app, world.opening_2, ["Kasse", "Regale einräumen"])
    person = add_participant("AH-0070", ["Kasse"], first="Ana")
    own, other = client_of(app, world, "counsellor_a"), client_of(app, world, "counsellor_w")
    first = _card(_suggestions(own, world.opening_2), person)
    assert "Kasse" in first and "Fehlt: Regale einräumen" in first and "Ana" in first  # the own centre sees the name

    rendered = []
    original = explanations._macro
    monkeypatch.setattr(explanations, "_macro", lambda: rendered.append(1) or original())
    again = _card(_suggestions(own, world.opening_2), person)
    seen_by_other = _card(_suggestions(other, world.opening_2), person)
    assert rendered == [] and again == first  # kept: not rendered again, for either centre
    assert "Ana" not in seen_by_other and "Fehlt: Regale einräumen" in seen_by_other  # the viewer's parts are not in the card
    assert "Vorstellen" in first and "Vorstellen" not in seen_by_other

    with app.app_context():  # the profile changes: its card is made anew
        p = db.session.get(Participant, person)
        p.skills.append(ParticipantSkill(term="Regale einräumen", position=1))
        touch(db.session, p)
        db.session.commit()
    changed = _card(_suggestions(own, world.opening_2), person)
    assert rendered and "Fehlt: Regale einräumen" not in changed and "Regale einräumen" in changed

    rendered.clear()
    _opening_asks(app, world.opening_2, ["Kasse", "Regale einräumen", "Staplerschein"])  # the opening changes: too
    assert "Fehlt: Staplerschein" in _card(_suggestions(own, world.opening_2), person) and rendered


@pytest.mark.parametrize("first_language", ["de", "en"])
def test_a_kept_card_is_shown_in_each_viewer_s_language(app, world, first_language, add_participant):
    _opening_asks(app, world.opening_2, ["Kasse", "Regale einräumen"])
    person = add_participant("AH-0071", ["Kasse"])
    viewers = {}
    for language in (first_language, "en" if first_language == "de" else "de"):
        viewers[language] = client_of(app, world, "counsellor_a")
        viewers[language].environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    cards = {language: _card(_suggestions(client, world.opening_2), person) for language, client in viewers.items()}
    assert "Passt:" in cards["de"] and "Fehlt:" in cards["de"] and "Fits:" not in cards["de"]
    assert "Fits:" in cards["en"] and "Passt:" not in cards["en"]


def test_cv_words_on_a_card_are_named_once(app, world, add_participant):
    """Two asked terms matched by the same CV word: „Aus dem Lebenslauf: Kasse“, not „Kasse, Kasse“ (issue 25.3)."""
    from markupsafe import Markup

    from models import CvEntry
    from webapp.suggestions.selection import from_cv

    person = add_participant("AH-0071", ["Lager"])
    with app.app_context():
        db.session.add_all(
            [
                CvEntry(participant_id=person, kind="work", title="Markt A", details="Kasse, Regale einräumen"),
                CvEntry(participant_id=person, kind="work", title="Markt B", details="Kasse"),
            ]
        )
        db.session.commit()
        got = from_cv({person: explanations.Card(Markup(""), ("Kasse", "Lager", "Kasse", "Regale einräumen"))})
    assert got == {person: ["Kasse", "Regale einräumen"]}


def test_a_likeness_of_words_names_the_words_and_an_unrelated_pair_says_missing(app, world, add_participant):
    """„Brötchen backen ← Verkauf an der Theke (ähnliche Wörter)“ is gone; a likeness shows what is shared (issue 25.1)."""
    _opening_asks(app, world.opening_2, ["Brötchen backen", "Wartung und Reparatur von Quxbaz-Geräten"])
    seller = add_participant("AH-0072", ["Verkauf an der Theke", "Quxbaz-Geräte reparieren"])
    card = _card(_suggestions(client_of(app, world, "counsellor_a"), world.opening_2), seller)
    assert "Fehlt: Brötchen backen" in card
    assert "Verkauf an der Theke" not in card
    assert re.search(r"Quxbaz-Geräten .*← durch Quxbaz-Geräte reparieren \(ähnliche Wörter: „Quxbaz-Geräten“, zählt", card), card


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("de", "(gleicher Gegenstand, Tätigkeit bitte prüfen: „Bekleidungsprodukte“, zählt"),
        ("en", "(same object, please check the task: “Bekleidungsprodukte”, counts"),
    ],
)
def test_a_pair_that_shares_only_the_object_says_so_and_asks_to_check_the_task(app, world, add_participant, language, said):
    """„Bekleidungsprodukte herstellen ← Bekleidungsprodukte untersuchen“ is not called „ähnlich“ (issue 25.1)."""
    _opening_asks(app, world.opening_2, ["Bekleidungsprodukte herstellen"])
    person = add_participant("AH-0073", ["Bekleidungsprodukte untersuchen"])
    client = client_of(app, world, "counsellor_a")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    card = _card(_suggestions(client, world.opening_2), person)
    assert said in card, card
    assert "(ähnliche Wörter" not in card and "(similar words" not in card  # the pair; the score's parts still name them


def test_the_occupation_a_card_names_says_where_it_comes_from(app):
    """The title's occupation is „Beruf laut Titel“; the one the ad's task lines fit best (no title, or one that
    names no occupation) is „Beruf laut Aufgaben“ (issue 30.1)."""
    entry = {"required": "", "by": "Wände streichen", "how": "occupation", "credit": 0.4, "kind": "title", "part": "Wände streichen"}
    entry |= {"skill": "Wände streichen", "occupation": "Maler/Malerin"}
    cards = {}
    for named_by in ("title", "lines"):
        explanation = {"matched": [{**entry, "named_by": named_by}], "missing": [], "conditions": []}
        with app.test_request_context(headers={"Accept-Language": "de"}):
            cards[named_by] = re.sub(r"\s+", " ", str(explanations._macro()(explanation)))
    assert "Beruf laut Titel: Maler/Malerin" in cards["title"] and "Aufgaben" not in cards["title"]
    assert "Beruf laut Aufgaben: Maler/Malerin" in cards["lines"] and "laut Titel" not in cards["lines"]


def test_the_names_of_skills_on_a_card_follow_the_viewer_s_language(app, world, add_participant):
    """An English page never shows the vocabulary's German name of a skill it can say in English; what people
    typed stays as they typed it."""
    _opening_asks(app, world.opening_2, ["Besitz eines gültigen Staplerscheins", "Regale einräumen"])
    driver = add_participant("AH-0073", ["Staplerschein"])
    cards = {}
    for language in ("de", "en"):
        client = client_of(app, world, "counsellor_a")
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        cards[language] = _card(_suggestions(client, world.opening_2), driver)
    assert "Gabelstapler bedienen" in cards["de"] and "operate forklift" not in cards["de"]
    assert "operate forklift" in cards["en"] and "Gabelstapler bedienen" not in cards["en"]
    for card in cards.values():  # the typed words, in both
        assert "Besitz eines gültigen Staplerscheins" in card and "Staplerschein" in card and "Regale einräumen" in card
