"""Fixtures: a migrated test database (SQLite or PostgreSQL), the app, clients per role.

The database is chosen by ``KMU_TEST_DATABASE``: unset or ``sqlite`` for a
SQLite file, or a PostgreSQL URL (a fresh database is created on that server
for the run and dropped afterwards). Under ``CI=true`` a PostgreSQL URL that
does not answer fails the run instead of skipping it.
"""

from __future__ import annotations

import io
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from models import (
    AccessRequest,
    ApiToken,
    Business,
    BusinessActivity,
    BusinessContactPerson,
    BusinessNeed,
    Centre,
    ConsentRecord,
    CvEntry,
    CvPhoto,
    Employer,
    Introduction,
    Opening,
    OpeningSkill,
    OutboxMail,
    Participant,
    ParticipantIdentity,
    ParticipantSkill,
    User,
    VocabularyImport,
    utcnow,
)
from tests.helpers import TEST_PASSWORD, csrf_token, empty_tables, enter, login, make_test_config, photo_bytes
from webapp import create_app
from webapp.core.config import database_url
from webapp.core.db import database_problem, db
from webapp.core.migrate import upgrade
from webapp.core.passwords import hash_password
from webapp.suggestions.index import touch


class TestDatabase:
    """Creates and drops one throw-away database on the chosen server."""

    def __init__(self, spec: str, tmp_dir) -> None:
        self.spec = spec
        self.tmp_dir = tmp_dir
        self.is_postgres = spec.startswith("postgres")
        self._created: list[str] = []

    def new(self, label: str = "run") -> str:
        """URL of a new, empty database."""
        if not self.is_postgres:
            return f"sqlite:///{self.tmp_dir / f'{label}-{uuid.uuid4().hex[:8]}.sqlite3'}"
        base = make_url(database_url({"DATABASE_URL": self.spec}))
        name = f"kmu_test_{label}_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        self._created.append(name)
        return base.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.is_postgres or not self._created:
            return
        base = make_url(database_url({"DATABASE_URL": self.spec}))
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in self._created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def test_databases(tmp_path_factory) -> Iterator[TestDatabase]:
    spec = os.environ.get("KMU_TEST_DATABASE", "sqlite").strip() or "sqlite"
    if spec.startswith("postgres"):
        problem = database_problem(database_url({"DATABASE_URL": spec}))
        if problem:
            pytest.exit(f"PostgreSQL for the tests is not reachable ({problem}); KMU_TEST_DATABASE={spec}", returncode=3)
    dbs = TestDatabase(spec, tmp_path_factory.mktemp("db"))
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def database_url_for_tests(test_databases) -> str:
    """One migrated database for the whole run (tables are emptied after each test)."""
    url = test_databases.new("app")
    upgrade(url)
    empty_tables(url)  # every test starts from empty tables (the migrations also make the two houses)
    return url


@pytest.fixture
def app(database_url_for_tests, tmp_path):
    app = create_app(make_test_config(DATABASE_URL=database_url_for_tests, INSTANCE_PATH=str(tmp_path)))
    yield app
    _wait_for_work_in_flight(app)
    with app.app_context():
        db.engine.dispose()
    empty_tables(database_url_for_tests)


def _wait_for_work_in_flight(app, timeout: float = 30) -> None:
    """Let threads still at work for the app (a live server's late request, an index build) give their connections back.

    A connection still checked out when the engine is disposed goes back to the old pool afterwards and
    is never closed: PostgreSQL's driver then warns when the garbage collector finds it, in whichever
    test runs at that moment.
    """
    index = app.extensions.get("kmu_matching_index")
    if index is not None:
        index.wait_built(timeout)
    pool = app.extensions["kmu_db"]["engine"].pool
    checked_out = getattr(pool, "checkedout", lambda: 0)  # pools that keep no count hold nothing between requests
    deadline = time.monotonic() + timeout
    while checked_out() and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.fixture
def app_factory(database_url_for_tests):
    """Make extra apps on the test database (other settings); their engines are closed afterwards."""
    made = []

    def _make(**extra):
        extra.setdefault("DATABASE_URL", database_url_for_tests)
        new = create_app(make_test_config(**extra))
        made.append(new)
        return new

    yield _make
    for other in made:
        other.extensions["kmu_db"]["engine"].dispose()


REDIS_URL = os.environ.get("KMU_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> str:
    """Redis for tests of the shared limiter store (emptied first): required wherever the tests run.

    The limiter is one object for every app of the process and keeps the first key
    prefix it was given, so tests cannot rely on prefixes to stay apart; the
    test database 15 is emptied instead.
    """
    import redis

    try:
        connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        answers = bool(connection.ping()) and bool(connection.flushdb())
    except redis.RedisError:
        answers = False
    if not answers:  # the production set-up needs Redis, so its tests need it everywhere
        pytest.fail(f"Redis does not answer at {REDIS_URL} (start it: redis-server, or set KMU_TEST_REDIS_URL)")
    return REDIS_URL


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@dataclass
class World:
    """The accounts every access test needs: two centres, two companies, users of each role."""

    centre_a: int
    centre_w: int
    employer_1: int
    employer_2: int
    admin: str
    counsellor_a: str
    counsellor_w: str
    employer_user_1: str
    employer_user_2: str
    opening_1: int  # a draft of employer 1
    opening_2: int  # an open opening of employer 2
    participant_a: int  # in Altenhagen, consent to share contact, introduced for opening_2
    introduction_2: int
    mail_1: int  # a mail in the outbox
    access_request_1: int  # a pending request for access
    cv_entry_a: int  # participant_a's school, abroad
    vocabulary_import_1: int  # a vocabulary file waiting for its preview
    api_token_1: int  # employer user 1's API token (read)
    business_1: int  # a prospect of the project (no account) with a contact person, a contact with a next step, a need
    business_person_1: int
    business_activity_1: int
    business_need_1: int


@pytest.fixture
def world(app) -> World:
    with app.app_context():
        s = db.session
        ca = Centre(slug="altenhagen", name="Perspektivhaus Altenhagen", partner="Caritas", quarter="altenhagen", address="Boeler Str. 3")
        cw = Centre(slug="wehringhausen", name="Perspektivhaus Wehringhausen", partner="Diakonie", quarter="wehringhausen", address="Södingstr. 18")
        e1 = Employer(name="Bäckerei Eins", sector="bakery", postcode="58089", quarter="wehringhausen")
        e2 = Employer(name="Kiosk Zwei", sector="kiosk", postcode="58097", quarter="altenhagen")
        s.add_all([ca, cw, e1, e2])
        s.flush()
        pw = hash_password(TEST_PASSWORD)
        users = [
            User(email="admin@test.example", name="Ada Admin", role="admin", password_hash=pw),
            User(email="ca@test.example", name="Clara Altenhagen", role="counsellor", centre_id=ca.id, password_hash=pw),
            User(email="cw@test.example", name="Willi Wehringhausen", role="counsellor", centre_id=cw.id, password_hash=pw),
            User(email="e1@test.example", name="Erna Eins", role="employer", employer_id=e1.id, password_hash=pw),
            User(email="e2@test.example", name="Zeki Zwei", role="employer", employer_id=e2.id, password_hash=pw),
        ]
        s.add_all(users)
        o1 = Opening(employer_id=e1.id, title="Aushilfe Backstube", german_level="A2", hours="minijob", postcode="58089", quarter="wehringhausen")
        o2 = Opening(employer_id=e2.id, title="Kioskaushilfe", german_level="A2", hours="part_time", postcode="58097", quarter="altenhagen", status="open")
        o1.skills.append(OpeningSkill(kind="required", term="Teig kneten", position=0))
        o2.skills.append(OpeningSkill(kind="required", term="Kasse", position=0))
        s.add_all([o1, o2])
        s.flush()
        pa = Participant(
            pseudonym="AH-0001", centre_id=ca.id, counsellor_id=users[1].id, german_level="B1", wants_part_time=True, quarter="altenhagen", postcode="58097"
        )
        pa.identity = ParticipantIdentity(first_name="Ioana", last_name="Popa", phone="0157 1234567", email="ioana@example.org")
        pa.skills.append(ParticipantSkill(term="Kasse", position=0))
        pa.consents.append(ConsentRecord(scope="cv", text_version="2026-01", recorded_by_id=users[1].id))
        pa.cv.append(CvEntry(kind="education", title="Liceul Teoretic", place="Iași", recognition="applied"))
        pa.photo = CvPhoto(image=photo_bytes())
        s.add(pa)
        s.flush()
        enter(s, pa)
        intro = Introduction(
            opening_id=o2.id,
            participant_id=pa.id,
            status="approved",
            score=0.9,
            explanation={"matched": [{"required": "Kasse", "by": "Kasse", "how": "exact"}], "missing": [], "conditions": []},
            decided_by_id=users[1].id,
            decided_at=utcnow(),
        )
        s.add(intro)
        mail = OutboxMail(recipient="e2@test.example", subject="Neue Vorstellung", body="Bitte melden Sie sich an.")
        s.add(mail)
        request_row = AccessRequest(name="Blumen Blüte", sector="retail", postcode="58089", contact_name="Rosa Blüte", email="rosa@bluete.example")
        s.add(request_row)
        pending = VocabularyImport(created_by_id=users[0].id, source="wortschatz.json", entries=[["Spüli", None, "Wort der Küche"]])
        s.add(pending)
        key = ApiToken(
            user_id=users[3].id, name="Bewerbermanagement", token_hash="0" * 64, hint="kmu_000000", scope="read", expires_at=utcnow() + timedelta(days=30)
        )
        s.add(key)
        prospect = Business(name="Friseur Schnitt", sector="hairdresser", postcode="58089", quarter="wehringhausen", size="micro", centre_id=cw.id)
        person = BusinessContactPerson(name="Sabine Schnitt", role="Inhaberin", phone="02331 654321", email="sabine@schnitt.example")
        activity = BusinessActivity(
            kind="visit",
            contact_date=date.today(),
            by_id=users[2].id,
            topic="Erstbesuch",
            next_step="Anrufen",
            next_due=date.today() + timedelta(days=3),
            next_owner_id=users[2].id,
        )
        prospect.contacts.append(person)
        prospect.activities.append(activity)
        s.add(prospect)
        s.flush()
        need = BusinessNeed(business_id=prospect.id, activity_id=activity.id, title="Aushilfe Empfang", hours="minijob")
        s.add(need)
        s.commit()
        return World(
            ca.id,
            cw.id,
            e1.id,
            e2.id,
            *(u.email for u in users),
            o1.id,
            o2.id,
            pa.id,
            intro.id,
            mail.id,
            request_row.id,
            pa.cv[0].id,
            pending.id,
            key.id,
            prospect.id,
            person.id,
            activity.id,
            need.id,
        )


@pytest.fixture
def login_as(client, world):
    """``login_as("admin")`` logs the test client in as that person of the world."""

    def _login(who: str):
        email = getattr(world, who)
        response = login(client, email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return _login


# -- what a story adds to the world: fixtures that hand the test a function bound to its app, world or client ----------


@pytest.fixture
def add_participant(app, world):
    """``add_participant("AH-0050", ["Kasse"], centre="w", level="A2", consent="cv", status="paused", first="Ana")``:
    a participant with an identity, skills, a consent (``consent=None``: none) and the entry as the service records it,
    known to the matching index; returns the id."""

    def add(code, skills, centre="a", level="B1", consent="first_name", status="active", first="Mihai") -> int:
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

    return add


@pytest.fixture
def add_opening(app, world):
    """``add_opening("Thekenkraft", "Bonieren")``: another open opening of company 2 (the one of ``world.opening_2``),
    asking for one skill in the company's words, known to the matching index; returns the id."""

    def add(title: str, term: str) -> int:
        with app.app_context():
            o = Opening(employer_id=world.employer_2, title=title, german_level="A2", hours="part_time", postcode="58097", quarter="altenhagen", status="open")
            o.skills.append(OpeningSkill(kind="required", term=term, position=0))
            db.session.add(o)
            db.session.flush()
            touch(db.session, o)
            db.session.commit()
            return o.id

    return add


@pytest.fixture
def bar_opening(add_opening) -> int:
    """A second open opening of company 2, in its own words: "Bonieren" (ringing up at the till); its id."""
    return add_opening("Thekenkraft", "Bonieren")


@pytest.fixture
def intros(app):
    """``intros(opening_id)``: the introductions for an opening, oldest first."""

    def of(opening_id) -> list[Introduction]:
        with app.app_context():
            return list(db.session.scalars(select(Introduction).where(Introduction.opening_id == opening_id).order_by(Introduction.id)))

    return of


@pytest.fixture
def decide(client):
    """``decide(opening_id, participant_id, "approve" | "reject", reason=..., note=...)``: the test client decides on
    the suggestions page as a counsellor does (with the page's CSRF token); the page after the redirect."""

    def post(opening_id, participant_id, action, reason="", note=""):
        token = csrf_token(client, f"/beratung/stellen/{opening_id}/vorschlaege")
        data = {"participant_id": str(participant_id), action: "1", "reason": reason, "note": note, "csrf_token": token}
        return client.post(f"/beratung/stellen/{opening_id}/entscheidung", data=data, follow_redirects=True)

    return post


@pytest.fixture
def upload(client):
    """``upload(content, "liste.xlsx")``: the test client uploads a list on the import page (the answer redirects to
    its preview)."""

    def post(content: bytes, filename: str):
        token = csrf_token(client, "/beratung/import")
        response = client.post("/beratung/import", data={"datei": (io.BytesIO(content), filename), "csrf_token": token}, content_type="multipart/form-data")
        # werkzeug's test client keeps a large request body in a temporary file and, without
        # follow_redirects, leaves it open: close it here.
        response.request.input_stream.close()
        return response

    return post
