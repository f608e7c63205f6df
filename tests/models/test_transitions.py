"""Every status change of every table: one transition table per table, one conditional UPDATE (issue 26.2).

The expected moves are written out here, not read from the tables they test: a change to a table fails
here until somebody says it was meant.
"""

from __future__ import annotations

import itertools

import pytest

from models import AccessRequest, Introduction, Opening, Participant, VocabularyImport, VocabularyProposal, transitions
from webapp.core.db import db

# (start, target) pairs that are allowed; every other pair of statuses is refused.
EXPECTED = {
    Opening: {
        ("draft", "open"),
        ("draft", "closed"),
        ("open", "paused"),
        ("open", "filled"),
        ("open", "closed"),
        ("paused", "open"),
        ("paused", "filled"),
        ("paused", "closed"),
    },
    Participant: {
        ("active", "paused"),
        ("active", "placed"),
        ("active", "left"),
        ("paused", "active"),
        ("paused", "placed"),
        ("paused", "left"),
        ("placed", "active"),
        ("placed", "left"),
    },
    Introduction: {
        ("approved", "interview"),
        ("approved", "hired"),
        ("approved", "not_hired"),
        ("approved", "withdrawn"),
        ("interview", "hired"),
        ("interview", "not_hired"),
        ("interview", "withdrawn"),
        ("hired", "withdrawn"),
    },
    AccessRequest: {("pending", "approved"), ("pending", "declined")},
    VocabularyProposal: {("open", "accepted"), ("open", "rejected")},
    VocabularyImport: {("preview", "applying"), ("preview", "discarded"), ("applying", "applied")},
}
STATUSES = {
    Opening: ("draft", "open", "paused", "filled", "closed"),
    Participant: ("active", "paused", "placed", "left"),
    Introduction: ("approved", "rejected", "interview", "hired", "not_hired", "withdrawn"),
    AccessRequest: ("pending", "approved", "declined"),
    VocabularyProposal: ("open", "accepted", "rejected"),
    VocabularyImport: ("preview", "applying", "applied", "discarded"),
}


@pytest.mark.parametrize("model", list(EXPECTED), ids=lambda m: m.__name__)
def test_each_table_allows_exactly_the_expected_moves(model):
    allowed = {(start, target) for start, following in model.TRANSITIONS.items() for target in following}
    assert set(model.TRANSITIONS) == set(STATUSES[model])
    assert allowed == EXPECTED[model]


def _row(world, model):
    """A row of ``model`` from the test world (a proposal is made here)."""
    if model is VocabularyProposal:
        proposal = VocabularyProposal(term="Spüli", term_key="spueli", concept_id=None, role="counsellor")
        db.session.add(proposal)
        db.session.flush()
        return proposal
    ids = {
        Opening: world.opening_1,
        Participant: world.participant_a,
        Introduction: world.introduction_2,
        AccessRequest: world.access_request_1,
        VocabularyImport: world.vocabulary_import_1,
    }
    return db.session.get(model, ids[model])


CASES = [(model, start, target) for model in EXPECTED for start, target in itertools.product(STATUSES[model], STATUSES[model])]


@pytest.mark.parametrize("model, start, target", CASES, ids=[f"{m.__name__}:{s}->{t}" for m, s, t in CASES])
def test_a_move_happens_once_where_allowed_and_never_elsewhere(app, world, model, start, target):
    with app.test_request_context():
        row = _row(world, model)
        db.session.execute(model.__table__.update().where(model.id == row.id).values(status=start))
        db.session.refresh(row)
        allowed = (start, target) in EXPECTED[model]
        assert transitions.move(db.session, row, target) is allowed
        assert row.status == (target if allowed else start)
        assert transitions.move(db.session, row, target) is False  # never twice
        db.session.rollback()


def test_a_move_counts_the_version_of_a_table_that_has_one(app, world):
    with app.test_request_context():
        opening = db.session.get(Opening, world.opening_1)
        before = opening.version
        assert transitions.move(db.session, opening, "open")
        assert opening.version == before + 1


def test_an_unknown_status_is_an_error_not_a_refusal(app, world):
    with app.test_request_context(), pytest.raises(ValueError, match="no status"):
        transitions.move(db.session, db.session.get(Opening, world.opening_1), "published")
