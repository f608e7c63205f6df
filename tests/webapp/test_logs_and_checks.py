"""Logs are JSON with request ids and never hold personal data; bandit finds nothing."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from tests.factories import FORM
from tests.helpers import csrf_token

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ["Zuzanna", "Wiśniewska-Kowal", "zuzanna.w@example.org", "0176 9876543", "kein Geheimnis hier notieren"]


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_logs_hold_no_names_addresses_phone_numbers_or_notes(app, client, world, login_as):
    capture = Capture()
    capture.setFormatter(app.logger.handlers[0].formatter)
    app.logger.addHandler(capture)
    login_as("counsellor_a")
    url = "/beratung/teilnehmende/neu"
    data = {
        **FORM,
        "first_name": SECRETS[0],
        "last_name": SECRETS[1],
        "email": SECRETS[2],
        "phone": SECRETS[3],
        "notes": SECRETS[4],
        "counsellor_id": "2",
        "submit": "1",
        "csrf_token": csrf_token(client, url),
    }
    created = client.post(url, data=data)
    assert created.status_code == 302
    client.get(created.headers["Location"])
    client.get(f"/beratung/teilnehmende?q={SECRETS[0]}")
    client.post(url, data={**data, "email": "kaputt", "postcode": "1"})  # a form with errors
    text = "\n".join(capture.lines)
    assert '"rule": "/beratung/teilnehmende/<int:participant_id>"' in text
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), secret
    entries = [json.loads(line) for line in capture.lines]
    assert all(e["time"].endswith("+00:00") and e["request_id"] for e in entries if e["message"] == "request")
    # the time of each request and the CPU its thread used for it (what the load bench adds up per page)
    assert all(0 <= e["cpu_ms"] <= e["ms"] + 1 for e in entries if e["message"] == "request")


def test_every_response_names_its_request_id(client):
    response = client.get("/healthz", headers={"X-Request-ID": "abc123"})
    assert response.headers["X-Request-ID"] == "abc123"
    assert len(client.get("/healthz").headers["X-Request-ID"]) == 16


def test_an_unexpected_error_logs_its_type_but_not_its_message(app):
    capture = Capture()
    capture.setFormatter(app.logger.handlers[0].formatter)
    app.logger.addHandler(capture)

    @app.route("/_boom")
    def _boom():
        raise ValueError("Teilnehmerin Zuzanna hat Telefon 0176 9876543")

    assert app.test_client().get("/_boom").status_code == 500
    text = "\n".join(capture.lines)
    assert '"error": "ValueError"' in text and "Zuzanna" not in text and "0176" not in text


def test_bandit_finds_no_security_issue():
    result = subprocess.run([sys.executable, "-m", "bandit", "-q", "-r", "matching", "webapp", "models"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
