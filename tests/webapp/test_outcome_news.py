"""Counsellors hear about outcomes (issue 14.2): a list on their start page and one daily digest mail."""

from __future__ import annotations

from sqlalchemy import func, select

from models import OutboxMail, Participant, User
from tests.helpers import csrf_token, login
from webapp.core.db import db


def _report(app, world, intro_id: int, outcome: str, on: str = "", reason: str = "") -> None:
    employer = app.test_client()
    login(employer, world.employer_user_2)
    token = csrf_token(employer, f"/betrieb/stellen/{world.opening_2}")
    data = {"outcome": outcome, "on": on, "reason": reason, "csrf_token": token}
    assert employer.post(f"/betrieb/vorstellungen/{intro_id}/ergebnis", data=data).status_code == 302


def _digests(app, email: str) -> list[OutboxMail]:
    with app.app_context():
        return list(db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == email, OutboxMail.subject.contains("Rückmeldung"))))


def test_reports_are_listed_on_the_counsellors_start_page(app, client, world, login_as):
    _report(app, world, world.introduction_2, "interview", on="2027-01-07")
    login_as("counsellor_a")
    page = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "Neu von Betrieben" in page and "AH-0001" in page and "Vorstellungsgespräch" in page and "07.01.2027" in page
    other = app.test_client()
    login(other, world.counsellor_w)
    assert "Neu von Betrieben" not in other.get("/beratung/teilnehmende").get_data(as_text=True)  # another house's person


def test_one_digest_a_day_for_all_reports_and_none_twice(app, runner, world, login_as, client, add_participant, decide):
    second = add_participant("AH-0002", ["Kasse"])
    with app.app_context():
        db.session.get(Participant, second).counsellor_id = db.session.scalar(select(User.id).where(User.email == world.counsellor_a))
        db.session.commit()
    login_as("counsellor_a")
    decide(world.opening_2, second, "approve")
    with app.app_context():
        from models import Introduction

        second_intro = db.session.scalar(select(Introduction.id).where(Introduction.participant_id == second))
    _report(app, world, world.introduction_2, "interview", on="2027-01-07")
    _report(app, world, second_intro, "not_hired", reason="other")
    assert "1 Sammel-Mails" in runner.invoke(args=["daily"]).output
    mails = _digests(app, world.counsellor_a)
    assert len(mails) == 1
    body = mails[0].body
    assert mails[0].subject == "Rückmeldungen von Betrieben zu 2 Vorstellungen"
    assert "AH-0001" in body and "AH-0002" in body and "07.01.2027" in body and "nicht eingestellt" in body
    assert "Ioana" not in body and "Popa" not in body  # codes only, never names
    runner.invoke(args=["daily"])
    assert len(_digests(app, world.counsellor_a)) == 1  # nothing new: no second mail
    _report(app, world, world.introduction_2, "hired", on="2027-02-01")  # a later report is news again
    runner.invoke(args=["daily"])
    latest = _digests(app, world.counsellor_a)
    assert len(latest) == 2 and "bitte den Austritt bestätigen" in latest[-1].body
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMail).where(OutboxMail.recipient == world.counsellor_w)) == 0
