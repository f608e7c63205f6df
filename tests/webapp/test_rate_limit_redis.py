"""With Redis as the limiter's storage, all workers count login attempts together."""

from __future__ import annotations

import io
import json
import logging

import pytest

from tests.helpers import csrf_token, login
from webapp.core.extensions import limiter
from webapp.core.logs import JSONHandler
from webapp.warmup import warm_up


@pytest.fixture(autouse=True)
def _limiter_store_alive():
    """The limiter is one object per process: a test that saw Redis fail must not leave it in fallback for the next."""
    yield
    limiter._storage_dead = False


def test_two_workers_share_one_login_limit(app_factory, world, redis_url):
    worker_a = app_factory(RATELIMIT_STORAGE_URI=redis_url)
    worker_b = app_factory(RATELIMIT_STORAGE_URI=redis_url)
    a, b = worker_a.test_client(), worker_b.test_client()
    ta, tb = csrf_token(a), csrf_token(b)
    statuses = []
    for i in range(11):
        client, token = (a, ta) if i % 2 == 0 else (b, tb)
        # a different address each time: the limit per account and address (5 a minute) stays out of the way
        statuses.append(client.post("/anmelden", data={"email": f"niemand{i}@test.example", "password": "falsch", "csrf_token": token}).status_code)
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_without_redis_logins_still_work_and_are_limited_per_worker(app_factory, world, caplog):
    """Issue 19.6: Redis unreachable -> each worker counts on its own (logged), never a 500; /readyz says so."""
    worker = app_factory(RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")  # nothing listens on port 1
    # The warning reaches the service's own log (Flask-Limiter's logger has only a NullHandler of its own).
    handler = next(h for h in logging.getLogger("flask-limiter").handlers if isinstance(h, JSONHandler))
    log = io.StringIO()
    before = handler.setStream(log)
    admin = worker.test_client()
    login(admin, world.admin)  # before the wrong attempts use up the address's limit
    client = worker.test_client()
    token = csrf_token(client)
    statuses = [client.post("/anmelden", data={"email": f"niemand{i}@test.example", "password": "falsch", "csrf_token": token}).status_code for i in range(10)]
    assert statuses == [200] * 9 + [429]  # the admin's login above was the address's first of ten
    assert "falling back to in-memory storage" in caplog.text
    handler.setStream(before)
    lines = [json.loads(line) for line in log.getvalue().splitlines() if "falling back" in line]
    assert lines and lines[0]["level"] == "WARNING" and lines[0]["logger"] == "flask-limiter"
    warm_up(worker)
    assert client.get("/readyz").json == {"status": "degraded"}
    ready = admin.get("/readyz")
    assert ready.status_code == 200 and ready.json == {"status": "degraded", "database": "ok", "rate_limits": "fallback", "matching_index": "ready"}


def test_readyz_reports_the_shared_store(app_factory, redis_url, world):
    worker = app_factory(RATELIMIT_STORAGE_URI=redis_url)
    warm_up(worker)
    admin = worker.test_client()
    login(admin, world.admin)
    ready = admin.get("/readyz")
    assert ready.json == {"status": "ok", "database": "ok", "rate_limits": "shared", "matching_index": "ready"}
