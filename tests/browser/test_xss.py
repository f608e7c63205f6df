"""Script in every text field renders as harmless text in Chromium (escaping plus a CSP without inline scripts)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from models import Employer, Opening, OpeningSkill, Participant, ParticipantSkill
from tests.browser.pages import log_in
from tests.helpers import TEST_PASSWORD
from webapp.core.db import db
from webapp.suggestions.index import touch

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert('xss1')</script>",
    '"><img src=x onerror="alert(\'xss2\')">',
    "<svg onload=alert('xss3')>",
    "javascript:alert('xss4')",
]


def test_stored_payloads_stay_text(app, world, live_server, browser, shots):
    with app.app_context():
        employer = db.session.get(Employer, world.employer_2)
        employer.name = PAYLOADS[2]
        opening = db.session.get(Opening, world.opening_2)
        opening.title, opening.description = PAYLOADS[0], PAYLOADS[1]
        opening.skills.append(OpeningSkill(kind="required", term=PAYLOADS[3], position=1))
        touch(db.session, opening)
        p = db.session.get(Participant, world.participant_a)
        p.identity.first_name, p.identity.notes = PAYLOADS[1], PAYLOADS[0]
        p.skills.append(ParticipantSkill(term=PAYLOADS[2], position=1))
        touch(db.session, p)
        db.session.commit()
    dialogs: list[str] = []

    def fresh_page():
        """A new browser context per person: no cookie of the one before."""
        new = browser.new_context(locale="de-DE").new_page()
        new.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        return new

    page = fresh_page()

    log_in(page, live_server, world.counsellor_a, TEST_PASSWORD)
    for path in (
        f"/beratung/teilnehmende/{world.participant_a}",
        f"/beratung/stellen/{world.opening_2}/vorschlaege",
        "/beratung/stellen",
        "/beratung/vorstellungen",
    ):
        page.goto(live_server + path)
        expect(page.locator("main")).to_be_visible()
    expect(page.locator("main")).to_contain_text(PAYLOADS[0])  # the opening title, shown as text
    page.screenshot(path=str(shots / "counsellor.png"), full_page=True)
    page.context.close()
    page = fresh_page()

    log_in(page, live_server, world.employer_user_2, TEST_PASSWORD)
    page.goto(live_server + f"/betrieb/stellen/{world.opening_2}")
    expect(page.locator("h1")).to_have_text(PAYLOADS[0])
    expect(page.locator("main")).to_contain_text(PAYLOADS[1])  # the candidate's first name, shown as text
    page.goto(live_server + "/betrieb/stellen")
    page.context.close()
    page = fresh_page()

    log_in(page, live_server, world.admin, TEST_PASSWORD)
    page.goto(live_server + "/admin/betriebe")
    expect(page.locator("main")).to_contain_text(PAYLOADS[2])
    page.context.close()
    assert dialogs == []
