"""On phones: a company says what its word means, the project accepts it, a counsellor's suggestions change (issue 17)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, page_width, violations
from tests.helpers import TEST_PASSWORD

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "de-DE"}


def _narrow(page) -> None:
    assert page_width(page) <= 360
    assert violations(page) == []


def test_the_vocabulary_learns_on_phones(app, world, live_server, browser, shots, add_participant, bar_opening):
    person = add_participant("AH-0050", ["Bonieren"])
    bar = bar_opening
    # The company: its word "Bonieren" was not understood; it says what it means.
    employer = browser.new_context(**PHONE).new_page()
    log_in(employer, live_server, world.employer_user_2, TEST_PASSWORD)
    look_ups = []  # the words offered while typing: their answers never write the session back (CI, 08.12.)
    employer.on("response", lambda response: "/begriffe?" in response.url and look_ups.append(response.all_headers()))
    employer.goto(f"{live_server}/betrieb/stellen/{bar}")
    employer.get_by_role("link", name="Stimmt etwas nicht? Sagen Sie, was gemeint ist.").click()
    employer.get_by_role("link", name="„Bonieren“ ist nicht gemeint").click()
    employer.get_by_role("button", name="Speichern und dem Projekt vorschlagen").click()
    expect(employer.locator("main")).to_contain_text("Bitte geben Sie an, was gemeint ist")
    employer.get_by_label("Begriff aus dem Wortschatz").press_sequentially("Kasse bed")  # the field offers the vocabulary's words
    expect(employer.locator("#suggest-input-list-0 option[value='Kasse bedienen']")).to_have_count(1)
    employer.get_by_label("Begriff aus dem Wortschatz").fill("Kasse bedienen")
    employer.get_by_role("button", name="Speichern und dem Projekt vorschlagen").click()
    expect(employer.locator("main")).to_contain_text("hier gilt jetzt Ihre Lesart")
    assert look_ups and not any("set-cookie" in headers for headers in look_ups)
    expect(employer.locator("main")).to_contain_text("hier von Hand festgelegt")
    _narrow(employer)
    employer.screenshot(path=str(shots / "1-company-says-what-it-means.png"), full_page=True)
    # The project: reviews the proposal and accepts it for everyone.
    admin = browser.new_context(**PHONE).new_page()
    log_in(admin, live_server, world.admin, TEST_PASSWORD)
    admin.goto(f"{live_server}/admin/wortschatz")
    expect(admin.locator("#vorschlaege")).to_contain_text("„Bonieren“")
    expect(admin.locator("#vorschlaege")).to_contain_text("Betrieb × 1")
    _narrow(admin)
    admin.screenshot(path=str(shots / "2-project-reviews.png"), full_page=True)
    admin.get_by_label("Begründung (optional)").first.fill("so sagen es die Kioske")
    admin.get_by_role("button", name="Übernehmen").click()
    expect(admin.locator("main")).to_contain_text("Übernommen.")
    expect(admin.get_by_role("region", name="Eigener Wortschatz")).to_contain_text("Bonieren")
    # A counsellor: the person whose profile says "Bonieren" is now suggested for the kiosk.
    counsellor = browser.new_context(**PHONE).new_page()
    log_in(counsellor, live_server, world.counsellor_a, TEST_PASSWORD)
    counsellor.goto(f"{live_server}/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0")
    card = counsellor.locator(f"#karte-{person}")
    expect(card).to_contain_text("vom Projekt ergänzt")
    _narrow(counsellor)
    counsellor.screenshot(path=str(shots / "3-counsellor-sees-the-change.png"), full_page=True)


def test_words_are_offered_for_what_was_typed_before_the_script_ran(app, world, live_server, browser, add_participant, bar_opening):
    """On a slow phone the page's script may come after the first letters: the words are offered all the same."""
    add_participant("AH-0051", ["Bonieren"])
    bar = bar_opening
    employer = browser.new_context(**PHONE).new_page()
    log_in(employer, live_server, world.employer_user_2, TEST_PASSWORD)
    look_ups = []  # the words offered while typing: their answers never write the session back (CI, 08.12.)
    employer.on("response", lambda response: "/begriffe?" in response.url and look_ups.append(response.all_headers()))
    employer.route("**/static/suggest.js*", lambda route: route.abort())  # the script has not come yet
    employer.goto(f"{live_server}/betrieb/stellen/{bar}")
    employer.get_by_role("link", name="Stimmt etwas nicht? Sagen Sie, was gemeint ist.").click()
    employer.get_by_role("link", name="„Bonieren“ ist nicht gemeint").click()
    field = employer.get_by_label("Begriff aus dem Wortschatz")
    field.fill("Kasse bed")  # typed before the script (fill, not key by key: a key lost on a loaded CI machine is no finding)
    expect(field).to_have_value("Kasse bed")
    expect(employer.locator("datalist option")).to_have_count(0)
    employer.unroute("**/static/suggest.js*")
    employer.add_script_tag(url=employer.locator("script[src*='suggest.js']").get_attribute("src"))  # now it runs
    expect(employer.locator("#suggest-input-list-0 option[value='Kasse bedienen']")).to_have_count(1)
    expect(field).to_have_value("Kasse bed")


def test_a_pair_that_shares_only_the_object_asks_to_check_the_task_on_a_phone(app, world, live_server, browser, shots, add_participant, add_opening):
    """„Bekleidungsprodukte herstellen ← Bekleidungsprodukte untersuchen“: the card does not call the two „ähnlich“, it
    names the shared object and asks to check the task (issue 25.1); twice, the second time after a reload."""
    person = add_participant("AH-0051", ["Bekleidungsprodukte untersuchen"])
    opening = add_opening("Näherei", "Bekleidungsprodukte herstellen")
    counsellor = browser.new_context(**PHONE).new_page()
    log_in(counsellor, live_server, world.counsellor_a, TEST_PASSWORD)
    for _ in range(2):
        counsellor.goto(f"{live_server}/beratung/stellen/{opening}/vorschlaege?mindestens=0")
        card = counsellor.locator(f"#karte-{person}")
        expect(card).to_contain_text("gleicher Gegenstand, Tätigkeit bitte prüfen: „Bekleidungsprodukte“")
        expect(card).not_to_contain_text("(ähnliche Wörter")
        _narrow(counsellor)
    card.screenshot(path=str(shots / "object-pair-card-360.png"))
