"""On a phone: a counsellor downloads the template, imports a list with one name column, and records
the consent of the new people in one go."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, page_width
from tests.helpers import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_import_then_consent_for_several(app, world, live_server, browser, shots, tmp_path):
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE", accept_downloads=True).new_page()
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)
    page.goto(live_server + "/beratung/import")
    with page.expect_download() as template:
        page.get_by_role("link", name="Excel").click()
    assert template.value.suggested_filename == "teilnehmende-vorlage.xlsx"

    (tmp_path / "liste.csv").write_text("Name;Deutschkenntnisse;Kenntnisse\nLupu, Ana;A2;Kasse\nIvan Petrov;B1;Regale einräumen\n", encoding="utf-8")
    page.get_by_label("Datei").set_input_files(str(tmp_path / "liste.csv"))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    expect(page.locator("main")).to_contain_text("Alle Zeilen sind in Ordnung.")
    expect(page.locator("main table")).to_contain_text("Ana Lupu")
    page.get_by_role("button", name="Alle 2 Zeilen importieren").click()
    expect(page.locator("main")).to_contain_text("2 Profile importiert")
    assert "einwilligung=ohne" in page.url and "sortierung=neu" in page.url
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(2)  # only the two new people, who have no consent yet
    assert page_width(page) <= 360
    # Issue 25.16: the rows are cards on the phone – the table is not wider than the screen, and every consent
    # choice can be reached without scrolling sideways.
    assert page.evaluate("document.querySelector('main table').getBoundingClientRect().width") <= 360
    assert page.evaluate("Math.max(...[...document.querySelectorAll('main table select')].map(s => s.getBoundingClientRect().right))") <= 360
    page.screenshot(path=str(shots / "1-new-people-without-consent.png"), full_page=True)
    selects = page.locator("main tbody select")
    selects.nth(0).select_option("skills")
    selects.nth(1).select_option("first_name")
    page.get_by_role("button", name="Ausgewählte Einwilligungen erfassen").click()
    expect(page.locator("main")).to_contain_text("Die Einwilligungen von 2 Personen sind erfasst.")
    expect(page.locator("main tbody")).to_contain_text("Niemand passt zu dieser Auswahl.")  # nobody left without consent
    page.screenshot(path=str(shots / "2-consents-recorded.png"), full_page=True)
