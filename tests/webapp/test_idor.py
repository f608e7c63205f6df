"""IDOR: every route that names an object refuses somebody of the right role who does not own it.

Counsellors own the participants of their centre (and those participants'
introductions); companies own their openings and the introductions to them.
The employer blueprint's opening routes have their own table in
test_employers.py; this walk covers the counsellor blueprint and the
employer's outcome report, and checks that nothing changed afterwards.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import ConsentRecord, Erasure, Introduction, Participant
from tests.helpers import csrf_token, login
from webapp.core.db import db

COUNSELLOR_ROUTES = [
    ("GET", "/beratung/teilnehmende/{p}"),
    ("GET", "/beratung/teilnehmende/{p}/bearbeiten"),
    ("POST", "/beratung/teilnehmende/{p}/bearbeiten"),
    ("POST", "/beratung/teilnehmende/{p}/einwilligung"),
    ("GET", "/beratung/teilnehmende/{p}/auskunft"),
    ("GET", "/beratung/teilnehmende/{p}/auskunft.json"),
    ("GET", "/beratung/teilnehmende/{p}/loeschen"),
    ("POST", "/beratung/teilnehmende/{p}/loeschen"),
    ("GET", "/beratung/vorstellungen/{i}"),
]

# Everything a form on these routes could carry, valid for the owner.
FORM = {
    "first_name": "Eve",
    "last_name": "Mallory",
    "german_level": "C2",
    "status": "left",
    "skills": "Kasse",
    "version": "1",
    "scope": "skills",
    "withdraw": "1",
    "confirm": "AH-0001",
    "outcome": "hired",
    "on": "2026-12-01",
}


def _state(app, world):
    with app.app_context():
        s = db.session
        p = s.get(Participant, world.participant_a)
        return (
            p.identity.first_name,
            p.german_level,
            p.status,
            p.version,
            s.scalar(select(func.count()).select_from(ConsentRecord).where(ConsentRecord.withdrawn_at.is_(None))),
            s.get(Introduction, world.introduction_2).status,
            s.scalar(select(func.count()).select_from(Erasure)),
        )


@pytest.mark.parametrize(("method", "route"), COUNSELLOR_ROUTES)
def test_a_counsellor_of_the_other_centre_gets_404(app, client, world, login_as, method, route):
    before = _state(app, world)
    login_as("counsellor_w")
    url = route.format(p=world.participant_a, i=world.introduction_2)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={**FORM, "csrf_token": csrf_token(client, "/konto/passwort")})
    assert response.status_code == 404
    assert _state(app, world) == before


def test_the_owner_reaches_the_same_routes(client, world, login_as):
    """The other side of the walk: the refusals above are about ownership, not broken routes."""
    login_as("counsellor_a")
    for method, route in COUNSELLOR_ROUTES:
        if method == "GET":
            assert client.get(route.format(p=world.participant_a, i=world.introduction_2)).status_code == 200, route


def test_another_company_cannot_report_an_outcome(app, world):
    before = _state(app, world)
    other = app.test_client()
    login(other, world.employer_user_1)
    token = csrf_token(other, "/konto/passwort")
    response = other.post(f"/betrieb/vorstellungen/{world.introduction_2}/ergebnis", data={**FORM, "csrf_token": token})
    assert response.status_code == 404
    assert _state(app, world) == before
    # and the company sees nothing of the candidate on its own pages
    assert "Ioana" not in other.get("/betrieb/stellen").get_data(as_text=True)


def test_the_same_post_by_the_owner_does_change_things(app, client, world, login_as):
    """The forms of the walk are valid: posted by the owner, they take effect."""
    login_as("counsellor_a")
    token = csrf_token(client, "/konto/passwort")
    assert client.post(f"/beratung/teilnehmende/{world.participant_a}/einwilligung", data={**FORM, "csrf_token": token}).status_code == 302
    assert client.post(f"/beratung/teilnehmende/{world.participant_a}/loeschen", data={**FORM, "csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is None
