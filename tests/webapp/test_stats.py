"""Monthly figures from a known event history, checked exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import Event, Opening
from tests.factories import at
from webapp.core.db import db
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


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),  # person
            st.sampled_from(["participant.entered", "participant.left", "participant.exit_corrected"]),
            st.sampled_from([202601, 202602, 202603, 202604]),
            st.sampled_from([None, "employed", "education"]),
            st.integers(1, 2**31 - 1),
        ),
        max_size=25,
    ),
    st.sampled_from([(202601, 202601), (202602, 202603), (202601, 202604), (202604, 202604)]),
)
def test_the_timeline_counts_as_each_person_s_rules_do(events, period):
    """participation.Timeline (arrays, for the statistics page) counts exactly as Person's methods (the rules)."""
    from webapp.stats import participation

    rows = sorted(((f"p{who}", kind, month, reason, key) for who, kind, month, reason, key in events), key=lambda row: row[2])
    people = participation.people(rows)
    timeline = participation.Timeline(people)
    first, last = period

    def expected(chosen, field):
        return len(chosen), sum(getattr(p, field)[1] for p in chosen)

    everybody = list(people.values())
    assert timeline.new(first, last) == expected([p for p in everybody if p.entered and p.entered_in(first, last)], "entered")
    assert timeline.active(first, last) == expected([p for p in everybody if p.entered and p.active_in(first, last)], "entered")
    assert timeline.exits(first, last) == expected([p for p in everybody if p.left and p.left_in(first, last)], "left")
    employed = [p for p in everybody if p.left and p.left_in(first, last) and p.situation(last) == "employed"]
    assert timeline.exits(first, last, "employed") == expected(employed, "left")

    # The kept timeline of earlier months with the later months' events applied counts as the whole read at once.
    for cut in (202601, 202602, 202603):
        base = participation.Timeline(participation.people(r for r in rows if r[2] <= cut))
        changed = base.changed(participation.people((r for r in rows if r[2] > cut), before=base.by_key))
        for figure in ("new", "active", "exits"):
            assert getattr(changed, figure)(first, last) == getattr(timeline, figure)(first, last), (cut, figure)
        assert changed.exits(first, last, "employed") == timeline.exits(first, last, "employed")


def test_the_kept_closed_months_and_this_month_s_events_count_as_a_fresh_reading(app, world):
    """The statistics page keeps the closed months' participation timeline (HistoryCache) and applies only this month's
    events: an exit this month of someone who entered earlier, a correction, a new entry – as if read afresh."""
    from datetime import UTC, datetime, timedelta

    from webapp.stats.figures import Filters, History, HistoryCache, current_month, last_months

    now = datetime.now(UTC)
    earlier, last_month = now - timedelta(days=70), now - timedelta(days=35)

    def event(kind, when, who, centre, reason=None):
        db.session.add(Event(kind=kind, occurred_at=when, participant_key=who, centre_id=centre, reason=reason))

    names = ("participants_new", "participants_active", "participants_left", "participants_left_employed")
    with app.app_context():
        cache = HistoryCache()
        period = Period.months(f"{current_month() // 100}-{current_month() % 100:02d}")

        def both():
            kept = History(db.session, period.last_month, cache)
            fresh = History(db.session, period.last_month)
            for filters in (Filters(), Filters(world.centre_a), Filters(world.centre_w)):
                for p in [period, *last_months(period, 3)]:
                    assert kept.cells(p, filters) == fresh.cells(p, filters), (p, filters)
            return [kept.cells(period)[name].count for name in names]

        before = both()  # the world's own people
        event("participant.entered", earlier, "a", world.centre_a)
        event("participant.entered", last_month, "b", world.centre_w)
        event("participant.left", last_month, "b", world.centre_w, "education")
        db.session.commit()
        assert [n - b for n, b in zip(both(), before)] == [0, 1, 0, 0]  # a takes part; b left last month
        event("participant.left", now, "a", world.centre_a, "employed")  # this month: the kept timeline is not changed
        event("participant.exit_corrected", now, "b", world.centre_w, "employed")
        event("participant.entered", now, "c", world.centre_a)
        db.session.commit()
        counts = both()
        assert [n - b for n, b in zip(counts, before)] == [1, 2, 1, 1]  # c entered, a and c take part, a left into work
        assert both() == counts  # and again, from the kept timeline

        def timeline():
            return History(db.session, period.last_month, cache)._people_of(Filters())

        kept = timeline()
        assert timeline() is kept  # this month's events unchanged: the timeline with them is kept too
        event("participant.entered", now, "d", world.centre_w)
        db.session.commit()
        assert timeline() is not kept
        assert [n - b for n, b in zip(both(), before)] == [2, 3, 1, 1]
