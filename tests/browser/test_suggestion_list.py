"""On a phone: a counsellor works through the suggestions of an opening, card by card."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, page_width
from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser


def test_working_through_the_suggestions_on_a_phone(app, live_server, browser, shots):
    with app.app_context():
        demo.load(db.session, participants=120)
        db.session.commit()
    counsellor = next(entry for entry in demo.demo_logins() if entry.role == "counsellor")
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="de-DE")
    log_in(page, live_server, counsellor.email, counsellor.password)
    page.goto(live_server + "/beratung/stellen")
    page.locator("main .list-group-item a").first.click()
    page.wait_for_url("**/vorschlaege*")
    cards = page.locator("li.card")
    expect(cards.first).to_be_visible()  # the click only waits until the answer starts to arrive
    assert 0 < cards.count() <= 10
    height = page.evaluate("document.documentElement.scrollHeight")
    assert page_width(page) <= 360
    page.screenshot(path=str(shots / "1-suggestions-360px.png"), full_page=True)

    # Own people carry their name and a link to the profile.
    own = cards.filter(has=page.get_by_role("button", name="Vorstellen", exact=True))
    expect(own.first.locator("h3 a")).to_have_attribute("href", re.compile(r"/beratung/teilnehmende/\d+$"))

    # Decide about the first own card: the page comes back with the focus on the card after it.
    first = own.first
    following_id = page.evaluate("(c) => { const n = c.nextElementSibling; return n ? n.id : null; }", first.element_handle())
    first.get_by_label("Grund (bei Ablehnung)").select_option(index=1)
    first.get_by_role("button", name="Nicht vorstellen").click()
    expect(page.locator("main")).to_contain_text("wird nicht vorgestellt")
    assert following_id, "the first own card was the last one; the demo data should give more"
    # (an assertion that waits: the flash message can be in the page before the script at its end has run)
    expect(page.locator(f"#{following_id}")).to_be_focused()
    page.screenshot(path=str(shots / "2-after-decision.png"))
    print(f"suggestions page at 360 px: {height} px tall")
