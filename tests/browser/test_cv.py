"""On a phone: a counsellor enters a job with its tasks in a participant's CV (issue 18.1, in part)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_a_job_goes_into_the_cv_on_a_phone(world, live_server, browser, shots):
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)
    page.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}")
    page.get_by_role("link", name="Lebenslauf", exact=True).click()
    expect(page.locator("main")).to_contain_text("Liceul Teoretic")
    page.get_by_label("Betrieb, Schule oder Nachweis").fill("Kiosk am Markt")
    page.get_by_label("von (optional)").fill("2019-03-03")
    page.get_by_label("bis (optional, leer: bis heute)").fill("2018-03-03")
    page.get_by_role("button", name="Eintrag hinzufügen").click()
    expect(page.locator("main")).to_contain_text("Das Ende liegt vor dem Anfang.")
    assert page.get_by_label("Betrieb, Schule oder Nachweis").input_value() == "Kiosk am Markt"  # nothing lost
    page.get_by_label("bis (optional, leer: bis heute)").fill("")
    page.get_by_label("Aufgaben oder Abschluss").fill("Kasse\nWare einräumen")
    page.get_by_role("button", name="Eintrag hinzufügen").click()
    expect(page.locator("main")).to_contain_text("Der Eintrag ist gespeichert.")
    expect(page.get_by_role("region", name="Berufserfahrung")).to_contain_text("Kiosk am Markt")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(shots / "1-cv.png"), full_page=True)
