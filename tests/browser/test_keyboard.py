"""Keyboard only, no mouse: log in, introduce a suggested person, report the outcome.

Every step moves with Tab (and the arrow keys inside a group of radio buttons), acts
with Enter or Space, and checks that the element in focus shows that it is (a
visible outline or focus ring), as WCAG 2.1.1 and 2.4.7 ask.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser

SHOWS_FOCUS = """e => {
  const s = getComputedStyle(e);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
}"""


def tab_to(page, target, limit: int = 120) -> None:
    """Press Tab until ``target`` (a locator) has the focus; it must show that it has."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            assert target.evaluate(SHOWS_FOCUS), f"{target} has the focus but does not show it"
            return
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def keyboard_log_in(page, base: str, entry) -> None:
    page.goto(base + "/anmelden")
    tab_to(page, page.get_by_label("E-Mail-Adresse"))
    page.keyboard.type(entry.email)
    tab_to(page, page.get_by_label("Passwort"))
    page.keyboard.type(entry.password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/anmelden" not in url)


def keyboard_log_out(page) -> None:
    page.keyboard.press("Home")
    tab_to(page, page.get_by_role("button", name="Abmelden"))
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Sie sind abgemeldet.")


def test_introduce_and_report_with_the_keyboard_only(app, live_server, page):
    with app.app_context():
        demo.load(db.session, participants=60)
        db.session.commit()
    logins = demo.demo_logins()
    counsellor = next(entry for entry in logins if entry.role == "counsellor")

    # The counsellor opens the openings, one opening's suggestions, and introduces somebody.
    keyboard_log_in(page, live_server, counsellor)
    tab_to(page, page.get_by_role("navigation").get_by_role("link", name="Stellen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/beratung/stellen")
    companies = {entry.note: entry for entry in logins if entry.role == "employer"}
    items = page.locator("main .list-group-item")
    item = next(items.nth(i) for i in range(items.count()) if any(name in items.nth(i).inner_text() for name in companies))
    employer = next(entry for name, entry in companies.items() if name in item.inner_text())  # a company with a demo login
    suggestions = item.get_by_role("link")
    tab_to(page, suggestions)
    page.keyboard.press("Enter")
    page.wait_for_url("**/vorschlaege*")
    opening_id = re.search(r"/stellen/(\d+)/vorschlaege", page.url).group(1)
    card = page.locator("li.card").filter(has=page.get_by_role("button", name="Vorstellen", exact=True)).first
    code = re.match(r"(AH-\d{4}|WH-\d{4})", card.locator("h3").inner_text()).group(1)
    tab_to(page, card.get_by_role("button", name="Vorstellen", exact=True))
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(f"{code} wird dem Betrieb vorgestellt.")
    keyboard_log_out(page)

    # The employer of that opening opens it and reports the interview.
    keyboard_log_in(page, live_server, employer)
    tab_to(page, page.locator(f'main a[href="/betrieb/stellen/{opening_id}"]'))  # titles repeat across a company's openings
    page.keyboard.press("Enter")
    card = page.locator("article.card").filter(has_text=code)
    first_choice = card.get_by_role("radio").first
    tab_to(page, first_choice)
    page.keyboard.press("Space")
    expect(card.get_by_label("Vorstellungsgespräch vereinbart", exact=True)).to_be_checked()
    date = card.get_by_label("Datum (Gespräch oder erster Arbeitstag)")
    tab_to(page, date)
    page.keyboard.type("03032027")  # day and month alike: the field's order follows the browser's language
    assert date.input_value() == "2027-03-03"
    tab_to(page, card.get_by_role("button", name="Melden"))
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Danke! Ihre Rückmeldung ist gespeichert.")
