"""The daily run: openings expire after their time, reminders go out once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from models import Event, Introduction, Opening, OutboxMail, utcnow
from webapp.core.db import db


def mails(app, like):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(OutboxMail).where(OutboxMail.subject.like(like)))


def test_an_opening_expires_after_its_time(app, runner, world):
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        opening.expires_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    assert "1 Stellen abgelaufen" in runner.invoke(args=["daily"]).output
    with app.app_context():
        assert db.session.get(Opening, world.opening_2).status == "closed"
        assert db.session.scalar(select(Event.kind).where(Event.opening_id == world.opening_2)) == "opening.expired"
    assert "0 Stellen abgelaufen" in runner.invoke(args=["daily"]).output


def test_a_reminder_a_week_before_expiry_goes_out_once(app, runner, world):
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        opening.expires_at = utcnow() + timedelta(days=5)
        db.session.commit()
    runner.invoke(args=["daily"])
    runner.invoke(args=["daily"])
    assert mails(app, "Ihre Stelle%läuft bald ab") == 1
    with app.app_context():
        assert db.session.get(Opening, world.opening_2).status == "open"


def test_an_outcome_is_asked_for_after_14_days_once(app, runner, world):
    runner.invoke(args=["daily"])
    assert mails(app, "Wie ist es mit der Vorstellung%") == 0
    with app.app_context():
        intro = db.session.get(Introduction, world.introduction_2)
        intro.decided_at = utcnow() - timedelta(days=15)
        db.session.commit()
    assert "1 Nachfragen" in runner.invoke(args=["daily"]).output
    runner.invoke(args=["daily"])
    assert mails(app, "Wie ist es mit der Vorstellung%") == 1
