"""Walking the site as somebody clicking through it: every page reachable by links from a start page.

Shared by the plain-language test (which reads each page's text) and the accessibility
walk in the browser (which visits the same pages in Chromium).
"""

from __future__ import annotations

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from werkzeug.exceptions import HTTPException

from tests.helpers import csrf_token
from webapp import demo
from webapp.core.db import db
from webapp.warmup import warm_up

READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
SKIPPED = ("/abmelden", "/static/", "/sprache")


class Reader(HTMLParser):
    """The visible text of a page (and its screen-reader labels), and its links.

    Text in ``<code>`` is left out: it is technical on purpose (a checksum, a parameter name
    on the admins' technical record, a file name), shown as such.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style", "template", "code"):
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        self.text.extend(values[name] for name in READ_ATTRIBUTES if values.get(name))
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.text.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "code") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def load_demo(app) -> dict[str, demo.DemoLogin]:
    """The demo data in the app's database, its index built; the first demo login of each role."""
    with app.app_context():
        demo.load(db.session, participants=40)
        db.session.commit()
    warm_up(app)
    return {entry.role: entry for entry in reversed(demo.demo_logins())}


def log_in(client, entry) -> str:
    """Log the test client in as a demo login; the page it is sent to."""
    response = client.post("/anmelden", data={"email": entry.email, "password": entry.password, "csrf_token": csrf_token(client)})
    if response.status_code != 302:
        raise AssertionError(f"{entry.email} could not log in ({response.status_code})")
    return response.headers["Location"]


def walk(app, client, start: str, per_kind: int) -> dict[str, Reader]:
    """Every HTML page reachable by links from ``start`` (at most ``per_kind`` of each route), read."""
    adapter = app.url_map.bind("localhost")
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    queue = deque([start])
    pages: dict[str, Reader] = {}
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
        if kinds[endpoint] > per_kind:
            continue
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            queue.append(response.headers["Location"])
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        reader = Reader()
        reader.feed(response.get_data(as_text=True))
        pages[url] = reader
        for href in reader.links:
            queue.append(urljoin(url, href).removeprefix("http://localhost").split("#")[0])
    if len(pages) < 3:
        raise AssertionError(f"the walk from {start} found hardly any page: {sorted(pages)}")
    return pages
