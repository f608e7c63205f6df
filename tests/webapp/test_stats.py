"""Monthly figures from a known event history, checked exactly."""

from __future__ import annotations

import pytest

from models import Event, Opening
from tests.factories import at
from webapp.db import db
from webapp.stats.figures import Period, by_month, compute


def figures(app, month, last=None, **filters):
    with app.app_context():
        return compute(db.session, Period.months(month, last), **filters)


def test_october_for_everybody(app, history):
    f = figures(app, "2026-10")
    assert {k: f[k] for k in f if k != "period"} == {
        "participants_new": 2,
        "participants_active": 3,
        "participants_left": 0,
        "participants_left_employed": 0,
        "openings_posted": 2,
        "openings_open": 1,
        "openings_filled": 1,
        "openings_expired": 1,
        "suggestions_shown": 5,
        "approvals": 2,
        "rejections": 1,
        "rejections_by_reason": {"german": 1},
        "introductions": 2,
        "interviews": 1,
        "hires": 1,
        "not_hired": 0,
        "placement_rate": 0.5,
        "median_days_to_first_introduction": 19.5,
        "median_days_to_hire": 32.0,
        "missing_skills_in_rejections": {"Kasse": 1},
    }
    assert f["period"] == "2026-10"


def test_september(app, history):
    f = figures(app, "2026-09")
    assert (f["participants_new"], f["participants_active"], f["participants_left"]) == (1, 2, 1)
    assert (f["openings_posted"], f["openings_open"], f["approvals"], f["placement_rate"]) == (1, 1, 0, None)


def test_one_centre(app, history):
    f = figures(app, "2026-10", centre_id=history.centre_a)
    assert (f["participants_new"], f["participants_active"]) == (1, 2)
    assert (f["approvals"], f["rejections"], f["hires"], f["placement_rate"]) == (1, 1, 1, 1.0)
    w = figures(app, "2026-10", centre_id=history.centre_w)
    assert (w["participants_new"], w["approvals"], w["hires"]) == (1, 1, 0)


def test_one_quarter_and_one_sector(app, history):
    f = figures(app, "2026-10", quarter="altenhagen")
    assert (f["participants_new"], f["participants_active"], f["openings_posted"], f["approvals"], f["rejections"]) == (1, 1, 2, 1, 1)
    s = figures(app, "2026-10", sector="bakery")
    assert (s["openings_posted"], s["openings_filled"], s["hires"], s["suggestions_shown"]) == (0, 1, 1, 5)


def test_a_range_of_months(app, history):
    f = figures(app, "2026-08", "2026-10")
    assert f["period"] == "2026-08 – 2026-10"
    assert (f["participants_new"], f["participants_left"], f["openings_posted"], f["approvals"]) == (4, 1, 3, 2)


def test_a_closed_month_does_not_change_when_records_change_later(app, history):
    before = figures(app, "2026-10")
    with app.app_context():
        opening = db.session.get(Opening, history.opening_2)
        opening.status = "draft"  # someone edits the record afterwards
        db.session.add(
            Event(occurred_at=at("2026-11-03"), kind="introduction.approved", opening_id=history.opening_2, participant_key="p9", centre_id=history.centre_a)
        )
        db.session.commit()
    assert figures(app, "2026-10") == before


def test_twelve_months_for_the_charts(app, history):
    with app.app_context():
        months = by_month(db.session, "2026-10")
    assert next(m["period"] for m in months) == "2025-11" and months[-1]["period"] == "2026-10"
    assert [m["approvals"] for m in months[-3:]] == [0, 0, 2]


def test_a_wrong_month_is_refused():
    with pytest.raises(ValueError, match="YYYY-MM"):
        Period.months("Oktober")
    with pytest.raises(ValueError, match="before"):
        Period.months("2026-10", "2026-09")
