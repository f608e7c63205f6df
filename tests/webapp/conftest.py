"""Fixtures shared by the web tests."""

from __future__ import annotations

import pytest

from models import Event, Opening
from tests.factories import at
from webapp.core.db import db


@pytest.fixture
def history(app, world):
    """Four participants, three openings, and what happened to them from August to October 2026."""
    a, w = world.centre_a, world.centre_w
    o1, o2 = world.opening_1, world.opening_2
    with app.app_context():
        o3 = Opening(employer_id=world.employer_2, title="Verkauf", german_level="A2", hours="part_time", postcode="58097", quarter="altenhagen", status="open")
        db.session.add(o3)
        db.session.flush()
        rows = [
            ("2026-08-01", "participant.entered", dict(participant_key="p3", centre_id=a, quarter="altenhagen")),
            ("2026-09-05", "participant.entered", dict(participant_key="p1", centre_id=a, quarter="wehringhausen")),
            ("2026-09-10", "opening.published", dict(opening_id=o1, quarter="wehringhausen", sector="bakery")),
            ("2026-09-20", "participant.left", dict(participant_key="p3", centre_id=a, quarter="altenhagen")),
            ("2026-10-01", "suggestions.shown", dict(opening_id=o1, quarter="wehringhausen", sector="bakery", data={"count": 5})),
            ("2026-10-01", "introduction.approved", dict(opening_id=o1, participant_key="p1", centre_id=a, quarter="wehringhausen", sector="bakery")),
            ("2026-10-02", "opening.published", dict(opening_id=o2, quarter="altenhagen", sector="kiosk")),
            ("2026-10-03", "participant.entered", dict(participant_key="p2", centre_id=a, quarter="altenhagen")),
            (
                "2026-10-04",
                "introduction.rejected",
                dict(opening_id=o2, participant_key="p2", centre_id=a, quarter="altenhagen", sector="kiosk", reason="german", data={"missing": ["Kasse"]}),
            ),
            ("2026-10-05", "introduction.interview", dict(opening_id=o1, participant_key="p1", centre_id=a, quarter="wehringhausen", sector="bakery")),
            ("2026-10-10", "participant.entered", dict(participant_key="p4", centre_id=w, quarter="wehringhausen")),
            ("2026-10-12", "introduction.hired", dict(opening_id=o1, participant_key="p1", centre_id=a, quarter="wehringhausen", sector="bakery")),
            ("2026-10-12", "opening.filled", dict(opening_id=o1, quarter="wehringhausen", sector="bakery")),
            ("2026-10-15", "opening.published", dict(opening_id=o3.id, quarter="altenhagen", sector="retail")),
            ("2026-10-20", "introduction.approved", dict(opening_id=o2, participant_key="p4", centre_id=w, quarter="altenhagen", sector="kiosk")),
            ("2026-10-30", "opening.expired", dict(opening_id=o2, quarter="altenhagen", sector="kiosk")),
        ]
        for day, kind, fields in rows:
            db.session.add(Event(occurred_at=at(day), kind=kind, **fields))
        db.session.commit()
    return world
