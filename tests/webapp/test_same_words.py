"""A correction never makes a match worse for people who wrote the same words (issue 23.4).

Whichever way a reading is corrected – on the opening, on a profile, on a task of the CV, or by an
entry the project accepts – a profile term written exactly like the opening's line stays "genau so"
with full credit.
"""

from __future__ import annotations

import pytest

from models import CvEntry, Opening, Participant
from tests.webapp.test_vocabulary import READING_C, READING_E, _opening_asks, _propose, client_of
from webapp.core.db import db
from webapp.suggestions.index import matching_index, opening_record, touch
from webapp.vocabulary.operations import accept

OTHER = "Kasse führen"  # another concept than plain "Kasse" is read as


def _pair(app, opening_id: int, participant_id: int, line: str) -> dict:
    with app.app_context():
        with matching_index().use(db.session) as matcher:
            result = matcher.explain(opening_record(db.session.get(Opening, opening_id)), str(participant_id))
    return next(m for m in result.explanation["matched"] if m["required"] == line)


def _cv_task(app, participant_id: int, task: str) -> None:
    with app.app_context():
        p = db.session.get(Participant, participant_id)
        p.cv.append(CvEntry(kind="work", title="Bäckerei am Markt", details=task))
        touch(db.session, p)
        db.session.commit()


@pytest.mark.parametrize("path", ["opening", "profile", "cv_task", "project"])
def test_identical_words_stay_exact_whichever_side_is_corrected(app, world, path, add_participant):
    line = "Kasse"
    _opening_asks(app, world.opening_2, [line, "Brötchen backen"])
    person = add_participant("AH-0060", [line])
    baker = add_participant("AH-0061", ["Regale einräumen"])
    _cv_task(app, baker, "Brötchen backen")
    before = (_pair(app, world.opening_2, person, line), _pair(app, world.opening_2, baker, "Brötchen backen"))
    assert all(pair["how"] == "exact" and pair["credit"] == 1.0 for pair in before)

    if path == "opening":
        employer = client_of(app, world, "employer_user_2")
        _propose(employer, READING_E.format(world.opening_2), line, OTHER)
        _propose(employer, READING_E.format(world.opening_2), "Brötchen backen", OTHER)
    elif path == "profile":
        counsellor = client_of(app, world, "counsellor_a")
        _propose(counsellor, READING_C.format(person), line, OTHER)
    elif path == "cv_task":
        counsellor = client_of(app, world, "counsellor_a")
        _propose(counsellor, READING_C.format(baker), "Brötchen backen", OTHER)
    else:
        from sqlalchemy import select

        from models import User

        with app.app_context():
            admin = db.session.scalar(select(User).where(User.email == world.admin))
            from webapp.suggestions.skills import normaliser

            accept(db.session, admin, line, normaliser().normalise([OTHER])[0].concept, "")
            db.session.commit()

    after = (_pair(app, world.opening_2, person, line), _pair(app, world.opening_2, baker, "Brötchen backen"))
    for pair in after:
        assert pair["how"] == "exact" and pair["credit"] == 1.0, (path, pair)


def test_the_correction_page_says_what_changes(app, world):
    employer = client_of(app, world, "employer_user_2")
    page = employer.get(READING_E.format(world.opening_2) + "?begriff=Kasse").get_data(as_text=True)
    assert "genau dasselbe Wort" in page
