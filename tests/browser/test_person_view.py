"""On a phone: the counsellor shows a participant their profile in Arabic (right to left) and Romanian."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, page_width, violations
from tests.helpers import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_the_profile_in_the_persons_language_on_a_phone(world, live_server, browser, shots):
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE").new_page()
    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)
    page.goto(f"{live_server}/beratung/teilnehmende/{world.participant_a}")
    page.get_by_role("link", name="Profil für die Person (in ihrer Sprache)").click()
    page.get_by_role("link", name="العربية").click()
    article = page.locator("article")
    expect(article).to_have_attribute("dir", "rtl")
    expect(article).to_contain_text("ملفك الشخصي في KMU-Match")
    assert page_width(page) <= 360
    assert violations(page) == []
    # Issue 25.17: the bullets stand on the right, beside the text, in every list of the Arabic view.
    lists = page.evaluate(
        """() => [...document.querySelectorAll('article ul')].map(ul => {
            const li = ul.querySelector('li'), box = ul.getBoundingClientRect(), text = li.getBoundingClientRect();
            const style = getComputedStyle(ul);
            return {direction: style.direction, right: parseFloat(style.paddingRight), left: parseFloat(style.paddingLeft), gapRight: box.right - text.right};
        })"""
    )
    assert lists and all(found["direction"] == "rtl" and found["right"] > 0 and found["left"] == 0 for found in lists), lists
    page.screenshot(path=str(shots / "1-arabic.png"), full_page=True)
    page.get_by_role("link", name="Română").click()
    expect(article).to_contain_text("Germana dumneavoastră")
    page.screenshot(path=str(shots / "2-romanian.png"), full_page=True)
