"""One state machine for introductions: every allowed change happens once, every other one is refused."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from models import DECISION_STATUSES, INTRODUCTION_TRANSITIONS, Event, Introduction
from models.enums import INTRODUCTION_STATUSES
from tests.helpers import csrf_token
from tests.models.test_transitions import EXPECTED
from webapp.core.db import db
from webapp.introductions.operations import OUTCOME_FROM, move, report_outcome, withdraw


def test_the_table_names_every_status_and_nothing_else():
    assert set(INTRODUCTION_TRANSITIONS) == set(INTRODUCTION_STATUSES)
    assert all(set(following) <= set(INTRODUCTION_STATUSES) for following in INTRODUCTION_TRANSITIONS.values())
    reachable = set(DECISION_STATUSES) | {s for following in INTRODUCTION_TRANSITIONS.values() for s in following}
    assert reachable == set(INTRODUCTION_STATUSES)  # every status is produced by something
    assert OUTCOME_FROM == {"interview": ("approved",), "hired": ("approved", "interview"), "not_hired": ("approved", "interview")}


@pytest.mark.parametrize("start, target", list(itertools.product(INTRODUCTION_STATUSES, INTRODUCTION_STATUSES)))
def test_every_change_is_allowed_exactly_as_the_table_says(app, world, start, target):
    with app.test_request_context():
        intro = db.session.get(Introduction, world.introduction_2)
        db.session.execute(Introduction.__table__.update().where(Introduction.id == intro.id).values(status=start))
        db.session.refresh(intro)
        allowed = (start, target) in EXPECTED[Introduction]  # written out in tests/models/test_transitions.py
        assert move(intro, target) is allowed
        assert intro.status == (target if allowed else start)
        assert move(intro, target) is False  # never twice


def test_a_counsellor_withdraws_a_hire_and_the_company_no_longer_sees_the_person(app, client, world, login_as):
    with app.test_request_context():
        intro = db.session.get(Introduction, world.introduction_2)
        assert report_outcome(intro, "hired")
        db.session.commit()
    employer = app.test_client()
    from tests.helpers import login

    login(employer, world.employer_user_2)
    assert "AH-0001" in employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    login_as("counsellor_a")
    url = f"/beratung/vorstellungen/{world.introduction_2}/zurueckziehen"
    token = csrf_token(client, f"/beratung/vorstellungen/{world.introduction_2}")
    assert client.post(url, data={"csrf_token": token}).status_code == 302
    assert "nicht (mehr) zurückgezogen" in client.post(url, data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Introduction, world.introduction_2).status == "withdrawn"
        assert db.session.scalar(select(Event.kind).where(Event.kind == "introduction.withdrawn")) == "introduction.withdrawn"
    assert "AH-0001" not in employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)


def test_the_other_centre_cannot_withdraw(app, client, world, login_as):
    login_as("counsellor_w")
    token = csrf_token(client, "/konto/passwort")
    assert client.post(f"/beratung/vorstellungen/{world.introduction_2}/zurueckziehen", data={"csrf_token": token}).status_code == 404
    with app.app_context():
        assert db.session.get(Introduction, world.introduction_2).status == "approved"


def test_withdraw_needs_a_state_that_allows_it(app, world):
    with app.test_request_context():
        intro = db.session.get(Introduction, world.introduction_2)
        assert report_outcome(intro, "not_hired", reason="other")
        assert withdraw(intro) is False and intro.status == "not_hired"
