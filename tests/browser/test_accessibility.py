"""WCAG 2.1 A/AA on every page each role reaches, at 1280 and 360 px, checked by axe-core in Chromium;
and no page wider than the screen.

The pages come from the same walk as the plain-language test (one page of each kind,
as each role, from its start page); pages that only a wrong entry shows (a form with
errors, an import with faulty rows) are opened on purpose. A serious or critical
violation fails the test, with the rule, how often, and where.
"""

from __future__ import annotations

import io

import pytest

from tests.browser.pages import log_in as browser_log_in
from tests.browser.pages import page_width, violations
from tests.helpers import csrf_token
from tests.site_walk import load_demo, log_in, walk

pytestmark = pytest.mark.browser

WIDTHS = (1280, 360)


def check(page, base: str, urls) -> list[str]:
    failures = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(base + url)
            failures += [f"{width} px {url}: {found}" for found in violations(page)]
            wide = page_width(page)
            if wide > width:  # a phone would have to scroll sideways to read the page
                failures.append(f"{width} px {url}: the page is {wide} px wide")
    return failures


@pytest.fixture
def demo_site(app):
    return load_demo(app)


@pytest.mark.parametrize("role", ["anonymous", "admin", "counsellor", "employer"])
def test_every_page_a_role_reaches_passes_axe(app, client, live_server, page, demo_site, role):
    start = "/anmelden" if role == "anonymous" else log_in(client, demo_site[role])
    urls = list(walk(app, client, start, per_kind=1))
    if role != "anonymous":
        browser_log_in(page, live_server, demo_site[role].email, demo_site[role].password)
        page.wait_for_url(lambda url: "/anmelden" not in url)
    failures = check(page, live_server, urls)
    assert not failures, f"{len(urls)} pages; violations:\n" + "\n".join(failures)


def test_pages_with_errors_pass_axe(app, client, live_server, page, demo_site):
    """The import preview with faulty rows and a form sent with mistakes, as they are shown."""
    log_in(client, demo_site["counsellor"])
    faulty = b"Vorname;Nachname;Deutsch;PLZ\nAna;Lupu;Z9;58089\n;Petrov;A2;1\nIon;Popa;B1;58095\n"
    upload = {"datei": (io.BytesIO(faulty), "liste.csv"), "csrf_token": csrf_token(client, "/beratung/import")}
    preview = client.post("/beratung/import", data=upload, content_type="multipart/form-data").headers["Location"]
    browser_log_in(page, live_server, demo_site["counsellor"].email, demo_site["counsellor"].password)
    page.wait_for_url(lambda url: "/anmelden" not in url)
    failures = check(page, live_server, [preview])
    page.goto(live_server + "/beratung/teilnehmende/neu")
    page.get_by_role("button", name="Speichern").first.click()  # nothing filled in: the form shows its errors
    page.wait_for_load_state()
    assert page.locator(".invalid-feedback, .alert-danger").count() > 0, "the empty form was not refused"
    failures += [f"form with errors: {found}" for found in violations(page)]
    assert not failures, "\n".join(failures)


def test_the_pages_the_outside_test_named_pass_axe(app, client, live_server, page, demo_site):
    """Issue 25.19: the term-correction form with a term chosen, a mail of the outbox and the vocabulary page,
    at both widths – pages a walk of one page per kind can miss."""
    from sqlalchemy import select

    from models import OutboxMail, Participant, ParticipantSkill, User
    from webapp.core.db import db

    with app.app_context():
        long_line = "Guten Tag, " + "eine sehr lange Zeile ohne Umbruch " * 12
        sent = OutboxMail(recipient="beratung@altenhagen.example", subject="Rückmeldungen von Betrieben", body=long_line + "\n\nKMU-Match")
        db.session.add(sent)
        centre = db.session.scalar(select(User.centre_id).where(User.email == demo_site["counsellor"].email))
        person, term = db.session.execute(
            select(Participant.id, ParticipantSkill.term).join(ParticipantSkill).where(Participant.centre_id == centre).limit(1)
        ).one()
        db.session.commit()
        mail = sent.id
    failures = []
    browser_log_in(page, live_server, demo_site["admin"].email, demo_site["admin"].password)
    page.wait_for_url(lambda url: "/anmelden" not in url)
    failures += check(page, live_server, ["/admin/wortschatz", f"/admin/postausgang/{mail}"])
    page.context.clear_cookies()
    browser_log_in(page, live_server, demo_site["counsellor"].email, demo_site["counsellor"].password)
    page.wait_for_url(lambda url: "/anmelden" not in url)
    failures += check(page, live_server, [f"/beratung/teilnehmende/{person}/lesart?begriff={term}"])
    assert not failures, "\n".join(failures)
