"""Each demo role logs in with Chromium, on a desktop and on a 360 px phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_out, page_width
from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser

HEADINGS = {"admin": "Übersicht für die Projektleitung", "counsellor": "Teilnehmende im Perspektivhaus", "employer": "Ihre Stellen"}


@pytest.fixture
def demo_world(app):
    with app.app_context():
        demo.load(db.session, participants=40)
        db.session.commit()
    return demo.demo_logins()


def _first_login(logins, role):
    return next(entry for entry in logins if entry.role == role)


@pytest.mark.parametrize("role", ["admin", "counsellor", "employer"])
def test_a_demo_user_logs_in_and_out(live_server, page, shots, demo_world, role):
    entry = _first_login(demo_world, role)
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "Anmelden"
    page.get_by_label("E-Mail-Adresse").fill(entry.email)
    page.get_by_label("Passwort").fill(entry.password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url({"admin": "**/start", "counsellor": "**/beratung/teilnehmende", "employer": "**/betrieb/stellen"}[role])
    assert HEADINGS[role] in page.locator("h1").inner_text()
    page.screenshot(path=str(shots / f"{role}-desktop.png"), full_page=True)

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    overflow = page_width(page)
    assert overflow <= 360, f"the page is {overflow}px wide on a 360px screen"
    page.screenshot(path=str(shots / f"{role}-360px.png"), full_page=True)

    log_out(page)
    assert "/anmelden" in page.url
    page.goto(live_server + "/start")
    assert page.url.endswith("/anmelden?next=%2Fstart") or "/anmelden" in page.url


def test_a_wrong_password_in_the_browser_keeps_the_email_and_shows_the_error(live_server, page, shots, demo_world):
    entry = _first_login(demo_world, "employer")
    page.goto(live_server + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(entry.email)
    page.get_by_label("Passwort").fill("falsches-passwort")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("main")).to_contain_text("E-Mail-Adresse oder Passwort ist falsch")
    assert page.get_by_label("E-Mail-Adresse").input_value() == entry.email
    page.screenshot(path=str(shots / "wrong-password.png"))


def test_the_language_switch_works_with_the_keyboard(live_server, page, demo_world):
    page.goto(live_server + "/anmelden")
    page.keyboard.press("Tab")  # first stop: the skip link
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    page.get_by_role("button", name="English").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Log in"
    assert page.locator("html").get_attribute("lang") == "en"
