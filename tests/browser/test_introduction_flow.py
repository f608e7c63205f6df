"""In Chromium: an employer publishes an opening, a counsellor introduces someone, the employer reports the hire."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, log_out, page_width
from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser


def test_publish_introduce_hire(app, live_server, browser, shots):
    with app.app_context():
        demo.load(db.session, participants=60)
        db.session.commit()
    logins = demo.demo_logins()
    employer = next(entry for entry in logins if entry.role == "employer")
    counsellor = next(entry for entry in logins if entry.role == "counsellor")
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="de-DE")

    # The employer posts an opening with typos, checks how it was understood, and publishes.
    log_in(page, live_server, employer.email, employer.password)
    page.get_by_role("link", name="Neue Stelle").click()
    page.get_by_label("Bezeichnung der Stelle").fill("Aushilfe Verkauf")
    page.get_by_label("Was muss die Person können?").fill("Kasse, Regale einreumen")
    page.get_by_label("Postleitzahl des Arbeitsorts").fill("")
    page.get_by_role("button", name="Prüfen, wie es verstanden wird").click()
    expect(page.locator("main")).to_contain_text("Bitte geben Sie die Postleitzahl an")
    assert page.get_by_label("Was muss die Person können?").input_value() == "Kasse, Regale einreumen"  # nothing lost
    expect(page.locator("main")).to_contain_text("Regale auffüllen")
    expect(page.locator("main")).to_contain_text("Tippfehler erkannt")
    page.get_by_label("Postleitzahl des Arbeitsorts").fill("58089")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator("main")).to_contain_text("Die Stelle ist veröffentlicht.")
    opening_url = page.url
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1-employer-published.png"), full_page=True)
    log_out(page)

    # A counsellor reads the explanation and introduces the best suggestion of the own centre.
    log_in(page, live_server, counsellor.email, counsellor.password)
    page.goto(live_server + "/beratung/stellen")
    page.get_by_role("link", name="Aushilfe Verkauf").click()
    expect(page.locator("main")).to_contain_text("Passt:")
    page.get_by_label("Perspektivhaus").select_option(label="Perspektivhaus Altenhagen")  # the own house's people first
    page.get_by_label("Wert mindestens").select_option(label="0 %")  # the weaker ones too: few here fit well
    page.get_by_role("button", name="Filtern").click()
    expect(page.locator("main")).to_contain_text("Das Programm schlägt vor")
    card = page.locator("li.card").filter(has=page.get_by_role("button", name="Vorstellen", exact=True)).first
    code = re.match(r"(AH-\d{4}|WH-\d{4})", card.locator("h3").inner_text()).group(1)
    page.screenshot(path=str(shots / "2-suggestions.png"), full_page=True)
    card.get_by_role("button", name="Vorstellen", exact=True).click()
    expect(page.locator("main")).to_contain_text(f"{code} wird dem Betrieb vorgestellt.")
    log_out(page)

    # The employer sees exactly that candidate and reports the hire; the opening is filled.
    log_in(page, live_server, employer.email, employer.password)
    ours = page.locator("main .list-group-item").filter(has_text="Aushilfe Verkauf")
    expect(ours).to_contain_text("1 neue Vorstellung")
    page.screenshot(path=str(shots / "3-employer-new.png"), full_page=True)
    page.goto(opening_url)
    expect(page.locator("main dl").first).to_contain_text("Muss können")
    expect(page.locator("main dl").first).to_contain_text("Kasse, Regale einreumen")
    cards = page.locator("article.card")
    expect(cards).to_have_count(1)
    assert code in cards.first.inner_text()
    expect(cards.first).to_contain_text(re.compile(r"Fragen zur Person\? .+, Perspektivhaus (Altenhagen|Wehringhausen) · Tel\. 02331"))
    assert cards.first.locator('a[href^="tel:02331"]').count() == 1  # one tap calls the counsellor
    page.screenshot(path=str(shots / "3-candidate-card.png"), full_page=True)
    cards.first.get_by_label("eingestellt", exact=True).check()
    cards.first.get_by_label("Datum (Gespräch oder erster Arbeitstag)").fill("2027-01-04")
    cards.first.get_by_role("button", name="Melden").click()
    expect(page.locator("main")).to_contain_text("Danke! Ihre Rückmeldung ist gespeichert.")
    expect(page.locator(".badge.status-filled")).to_have_text("besetzt")
    page.screenshot(path=str(shots / "3-hired.png"), full_page=True)
    log_out(page)

    # The counsellor is asked to confirm the exit on the start page, and confirms it.
    log_in(page, live_server, counsellor.email, counsellor.password)
    news = page.get_by_role("region", name=re.compile("Neu von Betrieben"))
    expect(news).to_contain_text(f"{code} · Aushilfe Verkauf")
    expect(news.get_by_role("listitem").filter(has_text=code)).to_contain_text("eingestellt ab 04.01.2027")
    exits = page.get_by_role("region", name=re.compile("Austritt"))
    ours = exits.get_by_role("listitem").filter(has_text=f"{code} eingestellt als „Aushilfe Verkauf“")
    expect(ours).to_contain_text("ab 04.01.2027")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "4-confirm-exit.png"), full_page=True)
    ours.get_by_role("link", name="Austritt bestätigen …").click()
    # A page first says what confirming does (issue 25.14), and asks for the day.
    expect(page.locator("main")).to_contain_text("lässt sich danach nicht mehr zurückziehen")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "5-confirm-page.png"), full_page=True)
    page.get_by_label("Austritt am").fill("")
    page.get_by_role("button", name="Austritt bestätigen").click()
    expect(page.locator("main")).to_contain_text("Bitte geben Sie das Austrittsdatum an.")  # wrong input: a message, nothing recorded
    page.get_by_label("Austritt am").fill(date.today().isoformat())
    page.get_by_role("button", name="Austritt bestätigen").click()
    expect(page.locator("main")).to_contain_text(f"Der Austritt von {code} ist erfasst.")
    expect(page.get_by_role("listitem").filter(has_text=f"{code} eingestellt als")).to_have_count(0)
    page.screenshot(path=str(shots / "6-exit-confirmed.png"), full_page=True)
    page.close()
