"""The job queue with real worker processes (issue 24.7): a job waits for a worker and survives its restart;
two workers (two app instances, two schedulers) never run the same job twice; long work holds no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import OutboxMail, Participant, VocabularyEntry, VocabularyImport, VocabularyMeasurement
from tests.helpers import TEST_PASSWORD, enter  # noqa: F401 - TEST_PASSWORD kept for the workers' environment
from webapp import daily
from webapp.core import jobs
from webapp.core.db import db
from webapp.vocabulary import operations as vocabulary_ops

ROOT = Path(__file__).resolve().parents[2]
FLASK = Path(sys.executable).parent / "flask"


@pytest.fixture
def queue(tmp_path):
    """A real queue in an SQLite file (as in development); immediate again afterwards."""
    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    jobs.configure(url)
    yield url
    jobs.configure("immediate")


def _worker(database_url: str, queue_url: str, tmp_path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "KMU_JOBS_URL": queue_url,
        "KMU_ENV": "development",
        "KMU_INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    }
    return subprocess.Popen([str(FLASK), "--app", "wsgi", "worker", "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stop(process: subprocess.Popen) -> str:
    """Stop a worker (a warm shutdown: the consumer finishes what it runs); what it wrote to stderr."""
    process.send_signal(signal.SIGINT)
    try:
        _out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
    return err.decode(errors="replace")


def _wait_for(app, condition, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            if condition():
                return True
        time.sleep(0.5)
    return False


def _pending_import(app, world, terms: list[str]) -> int:
    with app.app_context():
        pending = VocabularyImport(source="test.json", entries=[[t, None, ""] for t in terms], status="applying")
        db.session.add(pending)
        db.session.commit()
        return pending.id


def test_a_job_waits_for_a_worker_and_survives_its_restart(app, world, database_url_for_tests, queue, tmp_path):
    first = _worker(database_url_for_tests, queue, tmp_path)
    time.sleep(3)
    _stop(first)  # the worker goes away ...
    import_id = _pending_import(app, world, ["Spüli", "Kommi"])
    vocabulary_ops.apply_import(import_id)  # ... the job is queued while nobody works ...
    with app.app_context():
        assert db.session.get(VocabularyImport, import_id).status == "applying"
    second = _worker(database_url_for_tests, queue, tmp_path)  # ... and the restarted worker does it
    done = _wait_for(app, lambda: db.session.get(VocabularyImport, import_id).status == "applied")
    log = _stop(second)
    assert done, log
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VocabularyEntry)) == 2


def test_two_workers_never_run_the_same_job_twice(app, world, database_url_for_tests, queue, tmp_path):
    """Two app instances' schedulers both enqueue the night's daily run; it runs once: one mail about what the checks found."""
    with app.app_context():  # something the checks find (a profile without its participation record)
        from models import Centre

        centre = db.session.scalar(select(Centre.id))
        db.session.add(Participant(pseudonym="AH-0999", centre_id=centre, german_level="A2", quarter="altenhagen"))
        db.session.commit()
    daily.daily_job()
    daily.daily_job()
    workers = [_worker(database_url_for_tests, queue, tmp_path) for _ in range(2)]
    mails = select(func.count()).select_from(OutboxMail).where(OutboxMail.subject.like("KMU-Match: Die tägliche Prüfung%"))
    ran = _wait_for(app, lambda: db.session.scalar(mails) >= 1)
    time.sleep(5)  # time for a second run, if there were one
    logs = [_stop(worker) for worker in workers]
    assert ran, logs
    with app.app_context():
        assert db.session.scalar(mails) == 1  # one admin in the world: one run, one mail


def test_a_measurement_runs_once_however_often_it_is_enqueued(app, world):
    """Immediate mode, the same rule: the run claims its row first."""
    with app.app_context():
        row = VocabularyMeasurement(layer_seq=0)
        db.session.add(row)
        db.session.commit()
        row_id = row.id
    calls = []
    import matching.report

    real = matching.report.report

    def counting(*args, **kwargs):
        calls.append(1)
        return {"vocabulary": 0, "layer": {"entries": 0, "own": 0, "left_out": []}, "proposals": {}, "benches": {}}

    matching.report.report = counting
    try:
        with app.app_context():
            vocabulary_ops.measure_layer(row_id)
            vocabulary_ops.measure_layer(row_id)
    finally:
        matching.report.report = real
    assert calls == [1]
    with app.app_context():
        done = db.session.get(VocabularyMeasurement, row_id)
        assert done.finished_at is not None and done.progress == 100


def test_building_the_matching_index_holds_no_write_lock(app, world, database_url_for_tests, monkeypatch):
    """Issue 24.7: after a restart the index build held SQLite's write lock; a login waited 32 s, then got a 500.
    Now the build reads with a session of its own that takes no lock; a write meanwhile is not kept waiting."""
    import threading

    from sqlalchemy import create_engine, text

    from matching import Matcher
    from webapp.suggestions.index import matching_index

    real_fit = Matcher.fit
    building = threading.Event()

    def slow_fit(self, *args, **kwargs):
        building.set()
        time.sleep(3)  # a large index takes this long and more
        return real_fit(self, *args, **kwargs)

    monkeypatch.setattr(Matcher, "fit", slow_fit)

    def build():
        with app.app_context():
            matching_index().current(db.session)
            db.session.commit()

    builder = threading.Thread(target=build)
    builder.start()
    assert building.wait(30)
    # A write, as a login's session makes one; behind a lock it would fail after one second ("database is locked").
    sqlite = database_url_for_tests.startswith("sqlite")
    quick = create_engine(database_url_for_tests, connect_args={"timeout": 1} if sqlite else {"options": "-c lock_timeout=1000"})
    with quick.begin() as conn:
        conn.execute(text("UPDATE matching_state SET seq = seq WHERE id = 1"))
    quick.dispose()
    builder.join(60)
