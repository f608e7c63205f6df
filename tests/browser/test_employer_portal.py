"""In Chromium at 360 px: an employer posts an opening (with help while typing), publishes, edits, pauses and closes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, page_width
from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser


def _new_opening_page(app, live_server, browser, participants: int):
    """A demo employer at 360 px on the form for a new opening."""
    with app.app_context():
        demo.load(db.session, participants=participants)
        db.session.commit()
    employer = next(entry for entry in demo.demo_logins() if entry.role == "employer")
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="de-DE")
    log_in(page, live_server, employer.email, employer.password)
    page.get_by_role("link", name="Neue Stelle").click()
    return page


def test_the_life_of_an_opening(app, live_server, browser, shots):
    page = _new_opening_page(app, live_server, browser, participants=20)

    # The suggestion field under the text area offers vocabulary words and adds the chosen one.
    search = page.get_by_label("Begriff suchen").first
    search.fill("Staplersch")
    expect(page.locator("#suggest-list-0 option[value='Staplerschein']")).to_have_count(1)
    search.fill("Staplerschein")
    page.get_by_role("button", name="Hinzufügen").first.click()
    area = page.get_by_label("Was muss die Person können?")
    expect(area).to_have_value("Staplerschein")
    area.fill("Staplerschein\nKommisionieren")  # with a typo

    page.get_by_label("Bezeichnung der Stelle").fill("Lagerhelfer Frühschicht")
    page.get_by_label("Stunden pro Woche (optional)").fill("60")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator("main")).to_contain_text("Bitte eine Zahl zwischen 1 und 48.")
    expect(page.get_by_label("Bezeichnung der Stelle")).to_have_value("Lagerhelfer Frühschicht")
    expect(area).to_have_value("Staplerschein\nKommisionieren")
    expect(page.locator("main")).to_contain_text("Tippfehler erkannt")
    page.get_by_label("Stunden pro Woche (optional)").fill("30")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator("main")).to_contain_text("Die Stelle ist veröffentlicht.")
    assert page_width(page) <= 360

    page.get_by_role("link", name="Bearbeiten").click()
    page.get_by_label("Bezeichnung der Stelle").fill("Lagerhelfer (Frühschicht)")
    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.locator("h1")).to_have_text("Lagerhelfer (Frühschicht)")
    expect(page.locator(".badge.status-open")).to_have_text("veröffentlicht")  # editing keeps it published

    page.get_by_role("button", name="Pausieren").click()
    expect(page.locator(".badge.status-paused")).to_have_text("pausiert")
    page.get_by_role("button", name="Schließen").click()
    expect(page.locator(".badge.status-closed")).to_have_text("geschlossen")
    expect(page.get_by_role("link", name="Bearbeiten")).to_have_count(0)
    page.screenshot(path=str(shots / "closed.png"), full_page=True)
    page.close()


def _preview_twice(page, lines: str, said: list[str], not_said: list[str], shot) -> None:
    """Type ``lines`` as what the person must be able to do and press „Prüfen“ twice: each time the preview says
    ``said`` and not ``not_said``, the form keeps the lines, and the page is no wider than 360 px; then ``shot``."""
    page.get_by_label("Was muss die Person können?").fill(lines)
    for _ in range(2):
        page.get_by_role("button", name="Prüfen, wie es verstanden wird").click()
        main = page.locator("main")
        for text in said:
            expect(main).to_contain_text(text)
        for text in not_said:
            expect(main).not_to_contain_text(text)
        expect(page.get_by_label("Was muss die Person können?")).to_have_value(lines)
        assert page_width(page) <= 360
    page.locator("#understood-title").scroll_into_view_if_needed()
    page.screenshot(path=str(shot), full_page=True)


def test_a_line_that_says_german_is_not_needed_is_shown_as_excluding_no_one(app, live_server, browser, shots):
    """At 360 px, twice: „Keine Deutschkenntnisse nötig“ is said to exclude no one (it was a hard condition, German
    A2); the line that asks for a licence and waives English shows the licence as the only condition."""
    _preview_twice(
        _new_opening_page(app, live_server, browser, participants=5),
        "Kasse\nKeine Deutschkenntnisse nötig\nFührerschein Klasse B zwingend, keine Englischkenntnisse nötig",
        ["laut Anzeige nicht nötig: schließt niemanden aus", "zählt als Bedingung: Führerschein Klasse B"],
        ["zählt als Bedingung: Deutsch"],
        shots / "waived-condition-360.png",
    )


def test_a_plain_wish_and_the_levels_of_two_languages_are_shown_as_read(app, live_server, browser, shots):
    """At 360 px, twice: „Minibagger fahren wäre super“ is a wish (it was a required line), and „Französisch A1 und
    Englisch B2“ asks for each language at its own level (English was asked at A1)."""
    _preview_twice(
        _new_opening_page(app, live_server, browser, participants=5),
        "Kasse\nMinibagger fahren wäre super\nFranzösisch A1 und Englisch B2",
        ["Minibagger fahren wäre super (wünschenswert)", "zählt als Bedingung: Französisch A1, Englisch B2"],
        [],
        shots / "plain-wish-and-levels-360.png",
    )


def test_the_opening_page_shows_the_conditions_in_force_and_entries_with_a_comma_as_one(app, live_server, browser, shots):
    """At 360 px, saved and opened twice: the page said „Deutsch: A2“ and „Führerschein: nicht nötig“ (as typed) while
    its lines made B1 and class C the conditions, and listed „Staplerschein wäre gut, muss aber nicht“ as if two."""
    page = _new_opening_page(app, live_server, browser, participants=5)
    page.get_by_label("Bezeichnung der Stelle").fill("Aushilfe Lager")
    lines = "Kasse\nStaplerschein wäre gut, muss aber nicht\nDeutsch B1 Voraussetzung\nFührerschein Klasse C"
    page.get_by_label("Was muss die Person können?").fill(lines)
    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.locator("h1")).to_have_text("Aushilfe Lager")
    for _ in range(2):
        expect(page.locator("#deutsch")).to_contain_text("so steht es in der Zeile „Deutsch B1 Voraussetzung“")
        expect(page.locator("#fuehrerschein")).to_contain_text("Klasse C (so steht es in der Zeile „Führerschein Klasse C“; eingetragen: nicht nötig)")
        expect(page.locator("main")).to_contain_text("„Staplerschein wäre gut, muss aber nicht“")
        assert page_width(page) <= 360
        page.reload()
    page.locator("#deutsch").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "conditions-in-force-360.png"), full_page=True)
    page.close()
