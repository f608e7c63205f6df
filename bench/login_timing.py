"""Does the time of a wrong login or of a reset request tell which addresses have an account?

    python bench/login_timing.py [--tries 30]

A fresh SQLite database with one account and the production argon2 parameters.
Wrong logins and reset requests alternate between the account's address and
unknown addresses (interleaved, so drift hits both alike); prints the medians
and their ratio (target: within 10 %). The time is the whole request as the
client sees it; for a reset request, the look-up and the mail follow after the
answer has been sent (``response.close()``, as a WSGI server does it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models import User
from webapp import create_app
from webapp.core.db import db
from webapp.core.migrate import upgrade
from webapp.core.passwords import hash_password

KNOWN = "bekannt@bench.example"


def _token(client, path: str) -> str:
    import re

    html = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)
    return found.group(1) or found.group(2)


def measure(client, path: str, data_for, tries: int) -> tuple[list[float], list[float]]:
    token = _token(client, path)
    known, unknown = [], []
    for i in range(tries * 2):
        email = KNOWN if i % 2 == 0 else f"unbekannt{i}@bench.example"
        start = time.perf_counter()
        response = client.post(path, data={**data_for(email), "csrf_token": token})
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code not in (200, 302):
            raise SystemExit(f"{path} answered {response.status_code}")
        response.close()  # the server's work after the answer (reset links) happens here, outside the timing
        (known if email == KNOWN else unknown).append(elapsed)
    return known, unknown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tries", type=int, default=30)
    args = parser.parse_args()
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.session.add(User(email=KNOWN, name="Bench", role="admin", password_hash=hash_password("ein richtig langes Passwort")))
        db.session.commit()
    client = app.test_client()
    client.post("/anmelden", data={"email": "aufwaermen@bench.example", "password": "x", "csrf_token": _token(client, "/anmelden")})
    rows = [
        ("wrong login", "/anmelden", lambda email: {"email": email, "password": "falsches Passwort"}),
        ("reset request", "/passwort-vergessen", lambda email: {"email": email}),
    ]
    print(f"{'request':<15} {'known p50':>10} {'unknown p50':>12} {'ratio':>7}   ({args.tries} interleaved tries each)")
    for name, path, data_for in rows:
        known, unknown = measure(client, path, data_for, args.tries)
        a, b = statistics.median(known), statistics.median(unknown)
        print(f"{name:<15} {a:>8.1f} ms {b:>9.1f} ms {max(a, b) / min(a, b):>7.2f}")


if __name__ == "__main__":
    main()
