"""ESF Plus participant data (issue 16.1, 16.2): entered with the counsellor, apart from the profile,
seen only by the own centre, never by the matcher; exit and the six-month follow-up."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

import matching
from matching import Profile
from models import AuditEvent, EsfRecord, Event, Participant
from models.enums import VOLUNTARY_ESF_FIELDS
from tests.helpers import csrf_token, login
from webapp.core.db import db
from webapp.suggestions.index import profile_record

URL = "/beratung/teilnehmende/{}/esf"
ENTRY = {"e-entered_on": "2026-10-01", "e-gender": "female", "e-birth_year": "1990", "e-labour_status": "long_term_unemployed", "e-education": "isced_0_2"}


def _post(client, world, data: dict):
    url = URL.format(world.participant_a)
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)})


def _events(app, kind: str) -> list[Event]:
    with app.app_context():
        return list(db.session.scalars(select(Event).where(Event.kind == kind)))


def test_the_entry_is_recorded_apart_and_counted_by_category_only(app, client, world, login_as):
    login_as("counsellor_a")
    data = {**ENTRY, "e-voluntary_consent": "y", "e-third_country": "yes", "e-disability": "", "e-submit": "1"}
    assert _post(client, world, data).status_code == 302
    with app.app_context():
        record = db.session.get(EsfRecord, world.participant_a)
        assert record.gender == "female" and record.third_country is True and record.disability is None and record.voluntary_consent_at
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "esf.entry"))
    (entry,) = _events(app, "esf.entry")
    # The categories the indicators count, nothing more: no birth year, no date, no name, and never
    # a special-category answer (those are counted from the record, so a withdrawal removes them for good).
    assert entry.data == {"gender": "female", "age_group": "30_54", "labour_status": "long_term_unemployed", "education": "isced_0_2"}
    assert entry.participant_key
    # A correction is its own event: the entry is counted once.
    assert _post(client, world, {**ENTRY, "e-gender": "diverse", "e-submit": "1"}).status_code == 302
    assert len(_events(app, "esf.entry")) == 1 and len(_events(app, "esf.entry_corrected")) == 1
    with app.app_context():
        record = db.session.get(EsfRecord, world.participant_a)
        assert record.gender == "diverse" and record.voluntary_consent_at is None and record.third_country is None  # consent gone: answers gone


def test_voluntary_answers_need_the_explicit_consent(app, client, world, login_as):
    login_as("counsellor_a")
    page = _post(client, world, {**ENTRY, "e-minority": "yes", "e-submit": "1"}).get_data(as_text=True)
    assert "nur mit ausdrücklicher Einwilligung" in page and 'value="1990"' in page  # nothing lost
    for wrong in ({"e-birth_year": "1850"}, {"e-gender": "other"}, {"e-entered_on": (date.today() + timedelta(days=3)).isoformat()}, {"e-education": "x"}):
        assert _post(client, world, {**ENTRY, **wrong, "e-submit": "1"}).status_code == 200, wrong
    with app.app_context():
        assert not db.session.get(EsfRecord, world.participant_a).has_entry_data


def test_only_the_own_centre_sees_or_writes_it(app, client, world, login_as):
    login_as("counsellor_w")
    assert client.get(URL.format(world.participant_a)).status_code == 404
    assert _post(client, world, {**ENTRY, "e-submit": "1"}).status_code == 404
    for who in (world.employer_user_2, world.admin):
        other = app.test_client()
        login(other, who)
        assert other.get(URL.format(world.participant_a)).status_code == 403
    with app.app_context():
        assert not db.session.get(EsfRecord, world.participant_a).has_entry_data


def test_exit_and_the_follow_up_six_months_later(app, client, world, login_as):
    login_as("counsellor_a")
    _post(client, world, {**ENTRY, "e-submit": "1"})
    before_entry = _post(client, world, {"a-left_on": "2026-09-01", "a-situation": "employed", "a-submit_exit": "1"}).get_data(as_text=True)
    assert "nicht vor dem Eintritt" in before_entry
    left = (date.today() - timedelta(days=200)).isoformat()
    with app.app_context():
        db.session.get(EsfRecord, world.participant_a).entered_on = date.today() - timedelta(days=300)
        db.session.commit()
    assert _post(client, world, {"a-left_on": left, "a-situation": "employed", "a-submit_exit": "1"}).status_code == 302
    (exit_event,) = _events(app, "participant.left")  # the one exit event, whichever screen records it
    assert exit_event.reason == "employed" and exit_event.data == {}
    with app.app_context():
        assert db.session.get(Participant, world.participant_a).status == "left"
    # Saved again: a correction, never a second exit.
    assert _post(client, world, {"a-left_on": left, "a-situation": "education", "a-submit_exit": "1"}).status_code == 302
    assert len(_events(app, "participant.left")) == 1 and _events(app, "participant.exit_corrected")[0].reason == "education"
    start = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "1 Nachbefragung fällig" in start and "AH-0001" in start
    assert _post(client, world, {"n-on": date.today().isoformat(), "n-employed": "yes", "n-submit_follow_up": "1"}).status_code == 302
    assert _events(app, "esf.follow_up")[0].data == {"employed": True}
    assert "Nachbefragung fällig" not in client.get("/beratung/teilnehmende").get_data(as_text=True)


def test_missing_entries_are_counted_for_the_counsellor(app, client, world, login_as):
    login_as("counsellor_a")
    page = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "ESF-Plus-Angaben fehlen bei 1 Teilnehmenden" in page
    listed = client.get("/beratung/teilnehmende?esf=fehlt").get_data(as_text=True)
    assert "AH-0001" in listed
    _post(client, world, {**ENTRY, "e-submit": "1"})
    assert "ESF-Plus-Angaben fehlen" not in client.get("/beratung/teilnehmende").get_data(as_text=True)


def test_the_matcher_never_gets_these_data(app, world):
    names = {"gender", "birth_year", "labour_status", "education", "esf", *VOLUNTARY_ESF_FIELDS}
    assert not names & {f.name for f in dataclasses.fields(Profile)}
    with app.app_context():
        record = profile_record(db.session.get(Participant, world.participant_a))
    assert not names & set(dataclasses.asdict(record))
    source = "\n".join(path.read_text(encoding="utf-8") for path in Path(matching.__file__).parent.rglob("*.py"))
    assert not any(word in source for word in ("birth_year", "EsfRecord", "labour_status", "third_country", "foreign_background", "voluntary_consent"))


def _participants_entered(app) -> dict:
    from webapp.esf import indicators as esf_indicators
    from webapp.stats.figures import Period

    with app.app_context():
        today = date.today().strftime("%Y-%m")
        return esf_indicators.figures(esf_indicators.cells(db.session, Period.months(today)), internal=True)["participants"]


def test_erasure_removes_the_data_and_keeps_the_counts(app, client, world, login_as):
    login_as("counsellor_a")
    _post(client, world, {**ENTRY, "e-submit": "1"})
    before = _participants_entered(app)
    assert before["female"] == 1
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft").get_data(as_text=True)
    assert "ESF-Plus-Angaben" in page and "1990" in page and "langzeitarbeitslos" in page  # in the subject access too
    url = f"/beratung/teilnehmende/{world.participant_a}/loeschen"
    assert client.post(url, data={"confirm": "AH-0001", "csrf_token": csrf_token(client, url)}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EsfRecord)) == 0
    assert len(_events(app, "esf.entry")) == 1 and _participants_entered(app) == before
