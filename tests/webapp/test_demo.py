"""The demo data: loaded once into an empty database, with working logins."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Business, BusinessActivity, BusinessNeed, Centre, ConsentRecord, Employer, Event, Opening, Participant, ParticipantIdentity, User
from tests.helpers import login
from webapp import demo
from webapp.core.db import db


def test_demo_data_fills_an_empty_database_and_only_once(app, runner):
    result = runner.invoke(args=["demo-data", "--if-empty", "--participants", "60"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert count(Centre) == 2
        assert count(Employer) == 20
        # 40 current openings (2 per company) plus 3-6 past ones for each of the last six months
        assert 40 + 18 <= count(Opening) <= 40 + 36
        assert count(Participant) == 60
        assert count(ParticipantIdentity) == 60
        assert count(User) == 1 + 4 + 20
        assert db.session.scalar(select(func.count()).select_from(ConsentRecord)) > 30
        # several languages besides German, and a spread of German levels
        levels = set(db.session.scalars(select(Participant.german_level)))
        assert {"A1", "A2", "B1"} <= levels
    with app.app_context():
        months = {e.occurred_at.strftime("%Y-%m") for e in db.session.scalars(select(Event))}
        kinds = set(db.session.scalars(select(Event.kind)))
    assert len(months) >= 6  # several months of history for the statistics
    assert {"participant.entered", "opening.published", "introduction.approved", "introduction.rejected", "introduction.hired"} <= kinds
    again = runner.invoke(args=["demo-data", "--if-empty"])
    assert again.exit_code == 0 and "nicht geladen" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Participant)) == 60
    refused = runner.invoke(args=["demo-data"])
    assert refused.exit_code != 0


def test_every_printed_demo_login_works(app, runner):
    app.config["LOGIN_RATE_LIMIT"] = app.config["ACCOUNT_RATE_LIMIT"] = "1000 per minute"  # 25 logins from one address
    runner.invoke(args=["demo-data", "--participants", "10"])
    printed = runner.invoke(args=["demo-logins"]).output
    logins = demo.demo_logins()
    roles = [entry.role for entry in logins]
    assert roles.count("admin") >= 1 and roles.count("employer") >= 2
    with app.app_context():
        centres = {u.centre.slug for u in db.session.scalars(select(User).where(User.role == "counsellor"))}
    assert centres == {"altenhagen", "wehringhausen"}
    for entry in logins:
        assert entry.email in printed and entry.password in printed
        client = app.test_client()
        response = login(client, entry.email, entry.password)
        assert response.status_code == 302, entry.email
        assert client.get("/konto/passwort").status_code == 200


def test_the_readme_lists_the_demo_logins():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    logins = demo.demo_logins()
    shown = [e for e in logins if e.role != "employer"] + [e for e in logins if e.role == "employer"][:4]  # the rest: flask demo-logins
    for entry in shown:
        assert f"`{entry.email}`" in readme and f"`{entry.password}`" in readme


def test_demo_employers_see_only_their_own_openings(app, runner):
    runner.invoke(args=["demo-data", "--participants", "10"])
    entry = next(entry for entry in demo.demo_logins() if entry.role == "employer")
    client = app.test_client()
    login(client, entry.email, entry.password)
    page = client.get("/betrieb/stellen").get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == entry.email))
        own = set(db.session.scalars(select(Opening.title).where(Opening.employer_id == user.employer_id)))
        others = set(db.session.scalars(select(Opening.title).where(Opening.employer_id != user.employer_id))) - own
    assert all(title in page for title in own)
    assert not any(title in page for title in others)


def test_demo_skills_are_stored_as_typed_and_as_understood(app, runner):
    from models import OpeningSkill, ParticipantSkill

    runner.invoke(args=["demo-data", "--participants", "20"])
    with app.app_context():
        skill = db.session.scalar(select(OpeningSkill).where(OpeningSkill.term == "Staplerschein"))
        assert skill.skill_id.startswith("esco:") and skill.match_how == "synonym" and skill.confidence > 0.9
        unknown = db.session.scalar(select(func.count()).select_from(ParticipantSkill).where(ParticipantSkill.skill_id.is_(None)))
        assert unknown == 0


def test_the_demo_has_esf_plus_data_for_most_people(app, runner):
    from models import EsfRecord, Event, Participant

    runner.invoke(args=["demo-data", "--participants", "40"])
    with app.app_context():
        people = db.session.scalar(select(func.count()).select_from(Participant))
        records = db.session.scalar(select(func.count()).select_from(EsfRecord))
        with_data = db.session.scalar(select(func.count()).select_from(EsfRecord).where(EsfRecord.gender.is_not(None)))
        entries = db.session.scalar(select(func.count()).select_from(Event).where(Event.kind == "esf.entry"))
    assert records == people  # everybody has a participation record from the entry on
    assert 0.6 * people <= with_data < people and entries == with_data  # some lack the ESF data, as in real work


def test_the_demo_has_a_believable_history_of_work_with_businesses(app, runner):
    """Issue 28: the 20 demo companies with their way from the first visit, a dozen prospects without an account,
    contacts spread over months, needs, one step due for the start page, and the stages as events."""
    runner.invoke(args=["demo-data", "--participants", "40"])
    with app.app_context():
        businesses = db.session.scalars(select(Business)).all()
        with_account = [b for b in businesses if b.employer_id is not None]
        prospects = [b for b in businesses if b.employer_id is None]
        assert len(with_account) == 20 and len(prospects) >= 12
        assert {b.stage for b in with_account} <= {"cooperating", "hiring"}
        assert {"known", "approached", "interested", "dormant"} <= {b.stage for b in prospects}
        assert all(b.activities for b in with_account) and all(b.contacts for b in businesses)
        activities = db.session.scalars(select(BusinessActivity)).all()
        assert {"visit", "call", "mail", "event"} <= {a.kind for a in activities}
        assert len({a.contact_date.strftime("%Y-%m") for a in activities}) >= 5  # half a year of contacts
        assert any(a.next_due and a.next_done_at is None for a in activities)  # something is due
        assert db.session.scalar(select(func.count()).select_from(BusinessNeed).where(BusinessNeed.opening_id.is_not(None))) >= 15
        stages = db.session.scalar(select(func.count()).select_from(Event).where(Event.kind == "business.stage"))
        assert stages >= 20 * 4 + 12  # every company went known -> approached -> interested -> cooperating
