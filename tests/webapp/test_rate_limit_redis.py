"""With Redis as the limiter's storage, all workers count login attempts together."""

from __future__ import annotations

from tests.conftest import csrf_token


def test_two_workers_share_one_login_limit(app_factory, world, redis_url):
    worker_a = app_factory(RATELIMIT_STORAGE_URI=redis_url)
    worker_b = app_factory(RATELIMIT_STORAGE_URI=redis_url)
    a, b = worker_a.test_client(), worker_b.test_client()
    ta, tb = csrf_token(a), csrf_token(b)
    statuses = []
    for i in range(11):
        client, token = (a, ta) if i % 2 == 0 else (b, tb)
        statuses.append(client.post("/anmelden", data={"email": world.admin, "password": "falsch", "csrf_token": token}).status_code)
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
