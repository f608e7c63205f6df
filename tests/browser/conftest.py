"""A live server and Debian's chromium driven by Playwright for Python."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "browser"


class _Gate:
    """The app behind a gate that can be closed: then every request gets 503 without reaching the app.

    ``shutdown()`` only stops the server from accepting connections; a connection Chromium keeps alive can still
    bring a request (a late fetch, a favicon) while the test's app is torn down. Such a request took a database
    connection from the engine after the app fixture had disposed it, and nothing ever closed that connection:
    PostgreSQL's driver warned when the garbage collector found it, in whichever test ran then.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.busy = 0
        self.closed = False
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            if self.closed:
                start_response("503 Service Unavailable", [("Content-Length", "0"), ("Connection", "close")])
                return [b""]
            self.busy += 1
        try:
            result = self.app(environ, start_response)
            try:
                return [b"".join(result)]  # the app's whole work is done before the gate counts it finished
            finally:
                if hasattr(result, "close"):
                    result.close()
        finally:
            with self.lock:
                self.busy -= 1

    def close(self, timeout: float = 10) -> None:
        """Turn new requests away and wait for those at work."""
        with self.lock:
            self.closed = True
        deadline = time.monotonic() + timeout
        while self.busy and time.monotonic() < deadline:
            time.sleep(0.02)


@pytest.fixture
def live_server(app):
    """The app served on a free port of 127.0.0.1 for the length of one test."""
    # Browser tests log in many times a minute from one address; the limits have their own tests.
    app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
    app.config["ACCOUNT_RATE_LIMIT"] = "1000 per minute"
    gate = _Gate(app)
    server = make_server("127.0.0.1", 0, gate, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    gate.close()  # before the app fixture disposes the engine: no request takes a connection after that
    server.socket.close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it) or `apt-get install chromium`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shots(request):
    """Where this test saves its screenshots: test-output/browser/<test name>/."""
    folder = OUTPUT / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
