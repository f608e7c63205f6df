"""On a phone: a counsellor records a participant's ESF Plus entry, exit and follow-up (issue 16.1, 16.2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from models import EsfRecord
from tests.browser.pages import log_in, page_width
from tests.helpers import TEST_PASSWORD
from webapp.core.db import db

pytestmark = pytest.mark.browser


def test_entry_exit_and_follow_up_on_a_phone(app, world, live_server, browser, shots):
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)
    page.get_by_role("link", name="ESF-Plus-Angaben fehlen bei 1 Teilnehmenden").click()
    page.get_by_role("link", name="AH-0001").click()
    page.get_by_role("link", name="Teilnahme und ESF Plus").click()
    expect(page.locator("h1")).to_contain_text("Teilnahme und ESF Plus")
    page.get_by_label("Eintritt am").fill((date.today() - timedelta(days=300)).isoformat())
    page.get_by_label("weiblich").check()
    page.get_by_label("Geburtsjahr").fill("1990")
    page.get_by_label("Erwerbsstatus beim Eintritt").select_option(label="langzeitarbeitslos (12 Monate und mehr)")
    page.get_by_label("Staatsangehörigkeit eines Landes außerhalb der EU").select_option(label="ja")
    page.get_by_role("button", name="Eintrittsdaten speichern").click()
    expect(page.locator("main")).to_contain_text("nur mit ausdrücklicher Einwilligung")  # the voluntary answer needs its consent
    assert page.get_by_label("Geburtsjahr").input_value() == "1990"  # nothing lost
    page.get_by_label("Die Person hat ausdrücklich eingewilligt").check()
    page.get_by_role("button", name="Eintrittsdaten speichern").click()
    expect(page.locator("main")).to_contain_text("Die Eintrittsdaten sind gespeichert.")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1-entry.png"), full_page=True)

    left = date.today() - timedelta(days=200)
    page.get_by_label("Austritt am").fill(left.isoformat())
    page.get_by_label("Situation beim Austritt").select_option(label="in Arbeit (auch selbständig)")
    page.get_by_role("button", name="Austritt speichern").click()
    expect(page.locator("main")).to_contain_text("Der Austritt ist gespeichert.")
    expect(page.get_by_role("button", name="Austritt berichtigen")).to_be_visible()  # recorded once; a second save corrects it
    with app.app_context():
        assert db.session.get(EsfRecord, world.participant_a).third_country is True
    page.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}")
    expect(page.locator("main")).to_contain_text(f"Austritt am {left:%d.%m.%Y} (in Arbeit")  # the profile reads the same fact
    expect(page.locator("main")).to_contain_text("ausgetreten")
    page.goto(live_server + "/beratung/teilnehmende")
    due = page.get_by_role("region", name="ESF Plus: 1 Nachbefragung fällig")
    expect(due).to_contain_text("AH-0001")
    page.screenshot(path=str(shots / "2-follow-up-due.png"), full_page=True)
    due.get_by_role("link", name="AH-0001").click()
    page.get_by_label("Nachgefragt am").fill(date.today().isoformat())
    page.get_by_label("ja", exact=True).check()
    page.get_by_role("button", name="Nachbefragung speichern").click()
    expect(page.locator("main")).to_contain_text("Die Nachbefragung ist gespeichert.")
    page.screenshot(path=str(shots / "3-follow-up.png"), full_page=True)
