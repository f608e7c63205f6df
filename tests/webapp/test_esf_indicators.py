"""ESF Plus indicators (issue 16.3): exact figures for a hand-built history; closed periods never change;
the published figures go through the cell-key method; admins only (erasure: tests/webapp/test_esf.py)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from models import EsfRecord, Event, Participant
from tests.helpers import login
from webapp.core.db import db
from webapp.esf import indicators as esf_indicators
from webapp.stats.figures import Cell, Period


def _event(kind, key, when, data, centre_id, reason=None):
    db.session.add(Event(kind=kind, participant_key=key, centre_id=centre_id, data=data, occurred_at=when, reason=reason))


@pytest.fixture
def history(app, world):
    """Five people of two centres enter in October 2025 (one without ESF data), two leave in November, one is in work in May.

    k1 is the world's participant: her special-category answer is in her record, never in an event.
    """
    oct_, nov, dec, may = (
        datetime(2025, 10, 5, 10, tzinfo=UTC),
        datetime(2025, 11, 9, 10, tzinfo=UTC),
        datetime(2025, 12, 2, 10, tzinfo=UTC),
        datetime(2026, 5, 20, 10, tzinfo=UTC),
    )
    base = {"age_group": "30_54", "labour_status": "unemployed", "education": "isced_0_2"}
    with app.app_context():
        record = db.session.get(EsfRecord, world.participant_a)
        record.voluntary_consent_at, record.third_country = oct_, True
        k1 = db.session.get(Participant, world.participant_a).stats_key
        for key, centre in ((k1, world.centre_a), ("k2", world.centre_a), ("k3", world.centre_w), ("k4", world.centre_w), ("k5", world.centre_w)):
            _event("participant.entered", key, oct_, {}, centre)
        _event("esf.entry", k1, oct_, {**base, "gender": "female", "labour_status": "long_term_unemployed"}, world.centre_a)
        _event("esf.entry", "k2", oct_, {**base, "gender": "female", "age_group": "18_29"}, world.centre_a)
        _event("esf.entry", "k3", oct_, {**base, "gender": "male", "education": "isced_3_4"}, world.centre_w)
        _event("esf.entry", "k4", oct_, {**base, "gender": "diverse", "labour_status": "inactive", "age_group": "55_plus"}, world.centre_w)
        _event("participant.left", k1, nov, {}, world.centre_a, reason="employed")
        _event("participant.left", "k3", nov, {}, world.centre_w, reason="job_searching")
        # In December, k2's entry is corrected (she was long-term unemployed after all), and k3's exit: he went to school.
        _event("esf.entry_corrected", "k2", dec, {**base, "gender": "female", "age_group": "18_29", "labour_status": "long_term_unemployed"}, world.centre_a)
        _event("participant.exit_corrected", "k3", dec, {}, world.centre_w, reason="education")
        _event("esf.follow_up", k1, may, {"employed": True}, world.centre_a)
        db.session.commit()
    return world


def _exact(app, period, centre_id=None):
    with app.app_context():
        return esf_indicators.figures(esf_indicators.cells(db.session, period, centre_id), internal=True)


def test_exact_indicators_for_a_hand_built_history(app, history):
    october = _exact(app, Period.months("2025-10"))
    assert october["participants"] == {"female": 2, "male": 1, "diverse": 1, "unknown": 1, "total": 5}
    assert october["unemployed"] == {"female": 2, "male": 1, "diverse": 0, "unknown": 0, "total": 3}
    assert october["long_term_unemployed"]["total"] == 1  # the December correction does not reach back into a closed October
    assert october["inactive"]["diverse"] == 1 and october["inactive"]["total"] == 1
    assert october["age_18_29"]["female"] == 1 and october["age_55_plus"]["diverse"] == 1
    assert october["isced_3_4"]["male"] == 1
    assert october["third_country"] == {"female": 1, "male": 0, "diverse": 0, "unknown": 0, "total": 1}  # from her record
    assert october["exits"]["total"] == 0
    november = _exact(app, Period.months("2025-11"))
    assert november["exit_job_searching"]["male"] == 1 and november["exit_education"]["total"] == 0  # as reported in November
    q4 = _exact(app, Period.quarter(2025, 4))
    assert q4["participants"]["total"] == 5 and q4["long_term_unemployed"]["female"] == 2  # a report about Q4 sees the correction
    assert q4["exits"] == {"female": 1, "male": 1, "diverse": 0, "unknown": 0, "total": 2}
    assert q4["exit_employed"]["female"] == 1 and q4["exit_education"]["male"] == 1 and q4["exit_job_searching"]["total"] == 0
    assert _exact(app, Period.year(2026))["employed_six_months"] == {"female": 1, "male": 0, "diverse": 0, "unknown": 0, "total": 1}
    assert _exact(app, Period.months("2025-10"), history.centre_w)["participants"] == {"female": 0, "male": 1, "diverse": 1, "unknown": 1, "total": 3}


def test_a_withdrawn_consent_removes_the_voluntary_answers_from_every_report(app, history):
    with app.app_context():
        db.session.get(EsfRecord, history.participant_a).voluntary_consent_at = None
        db.session.commit()
    assert _exact(app, Period.months("2025-10"))["third_country"]["total"] == 0


def test_the_statistics_page_and_the_indicators_count_the_same_entries_and_exits(app, history):
    from webapp.stats.figures import compute

    for period in (Period.months("2025-10"), Period.months("2025-11"), Period.quarter(2025, 4)):
        with app.app_context():
            figures = compute(db.session, period)
        indicators = _exact(app, period)
        assert figures["participants_new"] == indicators["participants"]["total"]
        assert figures["participants_left"] == indicators["exits"]["total"]
        assert figures["participants_left_employed"] == indicators["exit_employed"]["total"]


def test_published_figures_use_the_cell_key_method(app, history):
    with app.app_context():
        table = esf_indicators.cells(db.session, Period.months("2025-10"))
        published = esf_indicators.figures(table, internal=False)
    assert all(value not in (1, 2) for row in published.values() for value in row.values())  # 1 and 2 never shown
    assert isinstance(table["participants"]["total"], Cell)


def test_only_admins_see_the_indicators_and_exports(app, client, history, login_as):
    for who in ("counsellor_a", "employer_user_2"):
        other = app.test_client()
        login(other, getattr(history, who))
        assert other.get("/statistik/esf?monat=2026-10").status_code == 403
        assert other.get("/statistik/esf.csv?monat=2026-10").status_code == 403
    login_as("admin")
    page = client.get("/statistik/esf?monat=2025-10&ansicht=intern").get_data(as_text=True)
    assert "Teilnehmende (Eintritte)" in page and "Frauen" in page and "ohne Angabe" in page and "Intern: exakte Zahlen" in page
    assert "/statistik/begriffe" in page  # the definitions, one click away
    exported = client.get("/statistik/esf.csv?monat=2025-10&ansicht=intern").data.decode("utf-8-sig")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(exported), delimiter=";") if row}
    assert rows["Teilnehmende (Eintritte)"] == ["2", "1", "1", "1", "5"]
    assert client.get("/statistik/esf.pdf").status_code == 404
    assert client.get("/statistik/esf?monat=2026-13").status_code == 400


def test_a_worker_keeps_the_table_until_what_it_counts_changes(app, history):
    """The pages and the API keep a period's table per worker: unchanged by other events, made again after a
    counted event (even one of a past month, as a restore adds) or a changed ESF record, never stale."""
    from webapp.stats.figures import HistoryCache

    cache = HistoryCache()
    october = Period.months("2025-10")

    def kept():
        with app.app_context():
            return esf_indicators.cells(db.session, october, cache=cache)

    first = kept()
    assert kept() is first  # kept
    with app.app_context():
        _event("suggestions.shown", None, datetime(2025, 10, 6, tzinfo=UTC), {"count": 3}, history.centre_a)  # not counted here
        db.session.commit()
    assert kept() is first
    with app.app_context():
        _event("participant.entered", "k6", datetime(2025, 10, 7, tzinfo=UTC), {}, history.centre_a)
        db.session.commit()
    assert kept()["participants"]["total"].count == 6
    with app.app_context():
        _event("participant.entered", "k7", datetime(2025, 12, 7, tzinfo=UTC), {}, history.centre_a)  # after October
        db.session.commit()
    assert kept()["participants"]["total"].count == 6
    with app.app_context():
        db.session.get(EsfRecord, history.participant_a).voluntary_consent_at = None
        db.session.commit()
    assert kept()["third_country"]["total"].count == 0
    with app.app_context():
        assert kept() == esf_indicators.cells(db.session, october)  # what it would count afresh
