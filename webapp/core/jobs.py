"""Background work on a job queue (huey): never inside a web request or a web worker's thread.

Where the queue lives (``KMU_JOBS_URL``):

* production: Redis, which the service needs anyway (``redis://127.0.0.1:6379/1``); the worker is its own
  process, ``flask --app wsgi worker`` (a systemd unit in the README);
* development: an SQLite file in ``instance/`` – ``make run`` starts the worker beside the web server and
  needs no other service;
* tests: ``immediate`` – a job runs at once, in the caller's thread (huey's immediate mode).

What runs here: measuring the project's vocabulary ("Wirkung messen", about half a minute), applying an
imported vocabulary file (in batches), sending the outbox every minute (a mail that fails is tried again
later and later), and the daily run and the retention run at night. Long work reads with a read-only
session and writes in short transactions, so no login waits for it.

Exactly once: a job that must not run twice claims it first – the daily and the retention run their day's
key in the queue's storage (``once``; Redis SETNX, an SQLite unique key), a measurement and an import their
row with a conditional UPDATE – so two app instances, two schedulers or a retry never do the work twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from huey import Huey, crontab
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import event

# One queue per process; immediate (in memory) until ``configure`` points it at its storage.
huey = Huey("kmu-match", immediate=True, results=False, utc=True)
_app: Any = None


def configure(url: str) -> None:
    """Point the queue at ``url``: ``immediate``, ``redis://…`` or ``sqlite:///path``."""
    if url == "immediate":
        huey.immediate = True
        huey.storage = huey.create_storage()  # a fresh memory store for each app (nothing carried from one test to the next)
        return
    if url.lower().startswith(("redis://", "rediss://", "unix://")):
        huey.storage_class, huey.storage_kwargs = RedisStorage, {"url": url}
    elif url.startswith("sqlite:///"):
        huey.storage_class, huey.storage_kwargs = SqliteStorage, {"filename": url.removeprefix("sqlite:///")}
    else:
        raise ValueError(f"KMU_JOBS_URL must be immediate, redis://… or sqlite:///…, not {url!r}")
    huey._immediate = False  # (the setter would make the memory store again)
    huey.storage = huey.create_storage()


def storage_kind() -> str:
    """ "immediate", "redis" or "sqlite" (for /readyz and the start-up checks)."""
    if huey.immediate:
        return "immediate"
    return "redis" if isinstance(huey.storage, RedisStorage) else "sqlite"


@contextmanager
def app_context() -> Iterator[None]:
    """The app a job runs in: in immediate mode the caller's (a fresh context, so a session of its own);
    in a worker process the one it bound at its start (``bind``)."""
    from flask import current_app, has_app_context

    if has_app_context():
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    elif _app is None:
        raise RuntimeError("no app for the jobs: the worker binds one (jobs.bind, flask --app wsgi worker)")
    else:
        app = _app
    with app.app_context():
        yield


def bind(app: Any) -> None:
    """The app the worker's jobs run in (the worker's own, made once at its start)."""
    global _app
    _app = app


def after_commit(session, task, *args) -> None:
    """Enqueue ``task(*args)`` once ``session``'s transaction has committed: the worker must find what the
    request wrote, and in immediate mode the job then runs with no lock of the request held."""

    def enqueue(_session) -> None:
        task(*args)

    event.listen(session, "after_commit", enqueue, once=True)


@contextmanager
def once(key: str, ttl: int = 7 * 24 * 3600) -> Iterator[bool]:
    """Claim ``key`` for this run: True for the first claimant, False for every other (another instance, a
    second scheduler). A run that fails gives the key back, so its retry can claim it."""
    try:
        claimed = bool(huey.put_if_empty(f"once:{key}", b"1", ttl=ttl))
    except NotImplementedError:  # SQLite's store keeps keys without expiry (a day's key is a few bytes)
        claimed = bool(huey.put_if_empty(f"once:{key}", b"1"))
    try:
        yield claimed
    except BaseException:
        if claimed:
            huey.get(f"once:{key}")  # reading with peek=False deletes it
        raise


# -- the jobs -------------------------------------------------------------------------------------
# Each feature defines its own jobs beside its rules (``webapp.vocabulary.operations``: measuring and applying
# a layer; ``webapp.daily``: the daily run; ``webapp.privacy.retention``: the retention run); the worker imports
# them (``JOB_MODULES``). Only the outbox, plumbing itself, is sent from here.
JOB_MODULES = ("webapp.vocabulary.operations", "webapp.daily", "webapp.privacy.retention")


@huey.periodic_task(crontab(minute="*"), retries=3, retry_delay=60, retry_backoff=2, name="send_mail")
def send_mail() -> None:
    """The outbox, every minute (without SMTP_HOST the mails stay in the outbox for the admins to read)."""
    with app_context():
        from flask import current_app

        from webapp.core.mail import send_pending

        if current_app.config["SMTP_HOST"]:
            with huey.lock_task("send-mail"):
                send_pending()
