"""Fairness view (issue 16.4): the funnel by gender and age group from events, rates against the best
group with the four-fifths flag, scores by group only with three or more behind them; admins only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from models import EsfRecord, Event, Introduction, Opening
from tests.helpers import login
from webapp.core.db import db
from webapp.stats import fairness
from webapp.stats.figures import Period

OCTOBER = Period.months("2026-10")


def _event(kind, key, data=None, when=datetime(2026, 10, 6, 9, tzinfo=UTC), centre_id=None):
    db.session.add(Event(kind=kind, participant_key=key, data=data or {}, occurred_at=when, centre_id=centre_id))


@pytest.fixture
def history(app, world):
    """Women: 10 decided, 8 introduced, 4 hired. Men: 10 decided, 5 introduced, 2 hired. One person without ESF data."""
    with app.app_context():
        for gender, decided, introduced, hired in (("female", 10, 8, 4), ("male", 10, 5, 2)):
            for n in range(decided):
                key = f"{gender}-{n}"
                _event("esf.entry", key, {"gender": gender, "age_group": "18_29" if n % 2 else "30_54"}, datetime(2026, 9, 1, tzinfo=UTC))
                _event("introduction.approved" if n < introduced else "introduction.rejected", key, centre_id=world.centre_a if n < 5 else world.centre_w)
                if n < hired:
                    _event("introduction.hired", key)
        _event("introduction.approved", "nobody-known")
        db.session.commit()
    return world


def test_the_funnel_and_the_four_fifths_flag(app, history):
    with app.app_context():
        exact = fairness.published(fairness.funnel(db.session, OCTOBER, "gender"), internal=True)
    assert exact["female"] == {"decided": 10, "introduced": 8, "interview": 0, "hired": 4}
    assert exact["male"] == {"decided": 10, "introduced": 5, "interview": 0, "hired": 2}
    assert exact["unknown"]["introduced"] == 1 and exact["diverse"]["decided"] == 0
    rates = fairness.rates(exact)
    assert rates["female"]["introduced/decided"] == {"rate": 0.8, "ratio": 1.0, "flag": False}
    men = rates["male"]["introduced/decided"]
    assert men["rate"] == 0.5 and men["ratio"] == pytest.approx(0.625) and men["flag"] is True  # under four fifths of the women's rate
    assert rates["diverse"]["introduced/decided"]["rate"] is None  # nothing behind it: no rate
    with app.app_context():
        ages = fairness.published(fairness.funnel(db.session, OCTOBER, "age_group"), internal=True)
        one_house = fairness.published(fairness.funnel(db.session, OCTOBER, "gender", history.centre_a), internal=True)
    assert ages["18_29"]["decided"] + ages["30_54"]["decided"] == 20
    assert one_house["female"]["decided"] == 5 and one_house["male"]["decided"] == 5  # the first five of each were Altenhagen's


def test_published_counts_are_perturbed(app, history):
    with app.app_context():
        shown = fairness.published(fairness.funnel(db.session, OCTOBER, "gender"), internal=False)
    assert all(value not in (1, 2) for row in shown.values() for value in row.values())


def test_scores_by_group_only_with_three_behind_them(app, world, add_participant):
    ids = [add_participant(f"AH-00{n + 10}", ["Kasse"]) for n in range(3)]
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        for pid, score in zip(ids, (0.2, 0.5, 0.8), strict=True):
            record = db.session.get(EsfRecord, pid)
            record.entered_on, record.gender, record.birth_year, record.labour_status, record.education = (
                date(2026, 9, 1),
                "female",
                1990,
                "unemployed",
                "isced_0_2",
            )
            db.session.add(
                Introduction(opening_id=opening.id, participant_id=pid, status="approved", score=score, decided_at=datetime(2026, 10, 7, tzinfo=UTC))
            )
        db.session.commit()
        scores = fairness.scores(db.session, OCTOBER, "gender")
    assert scores["female"]["n"] == 3 and scores["female"]["median"] == pytest.approx(0.5)
    assert scores["male"] == {"n": 0, "q1": None, "median": None, "q3": None}


def test_only_admins_see_it(app, client, world, login_as):
    for who in ("counsellor_a", "employer_user_2"):
        other = app.test_client()
        login(other, getattr(world, who))
        assert other.get("/statistik/fairness").status_code == 403
    login_as("admin")
    page = client.get("/statistik/fairness?monat=2026-10&ansicht=intern").get_data(as_text=True)
    assert "nach Geschlecht" in page and "nach Altersgruppe" in page and "ohne ESF-Angaben" in page
    assert client.get("/statistik/fairness?monat=kaputt").status_code == 400


def test_the_published_view_shows_scores_only_from_protected_counts_and_in_bands():
    """Issue 24.8: whether a median appears depends on the protected count alone; three exact scores never come back."""
    exact = {
        "female": {"n": 3, "q1": 0.35, "median": 0.5, "q3": 0.65},
        "male": {"n": 12, "q1": 0.31, "median": 0.47, "q3": 0.88},
        "diverse": {"n": 9, "q1": 0.2, "median": 0.3, "q3": 0.4},
    }
    # The protected counts decide: 9 exact decisions may be published as 11, 12 as 10 – either way the rule reads only those.
    counts = {"female": {"decided": 3}, "male": {"decided": 10}, "diverse": {"decided": 11}}
    shown = fairness.published_scores(exact, counts)
    assert shown["female"]["median"] is None and shown["female"]["q1"] is None
    assert shown["male"]["median"] == pytest.approx(0.4) and shown["male"]["q1"] == pytest.approx(0.3) and shown["male"]["q3"] == pytest.approx(0.8)
    assert shown["diverse"]["median"] == pytest.approx(0.3)
    for row in shown.values():
        assert row["n"] is None  # the exact number behind it is not shown next to the noised one
        for name in ("q1", "median", "q3"):
            assert row[name] is None or round(row[name] * 10, 6) == int(round(row[name] * 10, 6))


def test_the_published_page_never_pairs_an_exact_median_with_a_noised_count(app, client, world, login_as, add_participant):
    import re

    ids = [add_participant(f"AH-00{n + 10}", ["Kasse"]) for n in range(3)]
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        for pid, score in zip(ids, (0.21, 0.52, 0.83), strict=True):
            record = db.session.get(EsfRecord, pid)
            record.gender, record.birth_year, record.labour_status, record.education = "female", 1990, "unemployed", "isced_0_2"
            db.session.add(
                Introduction(opening_id=opening.id, participant_id=pid, status="approved", score=score, decided_at=datetime(2026, 10, 7, tzinfo=UTC))
            )
        db.session.commit()
    login_as("admin")
    page = client.get("/statistik/fairness?monat=2026-10").get_data(as_text=True)
    assert not re.search(r"\b(21|52|83) %", page)  # none of the three scores
    internal = client.get("/statistik/fairness?monat=2026-10&ansicht=intern").get_data(as_text=True)
    assert "52 %" in internal  # the project lead's exact view still has them
