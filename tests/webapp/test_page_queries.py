"""The main pages run a small, fixed number of SQL statements, however many rows they show (issue 19.1)."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from models import Introduction, Opening, OpeningSkill, utcnow
from webapp.core.db import db
from webapp.suggestions.index import touch

BOUND = 15  # a page: the login, its rows, the audit row, a few lookups; never one statement per row


@contextlib.contextmanager
def counted():
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


@pytest.fixture
def add_rows(app, world, add_participant):
    """``add_rows(start, people, openings)``: people who fit opening 2, more open openings, and introductions between them."""

    def add(start: int, people: int, openings: int) -> None:
        ids = [add_participant(f"AH-{n:04d}", ["Kasse", "Regale einräumen"], centre="a" if n % 2 else "w") for n in range(start, start + people)]
        with app.app_context():
            for n in range(openings):
                o = Opening(
                    employer_id=world.employer_2,
                    title=f"Aushilfe {start}-{n}",
                    german_level="A2",
                    hours="part_time",
                    postcode="58097",
                    quarter="altenhagen",
                    status="open",
                )
                o.skills.append(OpeningSkill(kind="required", term="Kasse", position=0))
                db.session.add(o)
                db.session.flush()
                touch(db.session, o)
                for pid in ids[n * 2 : n * 2 + 2]:
                    db.session.add(Introduction(opening_id=o.id, participant_id=pid, status="approved", score=0.8, explanation={}, decided_at=utcnow()))
            db.session.commit()

    return add


PAGES = [
    ("counsellor_a", "/beratung/stellen"),
    ("counsellor_a", "/beratung/stellen/{opening_2}/vorschlaege"),
    ("counsellor_a", "/beratung/teilnehmende"),
    ("counsellor_a", "/beratung/teilnehmende/{participant_a}"),
    ("counsellor_a", "/beratung/vorstellungen"),
    ("employer_user_2", "/betrieb/stellen"),
    ("employer_user_2", "/betrieb/stellen/{opening_2}"),
    ("admin", "/statistik/"),
]


@pytest.mark.parametrize("who, url", PAGES)
def test_a_page_runs_a_small_number_of_statements_that_does_not_grow_with_its_rows(app, client, world, login_as, add_rows, who, url):
    login_as(who)
    address = url.format(opening_2=world.opening_2, participant_a=world.participant_a)
    counts = []
    for start, people, openings in ((2, 6, 3), (8, 24, 10)):
        add_rows(start, people, openings)
        client.get(address)  # the first view after a change brings the worker's matching index up to date
        with counted() as statements:
            response = client.get(address)
        assert response.status_code == 200
        assert len(statements) <= BOUND, "\n".join(statements)
        counts.append(len(statements))
    assert counts[0] == counts[1]
