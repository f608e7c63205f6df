"""In Chromium: a counsellor creates a profile with consent, imports a list (a broken one is refused whole),
decides on suggestions, and the employer sees exactly the approved candidate."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from models import Participant
from tests.browser.pages import log_in, log_out, page_width
from tests.factories import good_rows, xlsx
from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser


def count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Participant))


def test_counsellor_workspace(app, live_server, browser, shots, tmp_path):
    with app.app_context():
        demo.load(db.session, participants=40)
        db.session.commit()
    logins = demo.demo_logins()
    counsellor = next(entry for entry in logins if entry.role == "counsellor")
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="de-DE")
    log_in(page, live_server, counsellor.email, counsellor.password)

    # A new profile, first with a mistake (nothing lost), then with consent.
    page.get_by_role("link", name="Neues Profil").click()
    page.get_by_label("Vorname").fill("Elena")
    page.get_by_label("Was kann die Person?").fill("Staplerschein, Kommissionieren")
    page.get_by_label("Teilzeit").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("Bitte geben Sie den Nachnamen ein.")
    expect(page.get_by_label("Vorname")).to_have_value("Elena")
    expect(page.get_by_label("Was kann die Person?")).to_have_value("Staplerschein, Kommissionieren")
    page.get_by_label("Nachname").fill("Dumitru")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("ist angelegt")
    page.get_by_label("Was darf ein Betrieb nach einer Vorstellung sehen?").select_option("first_name")
    page.get_by_role("button", name="Einwilligung erfassen").click()
    expect(page.locator("main")).to_contain_text("Die Einwilligung ist erfasst.")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1-profile.png"), full_page=True)

    # The list: codes first; the names of the own people on request (issue 25.10), and hidden again.
    page.goto(live_server + "/beratung/teilnehmende?q=Dumitru")
    expect(page.locator("main table")).not_to_contain_text("Elena")
    page.get_by_role("link", name="Namen der eigenen Leute zeigen").click()
    expect(page.locator("main table")).to_contain_text("Elena Dumitru")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1b-list-with-names.png"), full_page=True)
    page.get_by_role("link", name="Namen ausblenden").click()
    expect(page.locator("main table")).not_to_contain_text("Elena")

    # A list with an error is refused whole; the correct list of 50 is imported.
    before = count(app)
    broken = good_rows(50)
    broken[10][4] = "B7"
    (tmp_path / "fehler.xlsx").write_bytes(xlsx(broken))
    (tmp_path / "liste.xlsx").write_bytes(xlsx(good_rows(50)))
    page.goto(live_server + "/beratung/import")
    page.get_by_label("Datei").set_input_files(str(tmp_path / "fehler.xlsx"))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    expect(page.locator("main")).to_contain_text("1 Zeile mit Fehlern")
    expect(page.get_by_role("button", name="Alle 50 Zeilen importieren")).to_be_disabled()  # nothing to press while errors show
    assert count(app) == before
    page.goto(live_server + "/beratung/import")
    page.get_by_label("Datei").set_input_files(str(tmp_path / "liste.xlsx"))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    expect(page.locator("main")).to_contain_text("Alle Zeilen sind in Ordnung.")
    page.get_by_role("button", name="Alle 50 Zeilen importieren").click()
    expect(page.locator("main")).to_contain_text("50 Profile importiert")
    assert count(app) == before + 50

    # Suggestions for a warehouse opening: read the explanation, introduce one, turn one down with a reason.
    page.goto(live_server + "/beratung/stellen")
    page.get_by_role("link", name="Lagerhelfer/in (m/w/d)").first.click()
    expect(page.locator("main")).to_contain_text("Passt:")
    page.get_by_label("Perspektivhaus").select_option(label="Perspektivhaus Altenhagen")  # the own house's people
    page.get_by_label("Wert mindestens").select_option(label="0 %")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**/vorschlaege?*")
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Das Programm schlägt vor")
    cards = page.locator("li.card").filter(has=page.get_by_role("button", name="Vorstellen", exact=True))
    first_code = cards.nth(0).locator("h3").inner_text().split(" ")[0]
    second_code = cards.nth(1).locator("h3").inner_text().split(" ")[0]
    page.screenshot(path=str(shots / "2-suggestions.png"), full_page=True)
    cards.nth(0).get_by_role("button", name="Vorstellen", exact=True).click()
    expect(page.locator("main")).to_contain_text(f"{first_code} wird dem Betrieb vorgestellt.")
    second = page.locator("li.card").filter(has_text=second_code)
    second.get_by_label("Grund (bei Ablehnung)").select_option("hours_or_way")
    second.get_by_role("button", name="Nicht vorstellen").click()
    expect(page.locator("main")).to_contain_text(f"{second_code} wird nicht vorgestellt.")
    opening_path = page.url.split(live_server)[1].split("?")[0].replace("/beratung/stellen/", "/betrieb/stellen/").replace("/vorschlaege", "")
    log_out(page)

    # The employer of that opening sees exactly the approved candidate.
    with app.app_context():
        from models import Opening, User

        opening = db.session.get(Opening, int(opening_path.split("/")[3]))
        email = db.session.scalar(select(User.email).where(User.employer_id == opening.employer_id))
    log_in(page, live_server, email, demo.EMPLOYER_PASSWORD)
    page.goto(live_server + opening_path)
    cards = page.locator("article.card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(first_code)
    assert second_code not in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "3-employer.png"), full_page=True)
    page.close()
