"""Helpers the tests share (plain functions; the fixtures are in conftest.py, which uses these too)."""

from __future__ import annotations

import io
import re

from PIL import Image
from sqlalchemy import create_engine, text

from models import Base, EsfRecord, Event, utcnow

TEST_PASSWORD = "richtig-langes-testpasswort"

FAST_ARGON2 = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1}


def photo_bytes(size: tuple[int, int] = (60, 80), colour: tuple[int, int, int] = (200, 150, 120), fmt: str = "JPEG", **save) -> bytes:
    """A small real image, as a phone would send it."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt, **save)
    return out.getvalue()


KEEP_ROWS = {"matching_state"}  # made by the migration; only its counter is reset


def empty_tables(url: str) -> None:
    engine = create_engine(url)
    tables = [t for t in Base.metadata.sorted_tables if t.name not in KEEP_ROWS]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                conn.execute(table.delete())
        conn.execute(text("UPDATE matching_state SET seq = 0"))
    engine.dispose()


def make_test_config(**extra) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "RATELIMIT_STORAGE_URI": "memory://",
        "JOBS_URL": "immediate",  # a job runs at once, in the caller's thread (webapp.core.jobs)
        "API_RATE_LIMIT": "100000 per minute",  # schemathesis calls quickly; tests/webapp/test_api.py sets a small one
        "RESEARCH_KEY": "the-city-keeps-this-key-0123456789abcdef",
        **FAST_ARGON2,
    }
    config.update(extra)
    return config


def enter(session, p, left: bool = False) -> None:
    """The entry, as the service records it with a new profile: the participation record and its event
    (and, for somebody who has left, the exit as webapp.esf.operations.record_exit writes it)."""
    today = utcnow().date()
    session.add(EsfRecord(participant_id=p.id, entered_on=today, left_on=today if left else None, exit_situation="other" if left else None))
    session.add(Event(kind="participant.entered", participant_key=p.stats_key, centre_id=p.centre_id, quarter=p.quarter))
    if left:
        session.add(Event(kind="participant.left", participant_key=p.stats_key, centre_id=p.centre_id, quarter=p.quarter, reason="other"))


_CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client, path: str = "/anmelden") -> str:
    """The CSRF token of the form on ``path`` (the tests post like a browser does)."""
    html = client.get(path).get_data(as_text=True)
    match = _CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def login(client, email: str, password: str = TEST_PASSWORD, **kwargs):
    token = csrf_token(client)
    return client.post("/anmelden", data={"email": email, "password": password, "csrf_token": token}, **kwargs)
