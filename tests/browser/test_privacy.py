"""In Chromium on a phone-sized page: subject access printed to PDF, the second factor set up and used,
and a participant erased (a wrong confirmation first, then twice in a row)."""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, log_out, page_width
from tests.helpers import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_access_two_factor_and_erasure(app, world, live_server, browser, shots):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    page = context.new_page()
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)

    # Subject access: readable, printable (the browser's "save as PDF").
    page.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}/auskunft")
    main = page.locator("main")
    expect(main).to_contain_text("Ioana")
    expect(main).to_contain_text("Kiosk Zwei")
    expect(main).to_contain_text("Profil angesehen")
    expect(main).to_contain_text(
        re.compile(r"Erstellt am \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) 20\d\d, \d\d:\d\d")
    )
    expect(page.get_by_role("button", name="Drucken oder als PDF speichern")).to_be_visible()
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1-auskunft.png"), full_page=True)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Drucken oder als PDF speichern")).to_be_hidden()
    expect(page.locator("header")).to_be_hidden()
    page.set_viewport_size({"width": 680, "height": 1000})  # A4 less the page margins (180 mm at 96 dpi)
    assert page_width(page) <= 680, "the printout would be cut at the edge"
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    assert re.search(rb"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", pdf), "the page's own print size is not A4"
    (shots / "auskunft.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 360, "height": 740})

    # Second factor: set up with the key shown on the page, a wrong code first.
    page.goto(live_server + "/konto/zwei-faktor")
    page.get_by_role("button", name="Jetzt einrichten").click()
    qr = page.locator(".qr-code svg")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] <= 360
    key = re.sub(r"\s", "", page.locator("code.user-select-all").inner_text())
    page.get_by_label("Code aus der App").fill("000000" if pyotp.TOTP(key).now() != "000000" else "111111")
    page.get_by_role("button", name="Bestätigen").click()
    expect(main).to_contain_text("Der Code stimmt nicht")
    page.screenshot(path=str(shots / "2-zwei-faktor.png"), full_page=True)
    page.get_by_label("Code aus der App").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Bestätigen").click()
    expect(main).to_contain_text("Der zweite Faktor ist eingeschaltet")
    log_out(page)
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Anmelde-Code")).to_be_visible()
    page.get_by_label("Code aus der App").fill("12")
    page.get_by_role("button", name="Bestätigen").click()
    expect(main).to_contain_text("Der Code stimmt nicht")
    page.get_by_label("Code aus der App").fill(pyotp.TOTP(key).at(__import__("time").time() + 30))
    page.get_by_role("button", name="Bestätigen").click()
    expect(page).to_have_url(re.compile(r"/beratung/teilnehmende$"))

    # Erasure: the wrong code keeps the page, the right one erases; the link a second time is a 404.
    page.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}")
    page.get_by_role("link", name="Daten löschen").click()
    expect(main).to_contain_text("Das kann niemand rückgängig machen")
    page.get_by_label("Zur Bestätigung das Kürzel eintippen").fill("AH-0002")
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(main).to_contain_text("Das Kürzel stimmt nicht")
    expect(page.get_by_label("Zur Bestätigung das Kürzel eintippen")).to_have_value("AH-0002")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "3-loeschen.png"), full_page=True)
    page.get_by_label("Zur Bestätigung das Kürzel eintippen").fill("AH-0001")
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(main).to_contain_text("Die Daten von AH-0001 sind gelöscht")
    expect(main).not_to_contain_text("Ioana")
    page.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}/loeschen")
    expect(main).to_contain_text("nicht gefunden")
    page.screenshot(path=str(shots / "4-geloescht.png"), full_page=True)
    context.close()
