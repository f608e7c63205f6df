"""Test data that needs no app: a filled-in participant form, import lists, a known event history.

What needs the app, the world or a client (a participant, an opening, a decision, an upload) is a fixture in
conftest.py."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from openpyxl import Workbook

from models import utcnow

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
