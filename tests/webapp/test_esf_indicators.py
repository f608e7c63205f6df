"""ESF Plus indicators (issue 16.3): exact figures for a hand-built history; closed periods never change;
the published figures go through the cell-key method; admins only (erasure: tests/webapp/test_esf.py)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from models import Event
from tests.conftest import login
from webapp.db import db
from webapp.stats import esf_indicators
from webapp.stats.figures import Cell, Period


def _event(kind, key, when, data, centre_id):
    db.session.add(Event(kind=kind, participant_key=key, centre_id=centre_id, data=data, occurred_at=when))


@pytest.fixture
def history(app, world):
    """Four people of two centres enter in October 2026, two leave in November, one is in work in May."""
    oct_, nov, dec, may = (
        datetime(2026, 10, 5, 10, tzinfo=UTC),
        datetime(2026, 11, 9, 10, tzinfo=UTC),
        datetime(2026, 12, 2, 10, tzinfo=UTC),
        datetime(2027, 5, 20, 10, tzinfo=UTC),
    )
    base = {"age_group": "30_54", "labour_status": "unemployed", "education": "isced_0_2"}
    with app.app_context():
        _event("esf.entry", "k1", oct_, {**base, "gender": "female", "labour_status": "long_term_unemployed", "third_country": True}, world.centre_a)
        _event("esf.entry", "k2", oct_, {**base, "gender": "female", "age_group": "18_29"}, world.centre_a)
        _event("esf.entry", "k3", oct_, {**base, "gender": "male", "education": "isced_3_4"}, world.centre_w)
        _event("esf.entry", "k4", oct_, {**base, "gender": "diverse", "labour_status": "inactive", "age_group": "55_plus"}, world.centre_w)
        _event("esf.exit", "k1", nov, {"gender": "female", "situation": "employed"}, world.centre_a)
        _event("esf.exit", "k3", nov, {"gender": "male", "situation": "job_searching"}, world.centre_w)
        # In December, k2's entry is corrected (she was long-term unemployed after all).
        _event("esf.entry_corrected", "k2", dec, {**base, "gender": "female", "age_group": "18_29", "labour_status": "long_term_unemployed"}, world.centre_a)
        _event("esf.follow_up", "k1", may, {"gender": "female", "employed": True}, world.centre_a)
        db.session.commit()
    return world


def _exact(app, period, centre_id=None):
    with app.app_context():
        return esf_indicators.figures(esf_indicators.cells(db.session, period, centre_id), internal=True)


def test_exact_indicators_for_a_hand_built_history(app, history):
    october = _exact(app, Period.months("2026-10"))
    assert october["participants"] == {"female": 2, "male": 1, "diverse": 1, "total": 4}
    assert october["unemployed"] == {"female": 2, "male": 1, "diverse": 0, "total": 3}
    assert october["long_term_unemployed"]["total"] == 1  # the December correction does not reach back into a closed October
    assert october["inactive"] == {"female": 0, "male": 0, "diverse": 1, "total": 1}
    assert october["age_18_29"]["female"] == 1 and october["age_55_plus"]["diverse"] == 1
    assert october["isced_3_4"]["male"] == 1 and october["third_country"]["female"] == 1
    assert october["exits"]["total"] == 0
    q4 = _exact(app, Period.quarter(2026, 4))
    assert q4["participants"]["total"] == 4 and q4["long_term_unemployed"]["female"] == 2  # a report about Q4 sees the correction
    assert q4["exits"] == {"female": 1, "male": 1, "diverse": 0, "total": 2}
    assert q4["exit_employed"]["female"] == 1 and q4["exit_job_searching"]["male"] == 1
    assert _exact(app, Period.year(2027))["employed_six_months"] == {"female": 1, "male": 0, "diverse": 0, "total": 1}
    assert _exact(app, Period.months("2026-10"), history.centre_w)["participants"] == {"female": 0, "male": 1, "diverse": 1, "total": 2}


def test_published_figures_use_the_cell_key_method(app, history):
    with app.app_context():
        table = esf_indicators.cells(db.session, Period.months("2026-10"))
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
    page = client.get("/statistik/esf?monat=2026-10&ansicht=intern").get_data(as_text=True)
    assert "Teilnehmende (Eintritte)" in page and "Frauen" in page and "Intern: exakte Zahlen" in page
    exported = client.get("/statistik/esf.csv?monat=2026-10&ansicht=intern").data.decode("utf-8-sig")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(exported), delimiter=";") if row}
    assert rows["Teilnehmende (Eintritte)"] == ["2", "1", "1", "4"]
    assert client.get("/statistik/esf.pdf").status_code == 404
    assert client.get("/statistik/esf?monat=2026-13").status_code == 400
