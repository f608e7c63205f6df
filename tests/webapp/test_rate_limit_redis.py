"""With Redis as the limiter's storage, all workers count login attempts together."""
from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import csrf_token

REDIS_URL = os.environ.get("KMU_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_url():
    if not _redis_answers():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is required under CI but does not answer at {REDIS_URL}")
        pytest.xfail(f"no Redis at {REDIS_URL}")
    return REDIS_URL


def test_two_workers_share_one_login_limit(app_factory, world, redis_url):
    prefix = f"kmu-test-{uuid.uuid4().hex[:8]}"
    worker_a = app_factory(RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_KEY_PREFIX=prefix)
    worker_b = app_factory(RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_KEY_PREFIX=prefix)
    a, b = worker_a.test_client(), worker_b.test_client()
    ta, tb = csrf_token(a), csrf_token(b)
    statuses = []
    for i in range(11):
        client, token = (a, ta) if i % 2 == 0 else (b, tb)
        statuses.append(client.post("/anmelden", data={"email": world.admin, "password": "falsch", "csrf_token": token}).status_code)
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
