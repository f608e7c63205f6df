"""Every page each role reaches, read as a person reads it: no internal codes, German numbers.

The walk starts at a role's start page on the demo data and follows every link of the
site (a few pages of each kind), the way somebody clicking through would. On every
German page the visible text (and the labels a screen reader reads) must hold no
stored codes (``part_time``, ``esco:…``, ``participant.view_card``), no ISO dates
or months, no "UTC" and no number with a decimal point.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from tests.conftest import csrf_token
from webapp import demo
from webapp.db import db
from webapp.warmup import warm_up

READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
SKIPPED = ("/abmelden", "/static/", "/sprache")
PER_KIND = 3  # pages of one kind (route) visited: the third participant reads like the first


class Reader(HTMLParser):
    """The visible text of a page (and its screen-reader labels), and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        self.text.extend(values[name] for name in READ_ATTRIBUTES if values.get(name))
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.text.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


# Addresses, and names that hold a number with a point ("Gemeinsam für Hagen 2.0"), are not numbers.
NOT_READ_AS_NUMBERS = re.compile(r"\S+@\S+|https?://\S+|\b[\w-]+\.(?:example|de|org|eu)\b|Hagen 2\.0")
FAULTS = {
    "a stored code": re.compile(r"\b[a-z]+(?:_[a-z]+)+\b"),
    "an ESCO or term key": re.compile(r"\b(?:esco|term|kldb):\S*"),
    "a dotted event name": re.compile(r"\b[a-z]{3,}\.[a-z_]{3,}\b"),
    "an ISO date or month": re.compile(r"\b20\d\d-[01]\d(?:-[0-3]\d)?\b"),
    "UTC": re.compile(r"\bUTC\b"),
}
DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.])")


def faults_in(text: str) -> list[str]:
    """What a German reader should not see in ``text``."""
    text = NOT_READ_AS_NUMBERS.sub(" ", text)
    found = [f"{name}: {m.group(0)!r}" for name, pattern in FAULTS.items() for m in pattern.finditer(text)]
    for m in DECIMAL.finditer(text):
        whole, part = m.groups()
        if len(part) != 3 or whole.startswith("0"):  # "20.000" is German for twenty thousand
            found.append(f"a decimal point: {m.group(0)!r}")
    return found


def test_the_checker_sees_what_it_should():
    assert faults_in("Arbeitszeit (verlangt part_time)") and faults_in("Brötchen (esco:5626b3b1)")
    assert faults_in("participant.view_card / participant 301") and faults_in("Quote 0.667")
    assert faults_in("Entfernung: 2.2 km") and faults_in("Monat 2026-11") and faults_in("12:00 UTC")
    assert not faults_in("am 30.11.2026 um 11:12 · 20.000 Teilnehmende · 2,2 km · 67 % · z. B. · kontakt@baeckerei-eins.example · Gemeinsam für Hagen 2.0")


@pytest.fixture
def demo_site(app):
    with app.app_context():
        demo.load(db.session, participants=40)
        db.session.commit()
    warm_up(app)
    return {entry.role: entry for entry in reversed(demo.demo_logins())}  # the first login of each role


def walk(app, client, start: str) -> dict[str, list[str]]:
    """Visit every page reachable by links from ``start``; the faults found on each."""
    adapter = app.url_map.bind("localhost")
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    queue = deque([start])
    faults: dict[str, list[str]] = {}
    while queue:
        url = queue.popleft()
        parts = urlsplit(url)
        if url in seen or parts.netloc or any(parts.path.startswith(s) for s in SKIPPED):
            continue
        seen.add(url)
        try:
            endpoint, _args = adapter.match(parts.path, method="GET")
        except HTTPException:
            continue
        kinds[endpoint] += 1
        if kinds[endpoint] > PER_KIND:
            continue
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            queue.append(response.headers["Location"])
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        reader = Reader()
        reader.feed(response.get_data(as_text=True))
        found = faults_in(" | ".join(reader.text))
        if found:
            faults[url] = sorted(set(found))
        for href in reader.links:
            queue.append(urljoin(url, href).removeprefix("http://localhost").split("#")[0])
    assert len(seen) > 5, f"the walk from {start} found hardly any page: {sorted(seen)}"
    return faults


@pytest.mark.parametrize("role", ["admin", "counsellor", "employer"])
def test_no_page_shows_codes_or_english_numbers(app, client, demo_site, role):
    entry = demo_site[role]
    response = client.post("/anmelden", data={"email": entry.email, "password": entry.password, "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    faults = walk(app, client, response.headers["Location"])
    assert not faults, "\n".join(f"{url}: {'; '.join(found)}" for url, found in faults.items())
