"""The statistics at scale: three years of history for 5,000 participants (about 200,000 events).

    python bench/stats_scale.py [--participants 5000] [--years 3] [--database-url URL]

Loads the demo accounts into a fresh database (SQLite in a temporary folder unless
a URL is given; PostgreSQL: an empty database), adds an invented event history in
bulk, then times – as the project lead, through the web app – the dashboard (published
and internal; its charts are drawn in the browser from the page's tables), the CSV
and XLSX exports, and ``flask stats``. Prints the median of several requests.
Targets: page under 300 ms at 5,000 participants and under 500 ms at 20,000;
exports and ``flask stats`` under 1 s at 5,000 and under 2 s at 20,000.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select

from models import Centre, Employer, Event, Opening, local_month
from webapp import create_app, demo
from webapp.core.config import database_url
from webapp.core.db import db
from webapp.core.migrate import upgrade

SECTORS = ("bakery", "kiosk", "hairdresser", "car_repair", "cleaning", "care", "logistics", "restaurant", "retail", "crafts")
QUARTERS = ("altenhagen", "wehringhausen", "other")


def add_history(session, participants: int, years: int, seed: int = 7) -> int:
    """Invented events: entries and exits, openings with their suggestions views and introductions."""
    rng = random.Random(seed)  # repeatable invented data, not security  # nosec B311
    now = datetime.now(UTC)
    start = now - timedelta(days=365 * years)
    centres = list(session.scalars(select(Centre.id)))
    openings = list(session.scalars(select(Opening.id)))
    employers = list(session.scalars(select(Employer.id)))
    rows = []

    def add(kind, at, **fields):
        rows.append({"kind": kind, "occurred_at": at, "month": local_month(at), "record_key": rng.getrandbits(31), "data": fields.pop("data", {}), **fields})

    people = []
    for _ in range(participants):
        key, centre, quarter = uuid.uuid4().hex, rng.choice(centres), rng.choice(QUARTERS)
        entered = start + timedelta(seconds=rng.uniform(0, (now - start).total_seconds()))
        add("participant.entered", entered, participant_key=key, centre_id=centre, quarter=quarter)
        if rng.random() < 0.4:
            add(
                rng.choice(["participant.placed", "participant.left"]),
                min(now, entered + timedelta(days=rng.randint(20, 300))),
                participant_key=key,
                centre_id=centre,
                quarter=quarter,
            )
        people.append((key, centre, entered))
    day = start
    while day < now:
        for _ in range(rng.randint(25, 35)):  # openings published per month
            opening, sector, quarter = rng.choice(openings), rng.choice(SECTORS), rng.choice(QUARTERS)
            published = day + timedelta(days=rng.uniform(0, 30))
            place = {"opening_id": opening, "employer_id": rng.choice(employers), "sector": sector, "quarter": quarter}
            add("opening.published", published, **place)
            for view in range(rng.randint(150, 190)):  # every suggestions view is an event
                add("suggestions.shown", published + timedelta(hours=view * 5), data={"count": rng.randint(5, 30)}, **place)
            hired = False
            for key, centre, _entered in rng.sample(people, 6):
                decided = published + timedelta(days=rng.randint(1, 20))
                if rng.random() < 0.3:
                    add(
                        "introduction.rejected",
                        decided,
                        participant_key=key,
                        centre_id=centre,
                        reason=rng.choice(["skills", "german", "declined"]),
                        data={"missing": ["Kasse"]},
                        **place,
                    )
                    continue
                add("introduction.approved", decided, participant_key=key, centre_id=centre, **place)
                if rng.random() < 0.6:
                    add("introduction.interview", decided + timedelta(days=4), participant_key=key, centre_id=centre, **place)
                    if not hired and rng.random() < 0.4:
                        hired = True
                        add("introduction.hired", decided + timedelta(days=9), participant_key=key, centre_id=centre, **place)
                    else:
                        add("introduction.not_hired", decided + timedelta(days=9), participant_key=key, centre_id=centre, reason="other_candidate", **place)
            add("opening.filled" if hired else "opening.expired", published + timedelta(days=56 if not hired else 25), **place)
        day += timedelta(days=30)
    rows = [r for r in rows if r["occurred_at"] <= now]
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(Event), rows[chunk : chunk + 5000])
    return len(rows)


def timed(fn, repeat: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times[1:] if repeat > 1 else times)


def main() -> None:
    logging.getLogger("webapp").setLevel(logging.WARNING)  # the request log would hide the figures
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = database_url({"DATABASE_URL": args.database_url}) if args.database_url else f"sqlite:///{folder}/bench.sqlite3"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40, "RATELIMIT_ENABLED": False, "INSTANCE_PATH": folder})
    with app.app_context():
        demo.load(db.session, participants=200)
        db.session.commit()
        started = time.perf_counter()
        added = add_history(db.session, args.participants, args.years)
        db.session.commit()
        total = db.session.scalar(select(func.count()).select_from(Event))
        print(
            f"{url.split(':')[0]}: {total:,} events ({added:,} added in {time.perf_counter() - started:.1f} s), {args.participants:,} participants over {args.years} years".replace(
                ",", "."
            )
        )
    client = app.test_client()
    html = client.get("/anmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)
    login = client.post("/anmelden", data={"email": "admin@kmu-match.example", "password": demo.ADMIN_PASSWORD, "csrf_token": token.group(1) or token.group(2)})
    assert login.status_code == 302, login.status_code
    month = datetime.now().strftime("%Y-%m")

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    cases = [
        ("dashboard (published)", f"/statistik/?monat={month}"),
        ("dashboard (internal, exact)", f"/statistik/?monat={month}&ansicht=intern"),
        ("dashboard, year", f"/statistik/?monat={month}&zeitraum=jahr"),
        ("export CSV", f"/statistik/export.csv?monat={month}"),
        ("export XLSX", f"/statistik/export.xlsx?monat={month}"),
        ("export XLSX, year", f"/statistik/export.xlsx?monat={month}&zeitraum=jahr"),
    ]
    print(f"{'request':<30} {'first':>9} {'median':>9}")
    for name, path in cases:
        first, median = timed(lambda path=path: get(path))
        print(f"{name:<30} {first:>7.0f} ms {median:>7.0f} ms")
    runner = app.test_cli_runner()
    out = Path(folder) / "report.xlsx"
    first, median = timed(lambda: runner.invoke(args=["stats", "--month", month, "--format", "xlsx", "--output", str(out)]), repeat=3)
    print(f"{'flask stats (XLSX)':<30} {first:>7.0f} ms {median:>7.0f} ms")


if __name__ == "__main__":
    main()
