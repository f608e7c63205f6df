"""Test data as the stories need it: participants, decisions, import lists, a known event history."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from openpyxl import Workbook
from sqlalchemy import select

from models import ConsentRecord, Introduction, Opening, OpeningSkill, Participant, ParticipantIdentity, ParticipantSkill, utcnow
from tests.helpers import csrf_token, enter
from webapp.core.db import db
from webapp.suggestions.index import touch

# A participant form filled in as a counsellor would.
FORM = {
    "first_name": "Elena",
    "last_name": "Dumitru",
    "phone": "0157 2223334",
    "email": "Elena@Example.org",
    "notes": "möchte vormittags arbeiten",
    "skills": "Kassieren\nRegale einreumen",
    "german_level": "A2",
    "language_0": "ro",
    "level_0": "C2",
    "hours": ["part_time", "minijob"],
    "available_from": "2026-12-01",
    "driving_licences": ["B"],
    "postcode": "58097",
    "status": "active",
}


def add_participant(app, world, code, skills, centre="a", level="B1", consent="first_name", status="active", first="Mihai"):
    with app.app_context():
        p = Participant(
            pseudonym=code,
            centre_id=world.centre_a if centre == "a" else world.centre_w,
            german_level=level,
            wants_part_time=True,
            quarter="altenhagen",
            postcode="58097",
            status=status,
        )
        p.identity = ParticipantIdentity(first_name=first, last_name="Ionescu", phone="0157 7654321", email="mihai@example.org")
        for i, term in enumerate(skills):
            p.skills.append(ParticipantSkill(term=term, position=i))
        if consent:
            p.consents.append(ConsentRecord(scope=consent, text_version="2026-01"))
        db.session.add(p)
        db.session.flush()
        enter(db.session, p, left=status == "left")
        touch(db.session, p)
        db.session.commit()
        return p.id


def bar_opening(app, world) -> int:
    """A second open opening of company 2, in its own words: "Bonieren" (ringing up at the till)."""
    with app.app_context():
        o = Opening(
            employer_id=world.employer_2, title="Thekenkraft", german_level="A2", hours="part_time", postcode="58097", quarter="altenhagen", status="open"
        )
        o.skills.append(OpeningSkill(kind="required", term="Bonieren", position=0))
        db.session.add(o)
        db.session.flush()
        touch(db.session, o)
        db.session.commit()
        return o.id


def upload(client, content: bytes, filename: str):
    """Upload a list on the import page (the answer redirects to its preview)."""
    token = csrf_token(client, "/beratung/import")
    response = client.post("/beratung/import", data={"datei": (io.BytesIO(content), filename), "csrf_token": token}, content_type="multipart/form-data")
    # werkzeug's test client keeps a large request body in a temporary file and, without
    # follow_redirects, leaves it open: close it here.
    response.request.input_stream.close()
    return response


def decide(client, opening_id, participant_id, action, reason="", note=""):
    token = csrf_token(client, f"/beratung/stellen/{opening_id}/vorschlaege")
    data = {"participant_id": str(participant_id), action: "1", "reason": reason, "note": note, "csrf_token": token}
    return client.post(f"/beratung/stellen/{opening_id}/entscheidung", data=data, follow_redirects=True)


def intros(app, opening_id):
    with app.app_context():
        return db.session.scalars(select(Introduction).where(Introduction.opening_id == opening_id).order_by(Introduction.id)).all()


HEADER = ["Vorname", "Nachname", "Telefon", "Kenntnisse", "Deutsch", "Sprachen", "Arbeitszeit", "Verfügbar ab", "PLZ", "Führerschein"]


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_rows(n=50):
    return [
        [
            f"Vorname{i}",
            f"Nachname{i}",
            f"0157 {1000000 + i}",
            "Kasse, Regale einräumen" if i % 2 else "putzen; Staplerschein",
            ["A1", "A2", "B1"][i % 3],
            "Rumänisch C2" if i % 2 else "Bulgarisch B2, Türkisch A2",
            "Teilzeit, Minijob",
            "01.12.2026",
            "58097",
            "B" if i % 5 == 0 else "",
        ]
        for i in range(n)
    ]


def at(day: str) -> datetime:
    """Noon UTC of an ISO day, for events of a known history."""
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


def age(session, participant_id: int, days: int) -> None:
    """Make every trace of activity of a participant ``days`` old: every time stamp of every table that belongs to them
    (webapp.privacy.retention.activity_sources), one statement per table so that no column default moves a time on."""
    from sqlalchemy import case, null, update

    from webapp.privacy.retention import activity_sources

    then = utcnow() - timedelta(days=days)
    columns: dict = {}
    for table, owner, column in activity_sources():
        columns.setdefault((table, owner), []).append(column)
    for (table, owner), times in columns.items():
        session.execute(update(table).where(owner == participant_id).values({c.name: case((c.is_(None), null()), else_=then) for c in times}))
