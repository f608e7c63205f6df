"""Personal data is found from the schema (issue 23.3): Art. 15, erasure and retention walk every table
that refers to a person, and a new table or column cannot be forgotten."""

from __future__ import annotations

import subprocess
from datetime import timedelta

from sqlalchemy import String, Text, select

from models import (
    AccessRequest,
    AccountToken,
    Base,
    CvEntry,
    Employer,
    EsfRecord,
    Introduction,
    LoginSession,
    OutboxMail,
    Participant,
    ParticipantLanguage,
    ReadingFix,
    ResearchConsent,
    User,
    utcnow,
)
from tests.helpers import csrf_token, login
from webapp.core.db import db
from webapp.privacy.personal_data import CATALOGUE, SUBJECTS, TABLE_LABELS, NoPersonalData, Shown, nested_tables, owned_tables


def test_every_table_and_every_column_of_the_schema_is_in_the_catalogue():
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    assert set(CATALOGUE) == set(tables), "a table the catalogue of personal data does not know (or no longer exists)"
    for name, entry in CATALOGUE.items():
        columns = {c.name for c in tables[name].columns}
        known = set(entry.columns) if isinstance(entry, NoPersonalData) else set(entry)
        assert known == columns, f"{name}: columns not in the catalogue {columns - known}, gone {known - columns}"


def test_everything_that_belongs_to_a_participant_goes_with_an_erasure():
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "participant":
                assert fk.ondelete == "CASCADE", f"{table.name}.{fk.parent.name} would outlive an erasure"
    owned = {t.name for t, _c in owned_tables("participant")}
    assert {"participant_identity", "introduction", "cv_entry", "cv_photo", "esf_record", "reading_fix", "consent_record"} <= owned
    for subject in SUBJECTS:
        for name in [t.name for t, _c in owned_tables(subject)] + nested_tables(subject):
            assert name in TABLE_LABELS and not isinstance(CATALOGUE[name], NoPersonalData)
    assert nested_tables("company") == ["business_activity", "business_contact_person", "business_need"]


def test_text_columns_marked_free_of_personal_data_are_only_words_and_codes():
    """A table said to hold no personal data has no free-text column someone could type a person into,
    except the ones reviewed here (an opening's own words, the project's vocabulary)."""
    reviewed = {("opening", "title"), ("opening", "description"), ("opening", "place"), ("opening_skill", "term"), ("vocabulary_entry", "term")}
    reviewed |= {
        ("vocabulary_entry", "term_key"),
        ("vocabulary_entry", "reason"),
        ("centre", "name"),
        ("centre", "partner"),
        ("centre", "address"),
        ("centre", "opening_hours"),
    }
    reviewed |= {("vocabulary_import", "source")}  # a file name
    for name, entry in CATALOGUE.items():
        if isinstance(entry, NoPersonalData):
            table = Base.metadata.tables[name]
            for column in table.columns:
                if isinstance(column.type, Text) or (isinstance(column.type, String) and (column.type.length or 0) > 80):
                    assert (name, column.name) in reviewed, f"{name}.{column.name} can hold free text: classify it"


def _everything(app, world) -> dict:
    """The world's participant with a row in every table that belongs to her; returns what identifies her."""
    with app.app_context():
        p = db.session.get(Participant, world.participant_a)
        p.languages.append(ParticipantLanguage(language="ro", level="C2"))
        p.cv.append(CvEntry(kind="work", title="Supermarkt Profi Brașov", details="Kasse\nRegale einräumen"))
        db.session.add(ReadingFix(participant_id=p.id, term_key="kasse", concept_id=None))
        db.session.add(ResearchConsent(participant_id=p.id, text_version="2026-12"))
        record = db.session.get(EsfRecord, p.id)
        record.gender, record.birth_year, record.labour_status, record.education = "female", 1990, "unemployed", "isced_0_2"
        record.voluntary_consent_at, record.minority = utcnow(), True
        intro = db.session.get(Introduction, world.introduction_2)
        intro.decision_note = "Frau Popa hat Kinderbetreuung ab 8 Uhr geregelt"
        identity = p.identity
        identity.notes = "ruft lieber vormittags an"
        db.session.commit()
        return {
            "values": ["Ioana", "Popa", "0157 1234567", "ioana@example.org", "ruft lieber vormittags an", "Kinderbetreuung ab 8 Uhr", "Supermarkt Profi"],
            "keys": [p.stats_key, p.erasure_key],
            "id": p.id,
        }


def test_the_answer_holds_every_row_of_every_table_that_belongs_to_the_person(app, client, world, login_as):
    _everything(app, world)
    login_as("counsellor_a")
    data = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft.json").get_json()
    records = data["records"]
    for table, _column in owned_tables("participant"):
        assert records[table.name], f"{table.name} is missing from the answer"
        shown = {name for name, entry in CATALOGUE[table.name].items() if isinstance(entry, Shown)}  # type: ignore[union-attr]
        assert set(records[table.name][0]) == shown, table.name
    # The counsellor's note on the decision (symptom 3) and the voluntary answer are in it.
    assert records["introduction"][0]["decision_note"] == "Frau Popa hat Kinderbetreuung ab 8 Uhr geregelt"
    assert records["esf_record"][0]["minority"] is True
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft").get_data(as_text=True)
    for label in ("Notiz der Beratung zur Entscheidung", "Kinderbetreuung ab 8 Uhr", "Lebenslauf-Einträge", "Gewählte Lesarten von Begriffen", "Rumänisch"):
        assert label in page, label


def _rows_mentioning(app, needles) -> list[str]:
    """Every table and column that still holds one of ``needles`` (any row, any column, as text)."""
    found = []
    with app.app_context():
        for table in Base.metadata.sorted_tables:
            for row in db.session.execute(select(table)).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                    found += [f"{table.name}.{column}: {needle}" for needle in needles if needle in text]
    return found


def test_an_erased_person_leaves_nothing_that_links_back_in_any_table_or_backup(app, client, runner, world, login_as, tmp_path):
    known = _everything(app, world)
    login_as("counsellor_a")
    url = f"/beratung/teilnehmende/{world.participant_a}/loeschen"
    assert client.post(url, data={"confirm": "AH-0001", "csrf_token": csrf_token(client, url)}).status_code == 302
    assert _rows_mentioning(app, known["values"]) == []
    # The stats key stays only on the anonymous events; the register keeps its own random key, never the stats key.
    leftovers = _rows_mentioning(app, known["keys"])
    assert all(place.startswith("event.participant_key") or place.startswith("erasure.register_key") for place in leftovers), leftovers
    with app.app_context():
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name == "participant":
                    assert db.session.execute(select(table).where(table.c[fk.parent.name] == known["id"])).first() is None
    # A backup made afterwards holds none of it either (SQLite overwrites deleted rows; pg_dump writes only live rows).
    result = runner.invoke(args=["backup", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = result.output.split("Sicherung geschrieben: ")[1].split(" (")[0]
    with open(path, "rb") as file:
        raw = file.read()
    if not raw.startswith(b"SQLite format 3"):
        raw = subprocess.run(["pg_restore", "--file=-", path], check=True, capture_output=True).stdout
    assert not [v for v in known["values"] if v.encode() in raw]


def test_an_account_holder_gets_an_answer_and_can_be_erased(app, client, world, login_as):
    with app.app_context():
        counsellor = db.session.scalar(select(User).where(User.email == world.counsellor_a))
        db.session.add(OutboxMail(recipient=counsellor.email, subject="Sammel-Mail", body="3 neue Rückmeldungen"))
        db.session.commit()
        uid = counsellor.id
    own = app.test_client()
    login(own, world.counsellor_a)
    mine = own.get("/konto/meine-daten.json").get_json()  # every account holder, for themself
    assert mine["records"]["user_account"][0]["email"] == world.counsellor_a and mine["records"]["login_session"]
    assert mine["named_in_other_records"]["consent_record.recorded_by_id"] == 1 and mine["records"]["outbox_mail"]
    assert "password_hash" not in mine["records"]["user_account"][0]
    login_as("admin")
    assert client.get(f"/admin/benutzer/{uid}/auskunft.json").get_json()["records"]["user_account"][0]["name"] == "Clara Altenhagen"
    url = f"/admin/benutzer/{uid}/loeschen"
    wrong = client.post(url, data={"confirm": "falsch@test.example", "csrf_token": csrf_token(client, url)})
    assert wrong.status_code == 200 and "Die Adresse stimmt nicht" in wrong.get_data(as_text=True)
    assert client.post(url, data={"confirm": world.counsellor_a.upper(), "csrf_token": csrf_token(client, url)}).status_code == 302
    assert _rows_mentioning(app, ["Clara Altenhagen", world.counsellor_a]) == []
    with app.app_context():
        user = db.session.get(User, uid)
        assert not user.active and user.name == "gelöschter Zugang"
        assert db.session.scalar(select(LoginSession).where(LoginSession.user_id == uid)) is None
        assert db.session.scalar(select(AccountToken).where(AccountToken.user_id == uid)) is None
        assert db.session.get(Participant, world.participant_a).counsellor_id is None
    assert own.get("/konto/meine-daten.json").status_code in (302, 401)  # logged out for good


def test_a_company_contact_gets_an_answer_and_can_be_erased(app, client, world, login_as):
    with app.app_context():
        company = db.session.get(Employer, world.employer_1)
        company.contact_name, company.phone, company.email = "Rosa Blüte", "02331 123456", "rosa@bluete.example"
        db.session.commit()
    login_as("admin")
    answer = client.get(f"/admin/betriebe/{world.employer_1}/auskunft.json").get_json()
    assert answer["records"]["employer"][0]["contact_name"] == "Rosa Blüte" and answer["records"]["access_request"][0]["contact_name"] == "Rosa Blüte"
    url = f"/admin/betriebe/{world.employer_1}/kontakt-loeschen"
    assert client.post(url, data={"csrf_token": csrf_token(client, f"/admin/betriebe/{world.employer_1}")}).status_code == 302
    assert _rows_mentioning(app, ["Rosa Blüte", "rosa@bluete.example", "02331 123456"]) == []
    with app.app_context():
        assert db.session.get(Employer, world.employer_1).name == "Bäckerei Eins"  # the business stays
        assert db.session.scalar(select(AccessRequest)) is None


def test_retention_counts_activity_in_every_table_that_belongs_to_the_person(app, world):
    from webapp.privacy.retention import activity_sources, last_activity

    names = {table.name for table, _column, _time in activity_sources()}
    assert {"participant", "consent_record", "introduction", "esf_record", "cv_photo", "reading_fix"} <= names
    with app.app_context():
        p = db.session.get(Participant, world.participant_a)
        newest = utcnow() + timedelta(days=1)  # later than anything the world wrote
        db.session.add(ReadingFix(participant_id=p.id, term_key="putzen", concept_id=None, created_at=newest))
        db.session.commit()
        assert last_activity(db.session, [p.id])[p.id] == newest
