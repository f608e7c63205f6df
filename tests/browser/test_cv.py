"""On a phone: a counsellor enters a job into a participant's CV, adds a photo, downloads the CV and a
cover letter; the company downloads the CV from the candidate's card (issue 18)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.pages import log_in, page_width, violations
from tests.helpers import TEST_PASSWORD, photo_bytes

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
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1-cv.png"), full_page=True)

    # A typo is put right by changing the entry (issue 25.9), twice in a row, on the phone.
    for attempt, tasks in enumerate(("Kasse\nWare einräumen\nInventur", "Kasse\nWare einräumen\nInventur\nBestellungen")):
        page.get_by_role("link", name="Eintrag „Kiosk am Markt“ ändern").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Eintrag ändern")
        assert page.get_by_label("Betrieb, Schule oder Nachweis").input_value() == "Kiosk am Markt"
        assert page_width(page) <= 360
        if attempt == 0:
            page.screenshot(path=str(shots / "2-cv-entry-edit.png"), full_page=True)
        page.get_by_label("Aufgaben oder Abschluss").fill(tasks)
        page.get_by_role("button", name="Änderung speichern").click()
        expect(page.locator("main")).to_contain_text("Die Änderung ist gespeichert.")
        expect(page.get_by_role("region", name="Berufserfahrung")).to_contain_text(tasks.split("\n")[-1])


def _downloaded(page, link) -> tuple[str, bytes]:
    with page.expect_download() as info:
        link.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_a_cv_and_a_letter_are_made_on_a_phone(world, live_server, browser, shots, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE", accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)
    page.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}/lebenslauf")
    # A new photo, first without saying the person wants one: refused, the choice of file explained.
    photo = tmp_path / "foto.png"
    photo.write_bytes(photo_bytes((900, 1200), fmt="PNG"))
    page.get_by_text("Foto ersetzen").click()
    page.get_by_label("Foto (JPEG, PNG oder WebP)").set_input_files(str(photo))
    page.get_by_role("button", name="Foto speichern").click()
    expect(page.locator("main")).to_contain_text("Ein Foto kommt nur in den Lebenslauf, wenn die Person es möchte.")
    page.get_by_label("Foto (JPEG, PNG oder WebP)").set_input_files(str(photo))
    page.get_by_label("Die Person möchte ein Foto im Lebenslauf.").check()
    page.get_by_role("button", name="Foto speichern").click()
    expect(page.locator("main")).to_contain_text("Das Foto ist gespeichert.")
    assert page_width(page) <= 360
    assert violations(page) == []
    page.screenshot(path=str(shots / "1-cv-page.png"), full_page=True)
    for _twice in range(2):  # the same file each time
        name, data = _downloaded(page, page.get_by_role("link", name="Lebenslauf als PDF"))
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert name == "Lebenslauf_Ioana_Popa.pdf" and text.index("Ioana Popa") < text.index("Schule und Ausbildung") < text.index("Liceul Teoretic")
    name, data = _downloaded(page, page.get_by_role("link", name="Lebenslauf als Word-Datei"))
    cells = [cell.text for table in Document(io.BytesIO(data)).tables for row in table.rows for cell in row.cells]
    assert name.endswith(".docx") and any("Liceul Teoretic, Iași" in cell for cell in cells)
    # The cover letter for the kiosk the person was introduced to, edited before it is downloaded.
    page.get_by_role("link", name="Anschreiben für eine Stelle").click()
    page.get_by_label("Für welche Stelle?").select_option(label="Kioskaushilfe – Kiosk Zwei")
    page.get_by_role("button", name="Entwurf zeigen").click()
    box = page.get_by_label("Anschreiben")
    expect(box).to_contain_text("Bewerbung als Kioskaushilfe")
    assert violations(page) == []
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "2-letter.png"), full_page=True)
    box.fill(box.input_value().replace("Sehr geehrte Damen und Herren,", "Sehr geehrter Herr Zwei,"))
    name, data = _downloaded(page, page.get_by_role("button", name="Als Word-Datei herunterladen"))
    assert "Sehr geehrter Herr Zwei," in [p.text for p in Document(io.BytesIO(data)).paragraphs]
    # The company, on its phone, finds the CV on the candidate's card.
    employer = context.browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE", accept_downloads=True).new_page()
    log_in(employer, live_server, world.employer_user_2, TEST_PASSWORD)
    employer.goto(f"{live_server}/betrieb/stellen/{world.opening_2}")
    name, data = _downloaded(employer, employer.get_by_role("link", name="PDF herunterladen"))
    assert data.startswith(b"%PDF") and b"/Subtype /Image" in data  # with the photo the person wanted
    assert page_width(employer) <= 360
    employer.screenshot(path=str(shots / "3-employer-card.png"), full_page=True)
