"""The matching index reads its profiles from plain rows (issue 31): the same profiles as from the ORM objects."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import CvEntry, Participant, ParticipantLanguage, ReadingFix, utcnow
from webapp.core.db import db
from webapp.suggestions.index import matching_index, profile_record, profile_records, touch


@pytest.fixture
def varied_people(app, world, add_participant) -> list[int]:
    """The ids of people with everything a profile can hold, and each reason not to be suggested."""
    ids = [
        add_participant("AH-0101", ["Kasse", "Staplerschein", "kasse"], level="A2"),
        add_participant("AH-0102", ["Regale einräumen"], consent=None),
        add_participant("AH-0103", ["Putzen"], status="paused"),
        add_participant("WH-0104", [], centre="w"),
        add_participant("WH-0105", ["Gemüse schneiden"], centre="w"),
    ]
    with app.app_context():
        rich = db.session.get(Participant, ids[0])
        rich.driving_licences, rich.wants_minijob, rich.available_from = ["B", "C1"], True, date(2027, 1, 15)
        rich.languages.extend([ParticipantLanguage(language="ro", level="C2"), ParticipantLanguage(language="bg", level="B2")])
        rich.cv.extend(
            [
                CvEntry(kind="work", title="Lager Süd", details="Kommissionieren\nKasse\nWare annehmen", started_on=date(2020, 1, 1)),
                CvEntry(kind="work", title="Hotel", details="Zimmer reinigen; Wäsche waschen", started_on=date(2022, 5, 1)),
                CvEntry(kind="certificate", title="Erste-Hilfe-Kurs"),
                CvEntry(kind="education", title="Școala nr. 5", details="Abschluss der 8. Klasse"),
            ]
        )
        db.session.add(ReadingFix(participant_id=rich.id, term_key="kasse", concept_id=None))
        touch(db.session, rich)
        withdrawn = db.session.get(Participant, ids[4])
        withdrawn.consents[0].withdrawn_at = utcnow()
        touch(db.session, withdrawn)
        db.session.commit()
    return ids


def test_the_profiles_from_plain_rows_are_the_profiles_of_the_records(app, world, varied_people):
    with app.app_context():
        people = db.session.scalars(select(Participant).order_by(Participant.id)).all()
        expected = [(profile_record(p), p.suggestible) for p in people]
        assert profile_records(db.session) == expected
        rich = next(profile for profile, _s in expected if profile.id == str(people[-5].id))
        # the CV's tasks and certificates count, the terms the skills already hold only once
        assert rich.skills[:3] == ("Kasse", "Staplerschein", "kasse") and set(rich.skills[3:]) >= {"Erste-Hilfe-Kurs", "Kommissionieren", "Ware annehmen"}
        assert "Kasse" not in rich.skills[3:] and "Abschluss der 8. Klasse" not in rich.skills
        assert rich.languages == {"de": "A2", "bg": "B2", "ro": "C2"} and rich.readings == {"kasse": None} and rich.hours == ("part_time", "minijob")
        assert [suggested for _p, suggested in expected[-5:]] == [True, False, False, True, False]


def test_a_refresh_reads_only_the_changed_people_and_the_index_follows(app, world, varied_people):
    ids = varied_people
    with app.app_context():
        index = matching_index()
        matcher = index.current(db.session)
        seq = index.seq
        p = db.session.get(Participant, ids[1])
        p.skills[0].term = "Kassieren"
        touch(db.session, p)
        db.session.commit()
        changed = profile_records(db.session, seq)
        assert [profile.id for profile, _s in changed] == [str(ids[1])]
        assert changed[0][0].skills[0] == "Kassieren"
        matcher = index.current(db.session)
        assert matcher.profiles_[matcher.profile_row_[str(ids[1])]].skills[0] == "Kassieren"
