"""Load test of a running KMU-Match: many users clicking with pauses, per-endpoint latency and errors.

    python bench/load.py --base-url http://127.0.0.1:8000 [--users 50 100] [--seconds 60] [--max-requests 20000]

The service must run with the demo data (``flask demo-data --participants 20000
--open-openings 300`` for the scale of the whole project); ``bench/load_setup.sh``
prepares a PostgreSQL database and starts gunicorn as the README's production set-up.
Only loopback addresses are accepted: this is a bench for the machine it runs on.

Each virtual user logs in once, then repeats its role's tasks with 1-3 s of thinking
between clicks until the time or the request budget is spent:

* 80 % counsellors: the list of open openings, the suggestions of one of them, a
  participant's profile, and now and then a decision - sent twice in a row, as a
  double click would (the second must change nothing);
* 20 % employers: their openings, one opening, the check of a new opening, and now
  and then a published opening;
* one administrator looks at the statistics.

Prints per endpoint: requests, p50 and p95 in ms, errors (5xx, refused connections,
time-outs; a 4xx a user can cause - e.g. a double decision's "already decided" - is
not an error); requests per second overall; the load average and CPU use of the
machine during the run.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import random
import re
import socket
import statistics
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import urlencode, urlsplit

COUNSELLORS = ["s.kortmann@altenhagen.example", "m.aydin@altenhagen.example", "j.brenner@wehringhausen.example", "a.popescu@wehringhausen.example"]
EMPLOYERS = ["kontakt@baeckerei-sonnenkorn.example", "kontakt@backstube-am.example", "kontakt@kiosk-ecke.example", "kontakt@trinkhalle-friedensstrasse.example"]
ADMIN = "admin@kmu-match.example"
PASSWORDS = {"counsellor": "demo-beratung-2026", "employer": "demo-betrieb-2026", "admin": "demo-admin-2026"}
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)

    def add(self, name: str, ms: float, error: bool) -> None:
        with self.lock:
            self.times[name].append(ms)
            if error:
                self.errors[name] += 1

    @property
    def total(self) -> int:
        return sum(len(t) for t in self.times.values())


class Client:
    """One browser: a kept-alive connection, the session cookie, the last CSRF token."""

    def __init__(self, host: str, port: int, recorder: Recorder, timeout: float = 30.0) -> None:
        self.host, self.port, self.recorder, self.timeout = host, port, recorder, timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None
        self.bearer: str | None = None  # an API token (the api mix): then no cookie is sent

    def request(self, name: str, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        body = urlencode(form, doseq=True) if form is not None else None
        headers = {"Authorization": f"Bearer {self.bearer}"} if self.bearer else {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        status, text = 0, ""
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile is opened again once
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                status = response.status
                for value in response.headers.get_all("Set-Cookie") or []:
                    pair = value.split(";", 1)[0]
                    if "=" in pair:
                        k, v = pair.split("=", 1)
                        self.cookies[k.strip()] = v.strip()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn = None
                if attempt == 2:
                    status = 0
            except OSError:  # refused, reset, timed out
                self.conn = None
                status = 0
                break
        ms = (time.perf_counter() - started) * 1000
        self.recorder.add(name, ms, status == 0 or status >= 500)
        return status, text

    def token(self, html: str) -> str:
        found = CSRF.search(html)
        return found.group(1) if found else ""

    def log_in(self, email: str, password: str) -> bool:
        _status, page = self.request("GET /anmelden", "GET", "/anmelden")
        status, _page = self.request("POST /anmelden", "POST", "/anmelden", {"email": email, "password": password, "csrf_token": self.token(page)})
        return status in (302, 303)

    def make_api_token(self) -> bool:
        """A read token made on the account page, as a person would (the api mix calls with it from then on)."""
        _status, page = self.request("GET api keys", "GET", "/konto/api-schluessel")
        nonce = re.search(r'name="form_nonce"[^>]*value="([^"]+)"', page)
        form = {"name": "Lasttest", "scope": "read", "days": "1", "form_nonce": nonce.group(1) if nonce else "", "csrf_token": self.token(page)}
        _status, answer = self.request("POST api keys", "POST", "/konto/api-schluessel", form)
        found = re.search(r'id="new-token">(kmu_[\w-]+)<', answer)
        self.bearer = found.group(1) if found else None
        return self.bearer is not None


def counsellor(client: Client, rng: random.Random, state: dict) -> None:
    _s, page = client.request("GET openings", "GET", "/beratung/stellen")
    ids = re.findall(r"/beratung/stellen/(\d+)/vorschlaege", page)
    if not ids:
        return
    think(rng, state)
    opening = rng.choice(ids)
    _s, page = client.request("GET suggestions", "GET", f"/beratung/stellen/{opening}/vorschlaege")
    people = re.findall(r'name="participant_id" value="(\d+)"', page)
    think(rng, state)
    _s, listing = client.request("GET participants", "GET", "/beratung/teilnehmende")
    profiles = re.findall(r"/beratung/teilnehmende/(\d+)\"", listing)
    if profiles:
        think(rng, state)
        client.request("GET profile", "GET", f"/beratung/teilnehmende/{rng.choice(profiles)}")
    if people and rng.random() < 0.3:
        think(rng, state)
        form = {
            "participant_id": rng.choice(people),
            "approve" if rng.random() < 0.7 else "reject": "1",
            "reason": "skills",
            "note": "",
            "csrf_token": client.token(page),
        }
        for _click in (1, 2):  # a double click
            client.request("POST decision", "POST", f"/beratung/stellen/{opening}/entscheidung", form)


def counsellor_outside(client: Client, rng: random.Random, state: dict) -> None:
    """The outside test's counsellor (issue 31): openings -> suggestions -> a suggested person's profile, a decision
    in 30 % of the loops, 15 % of the decisions double-clicked."""
    _s, page = client.request("GET openings", "GET", "/beratung/stellen")
    ids = re.findall(r"/beratung/stellen/(\d+)/vorschlaege", page)
    if not ids:
        return
    think(rng, state)
    opening = rng.choice(ids)
    _s, page = client.request("GET suggestions", "GET", f"/beratung/stellen/{opening}/vorschlaege")
    people = re.findall(r'name="participant_id" value="(\d+)"', page)
    profiles = re.findall(r'href="/beratung/teilnehmende/(\d+)"', page)
    if profiles:
        think(rng, state)
        client.request("GET profile", "GET", f"/beratung/teilnehmende/{rng.choice(profiles)}")
    if people and rng.random() < 0.3:
        think(rng, state)
        form = {
            "participant_id": rng.choice(people),
            "approve" if rng.random() < 0.7 else "reject": "1",
            "reason": "skills",
            "note": "",
            "csrf_token": client.token(page),
        }
        for _click in range(2 if rng.random() < 0.15 else 1):
            client.request("POST decision", "POST", f"/beratung/stellen/{opening}/entscheidung", form)


def counsellor_api(client: Client, rng: random.Random, state: dict) -> None:
    """A counsellor's program (issue 27): the open openings, then the suggestions of one of them, through the API."""
    _s, page = client.request("API openings", "GET", "/api/v1/openings?page_size=50")
    ids = re.findall(r'"id":\s*(\d+)', page)
    if not ids:
        return
    think(rng, state)
    client.request("API suggestions", "GET", f"/api/v1/openings/{rng.choice(ids)}/suggestions")


def employer_api(client: Client, rng: random.Random, state: dict) -> None:
    """A company's program: its openings, then one of them."""
    _s, page = client.request("API own openings", "GET", "/api/v1/openings")
    ids = re.findall(r'"id":\s*(\d+)', page)
    if ids:
        think(rng, state)
        client.request("API own opening", "GET", f"/api/v1/openings/{rng.choice(ids)}")


def admin_api(client: Client, rng: random.Random, state: dict) -> None:
    client.request("API statistics", "GET", "/api/v1/statistics")
    state["stop"].wait(max(0.0, state["statistics_every"] - 2))


def employer_outside(client: Client, rng: random.Random, state: dict) -> None:
    """The outside test's employer: openings -> one opening -> the new-opening form -> 'Prüfen' -> save, a quarter published."""
    _s, page = client.request("GET own openings", "GET", "/betrieb/stellen")
    ids = re.findall(r"/betrieb/stellen/(\d+)\"", page)
    if ids:
        think(rng, state)
        client.request("GET own opening", "GET", f"/betrieb/stellen/{rng.choice(ids)}")
    think(rng, state)
    _s, page = client.request("GET new opening", "GET", "/betrieb/stellen/neu")
    form = _opening_form(client.token(page))
    think(rng, state)
    client.request("POST check opening", "POST", "/betrieb/stellen/neu", {**form, "check": "1"})
    think(rng, state)
    action = "publish" if rng.random() < 0.25 else "save_draft"
    client.request(f"POST {action} opening", "POST", "/betrieb/stellen/neu", {**form, action: "1"})


def admin_outside(client: Client, rng: random.Random, state: dict) -> None:
    """The project lead looks at the statistics once a minute (``--statistics-every``: more often, for a p95 of the page)."""
    client.request("GET statistics", "GET", "/statistik/")
    state["stop"].wait(max(0.0, state["statistics_every"] - 2))  # (the loop thinks for another 1-3 s)


def _opening_form(token: str) -> dict:
    return {
        "title": "Aushilfe (m/w/d)",
        "description": "Wir suchen Unterstützung.",
        "required_skills": "Kasse\nRegale einräumen",
        "optional_skills": "Staplerschein",
        "german_level": "A2",
        "hours": "part_time",
        "hours_per_week": "20",
        "postcode": "58097",
        "place": "Hagen",
        "start_date": "",
        "driving_licence": "",
        "must_skill": "",
        "csrf_token": token,
    }


def employer(client: Client, rng: random.Random, state: dict) -> None:
    _s, page = client.request("GET own openings", "GET", "/betrieb/stellen")
    ids = re.findall(r"/betrieb/stellen/(\d+)\"", page)
    if ids:
        think(rng, state)
        client.request("GET own opening", "GET", f"/betrieb/stellen/{rng.choice(ids)}")
    think(rng, state)
    _s, page = client.request("GET new opening", "GET", "/betrieb/stellen/neu")
    form = _opening_form(client.token(page))
    think(rng, state)
    client.request("POST check opening", "POST", "/betrieb/stellen/neu", {**form, "check": "1"})
    if rng.random() < 0.2:
        think(rng, state)
        client.request("POST publish opening", "POST", "/betrieb/stellen/neu", {**form, "publish": "1"})


def admin(client: Client, rng: random.Random, state: dict) -> None:
    client.request("GET statistics", "GET", "/statistik/")


def think(rng: random.Random, state: dict) -> None:
    state["stop"].wait(rng.uniform(1.0, 3.0))


MIXES = {
    "own": {"counsellor": counsellor, "employer": employer, "admin": admin},
    "outside": {"counsellor": counsellor_outside, "employer": employer_outside, "admin": admin_outside},
    "api": {"counsellor": counsellor_api, "employer": employer_api, "admin": admin_api},
}


def user(role: str, email: str, host: str, port: int, recorder: Recorder, state: dict, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(host, port, recorder)
    state["stop"].wait(rng.uniform(0, 5))  # users arrive spread over the first seconds
    if not client.log_in(email, PASSWORDS[role]) or (state["mix"] == "api" and not client.make_api_token()):
        state["failed_logins"] += 1
        return
    task = MIXES[state["mix"]][role]
    while not state["stop"].is_set() and recorder.total < state["budget"]:
        task(client, rng, state)
        think(rng, state)


def cpu_times() -> tuple[float, float]:
    with open("/proc/stat") as f:
        fields = [float(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields), idle


def read_log(path: str | None, offset: int) -> tuple[dict[str, list[float]], int]:
    """The CPU milliseconds of each request the service logged after ``offset`` (``cpu_ms``, webapp.core.logs), by route."""
    cpu: dict[str, list[float]] = defaultdict(list)
    if not path:
        return cpu, 0
    with open(path, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        for line in log:
            if '"cpu_ms"' not in line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            cpu[f"{entry['method']} {entry['rule']}"].append(entry["cpu_ms"])
        return cpu, log.tell()


def run(base_url: str, users: int, seconds: float, budget: int, mix: str = "own", log: str | None = None, statistics_every: float = 60) -> dict:
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if not ipaddress.ip_address(socket.gethostbyname(host)).is_loopback:
        sys.exit("bench/load.py only runs against this machine (a loopback address)")
    recorder = Recorder()
    state = {"stop": threading.Event(), "budget": budget, "failed_logins": 0, "mix": mix, "statistics_every": statistics_every}
    roles = []
    for n in range(users):
        if n == 0:
            roles.append(("admin", ADMIN))
        elif n % 5 == 0:
            roles.append(("employer", EMPLOYERS[n % len(EMPLOYERS)]))
        else:
            roles.append(("counsellor", COUNSELLORS[n % len(COUNSELLORS)]))
    threads = [threading.Thread(target=user, args=(role, email, host, port, recorder, state, n), daemon=True) for n, (role, email) in enumerate(roles)]
    load_before = os.getloadavg()[0]
    _cpu, log_offset = read_log(log, 0) if log else ({}, 0)
    total_before, idle_before = cpu_times()
    started = time.perf_counter()
    for t in threads:
        t.start()
    deadline = started + seconds
    while time.perf_counter() < deadline and recorder.total < budget and any(t.is_alive() for t in threads):
        time.sleep(0.5)
    state["stop"].set()
    for t in threads:
        t.join(timeout=35)
    elapsed = time.perf_counter() - started
    total_after, idle_after = cpu_times()
    busy = 1 - (idle_after - idle_before) / max(total_after - total_before, 1)
    load1, _load5, _load15 = os.getloadavg()
    everything = [ms for values in recorder.times.values() for ms in values]
    print(
        f"\n== {users} users ({mix} mix), {elapsed:.0f} s, {recorder.total} requests, {recorder.total / elapsed:.1f} requests/s, failed logins {state['failed_logins']}"
    )
    print(f"{'endpoint':<24} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name in sorted(recorder.times):
        values = sorted(recorder.times[name])
        print(f"{name:<24} {len(values):>8} {statistics.median(values):>8.0f} {percentile(values, 0.95):>8.0f} {recorder.errors[name]:>7}")
    if everything:
        everything.sort()
        print(f"{'all':<24} {len(everything):>8} {statistics.median(everything):>8.0f} {percentile(everything, 0.95):>8.0f} {sum(recorder.errors.values()):>7}")
    print(f"machine: {os.cpu_count()} cores, CPU busy {busy:.0%} during the run, load average (1 min) {load_before:.2f} before, {load1:.2f} at the end")
    cpu, _end = read_log(log, log_offset)
    if cpu:
        print(f"\nCPU per request, from the service's log\n{'route':<58} {'requests':>8} {'mean ms':>8} {'p95 ms':>8}")
        for rule in sorted(cpu, key=lambda r: -sum(cpu[r])):
            values = sorted(cpu[rule])
            print(f"{rule:<58} {len(values):>8} {statistics.fmean(values):>8.1f} {percentile(values, 0.95):>8.1f}")
        spent = [ms for values in cpu.values() for ms in values]
        print(f"{'all':<58} {len(spent):>8} {statistics.fmean(spent):>8.1f} {percentile(sorted(spent), 0.95):>8.1f}")
    everything = everything or [0.0]
    return {
        "users": users,
        "rps": recorder.total / elapsed,
        "p50": statistics.median(everything),
        "p95": percentile(everything, 0.95),
        "p99": percentile(everything, 0.99),
        "errors": sum(recorder.errors.values()),
        "load_before": load_before,
        "load": load1,
        "busy": busy,
    }


def percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, nargs="+", default=[50, 100])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=20000, help="stop a run after this many requests")
    parser.add_argument(
        "--mix",
        choices=sorted(MIXES),
        default="own",
        help="own: the project's mix; outside: the outside test's (issue 31); api: programs calling the JSON API with tokens (issue 27)",
    )
    parser.add_argument("--settle", type=float, default=10, help="seconds of quiet between two runs")
    parser.add_argument("--statistics-every", type=float, default=60, help="outside mix: seconds between the administrator's statistics pages")
    parser.add_argument("--log", help="the service's JSON log (bench/load_setup.sh: /tmp/kmu_load.log): adds the CPU time per request")
    args = parser.parse_args()
    rows = []
    for n, users in enumerate(args.users):
        if n:
            time.sleep(args.settle)
        rows.append(run(args.base_url, users, args.seconds, args.max_requests, args.mix, args.log, args.statistics_every))
    print("\n| users | req/s | p50 ms | p95 ms | p99 ms | errors | load before | load at end | CPU busy |\n|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['users']} | {r['rps']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['errors']} | {r['load_before']:.2f} | {r['load']:.2f} | {r['busy']:.0%} |"
        )


if __name__ == "__main__":
    main()
