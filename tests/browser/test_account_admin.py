"""In Chromium on a phone-sized page: an admin resets a lost second factor (and a second click finds
nothing left to reset); a counsellor sees which profiles the retention run will soon anonymise."""

from __future__ import annotations

import pyotp
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import User
from tests.browser.pages import log_in, page_width
from tests.factories import age
from tests.helpers import TEST_PASSWORD
from webapp.core.db import db

pytestmark = pytest.mark.browser


def test_admin_resets_a_second_factor_and_the_retention_warning(app, world, live_server, browser, shots):
    with app.app_context():
        db.session.scalar(select(User).where(User.email == world.counsellor_a)).totp_secret = pyotp.random_base32()
        age(db.session, world.participant_a, days=12 * 30 - 5)
        db.session.commit()
        counsellor_id = db.session.scalar(select(User.id).where(User.email == world.counsellor_a))

    admin = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(admin, live_server, world.admin, TEST_PASSWORD)
    admin.goto(f"{live_server}/admin/benutzer/{counsellor_id}")
    admin.get_by_role("button", name="Zweiten Faktor zurücksetzen").click()
    expect(admin.locator("main")).to_contain_text("Der zweite Faktor ist zurückgesetzt")
    expect(admin.get_by_role("button", name="Zweiten Faktor zurücksetzen")).to_have_count(0)  # nothing left to reset
    assert page_width(admin) <= 360
    admin.screenshot(path=str(shots / "1-reset.png"), full_page=True)
    # Subject access is the centre's: the admin is told so, and why, instead of a bare "no access".
    admin.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}/auskunft")
    expect(admin.locator("main")).to_contain_text("erledigt die Beratung im Perspektivhaus der Person")
    assert page_width(admin) <= 360
    admin.screenshot(path=str(shots / "1b-admin-subject-access.png"), full_page=True)

    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)  # the password alone is enough again
    expect(page.locator("main")).to_contain_text("AH-0001")
    expect(page.locator("main")).to_contain_text("anonymisiert")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "2-list.png"), full_page=True)
    page.get_by_role("link", name="AH-0001").click()
    expect(page.locator("main")).to_contain_text("Nach der Aufbewahrungsfrist wird es am")
    page.screenshot(path=str(shots / "3-profile.png"), full_page=True)


def test_the_project_lead_forwards_a_request_on_a_phone(app, world, live_server, browser, shots):
    """Issue 25.15 in Chromium at 360 px: a wrong code first (nothing sent, what was typed kept), then by code,
    then once more by house – twice in a row."""
    from models import Participant

    with app.app_context():
        code = db.session.get(Participant, world.participant_a).pseudonym
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(page, live_server, world.admin, TEST_PASSWORD)
    page.get_by_role("link", name="Datenschutz-Anfrage einer teilnehmenden Person weitergeben").click()
    page.get_by_label("Worum bittet die Person?").select_option("erasure")
    page.get_by_label("Eingegangen am").fill("2026-12-01")
    page.get_by_label("Kürzel der Person (falls sie es nennt)").fill("AH-9999")
    page.get_by_role("button", name="Haus benachrichtigen").click()
    expect(page.locator("main")).to_contain_text("Kein Profil mit dem Kürzel AH-9999")
    expect(page.get_by_label("Worum bittet die Person?")).to_have_value("erasure")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1-person-request-error.png"), full_page=True)
    page.get_by_label("Kürzel der Person (falls sie es nennt)").fill(code)
    page.get_by_role("button", name="Haus benachrichtigen").click()
    expect(page.locator("main")).to_contain_text("ist benachrichtigt")
    page.get_by_label("Eingegangen am").fill("2026-12-02")
    page.get_by_label("Sonst: zu welchem Perspektivhaus gehört die Person?").select_option(index=1)
    page.get_by_role("button", name="Haus benachrichtigen").click()
    expect(page.locator("main")).to_contain_text("ist benachrichtigt")
    assert page_width(page) <= 360


def test_an_employer_makes_and_revokes_an_api_key_on_a_phone(app, world, live_server, browser, shots):
    """Issue 27 in Chromium at 360 px: a wrong number of days first (nothing made, the name kept), then a key shown
    once, the list without it after a reload, then revoking it twice in a row."""
    from tests.browser.pages import violations

    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(page, live_server, world.employer_user_2, TEST_PASSWORD)
    page.goto(f"{live_server}/konto/passwort")
    page.get_by_role("link", name="API-Schlüssel für andere Programme").click()
    page.get_by_label("Wofür ist der Schlüssel?").fill("Bewerbermanagement Kiosk")
    page.get_by_label("Gültig für (Tage)").fill("500")
    page.get_by_role("button", name="Schlüssel erzeugen").click()
    expect(page.locator("main")).to_contain_text("Ein Schlüssel gilt 1 bis 365 Tage.")
    expect(page.get_by_label("Wofür ist der Schlüssel?")).to_have_value("Bewerbermanagement Kiosk")
    expect(page.locator("#new-token")).to_have_count(0)
    page.screenshot(path=str(shots / "api-1-wrong-days.png"), full_page=True)
    page.get_by_label("Gültig für (Tage)").fill("30")
    page.get_by_label("Was darf der Schlüssel?").select_option("write")
    page.get_by_role("button", name="Schlüssel erzeugen").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("kmu_")
    expect(page.locator("main")).to_contain_text("nur dieses eine Mal")
    assert page_width(page) <= 360
    assert violations(page) == []
    page.screenshot(path=str(shots / "api-2-shown-once.png"), full_page=True)
    page.reload()
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(token[:10])
    expect(page.locator("main")).to_contain_text("lesen und ändern")
    form = page.locator("form", has=page.get_by_role("button", name="Widerrufen"))
    action, csrf = form.get_attribute("action"), form.locator("input[name=csrf_token]").get_attribute("value")
    page.get_by_role("button", name="Widerrufen").click()
    expect(page.locator("main")).to_contain_text("Der Schlüssel ist widerrufen")
    expect(page.get_by_role("button", name="Widerrufen")).to_have_count(0)  # nothing left to revoke: no second button
    second = page.request.post(f"{live_server}{action}", form={"csrf_token": csrf})  # the same form sent once more
    assert "schon widerrufen" in second.text()
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "api-3-revoked.png"), full_page=True)


def test_the_api_document_reads_on_a_phone(live_server, browser, shots):
    """Issue 27: /api/v1/docs at 360 px, no login, no accessibility violations."""
    from tests.browser.pages import violations

    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    page.goto(f"{live_server}/api/v1/docs")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schnittstelle (API)")
    expect(page.locator("main")).to_contain_text("/api/v1/openings/{opening_id}/suggestions")
    assert page_width(page) <= 360
    assert violations(page) == []
    page.screenshot(path=str(shots / "api-docs.png"), full_page=False)


def test_the_public_list_of_openings_on_a_phone(app, world, live_server, browser, shots):
    """Issue 27: a company shows an opening publicly (the checkbox of its form), anyone reads it at /stellen at
    360 px, filters it away and back; no accessibility violations."""
    from tests.browser.pages import violations

    employer = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(employer, live_server, world.employer_user_1, TEST_PASSWORD)
    employer.goto(f"{live_server}/betrieb/stellen/neu")
    employer.get_by_label("Bezeichnung der Stelle").fill("Verkauf am Wochenende")
    employer.get_by_label("Was muss die Person können?").fill("Kasse, Brötchen verkaufen")
    employer.get_by_label("Auch öffentlich zeigen").check()
    employer.get_by_role("button", name="Veröffentlichen").click()
    expect(employer.locator("main")).to_contain_text("Die Stelle ist veröffentlicht")

    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    page.goto(f"{live_server}/stellen")
    expect(page.locator("main")).to_contain_text("Verkauf am Wochenende")
    expect(page.locator("main")).to_contain_text("Interesse? Sprechen Sie mit Ihrem Perspektivhaus")
    assert page_width(page) <= 360
    assert violations(page) == []
    page.screenshot(path=str(shots / "public-1.png"), full_page=True)
    page.get_by_label("Stadtteil").select_option("altenhagen")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("main")).to_contain_text("Gerade gibt es hier keine Stellen")
    page.get_by_label("Stadtteil").select_option("")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("main")).to_contain_text("Verkauf am Wochenende")
