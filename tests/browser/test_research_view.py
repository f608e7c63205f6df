"""In Chromium (issue 29): the project lead's outcome view – Kaplan–Meier curves drawn beside their tables – and
the research page are axe-clean and no wider than the screen at 1280 and 360 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in, page_width, violations
from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser


def test_the_outcome_view_is_clean_at_both_widths(app, live_server, browser, shots):
    with app.app_context():
        demo.load(db.session, participants=120)
        db.session.commit()
    admin = next(entry for entry in demo.demo_logins() if entry.role == "admin")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
    log_in(page, live_server, admin.email, admin.password)
    problems = []
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/forschung/verlauf", "/forschung/verlauf?ansicht=intern&gruppe=quarter", "/forschung/"):
            page.goto(live_server + path)
            if "verlauf" in path:
                expect(page.locator("canvas[data-chart-table='table-introduction'][data-drawn]")).to_have_count(1)  # the curve is drawn
            problems += [f"{width} px {path}: {v}" for v in violations(page)]
            if page_width(page) > width:
                problems.append(f"{width} px {path}: wider than the screen")
        page.goto(live_server + "/forschung/verlauf?ansicht=intern")
        page.screenshot(path=str(shots / f"verlauf-{width}.png"), full_page=True)
    assert not problems, "\n".join(problems)
    page.close()
