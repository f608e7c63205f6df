"""Backup and restore on the test database (SQLite or PostgreSQL): data come back, erased people do not."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from models import Erasure, Event, Opening, Participant, ParticipantIdentity, User
from webapp.core.db import db
from webapp.privacy.erasure import erase_participant


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _backup(runner, tmp_path) -> Path:
    result = runner.invoke(args=["backup", "--output", str(tmp_path / "sicherungen")])
    assert result.exit_code == 0, result.output
    path = Path(result.output.split("Sicherung geschrieben: ")[1].split(" (")[0])
    assert path.is_file() and path.stat().st_size > 0
    assert path.stat().st_mode & 0o077 == 0  # readable by the owner only
    return path


def test_a_restore_brings_back_the_data_of_the_backup(app, runner, world, tmp_path):
    with app.app_context():
        db.session.add(Event(kind="participant.entered", participant_key="k1", centre_id=world.centre_a, quarter="altenhagen"))
        db.session.commit()
    path = _backup(runner, tmp_path)
    with app.app_context():  # changes after the backup
        db.session.get(Opening, world.opening_1).title = "Geändert nach der Sicherung"
        db.session.add(User(email="neu@test.example", name="Neu", role="admin", password_hash="x"))
        db.session.commit()
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert "Wiederhergestellt" in result.output
    with app.app_context():
        assert db.session.get(Opening, world.opening_1).title == "Aushilfe Backstube"
        assert db.session.scalar(select(User).where(User.email == "neu@test.example")) is None
        assert db.session.get(Participant, world.participant_a).identity.last_name == "Popa"
    assert _count(app, Event) == 2  # the world's entry and this one
    # and the service works on the restored data
    from tests.helpers import login

    client = app.test_client()
    assert login(client, world.counsellor_a).status_code == 302
    assert "AH-0001" in client.get("/beratung/teilnehmende").get_data(as_text=True)


def test_erased_people_stay_erased_after_a_restore(app, runner, world, tmp_path):
    path = _backup(runner, tmp_path)  # still holds participant_a
    with app.app_context():
        erase_participant(db.session, db.session.get(Participant, world.participant_a), "request")
        db.session.commit()
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 erneut gelöscht" in result.output
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is None
        assert db.session.scalar(select(Erasure.participant_id)) == world.participant_a
    assert _count(app, ParticipantIdentity) == 0
    # A second restore of the same file (twice in a row) keeps it so.
    assert runner.invoke(args=["restore", str(path), "--yes"]).exit_code == 0
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is None


def test_a_broken_file_changes_nothing(app, runner, world, tmp_path):
    junk = tmp_path / "kaputt.sqlite3"
    junk.write_bytes(b"this is not a backup" * 100)
    result = runner.invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0 and "kaputt.sqlite3 ist keine" in result.output
    missing = runner.invoke(args=["restore", str(tmp_path / "gibt-es-nicht.pgdump"), "--yes"])
    assert missing.exit_code != 0 and "gibt es nicht" in missing.output
    with app.app_context():
        assert db.session.get(Participant, world.participant_a) is not None
        assert db.session.get(Opening, world.opening_2).title == "Kioskaushilfe"


def test_restore_asks_before_replacing_everything(app, runner, world, tmp_path):
    path = _backup(runner, tmp_path)
    result = runner.invoke(args=["restore", str(path)], input="n\n")
    assert result.exit_code != 0 and "angehalten" in result.output
