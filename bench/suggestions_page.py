"""Latency of the counsellors' suggestions page with the demo data.

    python bench/suggestions_page.py [--participants 300] [--database-url URL]

Loads the demo data into a fresh database (SQLite in a temporary folder unless
a URL is given), logs in as a demo counsellor and requests the suggestions
page of every open opening several times. Prints the first request (which
builds the worker's matching index) apart from the rest, and p50/p95 of the
rest (target: under 300 ms).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from models import Opening
from webapp import create_app, demo
from webapp.core.config import database_url
from webapp.core.db import db
from webapp.core.migrate import upgrade


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    url = database_url({"DATABASE_URL": args.database_url}) if args.database_url else f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40, "RATELIMIT_ENABLED": False})
    with app.app_context():
        demo.load(db.session, participants=args.participants)
        db.session.commit()
        openings = db.session.scalars(select(Opening.id).where(Opening.status == "open")).all()
    counsellor = next(entry for entry in demo.demo_logins() if entry.role == "counsellor")
    client = app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/anmelden").get_data(as_text=True)).group(1)
    client.post("/anmelden", data={"email": counsellor.email, "password": counsellor.password, "csrf_token": token})

    t = time.perf_counter()
    first = client.get(f"/beratung/stellen/{openings[0]}/vorschlaege")
    first_ms = (time.perf_counter() - t) * 1000
    assert first.status_code == 200, first.status_code
    times = []
    for _ in range(args.rounds):
        for oid in openings:
            t = time.perf_counter()
            response = client.get(f"/beratung/stellen/{oid}/vorschlaege")
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"suggestions page, {args.participants} participants, {len(openings)} open openings, {len(times)} requests")
    print(f"first request (builds the worker's matching index): {first_ms:.0f} ms")
    print(f"then: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
