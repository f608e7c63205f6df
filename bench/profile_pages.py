"""CPU time of the counsellor's heavy pages, in this process, for a profiler to look at.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kmu_load KMU_ENV=production SECRET_KEY=x \\
        python bench/profile_pages.py [--rounds 100] [--page suggestions profile decision]
    pip install py-spy     # a sampling profiler (a bench tool: not a dependency of the service)
    py-spy record -r 200 -o bench/flames/counsellor-pages-after.svg -- python bench/profile_pages.py --page suggestions profile decision --rounds 150

Runs against the database ``bench/load_setup.sh`` prepared (a copy: decisions are written). Logs in
as a demo counsellor through the login form, builds the matching index first, then requests each
page ``--rounds`` times through Flask's test client (no network, no other threads), and prints the
CPU milliseconds per request of each page (mean, median, 95th percentile). The flame graphs under
``bench/flames/`` were recorded with the third command (``--page statistics`` for the statistics page), the
``-before`` ones on commit 55dce40 (statistics-before: just before 0eb114f, before the kept timeline was
changed in place) with this script copied into that checkout.
statistics-after.svg is of 04.12 (closed months read in the master before forking, this month's timeline
kept while its events are unchanged, the five aggregate queries made once).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COUNSELLOR = "s.kortmann@altenhagen.example"
PASSWORD = "demo-beratung-2026"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--page", nargs="+", default=["suggestions", "profile", "decision", "openings", "statistics"])
    args = parser.parse_args()

    from webapp import create_app
    from webapp.warmup import warm_up

    app = create_app()
    app.logger.disabled = True
    started = time.perf_counter()
    warm_up(app, before_fork=True)  # as gunicorn's master does: caches filled, then gc.freeze()
    print(f"matching index built in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    page = client.get("/anmelden").get_data(as_text=True)
    login = client.post("/anmelden", data={"email": COUNSELLOR, "password": PASSWORD, "csrf_token": CSRF.search(page).group(1)})
    if login.status_code != 302:
        sys.exit("login failed: is this the load bench's database (bench/load_setup.sh)?")
    admin = app.test_client()
    page = admin.get("/anmelden").get_data(as_text=True)
    admin.post("/anmelden", data={"email": "admin@kmu-match.example", "password": "demo-admin-2026", "csrf_token": CSRF.search(page).group(1)})

    rng = random.Random(31)  # nosec B311 - a bench's choice of pages
    listing = client.get("/beratung/stellen").get_data(as_text=True)
    openings = re.findall(r"/beratung/stellen/(\d+)/vorschlaege", listing)
    cpu: dict[str, list[float]] = {name: [] for name in args.page}

    def timed(name: str, user, url: str, data: dict | None = None):
        before = time.thread_time()
        response = user.post(url, data=data) if data is not None else user.get(url)
        cpu[name].append((time.thread_time() - before) * 1000)
        if response.status_code >= 500:
            sys.exit(f"{name}: {response.status_code}")
        return response

    for _round in range(args.rounds):
        opening = rng.choice(openings)
        url = f"/beratung/stellen/{opening}/vorschlaege"
        shown = timed("suggestions", client, url) if "suggestions" in args.page else client.get(url)
        text = shown.get_data(as_text=True)
        profiles = re.findall(r'href="/beratung/teilnehmende/(\d+)"', text)
        people = re.findall(r'name="participant_id" value="(\d+)"', text)
        if "profile" in args.page and profiles:
            timed("profile", client, f"/beratung/teilnehmende/{rng.choice(profiles)}")
        if "decision" in args.page and people:
            form = {"participant_id": rng.choice(people), "approve": "1", "reason": "", "note": "", "csrf_token": CSRF.search(text).group(1)}
            timed("decision", client, f"/beratung/stellen/{opening}/entscheidung", form)
        if "openings" in args.page:
            timed("openings", client, "/beratung/stellen")
        if "statistics" in args.page and _round % 10 == 0:
            timed("statistics", admin, "/statistik/")

    print(f"{'page':<12} {'requests':>8} {'mean ms':>8} {'p50 ms':>8} {'p95 ms':>8}   (CPU of this thread per request)")
    for name, values in cpu.items():
        if values:
            values.sort()
            p95 = values[min(len(values) - 1, int(0.95 * (len(values) - 1)))]
            print(f"{name:<12} {len(values):>8} {statistics.fmean(values):>8.1f} {statistics.median(values):>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
